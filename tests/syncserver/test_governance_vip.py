"""VIP businesses (API_CONTRACT "Admin", SPEC §11.3, D7): create, approve, staff seats."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from shared.roles import VIP_BUSINESS_STAFF_SEATS, Role
from syncserver.governance.repository import approved_org_ids
from syncserver.models import AuditEvent
from tests.syncserver.support import SignedIn, create_user, db_session, sign_in
from tests.syncserver.test_admin import step_up, with_step_up

FIELDS = {
    "business_id",
    "owner_user_id",
    "approved",
    "created_at",
    "approved_at",
    "approved_by_user_id",
    "staff_user_ids",
    "staff_count",
}


def create(client: TestClient, admin: SignedIn, owner: uuid.UUID, business_id: str | None = "vip-1") -> Any:
    body: dict[str, Any] = {"owner_user_id": str(owner), "reason": "Autohaus"}
    if business_id is not None:
        body["business_id"] = business_id
    return client.post("/admin/vip-businesses", json=body, headers=admin.headers)


def approve(client: TestClient, boss: SignedIn, business_id: str, token: str | None) -> Any:
    return client.post(f"/admin/vip-businesses/{business_id}/approve", headers=with_step_up(boss, token))


def add_staff(client: TestClient, boss: SignedIn, business_id: str, user_id: uuid.UUID, token: str | None) -> Any:
    return client.post(f"/admin/vip-businesses/{business_id}/staff/{user_id}", headers=with_step_up(boss, token))


@pytest.fixture
def boss(app: FastAPI) -> SignedIn:
    return sign_in(app, role=Role.SUPERADMIN)


@pytest.fixture
def approved(app: FastAPI, client: TestClient, boss: SignedIn) -> str:
    owner = create_user(app, "owner@example.org", Role.VIP)
    assert create(client, boss, owner).status_code == 200
    assert approve(client, boss, "vip-1", step_up(client, boss, "vip_business_approve")).status_code == 200
    return "vip-1"


class TestListAndCreate:
    def test_create_and_list(self, app: FastAPI, client: TestClient) -> None:
        admin = sign_in(app, role=Role.ADMIN)
        owner = create_user(app, "owner@example.org", Role.VIP)
        response = create(client, admin, owner)
        assert response.status_code == 200
        body = response.json()
        assert set(body) == FIELDS
        assert (body["business_id"], body["owner_user_id"], body["approved"]) == ("vip-1", str(owner), False)
        assert (body["approved_at"], body["approved_by_user_id"], body["staff_user_ids"], body["staff_count"]) == (
            None,
            None,
            [],
            0,
        )
        assert client.get("/admin/vip-businesses", headers=admin.headers).json() == [body]
        with db_session(app) as session:
            event = session.scalars(select(AuditEvent).where(AuditEvent.action == "VIP_BUSINESS_CREATED")).one()
            assert approved_org_ids(session, owner) == []  # not approved yet: no org scope
        assert "Autohaus" not in str(event.redacted_metadata)

    def test_idempotent_by_business_id(self, app: FastAPI, client: TestClient) -> None:
        admin = sign_in(app, role=Role.ADMIN)
        owner, other = create_user(app, "o@example.org"), create_user(app, "x@example.org")
        first = create(client, admin, owner).json()
        again = create(client, admin, other)
        assert (again.status_code, again.json()) == (200, first)
        assert len(client.get("/admin/vip-businesses", headers=admin.headers).json()) == 1

    def test_generated_business_id(self, app: FastAPI, client: TestClient) -> None:
        admin = sign_in(app, role=Role.ADMIN)
        owner = create_user(app, "o@example.org")
        first, second = create(client, admin, owner, None).json(), create(client, admin, owner, None).json()
        assert first["business_id"] != second["business_id"]

    def test_unknown_owner(self, app: FastAPI, client: TestClient) -> None:
        admin = sign_in(app, role=Role.ADMIN)
        response = create(client, admin, uuid.uuid4())
        assert (response.status_code, response.json()) == (404, {"detail": "user_not_found"})

    @pytest.mark.parametrize("business_id", ["has space", "", "x" * 65, "a/b"])
    def test_malformed_business_id(self, app: FastAPI, client: TestClient, business_id: str) -> None:
        admin = sign_in(app, role=Role.ADMIN)
        assert create(client, admin, admin.user_id, business_id).status_code == 422

    def test_vip_user_cannot_create(self, app: FastAPI, client: TestClient) -> None:
        vip = sign_in(app, role=Role.VIP)
        response = create(client, vip, vip.user_id)
        assert (response.status_code, response.json()) == (403, {"detail": "forbidden"})


class TestApprove:
    def test_superadmin_with_step_up(self, app: FastAPI, client: TestClient, boss: SignedIn) -> None:
        owner = create_user(app, "o@example.org", Role.VIP)
        create(client, boss, owner)
        response = approve(client, boss, "vip-1", step_up(client, boss, "vip_business_approve"))
        assert response.status_code == 200
        body = response.json()
        assert (body["approved"], body["approved_by_user_id"]) == (True, str(boss.user_id))
        assert body["approved_at"] is not None
        with db_session(app) as session:
            assert len(approved_org_ids(session, owner)) == 1
            assert session.scalars(select(AuditEvent).where(AuditEvent.action == "VIP_BUSINESS_APPROVED")).one()

    def test_admin_is_forbidden_even_with_step_up(self, app: FastAPI, client: TestClient) -> None:
        admin = sign_in(app, role=Role.ADMIN)
        create(client, admin, create_user(app, "o@example.org"))
        response = approve(client, admin, "vip-1", step_up(client, admin, "vip_business_approve"))
        assert (response.status_code, response.json()) == (403, {"detail": "forbidden"})

    def test_step_up_required(self, app: FastAPI, client: TestClient, boss: SignedIn) -> None:
        create(client, boss, create_user(app, "o@example.org"))
        response = approve(client, boss, "vip-1", None)
        assert (response.status_code, response.json()) == (403, {"detail": "admin_step_up_required"})

    def test_wrong_scope(self, app: FastAPI, client: TestClient, boss: SignedIn) -> None:
        create(client, boss, create_user(app, "o@example.org"))
        response = approve(client, boss, "vip-1", step_up(client, boss, "vip_business_staff"))
        assert (response.status_code, response.json()) == (403, {"detail": "admin_step_up_invalid"})

    def test_not_found_keeps_the_grant(self, app: FastAPI, client: TestClient, boss: SignedIn) -> None:
        token = step_up(client, boss, "vip_business_approve")
        response = approve(client, boss, "nope", token)
        assert (response.status_code, response.json()) == (404, {"detail": "business_not_found"})
        create(client, boss, create_user(app, "o@example.org"))
        assert approve(client, boss, "vip-1", token).status_code == 200
        again = approve(client, boss, "vip-1", token)
        assert (again.status_code, again.json()) == (403, {"detail": "admin_step_up_invalid"})


class TestStaff:
    def test_two_seats_then_409(self, app: FastAPI, client: TestClient, boss: SignedIn, approved: str) -> None:
        staff = [create_user(app, f"s{i}@example.org") for i in range(VIP_BUSINESS_STAFF_SEATS + 1)]
        for count, user_id in enumerate(staff[:-1], start=1):
            response = add_staff(client, boss, approved, user_id, step_up(client, boss, "vip_business_staff"))
            assert response.status_code == 200
            assert response.json()["staff_count"] == count
        assert sorted(response.json()["staff_user_ids"]) == sorted(str(u) for u in staff[:-1])
        token = step_up(client, boss, "vip_business_staff")
        response = add_staff(client, boss, approved, staff[-1], token)
        assert (response.status_code, response.json()) == (409, {"detail": "staff_limit_reached"})
        with db_session(app) as session:
            assert approved_org_ids(session, staff[-1]) == []
            assert len(approved_org_ids(session, staff[0])) == 1
            seats = session.scalars(select(AuditEvent).where(AuditEvent.action == "VIP_BUSINESS_STAFF_ADDED")).all()
        assert sorted((e.redacted_metadata["staff_before"], e.redacted_metadata["staff_after"]) for e in seats) == [
            (0, 1),
            (1, 2),
        ]
        # the failed third seat did not spend the grant: re-adding existing staff is a 200 no-op with it
        again = add_staff(client, boss, approved, staff[0], token)
        assert (again.status_code, again.json()["staff_count"]) == (200, 2)

    def test_re_adding_is_a_no_op(self, app: FastAPI, client: TestClient, boss: SignedIn, approved: str) -> None:
        user_id = create_user(app, "s@example.org")
        first = add_staff(client, boss, approved, user_id, step_up(client, boss, "vip_business_staff")).json()
        again = add_staff(client, boss, approved, user_id, step_up(client, boss, "vip_business_staff"))
        assert (again.status_code, again.json()) == (200, first)

    def test_business_not_approved(self, app: FastAPI, client: TestClient, boss: SignedIn) -> None:
        create(client, boss, create_user(app, "o@example.org"))
        user_id = create_user(app, "s@example.org")
        response = add_staff(client, boss, "vip-1", user_id, step_up(client, boss, "vip_business_staff"))
        assert (response.status_code, response.json()) == (400, {"detail": "business_not_approved"})

    def test_unknown_user(self, app: FastAPI, client: TestClient, boss: SignedIn, approved: str) -> None:
        response = add_staff(client, boss, approved, uuid.uuid4(), step_up(client, boss, "vip_business_staff"))
        assert (response.status_code, response.json()) == (404, {"detail": "user_not_found"})

    def test_unknown_business(self, app: FastAPI, client: TestClient, boss: SignedIn) -> None:
        user_id = create_user(app, "s@example.org")
        response = add_staff(client, boss, "nope", user_id, step_up(client, boss, "vip_business_staff"))
        assert (response.status_code, response.json()) == (404, {"detail": "business_not_found"})

    def test_admin_is_forbidden(self, app: FastAPI, client: TestClient, approved: str) -> None:
        admin = sign_in(app, role=Role.ADMIN)
        user_id = create_user(app, "s@example.org")
        response = add_staff(client, admin, approved, user_id, step_up(client, admin, "vip_business_staff"))
        assert (response.status_code, response.json()) == (403, {"detail": "forbidden"})

    def test_step_up_required_and_scope(self, app: FastAPI, client: TestClient, boss: SignedIn, approved: str) -> None:
        user_id = create_user(app, "s@example.org")
        response = add_staff(client, boss, approved, user_id, None)
        assert (response.status_code, response.json()) == (403, {"detail": "admin_step_up_required"})
        response = add_staff(client, boss, approved, user_id, step_up(client, boss, "vip_business_approve"))
        assert (response.status_code, response.json()) == (403, {"detail": "admin_step_up_invalid"})
