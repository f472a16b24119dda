"""``GET /admin/audit`` (SPEC §11.6): filters, keyset paging newest first, admin only; the action catalogue."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from shared.roles import Role
from syncserver.audit import AuditAction, AuditActor, AuditResult, ReasonCode, TargetType, record
from syncserver.clock import ManualClock
from tests.syncserver.support import SignedIn, db_session, sign_in

#: SPEC §11.6 binding action enums (the table), verbatim.
BINDING_ACTIONS = """
AUTH_CHALLENGE_CREATED AUTH_CHALLENGE_VERIFIED AUTH_CHALLENGE_FAILED SESSION_CREATED SESSION_REVOKED CONSENT_ACCEPTED
CONSENT_REQUIRED_BLOCK ROLE_GRANTED ROLE_REVOKED ORG_CREATED ORG_MEMBERSHIP_REQUESTED ORG_MEMBERSHIP_APPROVED
ORG_MEMBERSHIP_REVOKED MODERATOR_ACCREDITED MODERATOR_REVOKED VEHICLE_CREATED VEHICLE_UPDATED VEHICLE_DELETED
ENTRY_CREATED ENTRY_UPDATED ENTRY_VERSION_CREATED ENTRY_DELETED UPLOAD_RECEIVED UPLOAD_QUARANTINED UPLOAD_SCANNED_CLEAN
UPLOAD_SCANNED_SUSPICIOUS UPLOAD_APPROVED UPLOAD_REJECTED DOCUMENT_VISIBILITY_CHANGED VERIFICATION_SET_T1
VERIFICATION_SET_T2 VERIFICATION_SET_T3 VERIFICATION_REVOKED T3_PARTNER_ACCREDITED T3_PARTNER_REVOKED
PUBLIC_SHARE_ENABLED PUBLIC_SHARE_DISABLED PUBLIC_SHARE_ROTATED HANDOVER_TOKEN_CREATED HANDOVER_COMPLETED
HANDOVER_EXPIRED EXPORT_REDACTED_REQUESTED EXPORT_REDACTED_READY EXPORT_FULL_REQUESTED EXPORT_FULL_READY EXPORT_DENIED
ADMIN_STEP_UP_SUCCESS ADMIN_STEP_UP_FAILED CONFIG_CHANGED RETENTION_OVERRIDE_SET break_glass_used
admin_security_review_required
""".split()


def seed(app: FastAPI, clock: ManualClock) -> dict[str, uuid.UUID]:
    """Five events one minute apart (oldest first) from two actors."""
    alice, bob, target = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    rows: list[tuple[AuditAction, uuid.UUID, AuditResult, ReasonCode | None]] = [
        (AuditAction.ROLE_GRANTED, alice, AuditResult.SUCCESS, None),
        (AuditAction.ACCESS_DENIED, bob, AuditResult.DENIED, ReasonCode.RBAC_DENY),
        (AuditAction.ROLE_GRANTED, alice, AuditResult.DENIED, ReasonCode.SUPERADMIN_REQUIRED),
        (AuditAction.ORG_CREATED, bob, AuditResult.SUCCESS, None),
        (AuditAction.ADMIN_STEP_UP_FAILED, alice, AuditResult.DENIED, ReasonCode.STEP_UP_INVALID),
    ]
    with db_session(app) as session:
        for action, actor, result, reason in rows:
            clock.advance(60)
            record(
                session,
                action,
                at=clock.now(),
                actor=AuditActor.user(actor, "admin"),
                result=result,
                reason_code=reason,
                target_type=TargetType.USER,
                target_id=target if action is AuditAction.ROLE_GRANTED else None,
            )
    return {"alice": alice, "bob": bob, "target": target}


def fetch(client: TestClient, admin: SignedIn, **params: Any) -> Any:
    response = client.get("/admin/audit", params=params, headers=admin.headers)
    assert response.status_code == 200, response.text
    return response.json()


def own_events(body: Any, actors: set[str]) -> list[Any]:
    return [e for e in body["items"] if e["actor_id"] in actors]


class TestQuery:
    def test_newest_first_with_all_fields(self, app: FastAPI, client: TestClient, clock: ManualClock) -> None:
        ids = seed(app, clock)
        admin = sign_in(app, role=Role.ADMIN)
        items = own_events(fetch(client, admin), {str(ids["alice"]), str(ids["bob"])})
        assert [e["action"] for e in items] == [
            "ADMIN_STEP_UP_FAILED",
            "ORG_CREATED",
            "ROLE_GRANTED",
            "ACCESS_DENIED",
            "ROLE_GRANTED",
        ]
        assert set(items[0]) == {
            "event_id",
            "created_at",
            "actor_type",
            "actor_id",
            "actor_role",
            "action",
            "target_type",
            "target_id",
            "scope",
            "result",
            "reason_code",
            "request_id",
            "redacted_metadata",
        }

    def test_filters(self, app: FastAPI, client: TestClient, clock: ManualClock) -> None:
        start = clock.now()
        ids = seed(app, clock)
        admin = sign_in(app, role=Role.ADMIN)

        def actions(**params: Any) -> list[str]:
            return [
                e["action"] for e in own_events(fetch(client, admin, **params), {str(ids["alice"]), str(ids["bob"])})
            ]

        assert actions(action="ROLE_GRANTED") == ["ROLE_GRANTED", "ROLE_GRANTED"]
        assert actions(actor=str(ids["bob"])) == ["ORG_CREATED", "ACCESS_DENIED"]
        assert actions(target_type="USER", target_id=str(ids["target"])) == ["ROLE_GRANTED", "ROLE_GRANTED"]
        assert actions(result="denied", actor=str(ids["alice"])) == ["ADMIN_STEP_UP_FAILED", "ROLE_GRANTED"]
        assert actions(reason_code="RBAC_DENY") == ["ACCESS_DENIED"]
        window = {"from": (start + timedelta(minutes=2)).isoformat(), "to": (start + timedelta(minutes=4)).isoformat()}
        assert actions(**window) == ["ROLE_GRANTED", "ACCESS_DENIED"]

    def test_denied_events_carry_a_reason(self, app: FastAPI, client: TestClient, clock: ManualClock) -> None:
        seed(app, clock)
        admin = sign_in(app, role=Role.ADMIN)
        denied = fetch(client, admin, result="denied")["items"]
        assert denied
        assert all(e["reason_code"] for e in denied)

    def test_keyset_paging(self, app: FastAPI, client: TestClient, clock: ManualClock) -> None:
        ids = seed(app, clock)
        admin = sign_in(app, role=Role.ADMIN)
        seen: list[str] = []
        cursor = None
        pages = 0
        while True:
            params: dict[str, Any] = {"limit": 2, "actor": str(ids["alice"])}
            if cursor:
                params["cursor"] = cursor
            body = fetch(client, admin, **params)
            seen += [e["event_id"] for e in body["items"]]
            pages += 1
            cursor = body["next_cursor"]
            if cursor is None:
                break
        assert (pages, len(seen), len(set(seen))) == (2, 3, 3)
        every = [e["event_id"] for e in fetch(client, admin, actor=str(ids["alice"]))["items"]]
        assert seen == every

    @pytest.mark.parametrize("params", [{"cursor": "!!!"}, {"cursor": "bm90LWEtY3Vyc29y"}, {"action": "NOPE"}])
    def test_bad_parameters_are_422(self, app: FastAPI, client: TestClient, params: dict[str, str]) -> None:
        admin = sign_in(app, role=Role.ADMIN)
        response = client.get("/admin/audit", params=params, headers=admin.headers)
        assert response.status_code == 422


class TestAccess:
    @pytest.mark.parametrize("role", [Role.USER, Role.VIP, Role.DEALER, Role.MODERATOR])
    def test_non_admins_refused(self, app: FastAPI, client: TestClient, role: Role) -> None:
        account = sign_in(app, role=role)
        assert client.get("/admin/audit", headers=account.headers).status_code == 403

    def test_second_factor_required(self, app: FastAPI, client: TestClient) -> None:
        admin = sign_in(app, role=Role.ADMIN, totp=False)
        response = client.get("/admin/audit", headers=admin.headers)
        assert (response.status_code, response.json()) == (403, {"detail": "totp_required"})

    def test_anonymous(self, client: TestClient) -> None:
        assert client.get("/api/admin/audit").status_code == 401

    def test_no_email_in_the_log(self, app: FastAPI, client: TestClient) -> None:
        admin = sign_in(app, role=Role.SUPERADMIN, email="boss@example.org")
        user = sign_in(app, role=Role.USER, email="someone@example.org")
        client.get("/admin/users", headers=user.headers)
        body = client.get("/admin/audit", params={"limit": 500}, headers=admin.headers).text
        assert "@" not in body


class TestCatalogue:
    def test_binding_actions_exist(self) -> None:
        assert set(BINDING_ACTIONS) - {a.value for a in AuditAction} == set()

    def test_governance_actions_exist(self) -> None:
        names = {a.value for a in AuditAction}
        assert {"VIP_BUSINESS_CREATED", "VIP_BUSINESS_APPROVED", "VIP_BUSINESS_STAFF_ADDED", "ENTITLEMENT_SET"} <= names
