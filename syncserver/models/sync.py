"""Sync bookkeeping (ARCHITECTURE "Sync protocol"): the change log, per-client mutation state, id aliases,
per-user vehicle visibility and resumable blob uploads.

``sync_changes.seq`` is assigned at commit time under a serialising lock (see ``syncserver.sync.capture``),
so the order of seqs is the order of commits and a pull never skips a row that commits later.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from syncserver.models.base import Base, Timestamps, UUIDPrimaryKey


class SyncChange(Base):
    """One change of a synced record, or a per-user visibility event (``audience_user_id`` set).

    ``op``: ``upsert`` (the record changed: read its current state), ``grant`` (the audience gained access to
    the vehicle: send all of it) or ``remove`` (the audience lost access to the vehicle).
    """

    __tablename__ = "sync_changes"

    seq: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=False
    )
    record_type: Mapped[str] = mapped_column(String(16), nullable=False)
    record_id: Mapped[uuid.UUID] = mapped_column(nullable=False)
    op: Mapped[str] = mapped_column(String(8), nullable=False)
    vehicle_id: Mapped[uuid.UUID | None] = mapped_column(nullable=True)
    org_id: Mapped[uuid.UUID | None] = mapped_column(nullable=True)
    audience_user_id: Mapped[uuid.UUID | None] = mapped_column(nullable=True)
    created_at: Mapped[datetime] = mapped_column(nullable=False)

    __table_args__ = (
        Index("ix_sync_changes_vehicle_id_seq", "vehicle_id", "seq"),
        Index("ix_sync_changes_org_id_seq", "org_id", "seq"),
        Index("ix_sync_changes_audience_user_id_seq", "audience_user_id", "seq"),
    )


class SyncClient(Timestamps, Base):
    """A client (device installation) of a user and the last mutation id the server answered."""

    __tablename__ = "sync_clients"

    client_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    last_mutation_id: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)

    __table_args__ = (Index("ix_sync_clients_user_id", "user_id"),)


class SyncMutationAnswer(Base):
    """The stored answer to one mutation, repeated verbatim when the client retries it."""

    __tablename__ = "sync_mutation_answers"

    client_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("sync_clients.client_id", ondelete="CASCADE"), primary_key=True
    )
    mutation_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    answer: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    created_at: Mapped[datetime] = mapped_column(nullable=False)


class SyncIdAlias(Base):
    """A client-made id of a record the server created under its own id (resolved in later mutations)."""

    __tablename__ = "sync_id_aliases"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    client_ref: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    record_type: Mapped[str] = mapped_column(String(16), nullable=False)
    server_id: Mapped[uuid.UUID] = mapped_column(nullable=False)
    created_at: Mapped[datetime] = mapped_column(nullable=False)


class SyncVisibility(Base):
    """The vehicles a user's devices were last told about (gains and losses become ``grant``/``remove``)."""

    __tablename__ = "sync_visibility"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    vehicle_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    visible: Mapped[bool] = mapped_column(nullable=False)
    changed_seq: Mapped[int] = mapped_column(BigInteger, nullable=False)


class SyncBlobUpload(UUIDPrimaryKey, Timestamps, Base):
    """A resumable upload of one blob by one user: chunks in quarantine until the hash is verified."""

    __tablename__ = "sync_blob_uploads"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    total: Mapped[int] = mapped_column(BigInteger, nullable=False)
    received: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    chunk_keys: Mapped[list[Any]] = mapped_column(JSON, nullable=False, default=list)
    #: The verified whole blob (quarantine area), set once complete.
    storage_key: Mapped[str | None] = mapped_column(String(32), nullable=True)
    completed_at: Mapped[datetime | None] = mapped_column(nullable=True)

    __table_args__ = (UniqueConstraint("user_id", "sha256"),)
