"""A push of many ``entry.create`` (applied together, answered one by one) on SQLite and PostgreSQL.

Every rule still applies per mutation (args, object access, validation), a rejection blocks nothing after it,
the entries keep the ids their client made unless taken, each one is logged for pull and audited, and a
synced model inserted in bulk without row dicts is refused instead of missing from the sync log."""

from __future__ import annotations

import uuid

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, insert, select

from syncserver.models import AuditEvent
from syncserver.models.entry import VehicleEntry
from syncserver.models.sync import SyncChange, SyncIdAlias
from syncserver.sync import capture
from tests.syncserver.support import db_session, sign_in
from tests.syncserver.test_sync_support import ENTRY, VIN, VIN2, Device, replica


def _vehicle(device: Device, vin: str = VIN) -> str:
    return str(device.one("vehicle.create", id=str(uuid.uuid4()), vin=vin)["rows"][0]["id"])


class TestEntryRun:
    def test_each_mutation_is_checked_and_answered_on_its_own(self, client: TestClient, app: FastAPI) -> None:
        owner = Device(client, sign_in(app))
        vehicle_id = _vehicle(owner)
        other = Device(client, sign_in(app))
        foreign = _vehicle(other, VIN2)
        ids = [str(uuid.uuid4()) for _ in range(6)]
        results = owner.push(
            owner.mutation("entry.create", id=ids[0], vehicle_id=vehicle_id, **ENTRY),
            owner.mutation("entry.create", id=ids[1], vehicle_id=foreign, **ENTRY),  # not his vehicle
            owner.mutation("entry.create", id=ids[2], vehicle_id=vehicle_id, **{**ENTRY, "type": "teleport"}),
            owner.mutation("entry.create", id=ids[3], vehicle_id=vehicle_id, **{**ENTRY, "km": -1}),  # bad args
            owner.mutation("entry.create", id=ids[4], vehicle_id=foreign, **{**ENTRY, "km": 1}),
            owner.mutation("entry.create", id=ids[5], vehicle_id=vehicle_id, **{**ENTRY, "km": 13000}),
        )
        assert [(r["status"], r["code"]) for r in results] == [
            ("applied", None),
            ("rejected", "not_found"),
            ("rejected", "invalid_entry"),
            ("rejected", "validation_failed"),
            ("rejected", "not_found"),
            ("applied", None),
        ]
        for result, client_id in ((results[0], ids[0]), (results[5], ids[5])):
            assert result["id_map"] == {}  # the client's id was free: the entry keeps it
            (row,) = [r for r in result["rows"] if r["type"] == "entry"]
            assert (row["id"], row["data"]["vehicle_id"], row["data"]["can_revise"]) == (client_id, vehicle_id, True)
        assert results[5]["rows"][0]["data"]["km"] == 13000
        assert {r["type"] for r in results[5]["rows"]} >= {"trust_summary", "vehicle"}  # once, on the last applied
        pulled = replica(owner.pull_all())
        assert {k[1] for k in pulled if k[0] == "entry"} == {ids[0], ids[5]}
        assert not [k for k in replica(other.pull_all()) if k[0] == "entry"]
        with db_session(app) as session:
            created = session.scalars(select(AuditEvent.target_id).where(AuditEvent.action == "ENTRY_CREATED"))
            assert sorted(created) == sorted([ids[0], ids[5]])
            denied = select(func.count()).where(AuditEvent.action == "ACCESS_DENIED")
            assert session.scalar(denied) == 2  # each denied mutation is audited, not only the first per vehicle
            logged = select(SyncChange.record_id).where(SyncChange.record_type == "entry")
            assert {str(i) for i in session.scalars(logged)} == {ids[0], ids[5]}

    def test_another_accounts_id_gets_a_server_id_and_an_alias(self, client: TestClient, app: FastAPI) -> None:
        other = Device(client, sign_in(app))
        theirs = other.one("entry.create", id=str(uuid.uuid4()), vehicle_id=_vehicle(other, VIN2), **ENTRY)
        foreign_id = theirs["rows"][0]["id"]
        owner = Device(client, sign_in(app))
        vehicle_id = _vehicle(owner)
        (clash,) = owner.push(owner.mutation("entry.create", id=foreign_id, vehicle_id=vehicle_id, **ENTRY))
        mine = clash["id_map"][foreign_id]
        assert mine != foreign_id
        assert clash["rows"][0]["id"] == mine
        # the client still names its entry by its own id: the alias resolves it to its entry, not the other's
        revised = owner.one("entry.revise", id=str(uuid.uuid4()), vehicle_id=vehicle_id, entry_id=foreign_id,
                            **{**ENTRY, "km": 20000})  # fmt: skip
        assert revised["status"] == "applied"
        superseded = {r["id"]: r["data"]["is_latest"] for r in revised["rows"] if r["type"] == "entry"}
        assert superseded[mine] is False
        assert replica(other.pull_all())[("entry", foreign_id)]["is_latest"] is True

    def test_an_id_used_again_keeps_naming_the_first_entry(self, client: TestClient, app: FastAPI) -> None:
        owner = Device(client, sign_in(app))
        vehicle_id = _vehicle(owner)
        again = str(uuid.uuid4())
        first, twin = owner.push(
            owner.mutation("entry.create", id=again, vehicle_id=vehicle_id, **ENTRY),
            owner.mutation("entry.create", id=again, vehicle_id=vehicle_id, **ENTRY),  # a faulty client
        )
        (thrice,) = owner.push(owner.mutation("entry.create", id=again, vehicle_id=vehicle_id, **ENTRY))
        assert (first["status"], first["id_map"]) == ("applied", {})
        assert twin["status"] == thrice["status"] == "applied"  # a reused id never fails the push
        assert len({again, twin["id_map"][again], thrice["id_map"][again]}) == 3
        revised = owner.one("entry.revise", id=str(uuid.uuid4()), vehicle_id=vehicle_id, entry_id=again, **ENTRY)
        assert {r["id"] for r in revised["rows"] if r["type"] == "entry" and not r["data"]["is_latest"]} == {again}
        with db_session(app) as session:
            assert session.scalar(select(func.count()).where(SyncIdAlias.client_ref == uuid.UUID(again))) == 0
            assert session.scalar(select(func.count()).select_from(VehicleEntry)) == 4  # 3 creates + 1 revision

    def test_a_retried_run_is_answered_from_the_stored_answers(self, client: TestClient, app: FastAPI) -> None:
        owner = Device(client, sign_in(app))
        vehicle_id = _vehicle(owner)
        batch = [owner.mutation("entry.create", id=str(uuid.uuid4()), vehicle_id=vehicle_id, **{**ENTRY, "km": k})
                 for k in (1, 2, 3)]  # fmt: skip
        first = owner.push(*batch)
        again = owner.push(*batch)
        assert [r["status"] for r in again] == ["duplicate"] * 3
        assert [r["rows"] for r in again] == [r["rows"] for r in first]
        assert len([k for k in replica(owner.pull_all()) if k[0] == "entry"]) == 3


def test_a_denied_mutation_is_audited_like_a_refused_rest_request(client: TestClient, app: FastAPI) -> None:
    owner = Device(client, sign_in(app))
    vehicle_id = _vehicle(owner)
    stranger = Device(client, sign_in(app))
    refused = stranger.one("vehicle.update", vehicle_id=vehicle_id, nickname="mine")
    assert (refused["status"], refused["code"]) == ("rejected", "not_found")
    with db_session(app) as session:
        denied = select(AuditEvent.actor_id, AuditEvent.target_id).where(AuditEvent.action == "ACCESS_DENIED")
        assert session.execute(denied).all() == [(stranger.user.user_id, vehicle_id)]


def test_a_synced_model_inserted_without_rows_is_refused(app: FastAPI) -> None:
    capture.install()
    with db_session(app) as session, pytest.raises(TypeError, match="sync log"):
        session.execute(insert(VehicleEntry).values(id=uuid.uuid4()))
