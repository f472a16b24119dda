"""API_CONTRACT "Admin" rows: user list, step-up grants, role changes, moderator accreditation, entitlements."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from shared.roles import Role
from syncserver.clock import ManualClock
from syncserver.governance.repository import vehicle_allowance
from syncserver.models import AuditEvent
from syncserver.models.user import User
from tests.syncserver.support import SignedIn, create_user, db_session, sign_in

HEADER = "X-Admin-Step-Up"


def step_up(client: TestClient, admin: SignedIn, scope: str, **extra: Any) -> str:
    response = client.post("/admin/step-up/grant", json={"scope": scope, **extra}, headers=admin.headers)
    assert response.status_code == 200, response.text
    return str(response.json()["step_up_token"])


def with_step_up(admin: SignedIn, token: str | None) -> dict[str, str]:
    return {**admin.headers, HEADER: token} if token is not None else admin.headers


def set_role(client: TestClient, admin: SignedIn, user_id: uuid.UUID, role: str, token: str | None) -> Any:
    return client.post(f"/admin/users/{user_id}/role", json={"role": role}, headers=with_step_up(admin, token))


def role_of(app: FastAPI, user_id: uuid.UUID) -> str:
    with db_session(app) as session:
        user = session.get(User, user_id)
        assert user is not None
        return user.role


def events(app: FastAPI, action: str) -> list[AuditEvent]:
    with db_session(app) as session:
        return list(session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


class TestUserList:
    def test_newest_first_without_email(self, app: FastAPI, client: TestClient, clock: ManualClock) -> None:
        admin = sign_in(app, role=Role.ADMIN)
        clock.advance(10)
        newer = create_user(app, "newer@example.org", Role.VIP)
        response = client.get("/admin/users", headers=admin.headers)
        assert response.status_code == 200
        body = response.json()
        assert body[0] == {"user_id": str(newer), "role": "vip", "created_at": body[0]["created_at"]}
        assert {tuple(sorted(row)) for row in body} == {("created_at", "role", "user_id")}
        assert str(admin.user_id) in {row["user_id"] for row in body}
        assert "@" not in response.text

    def test_api_mirror(self, app: FastAPI, client: TestClient) -> None:
        admin = sign_in(app, role=Role.SUPERADMIN)
        assert client.get("/api/admin/users", headers=admin.headers).status_code == 200

    @pytest.mark.parametrize("role", [Role.USER, Role.VIP, Role.DEALER])
    def test_non_admin_forbidden(self, app: FastAPI, client: TestClient, role: Role) -> None:
        account = sign_in(app, role=role)
        response = client.get("/admin/users", headers=account.headers)
        assert (response.status_code, response.json()) == (403, {"detail": "forbidden"})

    def test_admin_without_second_factor(self, app: FastAPI, client: TestClient) -> None:
        admin = sign_in(app, role=Role.ADMIN, totp=False)
        response = client.get("/admin/users", headers=admin.headers)
        assert (response.status_code, response.json()) == (403, {"detail": "totp_required"})


class TestStepUpGrant:
    def test_response_shape(self, app: FastAPI, client: TestClient, clock: ManualClock) -> None:
        admin = sign_in(app, role=Role.ADMIN)
        response = client.post("/admin/step-up/grant", json={"scope": "role_grant"}, headers=admin.headers)
        assert response.status_code == 200
        body = response.json()
        assert set(body) == {
            "ok",
            "scope",
            "step_up_token",
            "token",
            "expires_at",
            "ttl_seconds",
            "one_time",
            "header",
        }
        assert body["ok"] is True
        assert body["one_time"] is True
        assert (body["scope"], body["ttl_seconds"], body["header"]) == ("role_grant", 600, "X-Admin-Step-Up")
        assert body["token"] == body["step_up_token"]
        assert len(body["token"]) >= 40
        assert datetime.fromisoformat(body["expires_at"]) == clock.now() + timedelta(seconds=600)

    @pytest.mark.parametrize(("requested", "granted"), [(60, 60), (300, 300), (5, 60), (3600, 600)])
    def test_ttl_is_clamped(self, app: FastAPI, client: TestClient, requested: int, granted: int) -> None:
        admin = sign_in(app, role=Role.ADMIN)
        body = {"scope": "vip_business_staff", "ttl_seconds": requested}
        response = client.post("/admin/step-up/grant", json=body, headers=admin.headers)
        assert response.json()["ttl_seconds"] == granted

    @pytest.mark.parametrize("scope", ["", "root", "ROLE_GRANT", "role_grant "])
    def test_invalid_scope(self, app: FastAPI, client: TestClient, scope: str) -> None:
        admin = sign_in(app, role=Role.ADMIN)
        response = client.post("/admin/step-up/grant", json={"scope": scope}, headers=admin.headers)
        assert (response.status_code, response.json()) == (400, {"detail": "invalid_step_up_scope"})

    def test_audited_without_the_token(self, app: FastAPI, client: TestClient) -> None:
        admin = sign_in(app, role=Role.ADMIN)
        token = step_up(client, admin, "moderator_accredit")
        [event] = events(app, "ADMIN_STEP_UP_SUCCESS")
        assert (event.actor_id, event.redacted_metadata["scope"]) == (admin.user_id, "moderator_accredit")
        assert token not in str(event.redacted_metadata)

    def test_non_admin_forbidden(self, app: FastAPI, client: TestClient) -> None:
        dealer = sign_in(app, role=Role.DEALER)
        response = client.post("/admin/step-up/grant", json={"scope": "role_grant"}, headers=dealer.headers)
        assert (response.status_code, response.json()) == (403, {"detail": "forbidden"})


class TestRoleChange:
    def test_success(self, app: FastAPI, client: TestClient, clock: ManualClock) -> None:
        admin = sign_in(app, role=Role.ADMIN)
        target = create_user(app, "t@example.org")
        response = set_role(client, admin, target, "dealer", step_up(client, admin, "role_grant"))
        assert response.status_code == 200
        assert response.json() == {
            "ok": True,
            "user_id": str(target),
            "old_role": "user",
            "new_role": "dealer",
            "at": response.json()["at"],
        }
        assert role_of(app, target) == "dealer"
        [event] = [e for e in events(app, "ROLE_GRANTED") if e.actor_id == admin.user_id]
        assert event.redacted_metadata["old_role"] == "user"
        assert event.redacted_metadata["new_role"] == "dealer"
        assert event.target_id == str(target)

    def test_demotion_to_user_is_role_revoked(self, app: FastAPI, client: TestClient) -> None:
        admin = sign_in(app, role=Role.ADMIN)
        target = create_user(app, "t@example.org", Role.VIP)
        assert set_role(client, admin, target, "user", step_up(client, admin, "role_grant")).status_code == 200
        assert [e.target_id for e in events(app, "ROLE_REVOKED")] == [str(target)]

    def test_step_up_required(self, app: FastAPI, client: TestClient) -> None:
        admin = sign_in(app, role=Role.ADMIN)
        target = create_user(app, "t@example.org")
        response = set_role(client, admin, target, "vip", None)
        assert (response.status_code, response.json()) == (403, {"detail": "admin_step_up_required"})
        [event] = events(app, "ADMIN_STEP_UP_FAILED")
        assert (event.result, event.reason_code) == ("denied", "STEP_UP_MISSING")
        assert role_of(app, target) == "user"

    def test_used_token_is_invalid(self, app: FastAPI, client: TestClient) -> None:
        admin = sign_in(app, role=Role.ADMIN)
        target = create_user(app, "t@example.org")
        token = step_up(client, admin, "role_grant")
        assert set_role(client, admin, target, "vip", token).status_code == 200
        response = set_role(client, admin, target, "dealer", token)
        assert (response.status_code, response.json()) == (403, {"detail": "admin_step_up_invalid"})
        assert role_of(app, target) == "vip"
        assert [e.reason_code for e in events(app, "ADMIN_STEP_UP_FAILED")] == ["STEP_UP_INVALID"]

    def test_wrong_scope_is_invalid(self, app: FastAPI, client: TestClient) -> None:
        admin = sign_in(app, role=Role.ADMIN)
        target = create_user(app, "t@example.org")
        response = set_role(client, admin, target, "vip", step_up(client, admin, "moderator_accredit"))
        assert (response.status_code, response.json()) == (403, {"detail": "admin_step_up_invalid"})

    def test_another_admins_token_is_invalid(self, app: FastAPI, client: TestClient) -> None:
        admin, other = sign_in(app, role=Role.ADMIN), sign_in(app, role=Role.ADMIN)
        target = create_user(app, "t@example.org")
        response = set_role(client, admin, target, "vip", step_up(client, other, "role_grant"))
        assert (response.status_code, response.json()) == (403, {"detail": "admin_step_up_invalid"})

    @pytest.mark.parametrize("token", ["garbage", "x" * 300])
    def test_unknown_token_is_invalid(self, app: FastAPI, client: TestClient, token: str) -> None:
        admin = sign_in(app, role=Role.ADMIN)
        target = create_user(app, "t@example.org")
        response = set_role(client, admin, target, "vip", token)
        assert (response.status_code, response.json()) == (403, {"detail": "admin_step_up_invalid"})

    def test_expired_token_is_invalid(self, app: FastAPI, client: TestClient, clock: ManualClock) -> None:
        admin = sign_in(app, role=Role.ADMIN)
        target = create_user(app, "t@example.org")
        token = step_up(client, admin, "role_grant", ttl_seconds=60)
        clock.advance(59)
        early = step_up(client, admin, "role_grant", ttl_seconds=60)
        clock.advance(1)
        response = set_role(client, admin, target, "vip", token)
        assert (response.status_code, response.json()) == (403, {"detail": "admin_step_up_invalid"})
        assert set_role(client, admin, target, "vip", early).status_code == 200

    @pytest.mark.parametrize("role", ["public", "king", "", "Admin"])
    def test_invalid_role(self, app: FastAPI, client: TestClient, role: str) -> None:
        admin = sign_in(app, role=Role.ADMIN)
        target = create_user(app, "t@example.org")
        response = set_role(client, admin, target, role, step_up(client, admin, "role_grant"))
        assert (response.status_code, response.json()) == (400, {"detail": "invalid_role"})

    def test_admin_granting_superadmin_is_refused_first(self, app: FastAPI, client: TestClient) -> None:
        admin = sign_in(app, role=Role.ADMIN)
        target = create_user(app, "t@example.org")
        token = step_up(client, admin, "role_grant")
        for used_token in (token, None):
            response = set_role(client, admin, target, "superadmin", used_token)
            assert (response.status_code, response.json()) == (403, {"detail": "superadmin_required"})
        denied = [e for e in events(app, "ROLE_GRANTED") if e.result == "denied"]
        assert [e.reason_code for e in denied] == ["SUPERADMIN_REQUIRED", "SUPERADMIN_REQUIRED"]
        # the failed attempt did not spend the grant
        assert set_role(client, admin, target, "vip", token).status_code == 200

    def test_admin_may_not_demote_a_superadmin(self, app: FastAPI, client: TestClient) -> None:
        admin = sign_in(app, role=Role.ADMIN)
        boss = create_user(app, "boss@example.org", Role.SUPERADMIN)
        response = set_role(client, admin, boss, "user", step_up(client, admin, "role_grant"))
        assert (response.status_code, response.json()) == (403, {"detail": "superadmin_required"})
        assert role_of(app, boss) == "superadmin"

    def test_superadmin_grants_superadmin(self, app: FastAPI, client: TestClient) -> None:
        boss = sign_in(app, role=Role.SUPERADMIN)
        target = create_user(app, "t@example.org", Role.ADMIN)
        response = set_role(client, boss, target, "superadmin", step_up(client, boss, "role_grant"))
        assert response.status_code == 200
        assert (response.json()["old_role"], response.json()["new_role"]) == ("admin", "superadmin")

    def test_user_not_found_keeps_the_grant(self, app: FastAPI, client: TestClient) -> None:
        admin = sign_in(app, role=Role.ADMIN)
        token = step_up(client, admin, "role_grant")
        response = set_role(client, admin, uuid.uuid4(), "vip", token)
        assert (response.status_code, response.json()) == (404, {"detail": "user_not_found"})
        target = create_user(app, "t@example.org")
        assert set_role(client, admin, target, "vip", token).status_code == 200

    def test_non_admin_forbidden(self, app: FastAPI, client: TestClient) -> None:
        dealer = sign_in(app, role=Role.DEALER)
        response = set_role(client, dealer, dealer.user_id, "admin", None)
        assert (response.status_code, response.json()) == (403, {"detail": "forbidden"})
        assert role_of(app, dealer.user_id) == "dealer"


class TestModeratorAccreditation:
    def accredit(self, client: TestClient, admin: SignedIn, user_id: uuid.UUID, token: str | None) -> Any:
        return client.post(
            f"/admin/users/{user_id}/moderator", json={"reason": "writes news"}, headers=with_step_up(admin, token)
        )

    def test_success(self, app: FastAPI, client: TestClient) -> None:
        admin = sign_in(app, role=Role.ADMIN)
        target = create_user(app, "t@example.org")
        response = self.accredit(client, admin, target, step_up(client, admin, "moderator_accredit"))
        assert response.status_code == 200
        body = response.json()
        assert set(body) == {"ok", "user_id", "old_role", "new_role", "at"}
        assert (body["ok"], body["user_id"], body["old_role"], body["new_role"]) == (
            True,
            str(target),
            "user",
            "moderator",
        )
        assert role_of(app, target) == "moderator"
        [event] = events(app, "MODERATOR_ACCREDITED")
        assert (event.actor_id, event.target_id) == (admin.user_id, str(target))
        assert "writes news" not in str(event.redacted_metadata)

    def test_without_body(self, app: FastAPI, client: TestClient) -> None:
        admin = sign_in(app, role=Role.SUPERADMIN)
        target = create_user(app, "t@example.org")
        token = step_up(client, admin, "moderator_accredit")
        response = client.post(f"/admin/users/{target}/moderator", headers=with_step_up(admin, token))
        assert response.status_code == 200

    def test_step_up_required(self, app: FastAPI, client: TestClient) -> None:
        admin = sign_in(app, role=Role.ADMIN)
        target = create_user(app, "t@example.org")
        response = self.accredit(client, admin, target, None)
        assert (response.status_code, response.json()) == (403, {"detail": "admin_step_up_required"})

    def test_role_grant_token_does_not_fit(self, app: FastAPI, client: TestClient) -> None:
        admin = sign_in(app, role=Role.ADMIN)
        target = create_user(app, "t@example.org")
        response = self.accredit(client, admin, target, step_up(client, admin, "role_grant"))
        assert (response.status_code, response.json()) == (403, {"detail": "admin_step_up_invalid"})

    def test_user_not_found(self, app: FastAPI, client: TestClient) -> None:
        admin = sign_in(app, role=Role.ADMIN)
        response = self.accredit(client, admin, uuid.uuid4(), step_up(client, admin, "moderator_accredit"))
        assert (response.status_code, response.json()) == (404, {"detail": "user_not_found"})

    def test_admin_cannot_turn_a_superadmin_into_a_moderator(self, app: FastAPI, client: TestClient) -> None:
        admin = sign_in(app, role=Role.ADMIN)
        boss = create_user(app, "boss@example.org", Role.SUPERADMIN)
        response = self.accredit(client, admin, boss, step_up(client, admin, "moderator_accredit"))
        assert (response.status_code, response.json()) == (403, {"detail": "superadmin_required"})

    def test_revoking_a_moderator_is_audited(self, app: FastAPI, client: TestClient) -> None:
        admin = sign_in(app, role=Role.ADMIN)
        target = create_user(app, "t@example.org", Role.MODERATOR)
        assert set_role(client, admin, target, "user", step_up(client, admin, "role_grant")).status_code == 200
        assert [e.target_id for e in events(app, "MODERATOR_REVOKED")] == [str(target)]


class TestEntitlements:
    def test_set_and_read(self, app: FastAPI, client: TestClient) -> None:
        admin = sign_in(app, role=Role.ADMIN)
        target = create_user(app, "t@example.org")
        with db_session(app) as session:
            assert vehicle_allowance(session, target) == 1
        for value in (2, 4):
            response = client.post(
                f"/admin/users/{target}/entitlements",
                json={"key": "extra_vehicles", "value": value},
                headers=admin.headers,
            )
            assert response.status_code == 200
            assert response.json()["value"] == value
            assert response.json()["set_by_user_id"] == str(admin.user_id)
        with db_session(app) as session:
            assert vehicle_allowance(session, target) == 5
        listed = client.get(f"/admin/users/{target}/entitlements", headers=admin.headers).json()
        assert [(e["key"], e["value"]) for e in listed] == [("extra_vehicles", 4)]
        assert [e.redacted_metadata["value"] for e in events(app, "ENTITLEMENT_SET")] == [2, 4]

    @pytest.mark.parametrize("body", [{"key": "extra_vehicles", "value": -1}, {"key": "Bad Key", "value": 1}, {}])
    def test_invalid_body(self, app: FastAPI, client: TestClient, body: dict[str, Any]) -> None:
        admin = sign_in(app, role=Role.ADMIN)
        target = create_user(app, "t@example.org")
        response = client.post(f"/admin/users/{target}/entitlements", json=body, headers=admin.headers)
        assert response.status_code == 422

    def test_user_not_found(self, app: FastAPI, client: TestClient) -> None:
        admin = sign_in(app, role=Role.ADMIN)
        body = {"key": "extra_vehicles", "value": 1}
        response = client.post(f"/admin/users/{uuid.uuid4()}/entitlements", json=body, headers=admin.headers)
        assert (response.status_code, response.json()) == (404, {"detail": "user_not_found"})

    def test_user_cannot_grant_itself(self, app: FastAPI, client: TestClient) -> None:
        user = sign_in(app, role=Role.USER)
        body = {"key": "extra_vehicles", "value": 9}
        response = client.post(f"/admin/users/{user.user_id}/entitlements", json=body, headers=user.headers)
        assert response.status_code == 403
        with db_session(app) as session:
            assert vehicle_allowance(session, user.user_id) == 1
