"""Collections and fleets in the change stream (SQLite and PostgreSQL): captured on every REST change, seen
by their owner only (also for organisation vehicles), memberships in ``vehicle_ids``, a deleted collection
arrives as a tombstone, a deleted vehicle leaves ``vehicle_ids``."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import event

from shared.roles import Role
from shared.sync.protocol import RecordType
from syncserver.access.actor import Actor
from syncserver.models.governance import Membership, MembershipRole, MembershipStatus
from syncserver.models.vehicle import Vehicle
from syncserver.sync.records import Renderer
from tests.syncserver.support import SignedIn, ctx_of, db_session, sign_in
from tests.syncserver.test_sync_support import VIN, Device, replica, workshop_member


def _collections(device: Device) -> dict[str, dict[str, Any]]:
    """The collection records of the device's replica after pulling everything new."""
    state = replica(device.pull_all())
    return {i: data for (kind, i), data in state.items() if kind == "collection"}


def _changes(device: Device) -> list[dict[str, Any]]:
    return [c for c in device.pull_all() if c["type"] == "collection"]


def _vehicle(device: Device, vin: str = VIN) -> str:
    result = device.one("vehicle.create", id=str(uuid.uuid4()), vin=vin)
    vehicle_id: str = next(r["id"] for r in result["rows"] if r["type"] == "vehicle")
    return vehicle_id


def _create(client: TestClient, user: SignedIn, name: str, kind: str = "collection") -> str:
    response = client.post("/collections", json={"name": name, "kind": kind}, headers=user.headers)
    assert response.status_code == 201, response.text
    collection_id: str = response.json()["id"]
    return collection_id


def test_owner_devices_follow_create_membership_rename_delete(client: TestClient, app: FastAPI) -> None:
    owner = sign_in(app)
    laptop, desktop = Device(client, owner), Device(client, owner)
    vehicle_id = _vehicle(laptop)
    assert _changes(desktop) == []

    collection_id = _create(client, owner, "  Sammlung   A ")
    assert client.put(f"/collections/{collection_id}/vehicles/{vehicle_id}", headers=owner.headers).status_code == 200
    seen = _collections(desktop)
    assert seen[collection_id]["name"] == "Sammlung A"
    assert seen[collection_id]["kind"] == "collection"
    assert seen[collection_id]["vehicle_ids"] == [vehicle_id]
    # the record equals the REST answer (one shape for both ways in)
    assert seen[collection_id] == client.get(f"/collections/{collection_id}", headers=owner.headers).json()

    renamed = client.patch(
        f"/collections/{collection_id}", json={"name": "Flotte Nord", "kind": "fleet"}, headers=owner.headers
    )
    assert renamed.status_code == 200
    membership = f"/collections/{collection_id}/vehicles/{vehicle_id}"
    assert client.delete(membership, headers=owner.headers).status_code == 200
    changes = _changes(desktop)
    assert changes
    assert changes[-1]["op"] == "upsert"
    assert (changes[-1]["data"]["name"], changes[-1]["data"]["kind"]) == ("Flotte Nord", "fleet")
    assert changes[-1]["data"]["vehicle_ids"] == []

    # removing a vehicle that is not in the collection changes nothing and logs nothing
    assert client.delete(membership, headers=owner.headers).status_code == 200
    assert _changes(desktop) == []

    assert client.delete(f"/collections/{collection_id}", headers=owner.headers).status_code == 200
    gone = _changes(desktop)
    assert [(c["op"], c["id"]) for c in gone] == [("delete", collection_id)]
    assert _collections(Device(client, owner)) == {}  # a fresh device never sees it


def test_only_the_owner_sees_a_collection(client: TestClient, app: FastAPI) -> None:
    owner = sign_in(app)
    stranger = Device(client, sign_in(app))
    own_id = _create(client, owner, "Oldtimer")
    assert set(_collections(Device(client, owner))) == {own_id}
    assert _collections(stranger) == {}
    # another user's collection id is not found by REST either
    assert client.get(f"/collections/{own_id}", headers=stranger.user.headers).status_code == 404


