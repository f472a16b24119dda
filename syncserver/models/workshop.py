"""Workshop access grants (DECISIONS D8): a workshop organisation asks, the owner decides.

Status ``requested`` -> ``approved`` | ``denied``; an approved grant ends at ``expires_at`` or when
``revoked``. Only an approved, unexpired, unrevoked grant gives the workshop shared scope.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from syncserver.models import governance as _governance  # noqa: F401  (registers the FK target table)
from syncserver.models.base import Base, Timestamps, UUIDPrimaryKey


class GrantStatus(StrEnum):
    REQUESTED = "requested"
    APPROVED = "approved"
    DENIED = "denied"
    REVOKED = "revoked"


class WorkshopGrant(UUIDPrimaryKey, Timestamps, Base):
    __tablename__ = "workshop_grants"

    vehicle_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("vehicles.id", ondelete="CASCADE"), nullable=False)
    org_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False)
    requested_by_user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default=GrantStatus.REQUESTED.value)
    decided_at: Mapped[datetime | None] = mapped_column(nullable=True)
    decided_by_user_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    expires_at: Mapped[datetime | None] = mapped_column(nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(nullable=True)
    revoked_by_user_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )

    __table_args__ = (
        Index("ix_workshop_grants_vehicle_id", "vehicle_id"),
        Index("ix_workshop_grants_org_id_status", "org_id", "status"),
    )
