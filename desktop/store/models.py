"""SQLAlchemy 2 models of the local replica (the SQLCipher vault), as ARCHITECTURE.md "Sync protocol" needs.

Record tables mirror what the server syncs down plus local bookkeeping:

- ``server_version``: the server's sequence number of the row as last seen (``None``: never synced,
  i.e. created offline and not yet acknowledged);
- ``dirty``: an optimistic local change waits in the outbox;
- ``deleted_at``: tombstone (rows are soft-deleted so a pending mutation can still refer to them).

Status values are stored as the plain strings of the shared enums (``shared.documents`` etc.); the
repository maps them. The schema is created and changed only by the Alembic migrations in
``desktop/store/migrations``; a test checks that the migrations and these models agree.
"""

from __future__ import annotations

import os
import time
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy import DateTime as SADateTime
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


#: The condition of the partial "dirty" indexes, spelled as the queries spell ``dirty.is_(True)`` on SQLite
#: (SQLite uses a partial index only for a query whose WHERE clause contains the index's condition).
DIRTY_ONLY = "dirty IS 1"


def new_id() -> str:
    """A UUID version 7 (time-ordered, RFC 9562) as its canonical string; made where the record is created."""
    millis = time.time_ns() // 1_000_000
    value = (millis & ((1 << 48) - 1)) << 80
    value |= int.from_bytes(os.urandom(10), "big") & ((1 << 80) - 1)
    value = (value & ~(0xF << 76)) | (0x7 << 76)  # version 7
    value = (value & ~(0x3 << 62)) | (0x2 << 62)  # RFC 4122 variant
    return str(uuid.UUID(int=value))


def utcnow() -> datetime:
    """The current time in UTC; a column default only (services pass their injected clock's time)."""
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in SQLite: naive datetimes are refused, values come back aware."""

    impl = SADateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass an aware (UTC) datetime")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UtcDateTime(), dict[str, Any]: JSON(), list[Any]: JSON()}


class IdMixin:
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class SyncedMixin:
    server_version: Mapped[int | None] = mapped_column(BigInteger, default=None)
    dirty: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    deleted_at: Mapped[datetime | None] = mapped_column(default=None)


class Vehicle(IdMixin, TimestampMixin, SyncedMixin, Base):
    """A vehicle the user may see. The full VIN is held only for owners/org members (DECISIONS D11)."""

    __tablename__ = "vehicles"

    owner_user_id: Mapped[str | None] = mapped_column(String(36))
    org_id: Mapped[str | None] = mapped_column(String(36))
    vin: Mapped[str | None] = mapped_column(String(17))
    vin_masked: Mapped[str] = mapped_column(String(32), default="")
    nickname: Mapped[str | None] = mapped_column(String(255))
    meta: Mapped[dict[str, Any]] = mapped_column(default=dict)
    public_token_active: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    #: The record exactly as the server last sent it (``None``: created offline, not acknowledged yet).
    server_data: Mapped[dict[str, Any] | None] = mapped_column(default=None)

    entries: Mapped[list[Entry]] = relationship(back_populates="vehicle", lazy="raise")
    documents: Mapped[list[Document]] = relationship(back_populates="vehicle", lazy="raise")


class Entry(IdMixin, TimestampMixin, SyncedMixin, Base):
    """One revision of a service entry; revisions of one entry share ``entry_group_id`` (D13, append-only)."""

    __tablename__ = "entries"
    __table_args__ = (
        UniqueConstraint("entry_group_id", "version", name="uq_entries_group_version"),
        CheckConstraint("version >= 1", name="version_positive"),
        CheckConstraint("km >= 0", name="km_not_negative"),
        CheckConstraint("cost_amount IS NULL OR cost_amount >= 0", name="cost_not_negative"),
        # covering: the vehicle list's count / last date / pending flag per vehicle never read the table itself
        Index("ix_entries_vehicle_summary", "vehicle_id", "is_latest", "deleted_at", "date", "dirty"),
        # partial: holds only rows waiting for the outbox, so the pending markers cost no scan
        Index("ix_entries_dirty_vehicle", "vehicle_id", sqlite_where=text(DIRTY_ONLY)),
    )

    # vehicle_id and entry_group_id have no index of their own: ix_entries_vehicle_summary and
    # uq_entries_group_version start with them (every pulled entry was written into two more indexes)
    vehicle_id: Mapped[str] = mapped_column(ForeignKey("vehicles.id", ondelete="CASCADE"))
    entry_group_id: Mapped[str] = mapped_column(String(36))
    # indexed: deleting an entry checks this foreign key (and clears it) in every other entry
    supersedes_entry_id: Mapped[str | None] = mapped_column(ForeignKey("entries.id"), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    is_latest: Mapped[bool] = mapped_column(Boolean, default=True)
    date: Mapped[str] = mapped_column(String(10))  # YYYY-MM-DD, as on the wire
    type: Mapped[str] = mapped_column(String(64))
    performed_by: Mapped[str] = mapped_column(String(64))
    km: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)
    cost_amount: Mapped[int | None] = mapped_column(BigInteger)  # integer cents
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    trust_level: Mapped[str | None] = mapped_column(String(2))
    author_user_id: Mapped[str | None] = mapped_column(String(36))
    author_org_id: Mapped[str | None] = mapped_column(String(36))
    server_data: Mapped[dict[str, Any] | None] = mapped_column(default=None)

    vehicle: Mapped[Vehicle] = relationship(back_populates="entries", lazy="raise")


class Document(IdMixin, TimestampMixin, SyncedMixin, Base):
    """Document metadata and server statuses; the content is an encrypted file in the blob store."""

    __tablename__ = "documents"
    __table_args__ = (Index("ix_documents_dirty_vehicle", "vehicle_id", sqlite_where=text(DIRTY_ONLY)),)

    vehicle_id: Mapped[str | None] = mapped_column(ForeignKey("vehicles.id", ondelete="CASCADE"), index=True)
    entry_id: Mapped[str | None] = mapped_column(ForeignKey("entries.id"), index=True)
    owner_user_id: Mapped[str | None] = mapped_column(String(36))
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(127))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    checksum_sha256: Mapped[str] = mapped_column(String(64), index=True)
    approval_status: Mapped[str] = mapped_column(String(16), default="QUARANTINED")
    scan_status: Mapped[str] = mapped_column(String(16), default="PENDING")
    pii_status: Mapped[str] = mapped_column(String(16), default="OK")
    #: SHA-256 of the locally held encrypted blob (``None``: not downloaded; blobs are fetched lazily).
    local_blob_sha256: Mapped[str | None] = mapped_column(String(64))
    #: ``pending`` (must be uploaded before its mutation is pushed), ``uploaded``, or ``remote`` (came by sync).
    upload_state: Mapped[str] = mapped_column(String(16), default="remote")
    server_data: Mapped[dict[str, Any] | None] = mapped_column(default=None)

    vehicle: Mapped[Vehicle | None] = relationship(back_populates="documents", lazy="raise")


class TrustSummaryRow(Base):
    """The server's trust summary of one vehicle (synced down, never computed better locally, D18)."""

    __tablename__ = "trust_summaries"

    vehicle_id: Mapped[str] = mapped_column(ForeignKey("vehicles.id", ondelete="CASCADE"), primary_key=True)
    trust_light: Mapped[str] = mapped_column(String(16))
    summary: Mapped[dict[str, Any]] = mapped_column()  # TrustSummary.to_dict()
    server_version: Mapped[int | None] = mapped_column(BigInteger)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)


