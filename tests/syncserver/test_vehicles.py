"""POST/GET /vehicles: VIN handling, paywall, visibility (smoke first)."""

from __future__ import annotations

import uuid

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from shared.roles import Role
from syncserver.governance.repository import EXTRA_VEHICLES
from syncserver.models.audit import AuditEvent
from syncserver.models.governance import Entitlement
from syncserver.models.vehicle import Vehicle
from tests.syncserver.support import ctx_of, db_session, sign_in
from tests.syncserver.test_object_access import workshop_member

VIN = "WVWZZZ1JZXW000001"


def test_create_and_get(app: FastAPI, client: TestClient) -> None:
    owner = sign_in(app)
    response = client.post("/vehicles", json={"vin": " wvwzzz1jzxw 000001 ", "nickname": "Golf"}, headers=owner.headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["vin_masked"] == "WVW***0001"
    assert body["vin"] == VIN
    got = client.get(f"/vehicles/{body['id']}", headers=owner.headers)
    assert got.status_code == 200
    assert got.json()["trust_light"] == "rot"


def test_invalid_vin_is_422_without_echo(app: FastAPI, client: TestClient) -> None:
    owner = sign_in(app)
    response = client.post("/vehicles", json={"vin": "WVWZZZ1JZXO00000I"}, headers=owner.headers)
    assert (response.status_code, response.json()) == (422, {"detail": "invalid_vin_format"})


def test_second_vehicle_of_user_is_paywalled_vip_is_not(app: FastAPI, client: TestClient) -> None:
    user = sign_in(app)
    assert client.post("/vehicles", json={"vin": VIN}, headers=user.headers).status_code == 200
    second = client.post("/vehicles", json={"vin": "WVWZZZ1JZXW000002"}, headers=user.headers)
    assert (second.status_code, second.json()) == (403, {"detail": "vehicle_limit_reached"})
    vip = sign_in(app, role=Role.VIP)
    for n in range(3):
        assert client.post("/vehicles", json={"vin": f"WVWZZZ1JZXW00000{n}"}, headers=vip.headers).status_code == 200


def test_entitlement_lifts_the_limit(app: FastAPI, client: TestClient) -> None:
    user = sign_in(app)
    with db_session(app) as session:
        session.add(Entitlement(user_id=user.user_id, key=EXTRA_VEHICLES, value=1, set_at=ctx_of(app).clock.now()))
    assert client.post("/vehicles", json={"vin": VIN}, headers=user.headers).status_code == 200
    assert client.post("/vehicles", json={"vin": "WVWZZZ1JZXW000002"}, headers=user.headers).status_code == 200
    assert client.post("/vehicles", json={"vin": "WVWZZZ1JZXW000003"}, headers=user.headers).status_code == 403


def test_vin_sealed_at_rest_and_absent_from_audit(app: FastAPI, client: TestClient) -> None:
    owner = sign_in(app)
    vid = client.post("/vehicles", json={"vin": VIN, "make": "VW", "vehicle_class": "alltag"}, headers=owner.headers)
    with db_session(app) as session:
        vehicle = session.get(Vehicle, uuid.UUID(vid.json()["id"]))
        assert vehicle is not None
        assert VIN.encode() not in vehicle.vin_enc
        assert len(vehicle.vin_hmac) == 64
        rows = session.scalars(select(AuditEvent)).all()
    assert rows
    assert all(VIN not in str(r.redacted_metadata) and VIN not in str(r.target_id) for r in rows)


def test_list_and_admin_sees_masked(app: FastAPI, client: TestClient) -> None:
    owner = sign_in(app)
    other = sign_in(app)
    client.post("/vehicles", json={"vin": VIN}, headers=owner.headers)
    assert len(client.get("/vehicles", headers=owner.headers).json()) == 1
    assert client.get("/vehicles", headers=other.headers).json() == []
    admin = sign_in(app, role=Role.ADMIN)
    listed = client.get("/vehicles", headers=admin.headers).json()
    assert [v["vin"] for v in listed] == [None]
    assert listed[0]["vin_masked"] == "WVW***0001"


def test_patch_conflict_and_delete_frees_slot(app: FastAPI, client: TestClient) -> None:
    owner = sign_in(app)
    vid = client.post("/vehicles", json={"vin": VIN}, headers=owner.headers).json()["id"]
    ok = client.patch(f"/vehicles/{vid}", json={"nickname": "Alt", "base_version": 1}, headers=owner.headers)
    assert ok.json()["version"] == 2
    stale = client.patch(f"/vehicles/{vid}", json={"nickname": "Neu", "base_version": 1}, headers=owner.headers)
    assert (stale.status_code, stale.json()) == (409, {"detail": "conflict"})
    assert client.delete(f"/vehicles/{vid}", headers=owner.headers).status_code == 200
    assert client.get(f"/vehicles/{vid}", headers=owner.headers).status_code == 404
    assert client.post("/vehicles", json={"vin": VIN}, headers=owner.headers).status_code == 200


def test_org_vehicle_for_approved_members_only(app: FastAPI, client: TestClient) -> None:
    member, org_id = workshop_member(app)
    created = client.post("/vehicles", json={"vin": VIN, "org_id": str(org_id)}, headers=member.headers)
    assert created.status_code == 200
    assert created.json()["vin"] == VIN
    outsider = sign_in(app)
    refused = client.post("/vehicles", json={"vin": VIN, "org_id": str(org_id)}, headers=outsider.headers)
    assert refused.status_code == 403
    assert client.get(f"/vehicles/{created.json()['id']}", headers=outsider.headers).status_code == 404
