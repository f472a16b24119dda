"""POST /admin/step-up/verify (TOTP-confirmed step-up) and POST /admin/users/{id}/reveal-email (SPEC §11.1)."""

from __future__ import annotations

import uuid

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from shared.roles import Role
from syncserver.clock import ManualClock
from syncserver.models import AuditEvent
from tests.syncserver.support import SignedIn, create_user, db_session, sign_in, totp_code

HEADER = "X-Admin-Step-Up"


def events(app: FastAPI, action: str) -> list[AuditEvent]:
    with db_session(app) as session:
        return list(session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def verify(client: TestClient, admin: SignedIn, scope: str, code: str) -> tuple[int, dict[str, object]]:
    response = client.post("/admin/step-up/verify", json={"scope": scope, "code": code}, headers=admin.headers)
    return response.status_code, response.json()


def reveal(client: TestClient, admin: SignedIn, user_id: uuid.UUID, token: str | None) -> tuple[int, dict[str, object]]:
    headers = {**admin.headers, HEADER: token} if token is not None else admin.headers
    response = client.post(f"/admin/users/{user_id}/reveal-email", headers=headers)
    return response.status_code, response.json()


class TestStepUpVerify:
    def test_fresh_totp_code_issues_a_grant(self, app: FastAPI, client: TestClient, clock: ManualClock) -> None:
        admin = sign_in(app, role=Role.ADMIN)
        assert admin.totp_secret is not None
        clock.advance(60)
        status, body = verify(client, admin, "pii_reveal", totp_code(admin.totp_secret, app))
        assert status == 200
        assert (body["scope"], body["one_time"], body["header"]) == ("pii_reveal", True, HEADER)
        assert [e.redacted_metadata["scope"] for e in events(app, "ADMIN_STEP_UP_SUCCESS")] == ["pii_reveal"]

    def test_backup_code_works_once(self, app: FastAPI, client: TestClient) -> None:
        admin = sign_in(app, role=Role.SUPERADMIN)
        code = admin.backup_codes[0]
        assert verify(client, admin, "role_grant", code)[0] == 200
        assert verify(client, admin, "role_grant", code) == (403, {"detail": "admin_step_up_invalid"})

    def test_replayed_totp_step_is_refused(self, app: FastAPI, client: TestClient, clock: ManualClock) -> None:
        admin = sign_in(app, role=Role.ADMIN)
        assert admin.totp_secret is not None
        clock.advance(60)
        code = totp_code(admin.totp_secret, app)
        assert verify(client, admin, "pii_reveal", code)[0] == 200
        assert verify(client, admin, "pii_reveal", code) == (403, {"detail": "admin_step_up_invalid"})

    def test_wrong_code_is_audited_as_failed(self, app: FastAPI, client: TestClient) -> None:
        admin = sign_in(app, role=Role.ADMIN)
        assert verify(client, admin, "pii_reveal", "000000") == (403, {"detail": "admin_step_up_invalid"})
        [failed] = events(app, "ADMIN_STEP_UP_FAILED")
        assert (failed.result, failed.reason_code, failed.actor_id) == ("denied", "INVALID_CODE", admin.user_id)
        assert events(app, "ADMIN_STEP_UP_SUCCESS") == []

    def test_unknown_scope(self, app: FastAPI, client: TestClient) -> None:
        admin = sign_in(app, role=Role.ADMIN)
        assert verify(client, admin, "root", admin.backup_codes[0]) == (400, {"detail": "invalid_step_up_scope"})

    @pytest.mark.parametrize("role", [Role.USER, Role.VIP, Role.DEALER])
    def test_non_admin_forbidden(self, app: FastAPI, client: TestClient, role: Role) -> None:
        account = sign_in(app, role=role)
        assert verify(client, account, "pii_reveal", "123456") == (403, {"detail": "forbidden"})

    def test_admin_without_second_factor(self, app: FastAPI, client: TestClient) -> None:
        admin = sign_in(app, role=Role.ADMIN, totp=False)
        assert verify(client, admin, "pii_reveal", "123456") == (403, {"detail": "totp_required"})


class TestRevealEmail:
    def test_reveal_with_step_up_is_audited_without_the_address(self, app: FastAPI, client: TestClient) -> None:
        admin = sign_in(app, role=Role.ADMIN)
        target = create_user(app, "erika.muster@example.org")
        _, grant = verify(client, admin, "pii_reveal", admin.backup_codes[0])
        response = client.post(
            f"/admin/users/{target}/reveal-email", headers={**admin.headers, HEADER: str(grant["token"])}
        )
        assert response.status_code == 200
        assert response.headers["cache-control"] == "no-store"
        body = response.json()
        assert (body["user_id"], body["email"]) == (str(target), "erika.muster@example.org")
        [event] = events(app, "ADMIN_PII_REVEALED")
        assert (event.actor_id, event.target_type, event.target_id) == (admin.user_id, "USER", str(target))
        assert event.result == "success"
        assert "@" not in str(event.redacted_metadata)
        assert event.redacted_metadata["scope"] == "pii_reveal"

    def test_grant_is_one_time(self, app: FastAPI, client: TestClient) -> None:
        admin = sign_in(app, role=Role.ADMIN)
        target = create_user(app, "one@example.org")
        token = str(verify(client, admin, "pii_reveal", admin.backup_codes[0])[1]["token"])
        assert reveal(client, admin, target, token)[0] == 200
        assert reveal(client, admin, target, token) == (403, {"detail": "admin_step_up_invalid"})

    def test_without_step_up(self, app: FastAPI, client: TestClient) -> None:
        admin = sign_in(app, role=Role.ADMIN)
        target = create_user(app, "two@example.org")
        assert reveal(client, admin, target, None) == (403, {"detail": "admin_step_up_required"})
        assert [e.reason_code for e in events(app, "ADMIN_STEP_UP_FAILED")] == ["STEP_UP_MISSING"]
        assert events(app, "ADMIN_PII_REVEALED") == []

    def test_wrong_scope_grant(self, app: FastAPI, client: TestClient) -> None:
        admin = sign_in(app, role=Role.ADMIN)
        target = create_user(app, "three@example.org")
        token = str(verify(client, admin, "role_grant", admin.backup_codes[0])[1]["token"])
        assert reveal(client, admin, target, token) == (403, {"detail": "admin_step_up_invalid"})

    def test_unknown_user_keeps_the_grant(self, app: FastAPI, client: TestClient) -> None:
        admin = sign_in(app, role=Role.ADMIN)
        token = str(verify(client, admin, "pii_reveal", admin.backup_codes[0])[1]["token"])
        assert reveal(client, admin, uuid.uuid4(), token) == (404, {"detail": "user_not_found"})
        target = create_user(app, "four@example.org")
        assert reveal(client, admin, target, token)[0] == 200

    def test_another_admins_grant_is_refused(self, app: FastAPI, client: TestClient) -> None:
        first, second = sign_in(app, role=Role.ADMIN), sign_in(app, role=Role.ADMIN)
        target = create_user(app, "five@example.org")
        token = str(verify(client, first, "pii_reveal", first.backup_codes[0])[1]["token"])
        assert reveal(client, second, target, token) == (403, {"detail": "admin_step_up_invalid"})

    @pytest.mark.parametrize("role", [Role.USER, Role.MODERATOR])
    def test_non_admin_forbidden(self, app: FastAPI, client: TestClient, role: Role) -> None:
        account = sign_in(app, role=role)
        target = create_user(app, "six@example.org")
        status, body = reveal(client, account, target, "x")
        assert status == 403
        assert body["detail"] in {"forbidden", "role_not_allowed"}

    def test_api_mirror(self, app: FastAPI, client: TestClient) -> None:
        admin = sign_in(app, role=Role.SUPERADMIN)
        target = create_user(app, "seven@example.org")
        token = str(verify(client, admin, "pii_reveal", admin.backup_codes[0])[1]["token"])
        response = client.post(f"/api/admin/users/{target}/reveal-email", headers={**admin.headers, HEADER: token})
        assert response.json()["email"] == "seven@example.org"
