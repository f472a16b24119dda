"""The server's rows in the local replica: materialise, restore, drop, dump (no I/O beyond the session).

Contracts:

- Every function works inside the caller's transaction (``with vault.session() as s, s.begin():``); none
  commits. The sync engine applies one page (and its cursor) per transaction.
- Each local record keeps the server's row verbatim (``server_data`` / ``ReplicaRecord.data``); the typed
  columns are derived from it, or from an optimistic change that waits in the outbox. Restoring a record
  re-derives the columns from ``server_data``; a record the server never acknowledged is deleted.
- Foreign keys are deferred to the commit (``PRAGMA defer_foreign_keys``), and children whose parent is not
  in the replica are dropped before it, so a page never fails on the order of its rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from pydantic_core import to_json
from sqlalchemy import JSON, Boolean, delete, func, select, text, update
from sqlalchemy.orm import Session

from desktop.store.models import Document, Entry, ReplicaRecord, TrustSummaryRow, Vehicle
from shared.sync.protocol import RecordType

TYPED: dict[str, Any] = {
    RecordType.VEHICLE: Vehicle,
    RecordType.ENTRY: Entry,
    RecordType.DOCUMENT: Document,
}


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def _int(value: Any, default: int | None = None) -> int | None:
    if type(value) is int:  # what JSON gives (bool is not int here: it goes through the float path)
        return value
    if value is None or value == "":
        return default
    try:
        return int(round(float(value)))
    except (TypeError, ValueError):
        return default


def to_cents(amount: Any) -> int | None:
    """A wire amount (currency units, e.g. ``12.5``) as integer cents (the local column's unit)."""
    if amount is None or amount == "":
        return None
    try:
        return int(round(float(amount) * 100))
    except (TypeError, ValueError):
        return None


def vehicle_columns(data: Mapping[str, Any]) -> dict[str, Any]:
    meta = data.get("meta")
    return {
        "owner_user_id": _str(data.get("owner_user_id")),
        "org_id": _str(data.get("owner_org_id", data.get("org_id"))),
        "vin": _str(data.get("vin")),
        "vin_masked": str(data.get("vin_masked") or ""),
        "nickname": _str(data.get("nickname")),
        "meta": dict(meta) if isinstance(meta, dict) else {},
        "public_token_active": bool(data.get("public_token") or data.get("public_token_active")),
    }


#: The typed columns of an entry, in the order :func:`entry_values` gives them.
ENTRY_COLUMNS = (
    "vehicle_id",
    "entry_group_id",
    "supersedes_entry_id",
    "version",
    "is_latest",
    "date",
    "type",
    "performed_by",
    "km",
    "note",
    "cost_amount",
    "currency",
    "trust_level",
    "author_user_id",
    "author_org_id",
)


def entry_values(data: Mapping[str, Any], record_id: str) -> tuple[Any, ...]:
    """The typed columns of an entry (:data:`ENTRY_COLUMNS`) derived from the server's row, as a tuple: a pull
    page derives thousands (the ``type(...) is`` tests are the first branch of ``_str`` / ``_int``, inlined)."""
    get = data.get
    vehicle, group, supersedes = data["vehicle_id"], get("entry_group_id") or record_id, get("supersedes_entry_id")
    version, km, note = get("version"), get("km"), get("note")
    author, author_org, level = get("author_user_id"), get("author_org_id"), get("trust_level")
    return (
        vehicle if type(vehicle) is str else str(vehicle),
        group if type(group) is str else str(group),
        supersedes if supersedes is None or type(supersedes) is str else str(supersedes),
        version if type(version) is int else _int(version, 1),
        bool(get("is_latest", True)),
        str(get("date") or "")[:10],
        str(get("type") or ""),
        str(get("performed_by") or ""),
        km if type(km) is int and km >= 0 else max(_int(km, 0) or 0, 0),
        note if note is None or type(note) is str else str(note),
        to_cents(get("cost_amount")),
        str(get("currency") or "EUR"),
        level if level is None or type(level) is str else str(level),
        author if author is None or type(author) is str else str(author),
        author_org if author_org is None or type(author_org) is str else str(author_org),
    )


def entry_columns(data: Mapping[str, Any], record_id: str) -> dict[str, Any]:
    return dict(zip(ENTRY_COLUMNS, entry_values(data, record_id), strict=True))


def document_columns(data: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "vehicle_id": _str(data.get("vehicle_id")),
        "entry_id": _str(data.get("entry_id")),
        "owner_user_id": _str(data.get("owner_user_id")),
        "filename": str(data.get("filename") or ""),
        "content_type": str(data.get("content_type") or "application/octet-stream"),
        "size_bytes": _int(data.get("size_bytes"), 0),
        "checksum_sha256": str(data.get("checksum_sha256") or data.get("sha256") or ""),
        "approval_status": str(data.get("approval_status") or data.get("status") or "QUARANTINED"),
        "scan_status": str(data.get("scan_status") or "PENDING"),
        "pii_status": str(data.get("pii_status") or "OK"),
    }


def columns_for(kind: str, record_id: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """The typed columns of a vehicle/entry/document derived from the server's row."""
    if kind == RecordType.VEHICLE:
        return vehicle_columns(data)
    if kind == RecordType.ENTRY:
        return entry_columns(data, record_id)
    return document_columns(data)


def defer_foreign_keys(session: Session) -> None:
    """Check foreign keys at the commit of the current transaction only."""
    session.execute(text("PRAGMA defer_foreign_keys = ON"))


def _parent_vehicle(kind: str, data: Mapping[str, Any], vehicle_id: str | None, record_id: str) -> str | None:
    if kind == RecordType.VEHICLE:
        return record_id
    if kind == RecordType.TRUST_SUMMARY:
        return vehicle_id or _str(data.get("vehicle_id")) or record_id
    return vehicle_id or _str(data.get("vehicle_id"))


def _plain(data: Mapping[str, Any]) -> dict[str, Any]:
    """The row as a dict (no copy of one: it is encoded as JSON text right away, never kept)."""
    return data if type(data) is dict else dict(data)


#: The columns of a pulled entry's upsert, in the order of :func:`_upsert_entries`' rows.
_ENTRY_ROW = ("id", *ENTRY_COLUMNS, "server_data", "server_version", "dirty", "deleted_at", "created_at", "updated_at")
#: Positions in an entry's staged row ``(id, *ENTRY_COLUMNS, data, seq)``.
_VEHICLE, _GROUP, _SUPERSEDES, _VERSION = (1 + ENTRY_COLUMNS.index(n) for n in ENTRY_COLUMNS[:4])


def upsert_rows(
    session: Session, rows: Iterable[tuple[str, str, str | None, int | None, Mapping[str, Any]]], now: datetime
) -> int:
    """Materialise server rows ``(type, id, vehicle_id, seq, data)``; later rows of one id win. Returns the count."""
    grouped: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    #: entries (nearly all of a pull page) as tuples ``(id, *ENTRY_COLUMNS, data, seq)``: no dict per row
    entries: dict[str, tuple[Any, ...]] = {}
    count = 0
    entry = RecordType.ENTRY
    for kind, record_id, vehicle_id, seq, data in rows:
        count += 1
        if kind == entry:
            entries[record_id] = (record_id, *entry_values(data, record_id), _plain(data), seq)
            continue
        parent = _parent_vehicle(kind, data, vehicle_id, record_id)
        if kind in TYPED:
            values = {"id": record_id, **columns_for(kind, record_id, data), "server_data": _plain(data)}
            values.update(server_version=seq, dirty=False, deleted_at=None, created_at=now, updated_at=now)
        elif kind == RecordType.TRUST_SUMMARY:
            light = str(data.get("trust_light") or "")
            values = {"vehicle_id": parent, "trust_light": light, "summary": _plain(data), "server_version": seq}
            values["received_at"] = now
        else:
            values = {"type": kind, "id": record_id, "vehicle_id": parent, "server_version": seq, "data": _plain(data)}
            values.update(local_data=None, dirty=False)
        grouped[kind][record_id] = values
    if not count:
        return 0
    defer_foreign_keys(session)
    if grouped.get(RecordType.VEHICLE):
        _bulk_upsert(session, Vehicle, list(grouped[RecordType.VEHICLE].values()), ["id"], keep=("created_at",))
    if entries:
        _conflicting_entries(session, entries)
        _upsert_entries(session, entries, now)
    if grouped.get(RecordType.DOCUMENT):
        _bulk_upsert(session, Document, list(grouped[RecordType.DOCUMENT].values()), ["id"], keep=("created_at",))
    if grouped.get(RecordType.TRUST_SUMMARY):
        _bulk_upsert(session, TrustSummaryRow, list(grouped[RecordType.TRUST_SUMMARY].values()), ["vehicle_id"])
    others = [
        v for k, by_id in grouped.items() if k not in TYPED and k != RecordType.TRUST_SUMMARY for v in by_id.values()
    ]
    if others:
        _bulk_upsert(session, ReplicaRecord, others, ["type", "id"])
    _drop_orphans(session, grouped, entries)
    return count


def _plan(session: Session, model: Any, names: tuple[str, ...], keys: list[str], keep: tuple[str, ...]) -> _UpsertPlan:
    plan = _UPSERTS.get((model.__table__.name, names, tuple(keys), keep))
    if plan is None:
        dialect = session.get_bind().dialect
        plan = _UPSERTS[(model.__table__.name, names, tuple(keys), keep)] = _UpsertPlan.of(
            model.__table__, names, keys, keep, dialect
        )
    return plan


def _bulk_upsert(
    session: Session, model: Any, rows: list[dict[str, Any]], keys: list[str], keep: tuple[str, ...] = ()
) -> None:
    """One ``INSERT ... ON CONFLICT DO UPDATE`` for all ``rows`` (same keys), run by the driver's
    ``executemany`` with the values bound once here: SQLAlchemy's per-row parameter processing of a Core
    executemany was the largest Python cost of a page apply (profiled)."""
    plan = _plan(session, model, tuple(rows[0]), keys, keep)
    session.connection().exec_driver_sql(plan.sql, [plan.bind(row) for row in rows])


def _upsert_entries(session: Session, entries: Mapping[str, tuple[Any, ...]], now: datetime) -> None:
    """:func:`_bulk_upsert` of staged entry rows ``(id, *ENTRY_COLUMNS, data, seq)``: the parameters are those
    tuples extended, with the values shared by the page (``now``, the flags) bound once."""
    plan = _plan(session, Entry, _ENTRY_ROW, ["id"], ("created_at",))
    if plan.fixed or any(index <= len(ENTRY_COLUMNS) for index, _ in plan.processed):
        # not the shape this fast path binds (a typed column with its own processor): the generic path
        names = ("id", *ENTRY_COLUMNS)
        rows = [
            dict(zip(names, row[:-2], strict=True))
            | {"server_data": row[-2], "server_version": row[-1], "dirty": False, "deleted_at": None}
            | {"created_at": now, "updated_at": now}
            for row in entries.values()
        ]
        session.connection().exec_driver_sql(plan.sql, [plan.bind(row) for row in rows])
        return
    json_text = plan.processor("server_data") or (lambda value: value)
    dirty, deleted, created, updated = (
        plan.bound(name, value)
        for name, value in (("dirty", False), ("deleted_at", None), ("created_at", now), ("updated_at", now))
    )
    session.connection().exec_driver_sql(
        plan.sql,
        [(*row[:-2], json_text(row[-2]), row[-1], dirty, deleted, created, updated) for row in entries.values()],
    )


def _json_text(value: Any) -> str:
    """A JSON column's value as SQLite stores it (``None`` is JSON ``null``, as SQLAlchemy's JSON type does)."""
    return to_json(value).decode()


class _UpsertPlan:
    """The SQL and the per-column bind processors of one upsert shape, built once (names come from code).

    Columns the rows do not name get their scalar column default on insert (as a Core insert would) and
    are left alone on update."""

    def __init__(self, sql: str, names: tuple[str, ...], processors: tuple[Any, ...], fixed: tuple[Any, ...]) -> None:
        self.sql = sql
        self.names = names
        self.processed = tuple((i, p) for i, p in enumerate(processors) if p is not None)
        self.fixed = fixed
        self._by_name = dict(zip(names, processors, strict=True))

    def processor(self, name: str) -> Any:
        """The bind processor of one column (``None``: bound as it is)."""
        return self._by_name[name]

    def bound(self, name: str, value: Any) -> Any:
        """``value`` as :meth:`bind` binds it for column ``name``."""
        process = self._by_name[name]
        return value if process is None else process(value)

    @classmethod
    def of(
        cls, table: Any, names: tuple[str, ...], keys: list[str], keep: tuple[str, ...], dialect: Any
    ) -> _UpsertPlan:
        quote = dialect.identifier_preparer.quote
        defaults = []
        for column in table.c:
            if column.name not in names and column.default is not None:
                if not column.default.is_scalar:
                    raise ValueError(f"{table.name}.{column.name} has a computed default: pass a value")
                defaults.append((column.name, column.default.arg))
        inserted = [*names, *(n for n, _ in defaults)]
        updated = [n for n in names if n not in keys and n not in keep]
        sql = (
            f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in inserted)}) "
            f"VALUES ({', '.join('?' for _ in inserted)}) "
            f"ON CONFLICT ({', '.join(quote(k) for k in keys)}) DO UPDATE SET "
            + ", ".join(f"{quote(n)} = excluded.{quote(n)}" for n in updated)
        )
        processors = tuple(_processor(table.c[n].type, dialect) for n in names)
        fixed = tuple(p(v) if (p := _processor(table.c[n].type, dialect)) else v for n, v in defaults)
        return cls(sql, names, processors, fixed)

    def bind(self, row: Mapping[str, Any]) -> tuple[Any, ...]:
        values = [row[n] for n in self.names]
        for index, processor in self.processed:
            values[index] = processor(values[index])
        return (*values, *self.fixed)


