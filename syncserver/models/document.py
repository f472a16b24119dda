"""Documents (SPEC §6.3): metadata and the three statuses; the bytes live in the blob store.

``filename`` is CONFIDENTIAL (it may hold PII): it is never logged or audited and is cleared when the
document is deleted; the row stays as a tombstone. ``storage_key`` is random and never exposed.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from shared.documents import MAX_FILENAME_CHARS, MAX_REASON_CHARS
from syncserver.models.addon import TrustFolder
from syncserver.models.base import Base, Timestamps, UUIDPrimaryKey
from syncserver.models.entry import VehicleEntry
from syncserver.models.vehicle import Vehicle

#: The foreign-key targets must be on the metadata whenever documents is.
FK_TARGETS = (Vehicle, VehicleEntry, TrustFolder)


class Document(UUIDPrimaryKey, Timestamps, Base):
    __tablename__ = "documents"

    owner_user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), nullable=False)
    #: Always set when the document is attached to an entry or a trust folder too (the trust engine reads it).
    vehicle_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("vehicles.id", ondelete="RESTRICT"), nullable=True)
    entry_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("vehicle_entries.id", ondelete="RESTRICT"), nullable=True
    )
    trust_folder_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("trust_folders.id", ondelete="SET NULL"), nullable=True
    )
    replaces_document_id: Mapped[uuid.UUID | None] = mapped_column(nullable=True)

    filename: Mapped[str | None] = mapped_column(String(MAX_FILENAME_CHARS), nullable=True)
    content_type: Mapped[str] = mapped_column(String(32), nullable=False)
    size_bytes: Mapped[int] = mapped_column(BigInteger, nullable=False)
    checksum_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    storage_key: Mapped[str | None] = mapped_column(String(32), nullable=True)
    storage_area: Mapped[str | None] = mapped_column(String(16), nullable=True)

    approval_status: Mapped[str] = mapped_column(String(16), nullable=False)
    scan_status: Mapped[str] = mapped_column(String(16), nullable=False)
    pii_status: Mapped[str] = mapped_column(String(16), nullable=False)
    scan_detail: Mapped[str | None] = mapped_column(String(64), nullable=True)
    scanned_at: Mapped[datetime | None] = mapped_column(nullable=True)
    pii_checked_at: Mapped[datetime | None] = mapped_column(nullable=True)

    approved_by_user_id: Mapped[uuid.UUID | None] = mapped_column(nullable=True)
    approved_at: Mapped[datetime | None] = mapped_column(nullable=True)
    rejected_by_user_id: Mapped[uuid.UUID | None] = mapped_column(nullable=True)
    rejected_at: Mapped[datetime | None] = mapped_column(nullable=True)
    reject_reason: Mapped[str | None] = mapped_column(String(MAX_REASON_CHARS), nullable=True)
    pii_marked_by_user_id: Mapped[uuid.UUID | None] = mapped_column(nullable=True)
    pii_marked_at: Mapped[datetime | None] = mapped_column(nullable=True)
    pii_note: Mapped[str | None] = mapped_column(String(MAX_REASON_CHARS), nullable=True)
    pii_override_by_user_id: Mapped[uuid.UUID | None] = mapped_column(nullable=True)
    pii_override_at: Mapped[datetime | None] = mapped_column(nullable=True)
    replaced_by_document_id: Mapped[uuid.UUID | None] = mapped_column(nullable=True)
    deleted_at: Mapped[datetime | None] = mapped_column(nullable=True)
    deleted_reason: Mapped[str | None] = mapped_column(String(32), nullable=True)

    __table_args__ = (
        Index("ix_documents_owner_user_id", "owner_user_id"),
        Index("ix_documents_vehicle_id", "vehicle_id"),
        Index("ix_documents_entry_id", "entry_id"),
        Index("ix_documents_approval_status_created_at", "approval_status", "created_at"),
    )
