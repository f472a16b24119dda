"""Every committed change of a synced record gets a log row with a seq, whatever path made it.

ORM flushes of the synced models (vehicles, entries, documents, trust summaries, folders and their items,
workshop grants, collections) are noted on the session; just before the transaction commits, the notes are written to
``sync_changes`` under the sequence lock (PostgreSQL: a transaction-level advisory lock, released by the
commit), so seqs are handed out in commit order and a pull never skips a row that commits later with a
lower seq. REST requests, sync pushes and worker jobs are all covered, ORM bulk INSERTs of row dicts too
(``do_orm_execute``); Core statements on the tables are not.
A trust summary that is created, deleted or changes its light also logs its vehicle: the vehicle's row
carries ``trust_light``, and a replica holding the vehicle must get it again.

Hooks are installed once per process by :func:`install` (called by the sync endpoints module and by
anything else that writes synced records without the app, e.g. a standalone worker).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import ORMExecuteState, Session, SessionTransaction

from shared.sync.protocol import RecordType
from syncserver.models.addon import TrustFolder, TrustFolderItem
from syncserver.models.document import Document
from syncserver.models.entry import VehicleEntry
from syncserver.models.vehicle import Vehicle, VehicleCollection, VehicleTrustSummary
from syncserver.models.workshop import WorkshopGrant
from syncserver.sync.repository import SyncRepository

PENDING_KEY = "ltc_sync_pending"
UPSERT = "upsert"
GRANT = "grant"
REMOVE = "remove"


@dataclass(frozen=True, slots=True)
class Note:
    """A change to log: record, op, and what decides who sees it."""

    record_type: RecordType
    record_id: uuid.UUID
    op: str = UPSERT
    vehicle_id: uuid.UUID | None = None
    org_id: uuid.UUID | None = None
    audience: uuid.UUID | None = None
    folder_id: uuid.UUID | None = None


def note_of(obj: Any) -> Note | None:
    """The log note for one flushed ORM object, or None when it is not a synced record."""
    return note_for(type(obj), obj)


def note_for(model: type, obj: Any) -> Note | None:
    """The log note for a record of ``model`` whose columns ``obj`` carries as attributes (an ORM object, or
    a row of an ORM bulk INSERT), or None when ``model`` is not synced."""
    if issubclass(model, Vehicle):
        return Note(RecordType.VEHICLE, obj.id, vehicle_id=obj.id)
    if issubclass(model, VehicleEntry):
        return Note(RecordType.ENTRY, obj.id, vehicle_id=obj.vehicle_id)
    if issubclass(model, Document):
        audience = obj.owner_user_id if obj.vehicle_id is None else None
        return Note(RecordType.DOCUMENT, obj.id, vehicle_id=obj.vehicle_id, audience=audience)
    if issubclass(model, VehicleTrustSummary):
        return Note(RecordType.TRUST_SUMMARY, obj.vehicle_id, vehicle_id=obj.vehicle_id)
    if issubclass(model, TrustFolder):
        return Note(RecordType.FOLDER, obj.id, vehicle_id=obj.vehicle_id)
    if issubclass(model, TrustFolderItem):
        return Note(RecordType.FOLDER_ITEM, obj.id, folder_id=obj.folder_id)
    if issubclass(model, WorkshopGrant):
        return Note(RecordType.WORKSHOP_GRANT, obj.id, vehicle_id=obj.vehicle_id, org_id=obj.org_id)
    if issubclass(model, VehicleCollection):  # owner only; membership changes touch the collection
        return Note(RecordType.COLLECTION, obj.id, audience=obj.owner_user_id)
    return None


def pending(session: Session) -> list[Note]:
    notes: list[Note] = session.info.setdefault(PENDING_KEY, [])
    return notes


def add(session: Session, note: Note) -> None:
    pending(session).append(note)


def mark(session: Session) -> int:
    """A position in the pending notes (to drop what a rolled-back savepoint noted)."""
    return len(pending(session))


def rollback_to(session: Session, position: int) -> None:
    del pending(session)[position:]


def since(session: Session, position: int) -> list[Note]:
    return list(pending(session)[position:])


def _after_flush(session: Session, _ctx: Any) -> None:
    notes = pending(session)
    for obj in [*session.new, *session.dirty, *session.deleted]:
        if obj in session.dirty and not session.is_modified(obj, include_collections=False):
            continue
        note = note_of(obj)
        if note is not None:
            notes.append(note)
        if isinstance(obj, VehicleTrustSummary) and (obj not in session.dirty or _light_changed(obj)):
            notes.append(Note(RecordType.VEHICLE, obj.vehicle_id, vehicle_id=obj.vehicle_id))


def _light_changed(summary: VehicleTrustSummary) -> bool:
    """Whether an updated summary changed its vehicle's row too. The vehicle's ``data`` carries ``trust_light``
    (``VehicleService.view``), so a new, deleted or re-lit summary also logs the vehicle: a replica holding
    the vehicle gets it again (a summary recompute that keeps the light logs the summary only)."""
    return bool(inspect(summary).attrs.trust_light.history.has_changes())


def write_pending(session: Session, at: datetime | None = None) -> list[int]:
    """Flush, take the sequence lock and log every pending note (deduplicated); returns the seqs."""
    session.flush()
    notes = pending(session)
    if not notes:
        return []
    repo = SyncRepository(session)
    folders = repo.folder_vehicles([n.folder_id for n in notes if n.folder_id is not None and n.vehicle_id is None])
    unique = list(dict.fromkeys(notes))
    notes.clear()
    repo.lock_sequence()
    rows = [
        (
            note.record_type.value,
            note.record_id,
            note.op,
            note.vehicle_id or (folders.get(note.folder_id) if note.folder_id else None),
            note.org_id,
            note.audience,
        )
        for note in unique
    ]
    return repo.append_many(rows, at or datetime.now(UTC))


class _Blank:
    """Every attribute is None: a stand-in row for asking :func:`note_for` whether a model is synced."""

    def __getattr__(self, name: str) -> None:
        return None


def _synced(model: type) -> bool:
    return note_for(model, _Blank()) is not None


def _bulk_insert(state: ORMExecuteState) -> None:
    """ORM bulk INSERTs (``session.execute(insert(Model), rows)``) bypass the flush: note their rows here.

    A synced model inserted without row dicts (``insert(Model).values(...)``, ``from_select``) cannot be
    noted, so it is refused rather than left out of the log."""
    if not state.is_insert:  # every ORM select passes here too: the cheap test first
        return
    mapper = state.bind_mapper
    if mapper is None or not _synced(mapper.class_):
        return
    params = state.parameters
    rows = [params] if isinstance(params, dict) else list(params or [])
    if not rows:
        raise TypeError(f"insert synced {mapper.class_.__name__} rows as dicts, so that the sync log sees them")
    notes = pending(state.session)
    for row in rows:
        obj = SimpleNamespace(**row)
        note = note_for(mapper.class_, obj)
        assert note is not None
        notes.append(note)
        if mapper.class_ is VehicleTrustSummary:  # a new summary changes its vehicle's trust_light
            notes.append(Note(RecordType.VEHICLE, obj.vehicle_id, vehicle_id=obj.vehicle_id))


def _before_commit(session: Session) -> None:
    write_pending(session)


def _after_transaction_end(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        session.info.pop(PENDING_KEY, None)


_installed = False


def install() -> None:
    """Register the session hooks (idempotent)."""
    global _installed
    if _installed:
        return
    event.listen(Session, "after_flush", _after_flush)
    event.listen(Session, "do_orm_execute", _bulk_insert)
    event.listen(Session, "before_commit", _before_commit)
    event.listen(Session, "after_transaction_end", _after_transaction_end)
    _installed = True