def _processor(column_type: Any, dialect: Any) -> Any:
    """How a value of the column is bound: JSON as compact text (``None`` as JSON ``null``, like SQLAlchemy's
    JSON type), everything else through the type's own processor (``None`` passes through)."""
    if isinstance(column_type, JSON):
        return _json_text
    if isinstance(column_type, Boolean):
        return None  # sqlite3 binds True/False as 1/0 itself
    process = column_type.dialect_impl(dialect).bind_processor(dialect)
    if process is None:
        return None
    last: list[tuple[Any, Any]] = [(None, None)]  # the rows of a page share ``now`` and the flags

    def bind(value: Any) -> Any:
        seen, bound = last[0]
        if value is seen:
            return bound
        bound = process(value)
        last[0] = (value, bound)
        return bound

    return bind


_UPSERTS: dict[tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]], _UpsertPlan] = {}


def _conflicting_entries(session: Session, rows: Mapping[str, tuple[Any, ...]]) -> None:
    """Drop unacknowledged local revisions that occupy a (group, version) slot the server filled.

    Unacknowledged rows (no ``server_data``) are always ``dirty`` (written with their outbox row, reverted or
    replaced by the server's row, never cleared alone): they are read through the partial index on dirty
    entries, a handful, instead of probing every group of the page."""
    stale = session.execute(
        select(Entry.id, Entry.entry_group_id, Entry.version).where(Entry.dirty.is_(True), Entry.server_data.is_(None))
    ).all()
    if not stale:
        return
    slots = {(v[_GROUP], v[_VERSION]) for v in rows.values()}
    doomed = [r.id for r in stale if (r.entry_group_id, r.version) in slots and r.id not in rows]
    if doomed:
        session.execute(delete(Entry).where(Entry.id.in_(doomed)))


