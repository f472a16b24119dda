"""/vehicles/{id}/entries: create (201), validation, revisions, history, entry_not_found, author-only revise."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from shared.roles import Role
from tests.syncserver.support import SignedIn, sign_in

VIN = "WVWZZZ1JZXW000001"


def entry(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "date": "2029-05-01",
        "type": "service",
        "performed_by": "Fachwerkstatt",
        "km": 12000,
        "note": "Ölwechsel",
        "cost_amount": "149.90",
        "trust_level": "T2",
    }
    body.update(overrides)
    return body


def vehicle(client: TestClient, who: SignedIn) -> str:
    response = client.post("/vehicles", json={"vin": VIN}, headers=who.headers)
    assert response.status_code == 200, response.text
    return str(response.json()["id"])


class TestCreate:
    def test_201_with_contract_fields(self, app: FastAPI, client: TestClient) -> None:
        owner = sign_in(app)
        vid = vehicle(client, owner)
        response = client.post(f"/vehicles/{vid}/entries", json=entry(), headers=owner.headers)
        assert response.status_code == 201, response.text
        body = response.json()
        for key in (
            "id entry_group_id supersedes_entry_id version revision_count is_latest date type performed_by km note"
            " cost_amount trust_level created_at updated_at vehicle_id"
        ).split():
            assert key in body
        assert body["vehicle_id"] == vid
        assert body["version"] == 1
        assert body["revision_count"] == 1
        assert body["is_latest"] is True
        assert body["supersedes_entry_id"] is None
        assert body["performed_by"] == "specialist_workshop"
        assert body["cost_amount"] == 149.9
        assert body["trust_level"] == "T2"

    def test_list_is_latest_per_group_date_desc(self, app: FastAPI, client: TestClient) -> None:
        owner = sign_in(app)
        vid = vehicle(client, owner)
        url = f"/vehicles/{vid}/entries"
        old = client.post(url, json=entry(date="2020-01-01"), headers=owner.headers).json()
        client.post(url, json=entry(date="2025-01-01"), headers=owner.headers)
        client.post(f"{url}/{old['id']}/revisions", json=entry(date="2021-01-01"), headers=owner.headers)
        listed = client.get(url, headers=owner.headers).json()
        assert [e["date"] for e in listed] == ["2025-01-01", "2021-01-01"]
        assert [e["revision_count"] for e in listed] == [1, 2]

    def test_t3_is_never_accepted(self, app: FastAPI, client: TestClient) -> None:
        owner = sign_in(app)
        vid = vehicle(client, owner)
        response = client.post(f"/vehicles/{vid}/entries", json=entry(trust_level="T3"), headers=owner.headers)
        assert response.status_code == 422
        assert response.json() == {"detail": "invalid_entry"}

    def test_missing_and_bad_fields_are_422(self, app: FastAPI, client: TestClient) -> None:
        owner = sign_in(app)
        vid = vehicle(client, owner)
        url = f"/vehicles/{vid}/entries"
        bodies = [
            {k: v for k, v in entry().items() if k != "km"},
            entry(km=-1),
            entry(date="01.05.2029"),
            entry(type="teleportation"),
            entry(performed_by="x" * 65),
            entry(note="n" * 4001),
            entry(cost_amount="-1"),
            entry(cost_amount="1.001"),
        ]
        for body in bodies:
            assert client.post(url, json=body, headers=owner.headers).status_code == 422, body
        assert client.get(url, headers=owner.headers).json() == []


class TestRevisions:
    def test_revision_chain_and_history(self, app: FastAPI, client: TestClient) -> None:
        owner = sign_in(app)
        vid = vehicle(client, owner)
        url = f"/vehicles/{vid}/entries"
        first = client.post(url, json=entry(), headers=owner.headers).json()
        second = client.post(f"{url}/{first['id']}/revisions", json=entry(km=12500), headers=owner.headers)
        assert second.status_code == 201, second.text
        body = second.json()
        assert body["version"] == 2
        assert body["supersedes_entry_id"] == first["id"]
        assert body["entry_group_id"] == first["entry_group_id"]
        assert body["revision_count"] == 2
        history = client.get(f"{url}/{body['id']}/history", headers=owner.headers)
        assert history.status_code == 200
        versions = history.json()
        assert [v["version"] for v in versions] == [1, 2]
        assert [v["is_latest"] for v in versions] == [False, True]
        assert [v["km"] for v in versions] == [12000, 12500]

    def test_revising_a_superseded_row_is_entry_not_found(self, app: FastAPI, client: TestClient) -> None:
        owner = sign_in(app)
        vid = vehicle(client, owner)
        url = f"/vehicles/{vid}/entries"
        first = client.post(url, json=entry(), headers=owner.headers).json()
        client.post(f"{url}/{first['id']}/revisions", json=entry(), headers=owner.headers)
        response = client.post(f"{url}/{first['id']}/revisions", json=entry(), headers=owner.headers)
        assert response.status_code == 404
        assert response.json() == {"detail": "entry_not_found"}

    def test_unknown_id_is_entry_not_found(self, app: FastAPI, client: TestClient) -> None:
        owner = sign_in(app)
        vid = vehicle(client, owner)
        url = f"/vehicles/{vid}/entries/{uuid.uuid4()}"
        assert client.post(f"{url}/revisions", json=entry(), headers=owner.headers).json() == {
            "detail": "entry_not_found"
        }
        history = client.get(f"{url}/history", headers=owner.headers)
        assert history.status_code == 404
        assert history.json() == {"detail": "entry_not_found"}

    def test_entry_of_another_vehicle_is_entry_not_found(self, app: FastAPI, client: TestClient) -> None:
        owner = sign_in(app, role=Role.VIP)
        first = vehicle(client, owner)
        second = client.post("/vehicles", json={"vin": "WVWZZZ1JZXW000002"}, headers=owner.headers).json()["id"]
        row = client.post(f"/vehicles/{first}/entries", json=entry(), headers=owner.headers).json()
        response = client.post(f"/vehicles/{second}/entries/{row['id']}/revisions", json=entry(), headers=owner.headers)
        assert response.status_code == 404
        assert response.json() == {"detail": "entry_not_found"}

    def test_admin_is_not_the_author(self, app: FastAPI, client: TestClient) -> None:
        owner = sign_in(app)
        admin = sign_in(app, role=Role.ADMIN)
        vid = vehicle(client, owner)
        row = client.post(f"/vehicles/{vid}/entries", json=entry(), headers=owner.headers).json()
        response = client.post(f"/vehicles/{vid}/entries/{row['id']}/revisions", json=entry(), headers=admin.headers)
        assert response.status_code == 403
        assert response.json() == {"detail": "forbidden"}
