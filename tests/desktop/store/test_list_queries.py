"""The vehicle list and timeline queries: same records as the ORM path, and entries read through indexes only."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

from sqlalchemy import event, select, update

from desktop.store import queries
from desktop.store.models import Document, Entry, Vehicle
from desktop.store.repositories import DocumentRepository, EntryRepository, VehicleRepository
from desktop.store.vault import Vault


def _fill(vault: Vault) -> str:
    vehicle = VehicleRepository(vault).add("WVWZZZ1JZXW000001", nickname="Käfer").id
    VehicleRepository(vault).add("WVWZZZ1JZXW000002", nickname="Golf")
    entries = EntryRepository(vault)
    first = entries.add(vehicle, date="2024-03-01", type="service", performed_by="dealer", km=1000, note="Öl")
    second = entries.add(vehicle, date="2024-05-01", type="repair", performed_by="own_work", km=2000, cost_amount=12.5)
    entries.add(vehicle, date="2024-05-01", type="inspection", performed_by="statutory", km=2500)
    entries.revise(first.id, note="Öl und Filter")
    DocumentRepository(vault).attach(vehicle, io.BytesIO(b"%PDF-1.4 test"), filename="r.pdf", entry_id=second.id)
    with vault.session() as session, session.begin():  # the second entry as the server confirmed it
        session.execute(update(Entry).where(Entry.id == second.id).values(dirty=False, server_data={"version": 1}))
    return vehicle


def test_timeline_returns_the_records_of_the_orm_rows(vault: Vault) -> None:
    vehicle = _fill(vault)
    rows = queries.timeline(vault, vehicle)
    with vault.session() as session:
        stmt = (
            select(Entry)
            .where(Entry.vehicle_id == vehicle, Entry.is_latest.is_(True), Entry.deleted_at.is_(None))
            .order_by(Entry.date.desc(), Entry.km.desc(), Entry.id)
        )
        expected = [queries.entry_record(r) for r in session.scalars(stmt)]
    assert [r.entry for r in rows] == expected
    assert [(r.entry.type, r.revisions, r.attachments) for r in rows] == [
        ("inspection", 1, 0),
        ("repair", 1, 1),
        ("service", 2, 0),
    ]
    assert [(r.entry.pending, r.entry.synced) for r in rows] == [(True, False), (False, True), (True, False)]


def _plans(vault: Vault, run: Callable[[], Any]) -> list[str]:
    """The query plan lines of every statement ``run`` sends to the vault."""
    sent: list[tuple[str, Any]] = []

    def capture(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            sent.append((statement, parameters))

    event.listen(vault.engine, "before_cursor_execute", capture)
    try:
        run()
    finally:
        event.remove(vault.engine, "before_cursor_execute", capture)
    lines = []
    with vault.engine.connect() as conn:
        for statement, parameters in sent:
            lines += [row[3] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)]
    return lines


def _table_scans(lines: list[str], tables: tuple[str, ...]) -> list[str]:
    """Plan lines that read every row of one of ``tables`` (a scan of a covering index reads no table row)."""
    pattern = re.compile(r"^SCAN (\w+)")
    return [
        line for line in lines if (m := pattern.match(line)) and m.group(1) in tables and "COVERING INDEX" not in line
    ]


def test_the_vehicle_list_reads_entries_and_documents_through_indexes_only(vault: Vault) -> None:
    _fill(vault)
    lines = _plans(vault, lambda: queries.vehicle_rows(vault))
    assert any("COVERING INDEX ix_entries_vehicle_summary" in line for line in lines)
    assert any("ix_entries_dirty_vehicle" in line for line in lines)
    assert any("ix_documents_dirty_vehicle" in line for line in lines)
    assert _table_scans(lines, ("entries", "documents")) == []


def test_opening_a_vehicle_reads_entries_through_indexes_only(vault: Vault) -> None:
    vehicle = _fill(vault)

    def open_vehicle() -> None:
        queries.timeline(vault, vehicle)
        queries.vehicle_pending(vault, vehicle)

    lines = _plans(vault, open_vehicle)
    assert _table_scans(lines, ("entries", "documents")) == []
    assert not any(line.startswith("SCAN") and "entries" in line for line in lines)


def test_the_pending_markers_follow_the_partial_indexes(vault: Vault) -> None:
    vehicle = _fill(vault)
    with vault.session() as session, session.begin():
        for model in (Vehicle, Entry, Document):
            session.execute(update(model).values(dirty=False))
    assert not queries.vehicle_pending(vault, vehicle)
    assert [r.pending for r in queries.vehicle_rows(vault)] == [False, False]
    with vault.session() as session, session.begin():
        session.execute(update(Document).values(dirty=True))
    assert queries.vehicle_pending(vault, vehicle)
    assert [r.pending for r in queries.vehicle_rows(vault)] == [True, False]
