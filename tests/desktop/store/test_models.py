"""Local model details the sync engine relies on: UUIDv7 ids, aware UTC times, ascending outbox ids."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import delete, select, text
from sqlalchemy.exc import StatementError

from desktop.store.models import OutboxMutation, SyncState, Vehicle, new_id
from desktop.store.vault import Vault


def test_new_id_is_a_time_ordered_uuid7() -> None:
    ids = [new_id() for _ in range(50)]
    parsed = [uuid.UUID(value) for value in ids]
    assert all(u.version == 7 and u.variant == uuid.RFC_4122 for u in parsed)
    assert len(set(ids)) == 50
    millis = [u.int >> 80 for u in parsed]
    assert millis == sorted(millis)


def test_times_are_stored_as_utc_and_come_back_aware(vault: Vault) -> None:
    local = datetime(2025, 6, 1, 14, 30, tzinfo=timezone(timedelta(hours=2)))
    with vault.session() as session, session.begin():
        vehicle = Vehicle(vin_masked="X", deleted_at=local)
        session.add(vehicle)
    with vault.session() as session:
        loaded = session.get(Vehicle, vehicle.id)
        assert loaded is not None
        assert loaded.deleted_at == datetime(2025, 6, 1, 12, 30, tzinfo=UTC)
        assert loaded.deleted_at.tzinfo is UTC
        assert loaded.created_at.tzinfo is UTC


def test_naive_times_are_refused(vault: Vault) -> None:
    with pytest.raises(StatementError, match="naive"), vault.session() as session, session.begin():
        session.add(Vehicle(vin_masked="X", deleted_at=datetime(2025, 1, 1)))


def test_outbox_ids_ascend_and_are_never_reused(vault: Vault) -> None:
    with vault.session() as session, session.begin():
        client_id = session.execute(select(SyncState.client_id)).scalar_one()
        first = [OutboxMutation(client_id=client_id, name="vehicle.create", args={"n": n}) for n in range(3)]
        session.add_all(first)
    with vault.session() as session, session.begin():
        session.execute(delete(OutboxMutation))  # all acknowledged by the server
    with vault.session() as session, session.begin():
        later = OutboxMutation(client_id=client_id, name="vehicle.update", args={}, base_version=7)
        session.add(later)
    assert [m.mutation_id for m in first] == sorted(m.mutation_id for m in first)
    assert later.mutation_id > max(m.mutation_id for m in first)


def test_clearing_revision_pointers_to_a_deleted_entry_uses_an_index(vault: Vault) -> None:
    """Deleting an entry (a push answer's id_map, a tombstone) clears ``supersedes_entry_id`` in the other
    entries, and SQLite checks that foreign key: both must look the id up, not scan the whole replica."""
    with vault.session() as session:
        plans = [
            " ".join(str(row[-1]) for row in session.execute(text(f"EXPLAIN QUERY PLAN {sql}"), {"id": "x"}))
            for sql in (
                "UPDATE entries SET supersedes_entry_id = NULL WHERE supersedes_entry_id = :id",
                "SELECT 1 FROM entries WHERE supersedes_entry_id = :id",
            )
        ]
    assert all("USING" in plan and "INDEX ix_entries_supersedes_entry_id" in plan for plan in plans), plans
