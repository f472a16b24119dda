"""The pull page's lean entry renderings stay equal to the REST schema ``VehicleEntryOut``."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic_core import to_json, to_jsonable_python

from syncserver.clock import ManualClock
from syncserver.entries.schemas import VehicleEntryOut
from syncserver.entries.service import EntryView
from syncserver.models.entry import VehicleEntry
from syncserver.sync.records import entry_data
from tests.syncserver.support import sign_in
from tests.syncserver.test_sync_support import ENTRY, VIN, Device


def _entry(**over: object) -> VehicleEntry:
    values: dict[str, object] = {
        "id": uuid.uuid4(),
        "vehicle_id": uuid.uuid4(),
        "entry_group_id": uuid.uuid4(),
        "supersedes_entry_id": None,
        "version": 1,
        "is_latest": True,
        "date": date(2024, 5, 1),
        "type": "service",
        "performed_by": "own_work",
        "km": 12000,
        "note": "Ölwechsel",
        "cost_cents": None,
        "currency": "EUR",
        "trust_level": None,
        "is_backfill": False,
        "author_user_id": uuid.uuid4(),
        "author_org_id": None,
        "created_at": datetime(2024, 5, 1, 10, 0, 0, 123456, tzinfo=UTC),
        "updated_at": datetime(2024, 5, 2, 11, 0, 0),
    }
    values.update(over)
    return VehicleEntry(**values)


@pytest.mark.parametrize(
    "over",
    [
        {},
        {"cost_cents": 12345, "author_org_id": uuid.uuid4(), "trust_level": "T2", "note": None},
        {"supersedes_entry_id": uuid.uuid4(), "version": 3, "is_latest": False, "is_backfill": True},
    ],
)
def test_lean_entry_data_equals_the_schema_dump(over: dict[str, object]) -> None:
    entry = _entry(**over)
    expected = VehicleEntryOut.of(EntryView(entry, 2, True)).model_dump(mode="json")
    lean = entry_data(entry, 2, True)
    assert to_jsonable_python(lean) == expected
    assert json.loads(to_json(lean)) == expected
    assert list(lean) == list(expected)


def test_pulled_entries_equal_the_rest_answers(client: TestClient, app: FastAPI, clock: ManualClock) -> None:
    """The pull page's untyped entry query (``sync.entry_page``) gives exactly what the REST routes answer, on
    both back ends: revisions and revision counts, costs, notes, whole and fractional-second timestamps."""
    owner = Device(client, sign_in(app))
    vehicle_id = owner.one("vehicle.create", id=str(uuid.uuid4()), vin=VIN)["rows"][0]["id"]
    first = owner.one("entry.create", id=str(uuid.uuid4()), vehicle_id=vehicle_id, **ENTRY, note="Ölwechsel")
    entry_id = next(r["id"] for r in first["rows"] if r["type"] == "entry")
    clock.advance(1, microseconds=123456)
    revised = {**ENTRY, "km": 13000, "cost_amount": 123.45}
    owner.one("entry.revise", id=str(uuid.uuid4()), vehicle_id=vehicle_id, entry_id=entry_id, **revised)
    clock.advance(microseconds=1)
    owner.one("entry.create", id=str(uuid.uuid4()), vehicle_id=vehicle_id, **{**ENTRY, "cost_amount": 12})
    pulled = {c["id"]: c["data"] for c in owner.pull_all(limit=2) if c["type"] == "entry" and c["op"] == "upsert"}
    base = f"/vehicles/{vehicle_id}/entries"
    rest = {e["id"]: e for e in client.get(base, headers=owner.user.headers).json()}
    history = client.get(f"{base}/{entry_id}/history", headers=owner.user.headers).json()
    rest |= {e["id"]: e for e in history}
    assert len(rest) == 3
    assert pulled == rest
    assert {e["revision_count"] for e in history} == {2}
    assert sorted(e["can_revise"] for e in rest.values()) == [False, True, True]
