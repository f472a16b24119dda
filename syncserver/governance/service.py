"""Organisations and memberships (D7, SPEC §11.3). No FastAPI.

Anyone but the moderator may create a workshop, dealer or fleet organisation and becomes its owner (an
approved ``owner`` membership). Others request membership; the org owner (``/orgs``) or an admin
(``/admin/orgs``) approves or revokes. Org scope follows only from an approved membership
(:func:`syncserver.governance.repository.is_approved_member`). VIP businesses are made by admins
(:mod:`syncserver.governance.vip`).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from shared.errors import DomainError, ErrorCode
from shared.ids import uuid7
from syncserver.access.actor import Actor
from syncserver.audit import AuditAction, AuditResult, AuditScope, ReasonCode, TargetType, record
from syncserver.context import ServerContext
from syncserver.failures import RecordedFailure
from syncserver.governance.repository import GovernanceRepository, is_approved_member
from syncserver.models.governance import Membership, MembershipRole, MembershipStatus, Organisation, OrgKind

#: Kinds a user may create directly; a VIP business goes through the admin flow (SPEC §11.3).
SELF_SERVICE_KINDS = frozenset({OrgKind.WORKSHOP, OrgKind.DEALER, OrgKind.FLEET})


@dataclass(frozen=True, slots=True)
class OrgView:
    org: Organisation
    membership: Membership | None


class OrgService:
    def __init__(self, session: Session, ctx: ServerContext) -> None:
        self.session = session
        self.ctx = ctx
        self.repo = GovernanceRepository(session)

    def create(self, actor: Actor, kind: OrgKind, name: str) -> OrgView:
        """Create an organisation owned by ``actor``; 422 ``validation_failed`` for the VIP-business kind."""
        if kind not in SELF_SERVICE_KINDS:
            raise DomainError(ErrorCode.VALIDATION_FAILED, message="vip businesses are created by admins")
        now = self.ctx.clock.now()
        org = Organisation(
            id=uuid7(),
            kind=kind.value,
            name=name,
            owner_user_id=actor.user_id,
            approved=True,
            approved_at=now,
            created_at=now,
            updated_at=now,
        )
        self.repo.add(org)
        membership = add_owner_membership(self.repo, org, now)
        record(
            self.session,
            AuditAction.ORG_CREATED,
            at=now,
            actor=actor.audit,
            target_type=TargetType.ORG,
            target_id=org.id,
            scope=AuditScope.ORG,
            metadata={"kind": kind.value},
        )
        return OrgView(org, membership)

    def mine(self, actor: Actor) -> list[OrgView]:
        """Every organisation ``actor`` has a membership in (any status), newest first."""
        return [OrgView(org, membership) for org, membership in self.repo.orgs_of_user(actor.user_id)]

    def get(self, actor: Actor, org_id: uuid.UUID) -> OrgView:
        """An organisation for its approved members only; 404 ``org_not_found``, else 403 ``forbidden``."""
        org = self._org(org_id)
        membership = self.repo.get_membership(org_id, actor.user_id)
        if not is_approved_member(self.session, actor.user_id, org_id):
            raise DomainError(ErrorCode.FORBIDDEN)
        return OrgView(org, membership)

    def members(self, actor: Actor, org_id: uuid.UUID, *, as_admin: bool = False) -> Sequence[Membership]:
        """The memberships of an organisation, for its owner (or an admin route: ``as_admin``)."""
        org = self._org(org_id)
        self._require_owner(actor, org, "list", as_admin)
        return self.repo.memberships(org_id)

    def request(self, actor: Actor, org_id: uuid.UUID) -> Membership:
        """Ask to join; idempotent while requested or approved, a revoked member may ask again."""
        self._org(org_id)
        now = self.ctx.clock.now()
        membership = self.repo.get_membership(org_id, actor.user_id)
        if membership is not None and membership.status != MembershipStatus.REVOKED.value:
            return membership
        if membership is None:
            membership = Membership(
                id=uuid7(),
                org_id=org_id,
                user_id=actor.user_id,
                status=MembershipStatus.REQUESTED.value,
                role=MembershipRole.MEMBER.value,
                created_at=now,
                updated_at=now,
            )
            self.repo.add(membership)
        else:
            membership.status = MembershipStatus.REQUESTED.value
            membership.role = MembershipRole.MEMBER.value
            membership.updated_at = now
            self.repo.flush()
        self._audit(actor, AuditAction.ORG_MEMBERSHIP_REQUESTED, membership)
        return membership

    def approve(self, actor: Actor, org_id: uuid.UUID, user_id: uuid.UUID, *, as_admin: bool = False) -> Membership:
        """Approve a membership (org owner, or an admin route); 404 ``org_not_found`` / ``membership_not_found``."""
        org = self._org(org_id)
        self._require_owner(actor, org, "approve", as_admin)
        membership = self._membership(org_id, user_id)
        if membership.status != MembershipStatus.APPROVED.value:
            now = self.ctx.clock.now()
            membership.status = MembershipStatus.APPROVED.value
            membership.approved_at = now
            membership.approved_by_user_id = actor.user_id
            membership.revoked_at = None
            membership.revoked_by_user_id = None
            membership.updated_at = now
            self.repo.flush()
        self._audit(actor, AuditAction.ORG_MEMBERSHIP_APPROVED, membership)
        return membership

    def revoke(self, actor: Actor, org_id: uuid.UUID, user_id: uuid.UUID, *, as_admin: bool = False) -> Membership:
        """Revoke a membership (org owner, admin, or the member leaving); the owner's own cannot be revoked."""
        org = self._org(org_id)
        if user_id != actor.user_id:
            self._require_owner(actor, org, "revoke", as_admin)
        membership = self._membership(org_id, user_id)
        if membership.role == MembershipRole.OWNER.value:
            raise DomainError(ErrorCode.FORBIDDEN, message="the owner's membership cannot be revoked")
        if membership.status != MembershipStatus.REVOKED.value:
            now = self.ctx.clock.now()
            membership.status = MembershipStatus.REVOKED.value
            membership.revoked_at = now
            membership.revoked_by_user_id = actor.user_id
            membership.updated_at = now
            self.repo.flush()
        self._audit(actor, AuditAction.ORG_MEMBERSHIP_REVOKED, membership)
        return membership

    # helpers --------------------------------------------------------------------------------------
    def _org(self, org_id: uuid.UUID) -> Organisation:
        org = self.repo.get_org(org_id)
        if org is None:
            raise DomainError(ErrorCode.ORG_NOT_FOUND)
        return org

    def _membership(self, org_id: uuid.UUID, user_id: uuid.UUID) -> Membership:
        membership = self.repo.get_membership(org_id, user_id)
        if membership is None:
            raise DomainError(ErrorCode.MEMBERSHIP_NOT_FOUND)
        return membership

    def _require_owner(self, actor: Actor, org: Organisation, what: str, as_admin: bool) -> None:
        """The org owner, or an admin acting through an admin route (TOTP-gated by its policy)."""
        if (as_admin and actor.is_admin) or org.owner_user_id == actor.user_id:
            return
        record(
            self.session,
            AuditAction.ACCESS_DENIED,
            at=self.ctx.clock.now(),
            actor=actor.audit,
            result=AuditResult.DENIED,
            target_type=TargetType.ORG,
            target_id=org.id,
            scope=AuditScope.ORG,
            reason_code=ReasonCode.NOT_ORG_OWNER,
            metadata={"purpose": what},
        )
        raise RecordedFailure(ErrorCode.FORBIDDEN, 403)

    def _audit(self, actor: Actor, action: AuditAction, membership: Membership) -> None:
        record(
            self.session,
            action,
            at=self.ctx.clock.now(),
            actor=actor.audit,
            target_type=TargetType.ORG_MEMBERSHIP,
            target_id=membership.id,
            scope=AuditScope.ORG,
            metadata={"status": membership.status},
        )


def add_owner_membership(repo: GovernanceRepository, org: Organisation, now: datetime) -> Membership:
    """The approved ``owner`` membership of a new organisation."""
    membership = Membership(
        id=uuid7(),
        org_id=org.id,
        user_id=org.owner_user_id,
        status=MembershipStatus.APPROVED.value,
        role=MembershipRole.OWNER.value,
        approved_at=now,
        approved_by_user_id=org.owner_user_id,
        created_at=now,
        updated_at=now,
    )
    repo.add(membership)
    return membership
