"""Organisations and memberships (SPEC §11.3, D7): create, request, approve, revoke, and org scope."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from shared.roles import Role
from syncserver.governance.repository import approved_org_ids, is_approved_member
from syncserver.models import AuditEvent
from tests.syncserver.support import SignedIn, db_session, sign_in


def create_org(client: TestClient, owner: SignedIn, kind: str = "workshop", name: str = "Werkstatt Nord") -> Any:
    response = client.post("/orgs", json={"kind": kind, "name": name}, headers=owner.headers)
    assert response.status_code == 201, response.text
    return response.json()


def member_state(app: FastAPI, user_id: uuid.UUID, org_id: str) -> tuple[bool, list[uuid.UUID]]:
    with db_session(app) as session:
        return is_approved_member(session, user_id, uuid.UUID(org_id)), approved_org_ids(session, user_id)


def actions(app: FastAPI) -> list[str]:
    with db_session(app) as session:
        return list(session.scalars(select(AuditEvent.action)))


class TestCreate:
    @pytest.mark.parametrize("kind", ["workshop", "dealer", "fleet"])
    def test_creator_becomes_approved_owner(self, app: FastAPI, client: TestClient, kind: str) -> None:
        owner = sign_in(app, role=Role.USER)
        org = create_org(client, owner, kind)
        assert (org["kind"], org["owner_user_id"], org["membership_role"], org["membership_status"]) == (
            kind,
            str(owner.user_id),
            "owner",
            "approved",
        )
        assert member_state(app, owner.user_id, org["id"]) == (True, [uuid.UUID(org["id"])])
        assert "ORG_CREATED" in actions(app)

    def test_vip_business_only_through_admins(self, app: FastAPI, client: TestClient) -> None:
        owner = sign_in(app, role=Role.VIP)
        response = client.post("/orgs", json={"kind": "vip_business", "name": "x"}, headers=owner.headers)
        assert response.status_code == 422

    @pytest.mark.parametrize("body", [{"kind": "club", "name": "x"}, {"kind": "fleet", "name": ""}, {}])
    def test_invalid_body(self, app: FastAPI, client: TestClient, body: dict[str, str]) -> None:
        owner = sign_in(app, role=Role.USER)
        assert client.post("/orgs", json=body, headers=owner.headers).status_code == 422

    def test_consent_required(self, app: FastAPI, client: TestClient) -> None:
        owner = sign_in(app, role=Role.USER, consent=False)
        response = client.post("/orgs", json={"kind": "fleet", "name": "F"}, headers=owner.headers)
        assert (response.status_code, response.json()) == (403, {"detail": "consent_required"})

    def test_moderator_refused(self, app: FastAPI, client: TestClient) -> None:
        moderator = sign_in(app, role=Role.MODERATOR)
        response = client.post("/orgs", json={"kind": "fleet", "name": "F"}, headers=moderator.headers)
        assert response.status_code == 403


class TestMembershipScope:
    def test_pending_approved_revoked(self, app: FastAPI, client: TestClient) -> None:
        owner, member = sign_in(app, role=Role.DEALER), sign_in(app, role=Role.USER)
        org = create_org(client, owner, "dealer")
        org_id = org["id"]

        requested = client.post(f"/orgs/{org_id}/membership", headers=member.headers)
        assert (requested.status_code, requested.json()["status"], requested.json()["role"]) == (
            200,
            "requested",
            "member",
        )
        assert member_state(app, member.user_id, org_id) == (False, [])
        assert client.get(f"/orgs/{org_id}", headers=member.headers).status_code == 403

        approved = client.post(f"/orgs/{org_id}/members/{member.user_id}/approve", headers=owner.headers)
        assert (approved.status_code, approved.json()["status"]) == (200, "approved")
        assert member_state(app, member.user_id, org_id) == (True, [uuid.UUID(org_id)])
        assert client.get(f"/orgs/{org_id}", headers=member.headers).status_code == 200

        revoked = client.post(f"/orgs/{org_id}/members/{member.user_id}/revoke", headers=owner.headers)
        assert (revoked.status_code, revoked.json()["status"]) == (200, "revoked")
        assert member_state(app, member.user_id, org_id) == (False, [])
        assert client.get(f"/orgs/{org_id}", headers=member.headers).status_code == 403

        assert sorted(a for a in actions(app) if a.startswith("ORG_")) == [
            "ORG_CREATED",
            "ORG_MEMBERSHIP_APPROVED",
            "ORG_MEMBERSHIP_REQUESTED",
            "ORG_MEMBERSHIP_REVOKED",
        ]

    def test_request_is_idempotent_and_revoked_may_ask_again(self, app: FastAPI, client: TestClient) -> None:
        owner, member = sign_in(app), sign_in(app)
        org_id = create_org(client, owner)["id"]
        first = client.post(f"/orgs/{org_id}/membership", headers=member.headers).json()
        assert client.post(f"/orgs/{org_id}/membership", headers=member.headers).json()["id"] == first["id"]
        client.post(f"/orgs/{org_id}/members/{member.user_id}/revoke", headers=owner.headers)
        again = client.post(f"/orgs/{org_id}/membership", headers=member.headers).json()
        assert (again["id"], again["status"]) == (first["id"], "requested")
        assert member_state(app, member.user_id, org_id) == (False, [])

    def test_only_the_owner_approves(self, app: FastAPI, client: TestClient) -> None:
        owner, member, stranger = sign_in(app), sign_in(app), sign_in(app)
        org_id = create_org(client, owner)["id"]
        client.post(f"/orgs/{org_id}/membership", headers=member.headers)
        for actor in (member, stranger):
            response = client.post(f"/orgs/{org_id}/members/{member.user_id}/approve", headers=actor.headers)
            assert (response.status_code, response.json()) == (403, {"detail": "forbidden"})
        assert member_state(app, member.user_id, org_id) == (False, [])
        with db_session(app) as session:
            denied = session.scalars(select(AuditEvent).where(AuditEvent.reason_code == "NOT_ORG_OWNER")).all()
        assert len(denied) == 2

    def test_an_approved_member_cannot_approve_others(self, app: FastAPI, client: TestClient) -> None:
        owner, member, other = sign_in(app), sign_in(app), sign_in(app)
        org_id = create_org(client, owner)["id"]
        for account in (member, other):
            client.post(f"/orgs/{org_id}/membership", headers=account.headers)
        client.post(f"/orgs/{org_id}/members/{member.user_id}/approve", headers=owner.headers)
        response = client.post(f"/orgs/{org_id}/members/{other.user_id}/approve", headers=member.headers)
        assert response.status_code == 403

    def test_member_may_leave_but_owner_membership_stays(self, app: FastAPI, client: TestClient) -> None:
        owner, member = sign_in(app), sign_in(app)
        org_id = create_org(client, owner)["id"]
        client.post(f"/orgs/{org_id}/membership", headers=member.headers)
        client.post(f"/orgs/{org_id}/members/{member.user_id}/approve", headers=owner.headers)
        left = client.post(f"/orgs/{org_id}/members/{member.user_id}/revoke", headers=member.headers)
        assert left.json()["status"] == "revoked"
        response = client.post(f"/orgs/{org_id}/members/{owner.user_id}/revoke", headers=owner.headers)
        assert response.status_code == 403
        assert member_state(app, owner.user_id, org_id)[0] is True

    def test_members_list_is_for_the_owner(self, app: FastAPI, client: TestClient) -> None:
        owner, member = sign_in(app), sign_in(app)
        org_id = create_org(client, owner)["id"]
        client.post(f"/orgs/{org_id}/membership", headers=member.headers)
        listed = client.get(f"/orgs/{org_id}/members", headers=owner.headers).json()
        assert sorted((m["role"], m["status"]) for m in listed) == [("member", "requested"), ("owner", "approved")]
        assert client.get(f"/orgs/{org_id}/members", headers=member.headers).status_code == 403

    def test_my_orgs_shows_every_status(self, app: FastAPI, client: TestClient) -> None:
        owner, member = sign_in(app), sign_in(app)
        org_id = create_org(client, owner)["id"]
        client.post(f"/orgs/{org_id}/membership", headers=member.headers)
        mine = client.get("/orgs", headers=member.headers).json()
        assert [(o["id"], o["membership_status"]) for o in mine] == [(org_id, "requested")]

    def test_unknown_org_and_membership(self, app: FastAPI, client: TestClient) -> None:
        owner = sign_in(app)
        org_id = create_org(client, owner)["id"]
        missing = uuid.uuid4()
        assert client.post(f"/orgs/{missing}/membership", headers=owner.headers).json() == {"detail": "org_not_found"}
        assert client.get(f"/orgs/{missing}", headers=owner.headers).status_code == 404
        response = client.post(f"/orgs/{org_id}/members/{missing}/approve", headers=owner.headers)
        assert (response.status_code, response.json()) == (404, {"detail": "membership_not_found"})


class TestAdminMembership:
    def test_admin_approves_and_revokes(self, app: FastAPI, client: TestClient) -> None:
        owner, member, admin = sign_in(app), sign_in(app), sign_in(app, role=Role.ADMIN)
        org_id = create_org(client, owner)["id"]
        client.post(f"/orgs/{org_id}/membership", headers=member.headers)
        response = client.post(f"/admin/orgs/{org_id}/members/{member.user_id}/approve", headers=admin.headers)
        assert (response.status_code, response.json()["status"]) == (200, "approved")
        assert member_state(app, member.user_id, org_id)[0] is True
        assert len(client.get(f"/admin/orgs/{org_id}/members", headers=admin.headers).json()) == 2
        response = client.post(f"/admin/orgs/{org_id}/members/{member.user_id}/revoke", headers=admin.headers)
        assert response.json()["status"] == "revoked"
        assert member_state(app, member.user_id, org_id)[0] is False

    def test_admin_needs_the_admin_route(self, app: FastAPI, client: TestClient) -> None:
        owner, member, admin = sign_in(app), sign_in(app), sign_in(app, role=Role.ADMIN)
        org_id = create_org(client, owner)["id"]
        client.post(f"/orgs/{org_id}/membership", headers=member.headers)
        response = client.post(f"/orgs/{org_id}/members/{member.user_id}/approve", headers=admin.headers)
        assert response.status_code == 403

    def test_admin_without_second_factor(self, app: FastAPI, client: TestClient) -> None:
        owner, member, admin = sign_in(app), sign_in(app), sign_in(app, role=Role.ADMIN, totp=False)
        org_id = create_org(client, owner)["id"]
        client.post(f"/orgs/{org_id}/membership", headers=member.headers)
        response = client.post(f"/admin/orgs/{org_id}/members/{member.user_id}/approve", headers=admin.headers)
        assert (response.status_code, response.json()) == (403, {"detail": "totp_required"})