class ReplicaRecord(Base):
    """Synced records without a table of their own (folders, folder items, workshop grants).

    ``data`` is the server's row (``None`` until acknowledged), ``local_data`` the optimistic value shown
    while a mutation waits (``None``: show ``data``).
    """

    __tablename__ = "replica_records"

    type: Mapped[str] = mapped_column(String(32), primary_key=True)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    vehicle_id: Mapped[str | None] = mapped_column(String(36), index=True)
    server_version: Mapped[int | None] = mapped_column(BigInteger)
    data: Mapped[dict[str, Any] | None] = mapped_column()
    local_data: Mapped[dict[str, Any] | None] = mapped_column()
    dirty: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class CollectionMember(Base):
    """Which vehicles are in which collection/fleet: derived from the synced ``collection`` records.

    Maintained by SQLite triggers on ``replica_records`` (migration ``20251129_0100``): every insert, update
    or delete of a ``collection`` record rewrites its rows from ``data.vehicle_ids``, so the generic page
    apply, a tombstone and a full resync keep it right without a line of Python. Never written directly.
    No foreign key to ``vehicles``: a collection may name a vehicle this replica does not hold (yet).
    """

    __tablename__ = "collection_members"

    collection_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    vehicle_id: Mapped[str] = mapped_column(String(36), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class OutboxMutation(Base):
    """An intent waiting to be pushed, written in the same transaction as its optimistic change.

    ``mutation_id`` is strictly ascending and never reused (SQLite AUTOINCREMENT), as the server's
    per-client duplicate detection requires.
    """

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_client_mutation", "client_id", "mutation_id"), {"sqlite_autoincrement": True})

    mutation_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    client_id: Mapped[str] = mapped_column(String(36))
    name: Mapped[str] = mapped_column(String(64))
    args: Mapped[dict[str, Any]] = mapped_column()
    base_version: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class SyncState(Base):
    """One row: this install's sync identity and progress. The cursor is stored with each applied page."""

    __tablename__ = "sync_state"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=1)
    client_id: Mapped[str] = mapped_column(String(36), default=new_id)
    user_id: Mapped[str | None] = mapped_column(String(36))
    server_url: Mapped[str | None] = mapped_column(String(2048))
    cursor: Mapped[str | None] = mapped_column(String(512))
    protocol_version: Mapped[int | None] = mapped_column(Integer)
    schema_version: Mapped[int | None] = mapped_column(Integer)
    last_pull_at: Mapped[datetime | None] = mapped_column()
    last_push_at: Mapped[datetime | None] = mapped_column()
    last_sync_at: Mapped[datetime | None] = mapped_column()
    needs_full_resync: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    #: The rotating refresh token of the command-line client (inside the encrypted vault, never in clear).
    refresh_token: Mapped[str | None] = mapped_column(String(512))


class SyncProblem(Base):
    """A rejected (or conflicting) mutation: the user's payload is kept until fixed and retried, or discarded."""

    __tablename__ = "sync_problems"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    client_id: Mapped[str] = mapped_column(String(36))
    mutation_id: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(64))
    args: Mapped[dict[str, Any]] = mapped_column()
    base_version: Mapped[int | None] = mapped_column(BigInteger)
    code: Mapped[str] = mapped_column(String(64))
    message: Mapped[str] = mapped_column(Text, default="")
    #: The server's row as it was when the mutation was rejected (conflicts), for a side-by-side view.
    server_state: Mapped[dict[str, Any] | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
