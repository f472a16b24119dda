"""``replica.upsert_rows`` binds values itself (driver executemany): rows read back exactly as the ORM wrote them,
columns the server does not send get their model defaults, and an update keeps what it must keep."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select, text

from desktop.store import replica
from desktop.store.models import Document, Entry, ReplicaRecord, TrustSummaryRow, Vehicle
from desktop.store.vault import Vault

NOW = datetime(2025, 11, 26, 8, 30, 15, 123456, tzinfo=UTC)


def _rows(vehicle: str, entry: str, document: str, note: str) -> list[tuple[str, str, str | None, int, dict[str, Any]]]:
    return [
        ("vehicle", vehicle, vehicle, 1, {"id": vehicle, "vin": "WVWZZZ1JZXW000001", "meta": {"farbe": "grün"}}),
        (
            "entry",
            entry,
            vehicle,
            2,
            {
                "id": entry,
                "vehicle_id": vehicle,
                "date": "2024-05-01",
                "type": "service",
                "performed_by": "own_work",
                "km": 1200,
                "note": note,
                "cost_amount": 12.5,
                "is_latest": True,
            },
        ),  # fmt: skip
        ("document", document, vehicle, 3, {"id": document, "vehicle_id": vehicle, "filename": "Rechnung.pdf"}),
        ("trust_summary", vehicle, vehicle, 4, {"vehicle_id": vehicle, "trust_light": "gelb"}),
        ("folder", "f1", vehicle, 5, {"id": "f1", "title": "Restaurierung", "vehicle_id": vehicle}),
    ]


def test_rows_read_back_with_defaults_and_types(vault: Vault) -> None:
    vehicle, entry, document = (str(uuid.uuid4()) for _ in range(3))
    with vault.session() as session, session.begin():
        assert replica.upsert_rows(session, _rows(vehicle, entry, document, "Ölwechsel"), NOW) == 5
    with vault.session() as session:
        v = session.get_one(Vehicle, vehicle)
        e = session.get_one(Entry, entry)
        d = session.get_one(Document, document)
        s = session.get_one(TrustSummaryRow, vehicle)
        f = session.get_one(ReplicaRecord, ("folder", "f1"))
        raw_local = session.execute(text("SELECT local_data FROM replica_records WHERE id = 'f1'")).scalar_one()
    assert v.meta == {"farbe": "grün"}
    assert v.server_data is not None
    assert v.server_data["meta"] == {"farbe": "grün"}
    assert v.created_at == NOW
    assert v.updated_at == NOW
    assert v.dirty is False
    assert v.deleted_at is None
    assert v.server_version == 1
    assert e.note == "Ölwechsel"
    assert e.cost_amount == 1250
    assert e.is_latest is True
    assert e.server_data is not None
    assert e.server_data["cost_amount"] == 12.5
    assert d.upload_state == "remote"  # the model default, not sent by the server
    assert d.local_blob_sha256 is None
    assert s.trust_light == "gelb"
    assert s.received_at == NOW
    assert f.data == {"id": "f1", "title": "Restaurierung", "vehicle_id": vehicle}
    assert f.local_data is None
    assert raw_local == "null"  # as SQLAlchemy's JSON type stores None


def test_an_update_keeps_created_at_and_local_columns(vault: Vault) -> None:
    vehicle, entry, document = (str(uuid.uuid4()) for _ in range(3))
    with vault.session() as session, session.begin():
        replica.upsert_rows(session, _rows(vehicle, entry, document, "alt"), NOW)
        session.execute(
            text("UPDATE documents SET local_blob_sha256 = 'ab', upload_state = 'uploaded' WHERE id = :id"),
            {"id": document},
        )
    later = NOW + timedelta(hours=1)
    with vault.session() as session, session.begin():
        replica.upsert_rows(session, _rows(vehicle, entry, document, "neu"), later)
    with vault.session() as session:
        e = session.get_one(Entry, entry)
        d = session.get_one(Document, document)
        count = len(session.scalars(select(Entry.id)).all())
    assert e.note == "neu"
    assert e.created_at == NOW
    assert e.updated_at == later
    assert d.local_blob_sha256 == "ab"
    assert d.upload_state == "uploaded"
    assert count == 1


def test_entry_lookups_by_vehicle_and_group_still_use_an_index(vault: Vault) -> None:
    """The single-column indexes on vehicle_id and entry_group_id are gone (migration 20251201_0100): the
    composite indexes that start with them serve the same lookups, never a scan of every entry."""
    with vault.session() as session:
        names = {r[1] for r in session.execute(text("PRAGMA index_list('entries')"))}
        plans = {
            sql: " ".join(str(r[3]) for r in session.execute(text(f"EXPLAIN QUERY PLAN {sql}")))
            for sql in (
                "SELECT id FROM entries WHERE vehicle_id = 'v'",
                "SELECT id FROM entries WHERE entry_group_id IN ('a', 'b') AND server_data IS NULL",
                "DELETE FROM entries WHERE vehicle_id = 'v'",
            )
        }
    assert "ix_entries_vehicle_id" not in names
    assert "ix_entries_entry_group_id" not in names
    for sql, plan in plans.items():
        assert "USING" in plan, (sql, plan)
        assert "SCAN entries" not in plan, (sql, plan)


def test_a_server_revision_replaces_the_unacknowledged_local_one_in_its_slot(vault: Vault) -> None:
    vehicle, entry, document = (str(uuid.uuid4()) for _ in range(3))
    with vault.session() as session, session.begin():
        replica.upsert_rows(session, _rows(vehicle, entry, document, "v1"), NOW)
        local = Entry(id=str(uuid.uuid4()), vehicle_id=vehicle, entry_group_id=entry, version=2, date="2024-06-01",
                      type="service", performed_by="own_work", km=1300, dirty=True)  # fmt: skip
        session.add(local)
    server_v2 = str(uuid.uuid4())
    revision = {"id": server_v2, "vehicle_id": vehicle, "entry_group_id": entry, "version": 2, "date": "2024-06-01",
                "type": "service", "performed_by": "own_work", "km": 1300}  # fmt: skip
    with vault.session() as session, session.begin():
        replica.upsert_rows(session, [("entry", server_v2, vehicle, 9, revision)], NOW)
    with vault.session() as session:
        ids = set(session.scalars(select(Entry.id)))
    assert ids == {entry, server_v2}
