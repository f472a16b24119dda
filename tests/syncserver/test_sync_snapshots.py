"""Snapshots of gained vehicles (``grant`` rows): read with one query per table for the whole page, and a page
of snapshots ends after the vehicle that filled it, so a first pull of a large account comes in bounded pages."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import event

from shared.roles import Role
from tests.syncserver.support import ctx_of, sign_in
from tests.syncserver.test_sync_support import ENTRY, Device, replica

VEHICLES = 6
ENTRIES = 4


def _owner_with_vehicles(client: TestClient, app: FastAPI) -> Device:
    owner = Device(client, sign_in(app, role=Role.DEALER))  # no paywall
    for n in range(VEHICLES):
        vehicle = owner.one("vehicle.create", id=str(uuid.uuid4()), vin=f"WVWZZZ1JZXW{n + 1:06d}")
        assert vehicle["status"] == "applied", vehicle
        vehicle_id = vehicle["rows"][0]["id"]
        for km in range(ENTRIES):
            owner.one("entry.create", id=str(uuid.uuid4()), vehicle_id=vehicle_id, **{**ENTRY, "km": km})
    return owner


def _pages(device: Device, limit: int) -> list[dict[str, Any]]:
    pages = []
    while True:
        params: dict[str, Any] = {"limit": limit}
        if device.cursor is not None:
            params["cursor"] = device.cursor
        response = device.client.get("/sync/changes", params=params, headers=device.user.headers)
        assert response.status_code == 200, response.text
        pages.append(response.json())
        device.cursor = pages[-1]["cursor"]
        if not pages[-1]["has_more"]:
            return pages


def test_snapshot_pages_are_bounded_and_complete(client: TestClient, app: FastAPI) -> None:
    owner = _owner_with_vehicles(client, app)  # its first pull gains every vehicle: grant rows
    limit = 5
    pages = _pages(Device(client, owner.user), limit)
    snapshot = 2 + ENTRIES  # vehicle, trust summary, entries
    assert all(len(page["changes"]) <= limit - 1 + snapshot for page in pages), [len(p["changes"]) for p in pages]
    assert len(pages) > 2
    paged = replica([c for page in pages for c in page["changes"]])
    whole = replica(_pages(Device(client, owner.user), 5000)[-1]["changes"])
    assert paged == whole
    assert len([k for k in whole if k[0] == "vehicle"]) == VEHICLES
    assert len([k for k in whole if k[0] == "entry"]) == VEHICLES * ENTRIES
    assert pages[-1]["counts"] == {"vehicle": VEHICLES, "entry": VEHICLES * ENTRIES}


def test_gained_vehicles_are_read_with_one_query_per_table(client: TestClient, app: FastAPI) -> None:
    owner = _owner_with_vehicles(client, app)
    statements: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(statement)

    engine = ctx_of(app).db.engine
    event.listen(engine, "before_cursor_execute", seen)
    try:
        pages = _pages(Device(client, owner.user), 5000)
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert len(pages) == 1
    assert sum(c["op"] == "upsert" and c["type"] == "vehicle" for c in pages[0]["changes"]) == VEHICLES
    document_reads = [s for s in statements if "FROM documents" in s]
    assert len(document_reads) <= 2, document_reads  # the snapshot's ids and the render, not one per vehicle
