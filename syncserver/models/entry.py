"""Service entries with revisions (SPEC §5.4, DECISIONS D8, D13, D14).

A revision is a new row in the same ``entry_group_id`` with ``version + 1``; the previous row gets
``is_latest = false``. Nothing is overwritten except the server-derived ``trust_level``.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import BigInteger, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from syncserver.models.base import Base, Timestamps, Tombstone, UUIDPrimaryKey


class VehicleEntry(UUIDPrimaryKey, Timestamps, Tombstone, Base):
    __tablename__ = "vehicle_entries"

    vehicle_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("vehicles.id", ondelete="CASCADE"), nullable=False)
    entry_group_id: Mapped[uuid.UUID] = mapped_column(nullable=False)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    #: NO ACTION (checked at statement end): rows are never hard-deleted one by one.
    supersedes_entry_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("vehicle_entries.id"), nullable=True)
    is_latest: Mapped[bool] = mapped_column(nullable=False, default=True)
    date: Mapped[date] = mapped_column(Date, nullable=False)
    type: Mapped[str] = mapped_column(String(32), nullable=False)
    performed_by: Mapped[str] = mapped_column(String(64), nullable=False)
    km: Mapped[int] = mapped_column(Integer, nullable=False)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    cost_cents: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    currency: Mapped[str | None] = mapped_column(String(3), nullable=True)
    #: T1/T2 as the author declared it (D14).
    declared_trust_level: Mapped[str | None] = mapped_column(String(2), nullable=True)
    #: The level the server derived (T3 only from valid evidence, D14).
    trust_level: Mapped[str | None] = mapped_column(String(2), nullable=True)
    is_backfill: Mapped[bool] = mapped_column(nullable=False, default=False)
    author_user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), nullable=False)
    #: The author organisation (D8).
    author_org_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="RESTRICT"), nullable=True
    )

    __table_args__ = (
        UniqueConstraint("entry_group_id", "version"),
        Index("ix_vehicle_entries_vehicle_id_is_latest", "vehicle_id", "is_latest"),
    )
