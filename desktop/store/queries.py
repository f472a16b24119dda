"""Read-only queries the views need beyond the repositories: vehicle list rows with aggregates, the timeline
with revision and attachment counts, the revision history of one entry.

Contracts: blocking, run on the single DB worker; each function is one read, returns immutable rows; a vehicle
list of 1,000 vehicles and 50,000 entries costs one grouped query per aggregate (no per-row queries).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Boolean, func, select, type_coerce

from desktop.store import collections
from desktop.store.models import Document, Entry, TrustSummaryRow, Vehicle
from desktop.store.records import EntryRecord
from desktop.store.vault import Vault


@dataclass(frozen=True, slots=True)
class VehicleRow:
    id: str
    nickname: str | None
    vin_masked: str
    meta: dict[str, Any]
    trust_light: str | None
    entry_count: int
    last_entry_date: str | None
    #: True when the vehicle or one of its entries/documents waits in the outbox.
    pending: bool
    synced: bool
    #: The synced collections/fleets the vehicle is in: ``(collection id, name)`` by name.
    collections: tuple[tuple[str, str], ...] = ()

    @property
    def title(self) -> str:
        make_model = " ".join(str(self.meta[k]) for k in ("make", "model") if self.meta.get(k))
        return self.nickname or make_model or self.vin_masked

    @property
    def collection(self) -> str:
        """The names of the vehicle's collections, comma-separated (list column and search)."""
        return ", ".join(name for _, name in self.collections)

    def in_collection(self, collection_id: str) -> bool:
        return any(cid == collection_id for cid, _ in self.collections)


@dataclass(frozen=True, slots=True)
class TimelineRow:
    entry: EntryRecord
    revisions: int
    attachments: int


def entry_record(row: Entry) -> EntryRecord:
    return EntryRecord(
        id=row.id,
        vehicle_id=row.vehicle_id,
        entry_group_id=row.entry_group_id,
        version=row.version,
        is_latest=row.is_latest,
        date=row.date,
        type=row.type,
        performed_by=row.performed_by,
        km=row.km,
        note=row.note,
        cost_amount=row.cost_amount,
        currency=row.currency,
        trust_level=row.trust_level,
        supersedes_entry_id=row.supersedes_entry_id,
        pending=row.dirty,
        synced=row.server_data is not None,
    )


def vehicle_rows(vault: Vault) -> list[VehicleRow]:
    """Every visible vehicle with its trust light, latest-entry count, last entry date and pending marker."""
    with vault.session() as session:
        counts = {
            vid: (int(n), last, bool(dirty))
            for vid, n, last, dirty in session.execute(
                select(Entry.vehicle_id, func.count(), func.max(Entry.date), func.max(Entry.dirty))
                .where(Entry.is_latest.is_(True), Entry.deleted_at.is_(None))
                .group_by(Entry.vehicle_id)
            )
        }
        dirty_entries = {
            vid for (vid,) in session.execute(select(Entry.vehicle_id).where(Entry.dirty.is_(True)).distinct())
        }
        dirty_docs = {
            vid for (vid,) in session.execute(select(Document.vehicle_id).where(Document.dirty.is_(True)).distinct())
        }
        lights = dict(session.execute(select(TrustSummaryRow.vehicle_id, TrustSummaryRow.trust_light)).all())
        groups = collections.by_vehicle(session)
        stmt = (
            select(
                Vehicle.id,
                Vehicle.nickname,
                Vehicle.vin_masked,
                Vehicle.meta,
                Vehicle.dirty,
                Vehicle.server_data.is_not(None),
            )
            .where(Vehicle.deleted_at.is_(None))
            .order_by(Vehicle.created_at, Vehicle.id)
        )
        rows = []
        for vid, nickname, masked, meta, dirty, synced in session.execute(stmt):
            n, last, _ = counts.get(vid, (0, None, False))
            rows.append(
                VehicleRow(
                    id=vid,
                    nickname=nickname,
                    vin_masked=masked or "",
                    meta=dict(meta or {}),
                    trust_light=lights.get(vid),
                    entry_count=n,
                    last_entry_date=last,
                    pending=bool(dirty) or vid in dirty_entries or vid in dirty_docs,
                    synced=bool(synced),
                    collections=groups.get(vid, ()),
                )
            )
        return rows


def timeline(vault: Vault, vehicle_id: str) -> list[TimelineRow]:
    """The latest revision of each entry of ``vehicle_id``, newest first, with revision and attachment counts."""
    with vault.session() as session:
        revisions = dict(
            session.execute(
                select(Entry.entry_group_id, func.count())
                .where(Entry.vehicle_id == vehicle_id)
                .group_by(Entry.entry_group_id)
            ).all()
        )
        attachments = dict(
            session.execute(
                select(Document.entry_id, func.count())
                .where(Document.vehicle_id == vehicle_id, Document.entry_id.is_not(None), Document.deleted_at.is_(None))
                .group_by(Document.entry_id)
            ).all()
        )
        stmt = (
            select(*_TIMELINE_COLUMNS)
            .where(Entry.vehicle_id == vehicle_id, Entry.is_latest.is_(True), Entry.deleted_at.is_(None))
            .order_by(Entry.date.desc(), Entry.km.desc(), Entry.id)
        )
        rows = [EntryRecord(*row) for row in session.execute(stmt)]
    return [TimelineRow(e, int(revisions.get(e.entry_group_id, 1)), int(attachments.get(e.id, 0))) for e in rows]


#: :class:`EntryRecord`'s fields in order, read as plain values: no ORM objects, and the server's JSON copy of
#: the row is only tested for presence (the timeline of a 2,000-entry vehicle must not decode 2,000 of them).
_TIMELINE_COLUMNS = (
    Entry.id,
    Entry.vehicle_id,
    Entry.entry_group_id,
    Entry.version,
    Entry.is_latest,
    Entry.date,
    Entry.type,
    Entry.performed_by,
    Entry.km,
    Entry.note,
    Entry.cost_amount,
    Entry.currency,
    Entry.trust_level,
    Entry.supersedes_entry_id,
    Entry.dirty,  # pending
    type_coerce(Entry.server_data.is_not(None), Boolean),  # synced
)


def history(vault: Vault, entry_group_id: str) -> list[EntryRecord]:
    """Every revision of one entry, newest version first."""
    with vault.session() as session:
        stmt = select(Entry).where(Entry.entry_group_id == entry_group_id).order_by(Entry.version.desc())
        return [entry_record(r) for r in session.scalars(stmt)]


def vehicle_pending(vault: Vault, vehicle_id: str) -> bool:
    """True when a change of the vehicle, its entries or documents is not yet confirmed by the server."""
    with vault.session() as session:
        for model in (Entry, Document):
            hit = session.scalar(
                select(func.count()).select_from(model).where(model.vehicle_id == vehicle_id, model.dirty.is_(True))
            )
            if hit:
                return True
        row = session.get(Vehicle, vehicle_id)
        return bool(row is not None and row.dirty)
