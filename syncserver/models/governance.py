"""Organisations, memberships, entitlements and admin step-up grants (DECISIONS D3, D7, D12; SPEC §11.1-11.3)."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from syncserver.models.base import Base, CreatedAt, Timestamps, UUIDPrimaryKey


class OrgKind(StrEnum):
    WORKSHOP = "workshop"
    DEALER = "dealer"
    FLEET = "fleet"
    VIP_BUSINESS = "vip_business"


class MembershipStatus(StrEnum):
    REQUESTED = "requested"
    APPROVED = "approved"
    REVOKED = "revoked"


class MembershipRole(StrEnum):
    MEMBER = "member"
    STAFF = "staff"
    OWNER = "owner"


class Organisation(UUIDPrimaryKey, Timestamps, Base):
    """An organisation that may own vehicles; approved members act in its scope (D7).

    ``business_id`` is the external key of a VIP business (API_CONTRACT ``/admin/vip-businesses``);
    only VIP businesses need approval (``approved_*``), other kinds are usable when created.
    """

    __tablename__ = "organisations"

    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    business_id: Mapped[str | None] = mapped_column(String(64), nullable=True, unique=True)
    owner_user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), nullable=False)
    approved: Mapped[bool] = mapped_column(nullable=False, default=False)
    approved_at: Mapped[datetime | None] = mapped_column(nullable=True)
    approved_by_user_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )

    __table_args__ = (
        Index("ix_organisations_owner_user_id", "owner_user_id"),
        Index("ix_organisations_kind", "kind"),
    )


class Membership(UUIDPrimaryKey, Timestamps, Base):
    """One user's membership in one organisation; only ``approved`` grants org scope."""

    __tablename__ = "org_memberships"

    org_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default=MembershipStatus.REQUESTED.value)
    role: Mapped[str] = mapped_column(String(16), nullable=False, default=MembershipRole.MEMBER.value)
    approved_at: Mapped[datetime | None] = mapped_column(nullable=True)
    approved_by_user_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    revoked_at: Mapped[datetime | None] = mapped_column(nullable=True)
    revoked_by_user_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )

    __table_args__ = (
        UniqueConstraint("org_id", "user_id"),
        Index("ix_org_memberships_user_id_status", "user_id", "status"),
    )


class Entitlement(UUIDPrimaryKey, Base):
    """An admin-set entitlement of a user (D12): a count (``extra_vehicles``) or a feature flag (0/1)."""

    __tablename__ = "entitlements"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    key: Mapped[str] = mapped_column(String(64), nullable=False)
    value: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    set_by_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    set_at: Mapped[datetime] = mapped_column(nullable=False)

    __table_args__ = (UniqueConstraint("user_id", "key"),)


class StepUpGrant(UUIDPrimaryKey, CreatedAt, Base):
    """A one-time admin step-up token bound to the granting admin and one scope (D3, SPEC §3.8).

    Only ``HMAC(secret, token)`` is stored; ``used_at`` is set when a guarded action succeeds.
    """

    __tablename__ = "admin_step_up_grants"

    token_hash: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    admin_user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    scope: Mapped[str] = mapped_column(String(32), nullable=False)
    expires_at: Mapped[datetime] = mapped_column(nullable=False)
    used_at: Mapped[datetime | None] = mapped_column(nullable=True)

    __table_args__ = (Index("ix_admin_step_up_grants_admin_user_id", "admin_user_id"),)
