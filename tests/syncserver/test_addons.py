"""Add-on gate (SPEC §7.6) and trust folders through the API; gate errors are {detail:{code}}."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient

from shared.roles import Role
from tests.syncserver.support import SignedIn, sign_in

KEY = {"addon_key": "restauration"}


def setup(app: FastAPI, client: TestClient) -> tuple[SignedIn, SignedIn, str]:
    admin = sign_in(app, role=Role.ADMIN)
    owner = sign_in(app)
    vid = client.post("/vehicles", json={"vin": "WVWZZZ1JZXW000001"}, headers=owner.headers).json()["id"]
    return admin, owner, vid


def config(client: TestClient, admin: SignedIn, **body: bool) -> None:
    assert client.post("/addons/config/restauration", json=body, headers=admin.headers).status_code == 200


class TestGate:
    def test_order_and_grandfathering(self, app: FastAPI, client: TestClient) -> None:
        admin, owner, vid = setup(app, client)
        url = f"/addons/vehicles/{vid}"
        denied = client.post(f"{url}/enable", json=KEY, headers=owner.headers)
        assert (denied.status_code, denied.json()) == (403, {"detail": {"code": "addon_not_available"}})
        config(client, admin, allow_new=True, requires_payment=True, admin_only=True)
        assert client.post(f"{url}/enable", json=KEY, headers=owner.headers).json() == {
            "detail": {"code": "admin_only"}
        }
        config(client, admin, allow_new=False, requires_payment=True, admin_only=False)
        body = client.post(f"{url}/enable", json=KEY, headers=owner.headers).json()
        assert body == {"detail": {"code": "addon_not_available"}}
        config(client, admin, allow_new=True, requires_payment=True, admin_only=False)
        body = client.post(f"{url}/enable", json=KEY, headers=owner.headers).json()
        assert body == {"detail": {"code": "paywall_required"}}
        grant = client.post(
            "/addons/entitlements/restauration", json={"user_id": str(owner.user_id)}, headers=admin.headers
        )
        assert grant.status_code == 200
        enabled = client.post(f"{url}/enable", json=KEY, headers=owner.headers)
        assert enabled.status_code == 200
        first = enabled.json()["addon_first_enabled_at"]
        assert enabled.json()["active"] is True
        disabled = client.post(f"{url}/disable", json=KEY, headers=owner.headers).json()
        assert disabled["active"] is False
        assert disabled["addon_first_enabled_at"] == first
        config(client, admin, allow_new=False, requires_payment=True, admin_only=True)
        again = client.post(f"{url}/enable", json=KEY, headers=owner.headers)
        assert again.status_code == 200
        assert again.json()["addon_first_enabled_at"] == first
        state = client.get(f"{url}/restauration", headers=owner.headers).json()
        assert state == {
            "vehicle_id": vid,
            "addon_key": "restauration",
            "active": True,
            "addon_first_enabled_at": first,
        }

    def test_admin_routes_are_admin_only(self, app: FastAPI, client: TestClient) -> None:
        _, owner, _ = setup(app, client)
        assert client.post("/addons/config/restauration", json={}, headers=owner.headers).status_code == 403
        body = {"user_id": str(owner.user_id)}
        assert client.post("/addons/entitlements/restauration", json=body, headers=owner.headers).status_code == 403

    def test_unknown_addon_is_not_available(self, app: FastAPI, client: TestClient) -> None:
        _, owner, vid = setup(app, client)
        response = client.post(f"/addons/vehicles/{vid}/enable", json={"addon_key": "nope"}, headers=owner.headers)
        assert response.json() == {"detail": {"code": "addon_not_available"}}


class TestFolders:
    def test_crud_duplicate_and_items(self, app: FastAPI, client: TestClient) -> None:
        admin, owner, vid = setup(app, client)
        blocked = client.post("/trust/folders", json={"vehicle_id": vid, "title": "Resto"}, headers=owner.headers)
        assert blocked.json() == {"detail": {"code": "addon_not_available"}}
        config(client, admin, allow_new=True, requires_payment=False, admin_only=False)
        created = client.post("/trust/folders", json={"vehicle_id": vid, "title": "Resto"}, headers=owner.headers)
        assert created.status_code == 201, created.text
        folder = created.json()
        assert folder["addon_key"] == "restauration"
        assert folder["owner_user_id"] == str(owner.user_id)
        dup = client.post("/trust/folders", json={"vehicle_id": vid, "title": "Resto"}, headers=owner.headers)
        assert (dup.status_code, dup.json()) == (409, {"detail": "folder_exists"})
        fid = folder["id"]
        item = {
            "title": "Karosserie",
            "stage": "body",
            "date": "2029-03-01",
            "performed_by": "Eigenleistung",
            "cost_amount": "1200.50",
            "is_milestone": True,
            "before_image_ids": ["8c1f7f4e-0a4b-4f55-9d7a-1f6a3c2b9e10"],
        }
        added = client.post(f"/trust/folders/{fid}/items", json=item, headers=owner.headers)
        assert added.status_code == 201, added.text
        assert added.json()["cost_cents"] == 120050
        assert added.json()["performed_by"] == "own_work"
        assert len(client.get(f"/trust/folders/{fid}/items", headers=owner.headers).json()) == 1
        renamed = client.patch(f"/trust/folders/{fid}", json={"title": "Restaurierung"}, headers=owner.headers)
        assert renamed.json()["title"] == "Restaurierung"
        listed = client.get(f"/trust/folders?vehicle_id={vid}", headers=owner.headers).json()
        assert [f["id"] for f in listed] == [fid]
        # a later gate change never locks existing folder data out (grandfathering / legacy back-fill)
        config(client, admin, allow_new=False, requires_payment=True, admin_only=True)
        assert client.get(f"/trust/folders/{fid}", headers=owner.headers).status_code == 200
        stranger = sign_in(app, role=Role.VIP)
        assert client.get(f"/trust/folders/{fid}", headers=stranger.headers).status_code == 404
        assert client.delete(f"/trust/folders/{fid}", headers=owner.headers).json() == {"ok": True}
        assert client.get(f"/trust/folders/{fid}", headers=owner.headers).status_code == 404
