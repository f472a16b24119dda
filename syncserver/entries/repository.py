"""All SQL of service entries (no FastAPI)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from syncserver.models.entry import VehicleEntry


class EntryRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, entry: VehicleEntry) -> None:
        self.session.add(entry)
        self.session.flush()

    def add_many(self, rows: list[dict[str, Any]]) -> None:
        """New rows from column values in one ORM bulk INSERT (the sync log notes them, see ``capture``)."""
        if rows:
            self.session.execute(insert(VehicleEntry), rows)

    def existing_ids(self, ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
        """Which of ``ids`` an entry (any vehicle, any version, deleted ones too) has already."""
        if not ids:
            return set()
        return set(self.session.scalars(select(VehicleEntry.id).where(VehicleEntry.id.in_(ids))).all())

    def authored(self, user_id: uuid.UUID, ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
        if not ids:
            return set()
        stmt = select(VehicleEntry.id).where(VehicleEntry.id.in_(ids), VehicleEntry.author_user_id == user_id)
        return set(self.session.scalars(stmt).all())

    def flush(self) -> None:
        self.session.flush()

    def get(self, vehicle_id: uuid.UUID, entry_id: uuid.UUID, *, lock: bool = False) -> VehicleEntry | None:
        """A live row of this vehicle (any version)."""
        stmt = select(VehicleEntry).where(
            VehicleEntry.id == entry_id, VehicleEntry.vehicle_id == vehicle_id, VehicleEntry.deleted_at.is_(None)
        )
        return self.session.scalar(stmt.with_for_update() if lock else stmt)

    def latest(self, vehicle_id: uuid.UUID) -> Sequence[VehicleEntry]:
        """The latest live revision of every group, ``date`` descending (newest created first on a tie)."""
        stmt = select(VehicleEntry).where(
            VehicleEntry.vehicle_id == vehicle_id, VehicleEntry.is_latest.is_(True), VehicleEntry.deleted_at.is_(None)
        )
        stmt = stmt.order_by(VehicleEntry.date.desc(), VehicleEntry.created_at.desc(), VehicleEntry.id)
        return self.session.scalars(stmt).all()

    def latest_facts(self, vehicle_id: uuid.UUID) -> Sequence[Any]:
        """What the trust derivation reads of :meth:`latest`'s rows (same rows, same order), as Core rows: a
        vehicle's trust is recomputed after every change and may have thousands of entries."""
        self.session.flush()  # a Core select does not autoflush
        columns = (
            VehicleEntry.id,
            VehicleEntry.entry_group_id,
            VehicleEntry.declared_trust_level,
            VehicleEntry.trust_level,
            VehicleEntry.date,
            VehicleEntry.type,
            VehicleEntry.performed_by,
            VehicleEntry.km,
        )
        stmt = select(*columns).where(
            VehicleEntry.vehicle_id == vehicle_id, VehicleEntry.is_latest.is_(True), VehicleEntry.deleted_at.is_(None)
        )
        stmt = stmt.order_by(VehicleEntry.date.desc(), VehicleEntry.created_at.desc(), VehicleEntry.id)
        return self.session.execute(stmt).all()

    def by_id(self, entry_id: uuid.UUID) -> VehicleEntry:
        found = self.session.get(VehicleEntry, entry_id)
        assert found is not None
        return found

    def history(self, entry_group_id: uuid.UUID) -> Sequence[VehicleEntry]:
        stmt = select(VehicleEntry).where(
            VehicleEntry.entry_group_id == entry_group_id, VehicleEntry.deleted_at.is_(None)
        )
        return self.session.scalars(stmt.order_by(VehicleEntry.version)).all()

    def revision_counts(self, group_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, int]:
        if not group_ids:
            return {}
        stmt = (
            select(VehicleEntry.entry_group_id, func.count())
            .where(VehicleEntry.entry_group_id.in_(group_ids), VehicleEntry.deleted_at.is_(None))
            .group_by(VehicleEntry.entry_group_id)
        )
        return {group_id: int(count) for group_id, count in self.session.execute(stmt).all()}

    def group_of_entries(self, vehicle_id: uuid.UUID) -> dict[uuid.UUID, uuid.UUID]:
        """Every entry row id of the vehicle mapped to its group id (documents may point at any version)."""
        stmt = select(VehicleEntry.id, VehicleEntry.entry_group_id).where(VehicleEntry.vehicle_id == vehicle_id)
        return {entry_id: group_id for entry_id, group_id in self.session.execute(stmt).all()}
