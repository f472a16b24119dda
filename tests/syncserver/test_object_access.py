"""Object-level access over every vehicle route: stranger, workshop without/with/after a grant (D8)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from shared.roles import Role
from syncserver.access import registry
from syncserver.auth.sessions import SessionManager
from syncserver.models.audit import AuditEvent
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


#: Where a vehicle route lives (the table below is derived from ``app.routes`` with these prefixes).
VEHICLE_ROUTE_PREFIXES = ("/vehicles/{", "/addons/vehicles", "/trust/folders")

#: Request bodies per route (method, template); a derived route missing here fails the coverage test.
BODIES: dict[tuple[str, str], dict[str, Any] | None] = {
    ("PATCH", "/vehicles/{vehicle_id}"): {"nickname": "x"},
    ("POST", "/vehicles/{vehicle_id}/entries"): entry(),
    ("POST", "/vehicles/{vehicle_id}/entries/{entry_id}/revisions"): entry(),
    ("POST", "/addons/vehicles/{vehicle_id}/enable"): {"addon_key": "restauration"},
    ("POST", "/addons/vehicles/{vehicle_id}/disable"): {"addon_key": "restauration"},
    ("POST", "/trust/folders"): {"vehicle_id": "{vehicle_id}", "title": "Resto 2"},
    ("PATCH", "/trust/folders/{folder_id}"): {"title": "Umbenannt"},
    ("POST", "/trust/folders/{folder_id}/items"): {"title": "Lack"},
    ("PATCH", "/trust/folders/{folder_id}/items/{item_id}"): {"title": "Lack neu"},
    ("POST", "/vehicles/{vehicle_id}/public-token/rotate"): None,
    ("POST", "/vehicles/{vehicle_id}/public-token/disable"): None,
}
#: Routes whose vehicle is named in the query string rather than the path.
QUERIES = {("GET", "/trust/folders"): "?vehicle_id={vehicle_id}"}

#: What a workshop may do under an active grant (D8): see the vehicle and its entries, append entries.
#: Revising the owner's entry (the derived revision route targets it) stays 403.
WORKSHOP_GRANTED = {
    ("GET", "/vehicles/{vehicle_id}"),
    ("GET", "/vehicles/{vehicle_id}/entries"),
    ("POST", "/vehicles/{vehicle_id}/entries"),
    ("GET", "/vehicles/{vehicle_id}/entries/{entry_id}/history"),
}

Route = tuple[str, str]


def vehicle_routes(app: FastAPI) -> list[Route]:
    """(method, template) of every API route on one vehicle, derived from the app (the /api mirror left out)."""
    found = {
        (method, e.path)
        for e in registry.collect(app.router.routes)
        if e.path.startswith(VEHICLE_ROUTE_PREFIXES)
        for method in e.methods
        if method != "HEAD"
    }
    # DELETE of the vehicle last, so a wrongly allowed call cannot remove the world under the others.
    return sorted(found, key=lambda r: (r == ("DELETE", "/vehicles/{vehicle_id}"), r[1], r[0]))


class World:
    def __init__(self, app: FastAPI, client: TestClient) -> None:
        self.app = app
        self.client = client
        self.owner = sign_in(app)
        body = client.post("/vehicles", json={"vin": VIN}, headers=self.owner.headers).json()
        self.vid = body["id"]
        self.token = body["public_token"]
        self.entry_id = client.post(f"/vehicles/{self.vid}/entries", json=entry(), headers=self.owner.headers).json()[
            "id"
        ]
        admin = sign_in(app, role=Role.ADMIN)
        config = {"allow_new": True, "requires_payment": False, "admin_only": False}
        assert client.post("/addons/config/restauration", json=config, headers=admin.headers).status_code == 200
        enabled = client.post(
            f"/addons/vehicles/{self.vid}/enable", json={"addon_key": "restauration"}, headers=self.owner.headers
        )
        assert enabled.status_code == 200, enabled.text
        folder = client.post(
            "/trust/folders", json={"vehicle_id": self.vid, "title": "Resto"}, headers=self.owner.headers
        )
        assert folder.status_code == 201, folder.text
        self.folder_id = folder.json()["id"]
        item = client.post(
            f"/trust/folders/{self.folder_id}/items", json={"title": "Karosserie"}, headers=self.owner.headers
        )
        assert item.status_code == 201, item.text
        self.item_id = item.json()["id"]
        self.collection = lambda who: client.post(
            "/collections", json={"name": uuid.uuid4().hex}, headers=who.headers
        ).json()["id"]

    @property
    def params(self) -> dict[str, str]:
        return {
            "vehicle_id": self.vid,
            "entry_id": self.entry_id,
            "folder_id": self.folder_id,
            "item_id": self.item_id,
            "addon_key": "restauration",
        }

    def fill(self, template: str) -> str:
        return template.format(**self.params)

    def request_of(self, route: Route) -> tuple[str, str, dict[str, Any] | None]:
        method, template = route
        body = BODIES.get(route)
        if body is not None:
            body = {k: self.fill(v) if isinstance(v, str) else v for k, v in body.items()}
        return method, self.fill(template) + self.fill(QUERIES.get(route, "")), body

    def routes(self, who: SignedIn) -> list[tuple[str, str, dict[str, Any] | None]]:
        """Every derived vehicle route as a request, plus putting the vehicle into the caller's collection."""
        derived = [self.request_of(route) for route in vehicle_routes(self.app)]
        extra = ("PUT", f"/collections/{self.collection(who)}/vehicles/{self.vid}", None)
        return [*derived[:-1], extra, derived[-1]] if derived[-1][0] == "DELETE" else [*derived, extra]

    def call(self, who: SignedIn, method: str, url: str, body: dict[str, Any] | None) -> Any:
        return self.client.request(method, url, json=body, headers=who.headers)


