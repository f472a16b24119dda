"""The entries of a pull page from one query, with the driver's own values (no per-column type processing).

A page holds up to thousands of entries. Read through the model's column types, every row paid for six UUID
conversions and two timestamp conversions that the page's JSON encoding then turned back into text (profiled:
most of the server's pull time). Here the columns are read untyped, the revision count comes from the same
statement, and each value is put into the wire form of ``VehicleEntryOut`` directly (ids as canonical text,
timestamps as UTC ``...Z``; dates stay as the driver gives them). ``tests/syncserver/test_sync_render.py``
keeps the result equal to the schema on both back ends.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, type_coerce
from sqlalchemy.orm import Session
from sqlalchemy.types import NullType

from syncserver.models.entry import VehicleEntry

_COLUMNS = (
    "id",
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
    "cost_cents",
    "currency",
    "trust_level",
    "is_backfill",
    "author_user_id",
    "author_org_id",
    "created_at",
    "updated_at",
    "deleted_at",
)


#: One entry row ``(id, vehicle_id, deleted, is_latest, author_user_id, author_org_id, data)``: the ids as the
#: driver gives them (:func:`driver_values`), the author ids as text, and the wire ``data`` with ``can_revise``
#: False (the actor's part, set by the renderer). A plain tuple: a page holds thousands.
PageEntry = tuple[Any, Any, bool, bool, str, str | None, dict[str, Any]]


class _SqliteValues:
    """SQLite keeps UUIDs as 32 hex digits and timestamps as naive UTC text ``YYYY-MM-DD HH:MM:SS[.ffffff]``."""

    @staticmethod
    def key(value: uuid.UUID) -> Any:
        return value.hex

    @staticmethod
    def to_uuid(value: Any) -> uuid.UUID:
        return uuid.UUID(hex=value)

    @staticmethod
    def uuid_text(value: Any) -> str | None:
        if value is None:
            return None
        return f"{value[:8]}-{value[8:12]}-{value[12:16]}-{value[16:20]}-{value[20:]}"

    @staticmethod
    def stamp(value: Any) -> Any:
        """As pydantic writes an aware UTC datetime: ``T`` separator, no fraction when it is zero, ``Z``."""
        text = str(value).replace(" ", "T", 1)
        if text.endswith(".000000"):
            text = text[:-7]
        return text + "Z"


class _DriverValues:
    """PostgreSQL (psycopg): UUID, date and aware datetime objects; the page's JSON encoder writes them."""

    @staticmethod
    def key(value: uuid.UUID) -> Any:
        return value

    @staticmethod
    def to_uuid(value: Any) -> uuid.UUID:
        assert isinstance(value, uuid.UUID)
        return value

    @staticmethod
    def uuid_text(value: Any) -> str | None:
        return None if value is None else str(value)

    @staticmethod
    def stamp(value: Any) -> Any:
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def driver_values(session: Session) -> type[_SqliteValues] | type[_DriverValues]:
    """How the session's back end hands over ids and timestamps read untyped (``type_coerce(..., NullType())``):
    ``key`` is the driver's form of a ``uuid.UUID``, ``to_uuid`` and ``uuid_text`` turn one back."""
    return _SqliteValues if session.get_bind().dialect.name == "sqlite" else _DriverValues


def untyped(column: Any) -> Any:
    """A column read (or compared) with the driver's own values: no per-row type processing."""
    return type_coerce(column, NullType())


def page_entries(session: Session, ids: Sequence[Any]) -> list[PageEntry]:
    """The entries of ``ids`` (driver values, see :func:`driver_values`) that exist, deleted ones included, with
    their group's revision count."""
    if not ids:
        return []
    session.flush()  # a Core select does not autoflush
    table = VehicleEntry.__table__
    revisions = table.alias("revisions")
    count = select(func.count()).where(revisions.c.entry_group_id == table.c.entry_group_id).scalar_subquery()
    stmt = select(*(untyped(table.c[name]) for name in _COLUMNS), count).where(untyped(table.c.id).in_(ids))
    values = driver_values(session)
    text, stamp = values.uuid_text, values.stamp
    out: list[PageEntry] = []
    #: ids a page repeats (its vehicles, authors, organisations) rendered as text once
    texts: dict[Any, str | None] = {None: None}
    for row in session.execute(stmt):
        (eid, vid, group, supersedes, version, latest, date, kind, performed_by, km, note, cents, currency, level,
         backfill, author, author_org, created, updated, deleted, revision_count) = row  # fmt: skip
        vehicle, user, org = texts.get(vid), texts.get(author), texts.get(author_org, "")
        if vehicle is None:
            vehicle = texts[vid] = text(vid)
        if user is None:
            user = texts[author] = str(text(author))
        if org == "":
            org = texts[author_org] = text(author_org)
        entry = text(eid)
        data = {
            "id": entry,
            "vehicle_id": vehicle,
            "entry_group_id": entry if group == eid else text(group),  # a first revision is its own group
            "supersedes_entry_id": text(supersedes),
            "version": version,
            "revision_count": revision_count,
            "is_latest": bool(latest),
            "date": date,
            "type": kind,
            "performed_by": performed_by,
            "km": km,
            "note": note,
            "cost_amount": None if cents is None else cents / 100,
            "currency": currency,
            "trust_level": level,
            "is_backfill": bool(backfill),
            "author_org_id": org,
            "can_revise": False,
            "created_at": stamp(created),
            "updated_at": stamp(updated),
        }
        out.append((eid, vid, deleted is not None, bool(latest), user, org, data))
    return out