def _drop_orphans(
    session: Session, grouped: Mapping[str, Mapping[str, dict[str, Any]]], entries: Mapping[str, tuple[Any, ...]]
) -> None:
    """Children of this batch whose vehicle (or entry) is not in the replica are not kept (no FK failure)."""
    wanted = {v[_VEHICLE] for v in entries.values()}
    wanted |= {v["vehicle_id"] for v in grouped.get(RecordType.TRUST_SUMMARY, {}).values()}
    wanted |= {v["vehicle_id"] for v in grouped.get(RecordType.DOCUMENT, {}).values() if v["vehicle_id"]}
    if not wanted:
        return
    present = set(session.scalars(select(Vehicle.id).where(Vehicle.id.in_(wanted))))
    missing = wanted - present
    if missing:
        session.execute(delete(Entry).where(Entry.vehicle_id.in_(missing)))
        session.execute(delete(Document).where(Document.vehicle_id.in_(missing)))
        session.execute(delete(TrustSummaryRow).where(TrustSummaryRow.vehicle_id.in_(missing)))
    refs = {v[_SUPERSEDES] for v in entries.values() if v[_SUPERSEDES]}
    refs |= {v["entry_id"] for v in grouped.get(RecordType.DOCUMENT, {}).values() if v["entry_id"]}
    if refs:
        gone = refs - set(session.scalars(select(Entry.id).where(Entry.id.in_(refs))))
        if gone:
            session.execute(update(Entry).where(Entry.supersedes_entry_id.in_(gone)).values(supersedes_entry_id=None))
            session.execute(update(Document).where(Document.entry_id.in_(gone)).values(entry_id=None))