def denial_events(app: FastAPI, user_id: uuid.UUID) -> list[AuditEvent]:
    with db_session(app) as session:
        rows = session.query(AuditEvent).filter(AuditEvent.action == "ACCESS_DENIED").all()
        return [e for e in rows if e.actor_id == user_id]


@pytest.fixture
def world(app: FastAPI, client: TestClient) -> World:
    return World(app, client)


class TestDerivedRouteTable:
    def test_the_table_covers_every_vehicle_route_of_the_app(self, app: FastAPI) -> None:
        routes = vehicle_routes(app)
        templates = {template for _, template in routes}
        # the families the issue names are all there (a rename or a lost router would shrink the table)
        assert {"/vehicles/{vehicle_id}", "/vehicles/{vehicle_id}/public-token/rotate"} <= templates
        assert {"/addons/vehicles/{vehicle_id}/{addon_key}", "/trust/folders/{folder_id}/items/{item_id}"} <= templates
        for method, template in routes:
            if method in ("POST", "PATCH", "PUT"):
                assert (method, template) in BODIES, f"add a request body for {method} {template}"
            params = {name for name in template.replace("}", "{").split("{")[1::2]}
            assert params <= {"vehicle_id", "entry_id", "folder_id", "item_id", "addon_key"}, template
        assert set(BODIES) <= set(routes), "a body for a route that no longer exists"
        assert WORKSHOP_GRANTED <= set(routes)


class TestStranger:
    def test_every_vehicle_route_is_404_and_audited(self, app: FastAPI, world: World) -> None:
        stranger = sign_in(app, role=Role.VIP)
        requests = world.routes(stranger)
        for method, url, body in requests:
            response = world.call(stranger, method, url, body)
            assert (response.status_code, response.json()) == (404, {"detail": "not_found"}), (method, url)
        events = denial_events(app, stranger.user_id)
        assert len(events) == len(requests)
        assert {(e.result, e.reason_code) for e in events} == {("denied", "NO_RELATION")}
        assert {e.redacted_metadata["vehicle_id"] for e in events} == {world.vid}

    def test_unknown_and_foreign_vehicle_answer_and_audit_alike(
        self, app: FastAPI, client: TestClient, world: World
    ) -> None:
        stranger = sign_in(app)
        unknown = str(uuid.uuid4())
        answers = [client.get(f"/vehicles/{vid}", headers=stranger.headers) for vid in (world.vid, unknown)]
        assert [(a.status_code, a.json()) for a in answers] == [(404, {"detail": "not_found"})] * 2
        events = denial_events(app, stranger.user_id)
        assert [(e.target_type, e.reason_code, e.redacted_metadata) for e in events] == [
            ("VEHICLE", "NO_RELATION", {"capability": "read", "vehicle_id": vid}) for vid in (world.vid, unknown)
        ]


class TestWorkshop:
    def test_without_grant_403_with_grant_append_only_after_revoke_nothing(
        self, app: FastAPI, client: TestClient, world: World
    ) -> None:
        member, org_id = workshop_member(app)
        req = client.post("/workshop/access-requests", json={"public_token": world.token, "org_id": str(org_id)},
                          headers=member.headers)  # fmt: skip
        assert req.status_code == 201, req.text
        assert req.json()["status"] == "requested"
        requests = world.routes(member)
        for method, url, body in requests:
            response = world.call(member, method, url, body)
            assert (response.status_code, response.json()) == (403, {"detail": "forbidden"}), (method, url)
        assert {e.reason_code for e in denial_events(app, member.user_id)} == {"GRANT_INACTIVE"}
        assert len(denial_events(app, member.user_id)) == len(requests)

        grant_id = req.json()["id"]
        assert client.post(f"/workshop/grants/{grant_id}/approve", json={}, headers=member.headers).status_code == 403
        approved = client.post(f"/workshop/grants/{grant_id}/approve", json={}, headers=world.owner.headers)
        assert approved.json()["status"] == "approved"

        denied_before = len(denial_events(app, member.user_id))
        for route in vehicle_routes(app):
            method, url, body = world.request_of(route)
            response = world.call(member, method, url, body)
            if route in WORKSHOP_GRANTED:
                assert response.status_code in (200, 201), (method, url, response.text)
            else:
                assert (response.status_code, response.json()) == (403, {"detail": "forbidden"}), (method, url)
        reasons = [e.reason_code for e in denial_events(app, member.user_id)[denied_before:]]
        assert len(reasons) == len(vehicle_routes(app)) - len(WORKSHOP_GRANTED)
        assert set(reasons) <= {"CAPABILITY_DENY", "NOT_AUTHOR"}
        assert "NOT_AUTHOR" in reasons

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
