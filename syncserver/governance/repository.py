"""All SQL of governance: organisations, memberships, entitlements and step-up grants (no FastAPI).

The module-level functions are the read API other domains use (vehicles, entries, trust):
:func:`is_approved_member`, :func:`approved_org_ids` and :func:`vehicle_allowance`.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from shared.roles import Role
from syncserver.models.governance import (
    Entitlement,
    Membership,
    MembershipRole,
    MembershipStatus,
    Organisation,
    OrgKind,
    StepUpGrant,
)
from syncserver.models.user import User

#: Entitlement key: vehicles a user may own beyond the base allowance (D12).
EXTRA_VEHICLES = "extra_vehicles"
#: Vehicles a ``user`` may own without an entitlement (D12).
BASE_VEHICLE_ALLOWANCE = 1


def is_approved_member(session: Session, user_id: uuid.UUID, org_id: uuid.UUID) -> bool:
    """True only for an ``approved`` membership of a usable organisation (VIP businesses must be approved)."""
    stmt = (
        select(Membership.id)
        .join(Organisation, Organisation.id == Membership.org_id)
        .where(
            Membership.user_id == user_id,
            Membership.org_id == org_id,
            Membership.status == MembershipStatus.APPROVED.value,
            _org_usable(),
        )
    )
    return session.scalar(stmt.limit(1)) is not None


def approved_org_ids(session: Session, user_id: uuid.UUID) -> list[uuid.UUID]:
    """Ids of every organisation in whose scope ``user_id`` may act (approved memberships only)."""
    stmt = (
        select(Membership.org_id)
        .join(Organisation, Organisation.id == Membership.org_id)
        .where(Membership.user_id == user_id, Membership.status == MembershipStatus.APPROVED.value, _org_usable())
        .order_by(Membership.org_id)
    )
    return list(session.scalars(stmt).all())


def vehicle_allowance(session: Session, user_id: uuid.UUID) -> int:
    """How many vehicles ``user_id`` may own (D12): 1 plus the ``extra_vehicles`` entitlement.

    Only role ``user`` is limited by the paywall; other roles (and unknown users) are answered with
    the same rule, so the caller decides which roles the limit applies to.
    """
    extra = session.scalar(
        select(Entitlement.value).where(Entitlement.user_id == user_id, Entitlement.key == EXTRA_VEHICLES)
    )
    return BASE_VEHICLE_ALLOWANCE + max(0, extra or 0)


def _org_usable() -> ColumnElement[bool]:
    """SQL condition: not a VIP business, or an approved one."""
    return (Organisation.kind != OrgKind.VIP_BUSINESS.value) | Organisation.approved.is_(True)


class GovernanceRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def flush(self) -> None:
        self.session.flush()

    # users ----------------------------------------------------------------------------------------
    def get_user(self, user_id: uuid.UUID) -> User | None:
        return self.session.get(User, user_id)

    def get_user_for_update(self, user_id: uuid.UUID) -> User | None:
        return self.session.scalar(select(User).where(User.id == user_id).with_for_update())

    def list_users(self, *, limit: int, offset: int) -> Sequence[User]:
        stmt = select(User).order_by(User.created_at.desc(), User.id.desc()).limit(limit).offset(offset)
        return self.session.scalars(stmt).all()

    def set_role(self, user: User, role: Role, at: datetime) -> None:
        user.role = role.value
        user.updated_at = at
        self.session.flush()

    # organisations --------------------------------------------------------------------------------
    def add(self, obj: Organisation | Membership | Entitlement | StepUpGrant) -> None:
        self.session.add(obj)
        self.session.flush()

    def get_org(self, org_id: uuid.UUID) -> Organisation | None:
        return self.session.get(Organisation, org_id)

    def get_business(self, business_id: str, *, lock: bool = False) -> Organisation | None:
        stmt = select(Organisation).where(
            Organisation.business_id == business_id, Organisation.kind == OrgKind.VIP_BUSINESS.value
        )
        if lock:
            stmt = stmt.with_for_update()
        return self.session.scalar(stmt)

    def list_businesses(self) -> Sequence[Organisation]:
        stmt = (
            select(Organisation)
            .where(Organisation.kind == OrgKind.VIP_BUSINESS.value)
            .order_by(Organisation.created_at.desc(), Organisation.id.desc())
        )
        return self.session.scalars(stmt).all()

    def orgs_of_user(self, user_id: uuid.UUID) -> Sequence[tuple[Organisation, Membership]]:
        stmt = (
            select(Organisation, Membership)
            .join(Membership, Membership.org_id == Organisation.id)
            .where(Membership.user_id == user_id)
            .order_by(Organisation.created_at.desc(), Organisation.id.desc())
        )
        return [(org, membership) for org, membership in self.session.execute(stmt).all()]

    # memberships ----------------------------------------------------------------------------------
    def get_membership(self, org_id: uuid.UUID, user_id: uuid.UUID) -> Membership | None:
        stmt = select(Membership).where(Membership.org_id == org_id, Membership.user_id == user_id)
        return self.session.scalar(stmt)

    def memberships(self, org_id: uuid.UUID, status: MembershipStatus | None = None) -> Sequence[Membership]:
        stmt = select(Membership).where(Membership.org_id == org_id)
        if status is not None:
            stmt = stmt.where(Membership.status == status.value)
        return self.session.scalars(stmt.order_by(Membership.created_at, Membership.id)).all()

    def staff_user_ids(self, org_id: uuid.UUID) -> list[uuid.UUID]:
        stmt = (
            select(Membership.user_id)
            .where(
                Membership.org_id == org_id,
                Membership.role == MembershipRole.STAFF.value,
                Membership.status == MembershipStatus.APPROVED.value,
            )
            .order_by(Membership.created_at, Membership.id)
        )
        return list(self.session.scalars(stmt).all())

    def staff_by_org(self, org_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[uuid.UUID]]:
        found: dict[uuid.UUID, list[uuid.UUID]] = {org_id: [] for org_id in org_ids}
        if not org_ids:
            return found
        stmt = (
            select(Membership.org_id, Membership.user_id)
            .where(
                Membership.org_id.in_(org_ids),
                Membership.role == MembershipRole.STAFF.value,
                Membership.status == MembershipStatus.APPROVED.value,
            )
            .order_by(Membership.created_at, Membership.id)
        )
        for org_id, user_id in self.session.execute(stmt).all():
            found[org_id].append(user_id)
        return found

    def count_members(self, org_id: uuid.UUID) -> int:
        stmt = select(func.count()).select_from(Membership).where(Membership.org_id == org_id)
        return int(self.session.scalar(stmt) or 0)

    # entitlements ---------------------------------------------------------------------------------
    def get_entitlement(self, user_id: uuid.UUID, key: str) -> Entitlement | None:
        return self.session.scalar(select(Entitlement).where(Entitlement.user_id == user_id, Entitlement.key == key))

    def entitlements(self, user_id: uuid.UUID) -> Sequence[Entitlement]:
        return self.session.scalars(
            select(Entitlement).where(Entitlement.user_id == user_id).order_by(Entitlement.key)
        ).all()

    # step-up grants -------------------------------------------------------------------------------
    def get_step_up(self, token_hash: str, *, lock: bool = True) -> StepUpGrant | None:
        stmt = select(StepUpGrant).where(StepUpGrant.token_hash == token_hash)
        if lock:
            stmt = stmt.with_for_update()
        return self.session.scalar(stmt)