#: Columns only this device knows (no server row carries them); they follow a record to the id the server assigns.
LOCAL_ONLY: dict[str, tuple[str, ...]] = {
    RecordType.DOCUMENT: ("local_blob_sha256", "upload_state", "created_at"),
}


def local_columns(session: Session, kind: str, record_id: str) -> dict[str, Any] | None:
    """The local-only columns of a record (``None`` when the type has none or the record is not here)."""
    names = LOCAL_ONLY.get(kind)
    if not names:
        return None
    model = TYPED[kind]
    row = session.execute(select(*(getattr(model, n) for n in names)).where(model.id == record_id)).first()
    return dict(zip(names, row, strict=True)) if row is not None else None


def carry_local_columns(session: Session, kind: str, record_id: str, values: Mapping[str, Any]) -> None:
    """Put local-only columns read with :func:`local_columns` on ``record_id`` (the server's id for it)."""
    known = {name: value for name, value in values.items() if value is not None}
    if known:
        model = TYPED[kind]
        session.execute(update(model).where(model.id == record_id).values(known))


def delete_record(session: Session, kind: str, record_id: str) -> None:
    """The record is gone for this actor (tombstone or ``remove``); a vehicle takes everything under it."""
    defer_foreign_keys(session)
    if kind == RecordType.VEHICLE:
        drop_vehicle(session, record_id)
    elif kind == RecordType.ENTRY:
        session.execute(update(Entry).where(Entry.supersedes_entry_id == record_id).values(supersedes_entry_id=None))
        session.execute(update(Document).where(Document.entry_id == record_id).values(entry_id=None))
        session.execute(delete(Entry).where(Entry.id == record_id))
    elif kind == RecordType.DOCUMENT:
        session.execute(delete(Document).where(Document.id == record_id))
    elif kind == RecordType.TRUST_SUMMARY:
        session.execute(delete(TrustSummaryRow).where(TrustSummaryRow.vehicle_id == record_id))
    else:
        session.execute(delete(ReplicaRecord).where(ReplicaRecord.type == kind, ReplicaRecord.id == record_id))
        if kind == RecordType.FOLDER:
            session.execute(delete(ReplicaRecord).where(_folder_items_of([record_id])))


