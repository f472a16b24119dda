"""Object-level access over every vehicle route: stranger, workshop without/with/after a grant (D8)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from shared.roles import Role
from syncserver.auth.sessions import SessionManager
from syncserver.models.governance import Membership, Organisation
from syncserver.models.user import User
from tests.syncserver.support import SignedIn, ctx_of, db_session, sign_in
from tests.syncserver.test_entries import entry

VIN = "WVWZZZ1JZXW000001"


def workshop_member(app: FastAPI) -> tuple[SignedIn, uuid.UUID]:
    member = sign_in(app, role=Role.DEALER)
    now = ctx_of(app).clock.now()
    org_id = uuid.uuid4()
    with db_session(app) as session:
        session.add(Organisation(id=org_id, kind="workshop", name="Werkstatt", owner_user_id=member.user_id,
                                 approved=True, created_at=now, updated_at=now))  # fmt: skip
        session.flush()
        session.add(Membership(id=uuid.uuid4(), org_id=org_id, user_id=member.user_id, status="approved",
                               role="member", created_at=now, updated_at=now))  # fmt: skip
    return member, org_id


class World:
    def __init__(self, app: FastAPI, client: TestClient) -> None:
        self.client = client
        self.owner = sign_in(app)
        body = client.post("/vehicles", json={"vin": VIN}, headers=self.owner.headers).json()
        self.vid = body["id"]
        self.token = body["public_token"]
        self.entry_id = client.post(f"/vehicles/{self.vid}/entries", json=entry(), headers=self.owner.headers).json()[
            "id"
        ]
        self.collection = lambda who: client.post(
            "/collections", json={"name": uuid.uuid4().hex}, headers=who.headers
        ).json()["id"]

    def routes(self, who: SignedIn) -> list[tuple[str, str, dict[str, Any] | None]]:
        v, e = self.vid, self.entry_id
        return [
            ("GET", f"/vehicles/{v}", None),
            ("PATCH", f"/vehicles/{v}", {"nickname": "x"}),
            ("GET", f"/vehicles/{v}/entries", None),
            ("POST", f"/vehicles/{v}/entries", entry()),
            ("POST", f"/vehicles/{v}/entries/{e}/revisions", entry()),
            ("GET", f"/vehicles/{v}/entries/{e}/history", None),
            ("GET", f"/vehicles/{v}/trust-summary", None),
            ("GET", f"/vehicles/{v}/workshop-grants", None),
            ("POST", f"/addons/vehicles/{v}/enable", {"addon_key": "restauration"}),
            ("POST", f"/addons/vehicles/{v}/disable", {"addon_key": "restauration"}),
            ("GET", f"/addons/vehicles/{v}/restauration", None),
            ("GET", f"/trust/folders?vehicle_id={v}", None),
            ("POST", "/trust/folders", {"vehicle_id": v, "title": "Resto"}),
            ("PUT", f"/collections/{self.collection(who)}/vehicles/{v}", None),
            ("DELETE", f"/vehicles/{v}", None),
        ]

    def call(self, who: SignedIn, method: str, url: str, body: dict[str, Any] | None) -> Any:
        return self.client.request(method, url, json=body, headers=who.headers)


@pytest.fixture
def world(app: FastAPI, client: TestClient) -> World:
    return World(app, client)


class TestStranger:
    def test_every_vehicle_route_is_404(self, app: FastAPI, world: World) -> None:
        stranger = sign_in(app, role=Role.VIP)
        for method, url, body in world.routes(stranger):
            response = world.call(stranger, method, url, body)
            assert (response.status_code, response.json()) == (404, {"detail": "not_found"}), (method, url)


class TestWorkshop:
    def test_without_grant_403_with_grant_append_only_after_revoke_nothing(
        self, app: FastAPI, client: TestClient, world: World
    ) -> None:
        member, org_id = workshop_member(app)
        req = client.post("/workshop/access-requests", json={"public_token": world.token, "org_id": str(org_id)},
                          headers=member.headers)  # fmt: skip
        assert req.status_code == 201, req.text
        assert req.json()["status"] == "requested"
        for method, url, body in world.routes(member):
            response = world.call(member, method, url, body)
            assert (response.status_code, response.json()) == (403, {"detail": "forbidden"}), (method, url)

        grant_id = req.json()["id"]
        assert client.post(f"/workshop/grants/{grant_id}/approve", json={}, headers=member.headers).status_code == 403
        approved = client.post(f"/workshop/grants/{grant_id}/approve", json={}, headers=world.owner.headers)
        assert approved.json()["status"] == "approved"

        seen = client.get(f"/vehicles/{world.vid}", headers=member.headers).json()
        assert seen["vin"] is None
        assert seen["owner_user_id"] is None
        assert seen["public_token"] is None
        assert seen["vin_masked"] == "WVW***0001"
        own = client.post(f"/vehicles/{world.vid}/entries", json=entry(), headers=member.headers)
        assert own.status_code == 201
        assert own.json()["author_org_id"] == str(org_id)
        url = f"/vehicles/{world.vid}/entries"
        assert (
            client.post(f"{url}/{own.json()['id']}/revisions", json=entry(), headers=member.headers).status_code == 201
        )
        forbidden = client.post(f"{url}/{world.entry_id}/revisions", json=entry(), headers=member.headers)
        assert (forbidden.status_code, forbidden.json()) == (403, {"detail": "forbidden"})
        latest = client.get(url, headers=world.owner.headers).json()
        workshop_row = next(e for e in latest if e["author_org_id"] == str(org_id))
        by_owner = client.post(f"{url}/{workshop_row['id']}/revisions", json=entry(), headers=world.owner.headers)
        assert by_owner.status_code == 403
        for method, path in (("GET", f"/vehicles/{world.vid}/trust-summary"), ("PATCH", f"/vehicles/{world.vid}")):
            assert (
                client.request(method, path, json={} if method == "PATCH" else None, headers=member.headers).status_code
                == 403
            )
        assert [v["id"] for v in client.get("/workshop/vehicles", headers=member.headers).json()] == [world.vid]

        revoked = client.post(f"/workshop/grants/{grant_id}/revoke", headers=world.owner.headers)
        assert revoked.json()["status"] == "revoked"
        for method, url, body in world.routes(member):
            assert world.call(member, method, url, body).status_code == 403, (method, url)
        with db_session(app) as session:
            from syncserver.models.audit import AuditEvent  # local: test-only query

            actions = {e.action for e in session.query(AuditEvent).all()}
        assert {"WORKSHOP_ACCESS_REQUESTED", "WORKSHOP_ACCESS_APPROVED", "WORKSHOP_ACCESS_REVOKED"} <= actions

    def test_grant_expires(self, app: FastAPI, client: TestClient, world: World, clock: Any) -> None:
        member, org_id = workshop_member(app)
        req = client.post("/workshop/access-requests", json={"public_token": world.token, "org_id": str(org_id)},
                          headers=member.headers).json()  # fmt: skip
        client.post(f"/workshop/grants/{req['id']}/approve", json={}, headers=world.owner.headers)
        assert client.get(f"/vehicles/{world.vid}", headers=member.headers).status_code == 200
        clock.advance(days=30, seconds=1)
        with db_session(app) as session:
            user = session.get(User, member.user_id)
            assert user is not None
            fresh = SessionManager(session, ctx_of(app)).start(user, "test", second_factor=False)
        headers = {"Authorization": f"Bearer {fresh.access_token}"}
        assert client.get(f"/vehicles/{world.vid}", headers=headers).status_code == 403

    def test_deny_and_unknown_token(self, app: FastAPI, client: TestClient, world: World) -> None:
        member, org_id = workshop_member(app)
        bad = client.post("/workshop/access-requests", json={"public_token": "x" * 43, "org_id": str(org_id)},
                          headers=member.headers)  # fmt: skip
        assert bad.status_code == 404
        req = client.post("/workshop/access-requests", json={"public_token": world.token, "org_id": str(org_id)},
                          headers=member.headers).json()  # fmt: skip
        denied = client.post(f"/workshop/grants/{req['id']}/deny", headers=world.owner.headers)
        assert denied.json()["status"] == "denied"
        assert client.get(f"/vehicles/{world.vid}", headers=member.headers).status_code == 403


class TestCheckOrder:
    def test_401_consent_role(self, app: FastAPI, client: TestClient, world: World) -> None:
        url = f"/vehicles/{world.vid}"
        assert client.get(url).status_code == 401
        no_consent = sign_in(app, consent=False)
        assert client.get(url, headers=no_consent.headers).json() == {"detail": "consent_required"}
        moderator = sign_in(app, role=Role.MODERATOR)
        assert client.get(url, headers=moderator.headers).status_code == 403
        assert client.get(f"/api{url}", headers=world.owner.headers).status_code == 200
