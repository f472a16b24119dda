"""The pull page's lean entry rendering stays equal to the REST schema ``VehicleEntryOut``."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime

import pytest
from pydantic_core import to_json, to_jsonable_python

from syncserver.entries.schemas import VehicleEntryOut
from syncserver.entries.service import EntryView
from syncserver.models.entry import VehicleEntry
from syncserver.sync.records import entry_data


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
