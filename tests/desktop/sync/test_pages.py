"""The lean change page the engine applies: same content as the wire model, same refusals of malformed bodies."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest

from desktop.sync.pages import MalformedPage, PulledPage
from shared.sync.protocol import Change, ChangeOp, ChangesPage, RecordType


def _page() -> ChangesPage:
    vehicle = uuid.uuid4()
    return ChangesPage(
        cursor="c1.1.9",
        has_more=False,
        changes=[
            Change(seq=3, op=ChangeOp.UPSERT, type=RecordType.VEHICLE, id=vehicle, vehicle_id=vehicle, data={"a": 1}),
            Change(seq=5, op=ChangeOp.UPSERT, type=RecordType.ENTRY, id=uuid.uuid4(), vehicle_id=vehicle, data={}),
            Change(seq=7, op=ChangeOp.DELETE, type=RecordType.DOCUMENT, id=uuid.uuid4()),
            Change(seq=9, op=ChangeOp.REMOVE, type=RecordType.VEHICLE, id=vehicle, vehicle_id=vehicle),
        ],
        counts={"vehicle": 0, "entry": 0},
    )


def test_parse_equals_the_wire_model() -> None:
    page = _page()
    parsed = PulledPage.parse(page.model_dump_json().encode())
    assert parsed == PulledPage.of(page)
    assert parsed.changes[0] == {
        "seq": 3,
        "op": "upsert",
        "type": "vehicle",
        "id": str(page.changes[0].id),
        "vehicle_id": str(page.changes[0].vehicle_id),
        "data": {"a": 1},
    }
    assert parsed.changes[2]["vehicle_id"] is None
    assert parsed.changes[2]["data"] is None
    assert parsed.counts == {"vehicle": 0, "entry": 0}
    assert not parsed.has_more


def test_ids_are_canonical_strings() -> None:
    record = uuid.uuid4()
    body = {"cursor": "c1.1.1", "has_more": True, "changes": [{"seq": 1, "op": "delete", "type": "entry",
            "id": record.hex.upper()}]}  # fmt: skip
    parsed = PulledPage.parse(json.dumps(body).encode())
    assert parsed.changes[0]["id"] == str(record)
    assert parsed.changes[0]["vehicle_id"] is None
    assert parsed.counts is None


def _change(**over: Any) -> dict[str, Any]:
    change: dict[str, Any] = {"seq": 1, "op": "upsert", "type": "entry", "id": str(uuid.uuid4()), "data": {}}
    change.update(over)
    return change


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"[]",
        b'{"cursor": "c1.1.1", "has_more": false}',
        b'{"cursor": 1, "has_more": false, "changes": []}',
        b'{"cursor": "c1.1.1", "has_more": "no", "changes": []}',
        b'{"cursor": "c1.1.1", "has_more": false, "changes": [], "counts": {"entry": "3"}}',
        b'{"cursor": "c1.1.1", "has_more": false, "changes": [], "extra": 1}',
    ],
)
def test_malformed_pages_are_refused(body: bytes) -> None:
    with pytest.raises(MalformedPage):
        PulledPage.parse(body)


@pytest.mark.parametrize(
    "change",
    [
        _change(op="merge"),
        _change(type="unknown"),
        _change(seq="1"),
        _change(seq=True),
        _change(id="not-a-uuid"),
        _change(vehicle_id=42.5),
        _change(data=[1, 2]),
        _change(extra=1),
        "a string",
    ],
)
def test_malformed_changes_are_refused(change: Any) -> None:
    body = {"cursor": "c1.1.1", "has_more": False, "changes": [change]}
    with pytest.raises(MalformedPage):
        PulledPage.parse(json.dumps(body).encode())
