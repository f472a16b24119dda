"""Vehicles, their stored trust summary, and owner collections/fleets (SPEC §4, DECISIONS D11, D12, D20).

The VIN is never stored in clear: ``vin_enc`` is an AES-256-GCM envelope under a server key, ``vin_hmac``
the keyed pseudonym (duplicate detection, export proof) and ``vin_prefix3``/``vin_last4`` the masked parts.
A vehicle belongs to a person (``owner_user_id``) or to an organisation (``owner_org_id``), never both.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from shared.collections import CollectionKind
from syncserver.models.base import Base, CreatedAt, Timestamps, Tombstone, UUIDPrimaryKey


class VehicleClass(StrEnum):
    """The fixed vehicle class list of SPEC §4.2."""

    HYPERCAR = "hypercar"
    SPORT = "sport"
    LUXURY = "luxus"
    EVERYDAY = "alltag"
    COMMERCIAL = "nutzfahrzeug"


class Vehicle(UUIDPrimaryKey, Timestamps, Tombstone, Base):
    __tablename__ = "vehicles"

    owner_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), nullable=True)
    owner_org_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="RESTRICT"), nullable=True
    )
    created_by_user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), nullable=False)
    vin_enc: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    vin_hmac: Mapped[str] = mapped_column(String(64), nullable=False)
    vin_prefix3: Mapped[str] = mapped_column(String(3), nullable=False)
    vin_last4: Mapped[str] = mapped_column(String(4), nullable=False)
    nickname: Mapped[str | None] = mapped_column(String(64), nullable=True)
    vehicle_class: Mapped[str | None] = mapped_column(String(16), nullable=True)
    make: Mapped[str | None] = mapped_column(String(64), nullable=True)
    model: Mapped[str | None] = mapped_column(String(64), nullable=True)
    year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    engine: Mapped[str | None] = mapped_column(String(64), nullable=True)
    accident_status: Mapped[str] = mapped_column(String(20), nullable=False, default="unbekannt")
    accident_trust_completed: Mapped[bool] = mapped_column(nullable=False, default=False)
    interested_in_selling: Mapped[bool] = mapped_column(nullable=False, default=False)
    #: Further free-form ``meta`` keys (short scalars only; never holds the VIN).
    meta_extra: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)
    #: D20: random (>= 128 bit) token of the public QR page; NULL while the page is disabled.
    public_token: Mapped[str | None] = mapped_column(String(64), nullable=True, unique=True)
    public_token_rotated_at: Mapped[datetime | None] = mapped_column(nullable=True)
    #: Master-data version for optimistic concurrency (``base_version`` of a sync edit).
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __table_args__ = (
        CheckConstraint("(owner_user_id IS NULL) <> (owner_org_id IS NULL)", name="one_owner"),
        Index("ix_vehicles_owner_user_id", "owner_user_id"),
        Index("ix_vehicles_owner_org_id", "owner_org_id"),
        Index("ix_vehicles_vin_hmac", "vin_hmac"),
    )


class VehicleTrustSummary(Base):
    """The last trust derivation of a vehicle (D18), recomputed whenever an input changes.

    ``summary`` is the contract body with the full to-do list; the to-dos a viewer sees are cut per role
    when it is served.
    """

    __tablename__ = "vehicle_trust_summaries"

    vehicle_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("vehicles.id", ondelete="CASCADE"), primary_key=True)
    trust_light: Mapped[str] = mapped_column(String(8), nullable=False)
    summary: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    computed_at: Mapped[datetime] = mapped_column(nullable=False)


class VehicleCollection(UUIDPrimaryKey, Timestamps, Base):
    """A named group of a user's own vehicles (SPEC §4.4); a vehicle may be in several."""

    __tablename__ = "vehicle_collections"

    owner_user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False, default=CollectionKind.COLLECTION.value)
    name: Mapped[str] = mapped_column(String(120), nullable=False)

    __table_args__ = (UniqueConstraint("owner_user_id", "name"),)


class CollectionVehicle(CreatedAt, Base):
    __tablename__ = "vehicle_collection_members"

    collection_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("vehicle_collections.id", ondelete="CASCADE"), primary_key=True
    )
    vehicle_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("vehicles.id", ondelete="CASCADE"), primary_key=True)

    __table_args__ = (Index("ix_vehicle_collection_members_vehicle_id", "vehicle_id"),)
