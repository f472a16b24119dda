"""The outbox: each user action writes its optimistic change and one outbox row in the same transaction.

Contracts:

- :func:`enqueue` applies the optimistic change for ``name``/``args`` (see :func:`apply_optimistic`) and
  appends the intent with the next ``mutation_id`` (SQLite AUTOINCREMENT: ascending, never reused). The
  caller owns the transaction, so both land together or not at all.
- :func:`revert` undoes the optimistic change of a rejected mutation: the touched records go back to the
  server's row, or vanish when the server never acknowledged them (``desktop.store.replica.restore``).
- ``args`` are exactly the wire args of ``shared.sync.protocol.MUTATION_ARGS``; nothing local-only.
- Version chains (a device's own consecutive edits never conflict with each other): a mutation carrying a
  ``base_version`` (today ``vehicle.update``) is guarded by the version of its main record. A push request
  holds at most one guarded mutation per record (:func:`one_guard_per_record`); when its answer is recorded,
  the queued mutations of that record still guarded by the same base are moved onto the version the answer
  produced (:func:`rebase`), in the transaction that records the answer. So only a change made by someone
  else between the base and the server's current version is a ``conflict``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from desktop.store import replica
from desktop.store.models import Document, Entry, OutboxMutation, ReplicaRecord, SyncState, Vehicle
from desktop.store.records import OutboxItem
from shared.sync.protocol import MUTATION_ARGS, MutationName, RecordType
from shared.vin import mask_vin, normalise_vin

VEHICLE_FIELDS = ("nickname", "meta")
ENTRY_FIELDS = ("date", "type", "performed_by", "km", "note", "cost_amount", "currency", "trust_level")


class UnknownRecordError(LookupError):
    """The mutation names a record that is not in the replica."""


def _now() -> datetime:
    return datetime.now(UTC)


def client_id(session: Session) -> str:
    state = session.get(SyncState, 1)
    if state is None:
        state = SyncState(id=1)
        session.add(state)
        session.flush()
    return state.client_id


def check_args(name: str, args: dict[str, Any]) -> None:
    """``ValueError`` for an unknown mutation, a missing required arg or an arg the protocol does not know."""
    spec = MUTATION_ARGS[MutationName(name)]
    allowed = {a.rstrip("?") for a in spec}
    required = {a for a in spec if not a.endswith("?")}
    missing = required - set(args)
    unknown = set(args) - allowed
    if missing or unknown:
        raise ValueError(f"{name}: missing {sorted(missing)}, unknown {sorted(unknown)}")


#: ``SyncProblem.name`` of the notice "the server refuses every sync until consent": the outbox is kept
#: untouched (nothing reverted); the engine removes the notice by itself once the server accepts syncs again.
CONSENT_HOLD = "sync.consent_hold"


def enqueue(session: Session, name: str, args: dict[str, Any], base_version: int | None = None) -> int:
    """Apply the optimistic change and append the outbox row (same transaction); returns the mutation id."""
    check_args(name, args)
    apply_optimistic(session, name, args)
    row = OutboxMutation(client_id=client_id(session), name=name, args=dict(args), base_version=base_version)
    session.add(row)
    session.flush()
    return row.mutation_id


def pending(session: Session, limit: int) -> list[OutboxItem]:
    rows = session.scalars(select(OutboxMutation).order_by(OutboxMutation.mutation_id).limit(limit))
    return [OutboxItem(r.mutation_id, r.client_id, r.name, dict(r.args), r.base_version, r.attempts) for r in rows]


def count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(OutboxMutation)) or 0)


def remove(session: Session, mutation_ids: list[int]) -> None:
    session.execute(delete(OutboxMutation).where(OutboxMutation.mutation_id.in_(mutation_ids)))


def guarded_record(item: OutboxItem) -> tuple[str, str] | None:
    """The ``(type, id)`` whose version guards the mutation (its main record), ``None`` without a base."""
    if item.base_version is None:
        return None
    return targets(item.name, item.args)[0]


def one_guard_per_record(batch: list[OutboxItem]) -> list[OutboxItem]:
    """The batch up to (not including) the second mutation guarded by the version of the same record.

    Such a mutation was queued on the same base as the earlier one (the answer of which is not known yet);
    sent in the same request the server would apply the first and refuse it as a ``conflict``. It goes in
    the next request, after :func:`rebase` moved it onto the version the first one produced.
    """
    guarded: set[tuple[str, str]] = set()
    for index, item in enumerate(batch):
        record = guarded_record(item)
        if record is None:
            continue
        if record in guarded:
            return batch[:index]
        guarded.add(record)
    return batch


def rebase(session: Session, record: tuple[str, str], record_ids: set[str], after: int, old: int, new: int) -> int:
    """Move the queued mutations after ``after`` that are guarded by version ``old`` of ``record`` onto ``new``.

    Call it with the answer of mutation ``after`` (applied on ``old``, producing ``new``) in the transaction
    that records the answer: the queued ones were made on top of its optimistic change, so the versions in
    between are this device's own. ``record_ids`` are the names the record may have in queued args (its
    client and server id). Mutations on another base (a newer server state) keep theirs. Returns the count.
    """
    rows = session.scalars(
        select(OutboxMutation).where(OutboxMutation.mutation_id > after, OutboxMutation.base_version == old)
    ).all()
    moved = 0
    for row in rows:
        kind, record_id = targets(row.name, dict(row.args))[0]
        if kind == record[0] and record_id in record_ids:
            row.base_version = new
            moved += 1
    session.flush()
    return moved


def note_attempt(session: Session, mutation_ids: list[int]) -> None:
    session.execute(
        update(OutboxMutation)
        .where(OutboxMutation.mutation_id.in_(mutation_ids))
        .values(attempts=OutboxMutation.attempts + 1)
    )


# -- optimistic changes ----------------------------------------------------------------------------------


def _get(session: Session, model: Any, record_id: str) -> Any:
    row = session.get(model, record_id)
    if row is None:
        raise UnknownRecordError(f"{model.__tablename__} {record_id} is not in the replica")
    return row


def _vehicle_create(session: Session, args: dict[str, Any]) -> None:
    vin = normalise_vin(str(args["vin"]))
    meta = {k: args[k] for k in ("vehicle_class", "make", "model", "year", "engine") if args.get(k) is not None}
    meta.update(args.get("meta") or {})
    session.add(
        Vehicle(
            id=str(args["id"]),
            vin=vin[:17],
            vin_masked=mask_vin(vin),
            nickname=args.get("nickname"),
            meta=meta,
            org_id=args.get("org_id"),
            owner_user_id=_state_user(session),
            dirty=True,
        )
    )


def _state_user(session: Session) -> str | None:
    state = session.get(SyncState, 1)
    return state.user_id if state is not None else None


def _vehicle_update(session: Session, args: dict[str, Any]) -> None:
    vehicle = _get(session, Vehicle, str(args["vehicle_id"]))
    if "nickname" in args:
        vehicle.nickname = args["nickname"]
    meta = dict(vehicle.meta or {})
    meta.update(args.get("meta") or {})
    meta.update({k: args[k] for k in ("vehicle_class", "make", "model", "year", "engine") if k in args})
    vehicle.meta = meta
    vehicle.dirty = True


def _vehicle_delete(session: Session, args: dict[str, Any]) -> None:
    vehicle = _get(session, Vehicle, str(args["vehicle_id"]))
    vehicle.deleted_at = _now()
    vehicle.dirty = True


def _entry_values(args: dict[str, Any]) -> dict[str, Any]:
    values = {k: args[k] for k in ENTRY_FIELDS if args.get(k) is not None}
    values["km"] = int(values.get("km", 0))
    if "cost_amount" in values:
        values["cost_amount"] = replica.to_cents(values["cost_amount"])
    return values


def _entry_create(session: Session, args: dict[str, Any]) -> None:
    _get(session, Vehicle, str(args["vehicle_id"]))
    entry_id = str(args["id"])
    values = _entry_values(args)
    session.add(
        Entry(id=entry_id, vehicle_id=str(args["vehicle_id"]), entry_group_id=entry_id, version=1, dirty=True, **values)
    )


def _entry_revise(session: Session, args: dict[str, Any]) -> None:
    previous = _get(session, Entry, str(args["entry_id"]))
    previous.is_latest = False
    values = _entry_values(args)
    session.add(
        Entry(
            id=str(args["id"]),
            vehicle_id=previous.vehicle_id,
            entry_group_id=previous.entry_group_id,
            supersedes_entry_id=previous.id,
            version=previous.version + 1,
            author_user_id=previous.author_user_id,
            author_org_id=previous.author_org_id,
            dirty=True,
            **values,
        )
    )


def _document_attach(session: Session, args: dict[str, Any]) -> None:
    document_id = str(args["id"])
    if session.get(Document, document_id) is not None:  # the repository already wrote size and type
        return
    session.add(
        Document(
            id=document_id,
            vehicle_id=args.get("vehicle_id"),
            entry_id=args.get("entry_id"),
            filename=str(args["filename"]),
            content_type="application/octet-stream",
            size_bytes=0,
            checksum_sha256=str(args["sha256"]),
            local_blob_sha256=str(args["sha256"]),
            upload_state="pending",
            owner_user_id=_state_user(session),
            dirty=True,
        )
    )


def _document_mark_pii(session: Session, args: dict[str, Any]) -> None:
    document = _get(session, Document, str(args["document_id"]))
    document.pii_status = str(args["pii_status"])
    document.dirty = True


def _document_delete(session: Session, args: dict[str, Any]) -> None:
    document = _get(session, Document, str(args["document_id"]))
    document.deleted_at = _now()
    document.dirty = True


_RECORD_OF_ARG = {
    "folder_id": RecordType.FOLDER,
    "item_id": RecordType.FOLDER_ITEM,
    "grant_id": RecordType.WORKSHOP_GRANT,
}
_CREATED_TYPE = {
    MutationName.FOLDER_CREATE: RecordType.FOLDER,
    MutationName.FOLDER_ITEM_CREATE: RecordType.FOLDER_ITEM,
    MutationName.WORKSHOP_REQUEST_ACCESS: RecordType.WORKSHOP_GRANT,
}


def _generic(session: Session, name: MutationName, args: dict[str, Any]) -> None:
    """Folders, folder items and workshop grants: the intent's args overlay the server's row."""
    kind, record_id = _generic_target(name, args)
    row = session.get(ReplicaRecord, (kind, record_id))
    if row is None:
        row = ReplicaRecord(type=kind, id=record_id, vehicle_id=args.get("vehicle_id"), data=None)
        session.add(row)
    row.local_data = {**(row.data or {}), **(row.local_data or {}), **args}
    row.dirty = True


def _generic_target(name: MutationName, args: dict[str, Any]) -> tuple[str, str]:
    if name in _CREATED_TYPE:
        return _CREATED_TYPE[name], str(args["id"])
    for arg in ("item_id", "grant_id", "folder_id"):
        if arg in args:
            return _RECORD_OF_ARG[arg], str(args[arg])
    raise ValueError(f"no record named by {name}")


_APPLY: dict[MutationName, Callable[[Session, dict[str, Any]], None]] = {
    MutationName.VEHICLE_CREATE: _vehicle_create,
    MutationName.VEHICLE_UPDATE: _vehicle_update,
    MutationName.VEHICLE_DELETE: _vehicle_delete,
    MutationName.ENTRY_CREATE: _entry_create,
    MutationName.ENTRY_REVISE: _entry_revise,
    MutationName.DOCUMENT_ATTACH: _document_attach,
    MutationName.DOCUMENT_MARK_PII: _document_mark_pii,
    MutationName.DOCUMENT_DELETE: _document_delete,
}


def apply_optimistic(session: Session, name: str, args: dict[str, Any]) -> None:
    """Show the intent locally right away (raises :class:`UnknownRecordError` for an unknown target)."""
    mutation = MutationName(name)
    handler = _APPLY.get(mutation)
    if handler is None:
        _generic(session, mutation, args)
    else:
        handler(session, args)
    session.flush()


def targets(name: str, args: dict[str, Any]) -> list[tuple[str, str]]:
    """The records a mutation touches optimistically, as ``(type, id)``; the first is its main record."""
    mutation = MutationName(name)
    if mutation in (MutationName.VEHICLE_CREATE,):
        return [(RecordType.VEHICLE, str(args["id"]))]
    if mutation in (MutationName.VEHICLE_UPDATE, MutationName.VEHICLE_DELETE):
        return [(RecordType.VEHICLE, str(args["vehicle_id"]))]
    if mutation == MutationName.ENTRY_CREATE:
        return [(RecordType.ENTRY, str(args["id"]))]
    if mutation == MutationName.ENTRY_REVISE:
        return [(RecordType.ENTRY, str(args["id"])), (RecordType.ENTRY, str(args["entry_id"]))]
    if mutation == MutationName.DOCUMENT_ATTACH:
        return [(RecordType.DOCUMENT, str(args["id"]))]
    if mutation in (MutationName.DOCUMENT_MARK_PII, MutationName.DOCUMENT_DELETE):
        return [(RecordType.DOCUMENT, str(args["document_id"]))]
    return [_generic_target(mutation, args)]


def server_state(session: Session, name: str, args: dict[str, Any]) -> dict[str, Any] | None:
    """The server's row of the mutation's main record (for a side-by-side view of a conflict)."""
    kind, record_id = targets(name, args)[0]
    if kind in replica.TYPED:
        model = replica.TYPED[kind]
        data = session.scalar(select(model.server_data).where(model.id == record_id))
        return dict(data) if data is not None else None
    row = session.get(ReplicaRecord, (kind, record_id))
    return dict(row.data) if row is not None and row.data is not None else None


def revert(session: Session, name: str, args: dict[str, Any]) -> None:
    """Undo the optimistic change of ``name``: every touched record returns to the server's row."""
    for kind, record_id in targets(name, args):
        replica.restore(session, kind, record_id)
    session.flush()