def test_org_vehicle_collection_stays_with_its_owner(client: TestClient, app: FastAPI) -> None:
    """Collections belong to a user (the model has no org collections): a second member of the vehicle's
    organisation sees the vehicle but not the first member's collection."""
    first, org_id = workshop_member(app)
    second = sign_in(app)
    now = ctx_of(app).clock.now()
    with db_session(app) as session:
        session.add(
            Membership(org_id=org_id, user_id=second.user_id, status=MembershipStatus.APPROVED.value,
                       role=MembershipRole.MEMBER.value, approved_at=now, created_at=now, updated_at=now)
        )  # fmt: skip
    created = client.post("/vehicles", json={"vin": VIN, "org_id": str(org_id)}, headers=first.headers)
    vehicle_id = created.json()["id"]
    collection_id = _create(client, first, "Werkstattflotte", "fleet")
    assert client.put(f"/collections/{collection_id}/vehicles/{vehicle_id}", headers=first.headers).status_code == 200

    mine = _collections(Device(client, first))
    assert mine[collection_id]["vehicle_ids"] == [vehicle_id]
    colleague = Device(client, second)
    state = replica(colleague.pull_all())
    assert ("vehicle", vehicle_id) in state
    assert not [k for k in state if k[0] == "collection"]


def test_deleted_vehicle_leaves_vehicle_ids(client: TestClient, app: FastAPI) -> None:
    owner = sign_in(app)
    device = Device(client, owner)
    vehicle_id = _vehicle(device)
    collection_id = _create(client, owner, "Sammlung")
    client.put(f"/collections/{collection_id}/vehicles/{vehicle_id}", headers=owner.headers)
    assert _collections(device)[collection_id]["vehicle_ids"] == [vehicle_id]
    assert device.one("vehicle.delete", vehicle_id=vehicle_id)["status"] == "applied"
    assert _collections(Device(client, owner))[collection_id]["vehicle_ids"] == []


def test_member_vehicles_are_looked_up_in_one_query(client: TestClient, app: FastAPI) -> None:
    """A fleet's vehicle_ids are checked against the owner's access with one vehicles query, not one each."""
    owner = sign_in(app)
    now = ctx_of(app).clock.now()
    vehicle_ids = [uuid.uuid4() for _ in range(12)]
    with db_session(app) as session:
        for n, vehicle_id in enumerate(vehicle_ids):
            session.add(
                Vehicle(id=vehicle_id, owner_user_id=owner.user_id, created_by_user_id=owner.user_id,
                        vin_enc=b"sealed", vin_hmac=uuid.uuid4().hex, vin_prefix3="WVW", vin_last4=f"{n:04d}",
                        created_at=now, updated_at=now)
            )  # fmt: skip
    collection_id = _create(client, owner, "Flotte", "fleet")
    for vehicle_id in vehicle_ids:
        assert (
            client.put(f"/collections/{collection_id}/vehicles/{vehicle_id}", headers=owner.headers).status_code == 200
        )

    statements: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(statement)

    engine = ctx_of(app).db.engine
    event.listen(engine, "before_cursor_execute", seen)
    try:
        with db_session(app) as session:
            actor = Actor(user_id=owner.user_id, role=Role.USER, session_id=uuid.uuid4(), second_factor=False,
                          totp_enabled=False, email_hmac="")  # fmt: skip
            key = (RecordType.COLLECTION, uuid.UUID(collection_id))
            rendered = Renderer(session, ctx_of(app), actor, now).render([key])
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    data = rendered[key].data
    assert data is not None
    assert sorted(data["vehicle_ids"]) == sorted(str(v) for v in vehicle_ids)  # same clock: ordered by id
    vehicle_reads = [s for s in statements if "FROM vehicles" in s and "vehicle_collection" not in s]
    assert len(vehicle_reads) == 1, vehicle_reads
