"""VIP businesses ("VIP-Gewerbe", D7, SPEC §11.3 [impl] flow). No FastAPI.

Admins create a business request for an owner (idempotent by ``business_id``); only the superadmin
approves it (step-up ``vip_business_approve``) and adds staff (step-up ``vip_business_staff``), at most
:data:`shared.roles.VIP_BUSINESS_STAFF_SEATS` seats. The superadmin-only rule is the route policy's;
the step-up grant is checked before the business is looked up and spent only on success.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shared.errors import DomainError, ErrorCode
from shared.ids import uuid7
from shared.roles import StepUpScope, check_vip_staff_seat
from syncserver.access.actor import Actor
from syncserver.admin.stepup import StepUpService
from syncserver.audit import AuditAction, AuditScope, TargetType, record, register_metadata_keys
from syncserver.context import ServerContext
from syncserver.governance.repository import GovernanceRepository
from syncserver.governance.service import add_owner_membership
from syncserver.models.governance import Membership, MembershipRole, MembershipStatus, Organisation, OrgKind

register_metadata_keys("staff_before", "staff_after", "has_reason")


@dataclass(frozen=True, slots=True)
class BusinessView:
    org: Organisation
    staff_user_ids: list[uuid.UUID]


class VipBusinessService:
    def __init__(self, session: Session, ctx: ServerContext) -> None:
        self.session = session
        self.ctx = ctx
        self.repo = GovernanceRepository(session)
        self.step_up = StepUpService(session, ctx)

    def list(self) -> list[BusinessView]:
        """Every VIP business, newest first, with its staff."""
        orgs: Sequence[Organisation] = self.repo.list_businesses()
        staff = self.repo.staff_by_org([org.id for org in orgs])
        return [BusinessView(org, staff[org.id]) for org in orgs]

    def create(
        self, actor: Actor, owner_user_id: uuid.UUID, business_id: str | None, reason: str | None = None
    ) -> BusinessView:
        """Create a (not yet approved) business; an existing ``business_id`` is returned unchanged."""
        if business_id is not None:
            existing = self.repo.get_business(business_id)
            if existing is not None:
                return self._view(existing)
        if self.repo.get_user(owner_user_id) is None:
            raise DomainError(ErrorCode.USER_NOT_FOUND)
        now = self.ctx.clock.now()
        key = business_id or str(uuid.uuid4())
        org = Organisation(
            id=uuid7(),
            kind=OrgKind.VIP_BUSINESS.value,
            name=key,
            business_id=key,
            owner_user_id=owner_user_id,
            approved=False,
            created_at=now,
            updated_at=now,
        )
        try:
            with self.session.begin_nested():
                self.repo.add(org)
        except IntegrityError:
            # a concurrent request created the same business_id first: idempotent answer
            existing = self.repo.get_business(key)
            if existing is None:
                raise
            return self._view(existing)
        add_owner_membership(self.repo, org, now)
        self._audit(actor, AuditAction.VIP_BUSINESS_CREATED, org, {"has_reason": bool(reason)})
        self._audit(actor, AuditAction.ORG_CREATED, org, {"kind": org.kind})
        return self._view(org)

    def approve(self, actor: Actor, business_id: str, step_up_token: str | None) -> BusinessView:
        """Approve a business (superadmin, step-up); idempotent; 404 ``business_not_found``."""
        grant = self.step_up.check(actor, StepUpScope.VIP_BUSINESS_APPROVE, step_up_token)
        org = self._business(business_id)
        if not org.approved:
            now = self.ctx.clock.now()
            org.approved = True
            org.approved_at = now
            org.approved_by_user_id = actor.user_id
            org.updated_at = now
            self.repo.flush()
            self._audit(actor, AuditAction.VIP_BUSINESS_APPROVED, org, {})
        self.step_up.spend(grant)
        return self._view(org)

    def add_staff(self, actor: Actor, business_id: str, user_id: uuid.UUID, step_up_token: str | None) -> BusinessView:
        """Add a staff member (superadmin, step-up).

        404 ``business_not_found`` / ``user_not_found``, 400 ``business_not_approved``, 409
        ``staff_limit_reached`` for a seat beyond the limit; an existing staff member is a no-op.
        """
        grant = self.step_up.check(actor, StepUpScope.VIP_BUSINESS_STAFF, step_up_token)
        org = self._business(business_id, lock=True)
        if self.repo.get_user(user_id) is None:
            raise DomainError(ErrorCode.USER_NOT_FOUND)
        if not org.approved:
            raise DomainError(ErrorCode.BUSINESS_NOT_APPROVED)
        staff = self.repo.staff_user_ids(org.id)
        membership = self.repo.get_membership(org.id, user_id)
        already = user_id in staff or (
            membership is not None
            and membership.role == MembershipRole.OWNER.value
            and membership.status == MembershipStatus.APPROVED.value
        )
        if check_vip_staff_seat(len(staff), already):
            self._seat(actor, org, user_id, membership)
            self._audit(
                actor,
                AuditAction.VIP_BUSINESS_STAFF_ADDED,
                org,
                {"staff_before": len(staff), "staff_after": len(staff) + 1},
            )
        self.step_up.spend(grant)
        return self._view(org)

    # helpers --------------------------------------------------------------------------------------
    def _seat(self, actor: Actor, org: Organisation, user_id: uuid.UUID, membership: Membership | None) -> None:
        now = self.ctx.clock.now()
        if membership is None:
            membership = Membership(id=uuid7(), org_id=org.id, user_id=user_id, created_at=now)
            self.session.add(membership)
        membership.role = MembershipRole.STAFF.value
        membership.status = MembershipStatus.APPROVED.value
        membership.approved_at = now
        membership.approved_by_user_id = actor.user_id
        membership.revoked_at = None
        membership.revoked_by_user_id = None
        membership.updated_at = now
        self.repo.flush()
        record(
            self.session,
            AuditAction.ORG_MEMBERSHIP_APPROVED,
            at=now,
            actor=actor.audit,
            target_type=TargetType.ORG_MEMBERSHIP,
            target_id=membership.id,
            scope=AuditScope.ORG,
            metadata={"status": membership.status, "kind": MembershipRole.STAFF.value},
        )

    def _business(self, business_id: str, *, lock: bool = False) -> Organisation:
        org = self.repo.get_business(business_id, lock=lock)
        if org is None:
            raise DomainError(ErrorCode.BUSINESS_NOT_FOUND)
        return org

    def _view(self, org: Organisation) -> BusinessView:
        return BusinessView(org, self.repo.staff_user_ids(org.id))

    def _audit(self, actor: Actor, action: AuditAction, org: Organisation, metadata: dict[str, object]) -> None:
        record(
            self.session,
            action,
            at=self.ctx.clock.now(),
            actor=actor.audit,
            target_type=TargetType.ORG,
            target_id=org.id,
            scope=AuditScope.ORG,
            metadata=metadata,
        )
