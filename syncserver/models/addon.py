"""Add-on gate state and trust folders (SPEC §7.5-7.6, DECISIONS D19).

``VehicleAddon.addon_first_enabled_at`` is never cleared once set (grandfathering).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from syncserver.models.base import Base, Timestamps, UUIDPrimaryKey


class AddonConfig(Base):
    """Admin switches of one add-on; no row means "not available" (deny by default)."""

    __tablename__ = "addon_configs"

    addon_key: Mapped[str] = mapped_column(String(32), primary_key=True)
    allow_new: Mapped[bool] = mapped_column(nullable=False, default=False)
    requires_payment: Mapped[bool] = mapped_column(nullable=False, default=True)
    admin_only: Mapped[bool] = mapped_column(nullable=False, default=False)
    updated_at: Mapped[datetime] = mapped_column(nullable=False)
    updated_by_user_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )


class AddonEntitlement(Base):
    """Account-level entitlement per user and add-on (SPEC §7.6), set by admins."""

    __tablename__ = "addon_entitlements"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    addon_key: Mapped[str] = mapped_column(String(32), primary_key=True)
    enabled: Mapped[bool] = mapped_column(nullable=False, default=True)
    updated_at: Mapped[datetime] = mapped_column(nullable=False)
    updated_by_user_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )


class VehicleAddon(Base):
    __tablename__ = "vehicle_addons"

    vehicle_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("vehicles.id", ondelete="CASCADE"), primary_key=True)
    addon_key: Mapped[str] = mapped_column(String(32), primary_key=True)
    active: Mapped[bool] = mapped_column(nullable=False, default=False)
    addon_first_enabled_at: Mapped[datetime | None] = mapped_column(nullable=True)
    updated_at: Mapped[datetime] = mapped_column(nullable=False)


class TrustFolder(UUIDPrimaryKey, Timestamps, Base):
    __tablename__ = "trust_folders"

    vehicle_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("vehicles.id", ondelete="CASCADE"), nullable=False)
    owner_user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    addon_key: Mapped[str] = mapped_column(String(32), nullable=False)
    title: Mapped[str] = mapped_column(String(255), nullable=False)

    __table_args__ = (
        UniqueConstraint("vehicle_id", "owner_user_id", "title"),
        Index("ix_trust_folders_vehicle_id_addon_key", "vehicle_id", "addon_key"),
    )


class TrustFolderItem(UUIDPrimaryKey, Timestamps, Base):
    """One stage of a restoration storyline (or any folder item): SPEC §7.5."""

    __tablename__ = "trust_folder_items"

    folder_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("trust_folders.id", ondelete="CASCADE"), nullable=False)
    title: Mapped[str] = mapped_column(String(255), nullable=False)
    stage: Mapped[str | None] = mapped_column(String(64), nullable=True)
    date: Mapped[date | None] = mapped_column(Date, nullable=True)
    performed_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    cost_cents: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    currency: Mapped[str | None] = mapped_column(String(3), nullable=True)
    is_milestone: Mapped[bool] = mapped_column(nullable=False, default=False)
    #: Document ids (receipts) and before/after image document ids, as UUID strings.
    document_ids: Mapped[list[Any]] = mapped_column(JSON, nullable=False, default=list)
    before_image_ids: Mapped[list[Any]] = mapped_column(JSON, nullable=False, default=list)
    after_image_ids: Mapped[list[Any]] = mapped_column(JSON, nullable=False, default=list)

    __table_args__ = (Index("ix_trust_folder_items_folder_id", "folder_id"),)