def _folder_items_of(folder_ids: list[str]) -> Any:
    return (ReplicaRecord.type == RecordType.FOLDER_ITEM) & (
        func.json_extract(ReplicaRecord.data, "$.folder_id").in_(folder_ids)
    )


def drop_vehicle(session: Session, vehicle_id: str) -> None:
    """Drop a vehicle and everything under it; workshop grants stay (they are scoped by organisation)."""
    defer_foreign_keys(session)
    folders = list(
        session.scalars(
            select(ReplicaRecord.id).where(
                ReplicaRecord.type == RecordType.FOLDER, ReplicaRecord.vehicle_id == vehicle_id
            )
        )
    )
    if folders:
        session.execute(delete(ReplicaRecord).where(_folder_items_of(folders)))
    session.execute(
        delete(ReplicaRecord).where(
            ReplicaRecord.vehicle_id == vehicle_id, ReplicaRecord.type != RecordType.WORKSHOP_GRANT
        )
    )
    session.execute(delete(TrustSummaryRow).where(TrustSummaryRow.vehicle_id == vehicle_id))
    session.execute(delete(Document).where(Document.vehicle_id == vehicle_id))
    session.execute(delete(Entry).where(Entry.vehicle_id == vehicle_id))
    session.execute(delete(Vehicle).where(Vehicle.id == vehicle_id))


def restore(session: Session, kind: str, record_id: str) -> None:
    """Put a record back to the server's row, or delete it when the server never acknowledged it."""
    if kind in TYPED:
        model = TYPED[kind]
        data = session.scalar(select(model.server_data).where(model.id == record_id))
        if data is None:
            delete_record(session, kind, record_id)
            return
        values = {**columns_for(kind, record_id, data), "dirty": False, "deleted_at": None}
        session.execute(update(model).where(model.id == record_id).values(values))
        return
    row = session.get(ReplicaRecord, (kind, record_id))
    if row is None:
        return
    if row.data is None:
        delete_record(session, kind, record_id)
    else:
        row.local_data = None
        row.dirty = False


def drop_server_data(session: Session) -> None:
    """Full resync: forget every row the server sent (optimistic rows, the outbox and problems stay)."""
    defer_foreign_keys(session)
    session.execute(delete(TrustSummaryRow))
    session.execute(delete(ReplicaRecord).where(ReplicaRecord.data.is_not(None)))
    session.execute(delete(Document).where(Document.server_data.is_not(None)))
    session.execute(update(Entry).where(Entry.supersedes_entry_id.is_not(None)).values(supersedes_entry_id=None))
    session.execute(delete(Entry).where(Entry.server_data.is_not(None)))
    vehicles = list(session.scalars(select(Vehicle.id).where(Vehicle.server_data.is_not(None))))
    for vehicle_id in vehicles:
        drop_vehicle(session, vehicle_id)


def local_counts(session: Session) -> dict[str, int]:
    """Live server-known records per type (the count check against ``ChangesPage.counts``)."""
    counts: dict[str, int] = {}
    for kind, model in TYPED.items():
        stmt = select(func.count()).select_from(model).where(model.server_data.is_not(None))
        counts[kind] = int(session.scalar(stmt) or 0)
    counts[RecordType.TRUST_SUMMARY] = int(session.scalar(select(func.count()).select_from(TrustSummaryRow)) or 0)
    grouped = session.execute(
        select(ReplicaRecord.type, func.count()).where(ReplicaRecord.data.is_not(None)).group_by(ReplicaRecord.type)
    ).all()
    for kind in (RecordType.FOLDER, RecordType.FOLDER_ITEM, RecordType.WORKSHOP_GRANT):
        counts[kind] = 0
    counts.update({str(k): int(n) for k, n in grouped})
    return counts


def dump(session: Session) -> dict[str, dict[str, dict[str, Any]]]:
    """The server's view held by this replica: ``{type: {id: data}}`` (canonical, for comparisons)."""
    out: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for kind, model in TYPED.items():
        for record_id, data in session.execute(
            select(model.id, model.server_data).where(model.server_data.is_not(None))
        ):
            out[kind][record_id] = data
    for vehicle_id, summary in session.execute(select(TrustSummaryRow.vehicle_id, TrustSummaryRow.summary)):
        out[RecordType.TRUST_SUMMARY][vehicle_id] = summary
    for kind, record_id, data in session.execute(
        select(ReplicaRecord.type, ReplicaRecord.id, ReplicaRecord.data).where(ReplicaRecord.data.is_not(None))
    ):
        out[kind][record_id] = data
    return {k: dict(v) for k, v in out.items() if v}


def utcnow() -> datetime:
    return datetime.now(UTC)


def mark_uploaded(session: Session, document_id: str) -> None:
    """The server acknowledged the attach: the local blob is no longer waiting for an upload."""
    session.execute(
        update(Document)
        .where(Document.id == document_id, Document.upload_state == "pending")
        .values(upload_state="uploaded")
    )
