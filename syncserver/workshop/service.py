"""Workshop access (DECISIONS D8): request by public token, owner approves/denies, expiry, revocation.

Every step is audited. No FastAPI; flushes only. Under an active grant the workshop's members get the
``shared`` relation of :mod:`syncserver.vehicles.access` (read, append entries, attach documents).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from shared.errors import DomainError, ErrorCode
from shared.ids import uuid7
from syncserver.access.actor import Actor
from syncserver.audit import AuditAction, AuditScope, TargetType, record, register_metadata_keys
from syncserver.clock import as_utc
from syncserver.context import ServerContext
from syncserver.governance.repository import approved_org_ids, is_approved_member
from syncserver.models.governance import OrgKind
from syncserver.models.workshop import GrantStatus, WorkshopGrant
from syncserver.vehicles.access import Capability, VehicleAccess, vehicle_access
from syncserver.vehicles.repository import VehicleRepository
from syncserver.workshop.repository import WorkshopRepository

register_metadata_keys("grant_id", "days")

#: D8 default lifetime of an approved grant (a server setting may override it once config has one).
DEFAULT_GRANT_DAYS = 30
MAX_GRANT_DAYS = 365


@dataclass(frozen=True, slots=True)
class GrantView:
    grant: WorkshopGrant
    effective_status: str


def effective_status(grant: WorkshopGrant, now: datetime) -> str:
    """``expired`` for an approved grant past ``expires_at``; the stored status otherwise."""
    if grant.status == GrantStatus.APPROVED.value and grant.expires_at and as_utc(grant.expires_at) <= now:
        return "expired"
    return grant.status


class WorkshopService:
    def __init__(self, session: Session, ctx: ServerContext) -> None:
        self.session = session
        self.ctx = ctx
        self.repo = WorkshopRepository(session)

    def _view(self, grant: WorkshopGrant) -> GrantView:
        return GrantView(grant, effective_status(grant, self.ctx.clock.now()))

    def _audit(
        self, action: AuditAction, actor: Actor, grant: WorkshopGrant, scope: AuditScope, **meta: object
    ) -> None:
        record(
            self.session,
            action,
            at=self.ctx.clock.now(),
            actor=actor.audit,
            target_type=TargetType.WORKSHOP_GRANT,
            target_id=grant.id,
            scope=scope,
            metadata={"org_id": str(grant.org_id), **meta},
        )

    def request(
        self, actor: Actor, public_token: str, org_id: uuid.UUID, *, record_id: uuid.UUID | None = None
    ) -> GrantView:
        """Ask for access in the name of a workshop org the caller is an approved member of (idempotent: an open
        request is answered as it is). A new request gets ``record_id`` when given (a sync client's id no grant
        has), else a new UUIDv7."""
        org = self.repo.get_org(org_id)
        if (
            org is None
            or org.kind != OrgKind.WORKSHOP.value
            or not is_approved_member(self.session, actor.user_id, org_id)
        ):
            raise DomainError(ErrorCode.FORBIDDEN)
        vehicle = VehicleRepository(self.session).by_public_token(public_token)
        if vehicle is None:
            raise DomainError(ErrorCode.NOT_FOUND)
        existing = self.repo.open_request(vehicle.id, org_id)
        if existing is not None:
            return self._view(existing)
        now = self.ctx.clock.now()
        grant = WorkshopGrant(
            id=record_id or uuid7(),
            vehicle_id=vehicle.id,
            org_id=org_id,
            requested_by_user_id=actor.user_id,
            status=GrantStatus.REQUESTED.value,
            created_at=now,
            updated_at=now,
        )
        self.repo.add(grant)
        self._audit(AuditAction.WORKSHOP_ACCESS_REQUESTED, actor, grant, AuditScope.ORG)
        return self._view(grant)

    def _owned_grant(self, actor: Actor, grant_id: uuid.UUID) -> tuple[WorkshopGrant, VehicleAccess]:
        """The grant, if the caller manages its vehicle (owner, org member, admin); 404 otherwise."""
        grant = self.repo.get(grant_id, lock=True)
        if grant is None:
            raise DomainError(ErrorCode.NOT_FOUND)
        now = self.ctx.clock.now()
        access = vehicle_access(self.session, actor, grant.vehicle_id, now, Capability.READ)
        if not access.can(Capability.MANAGE):
            raise DomainError(ErrorCode.FORBIDDEN)
        return grant, access

    def approve(self, actor: Actor, grant_id: uuid.UUID, days: int | None) -> GrantView:
        grant, access = self._owned_grant(actor, grant_id)
        if grant.status != GrantStatus.REQUESTED.value:
            raise DomainError(ErrorCode.INVALID_TRANSITION)
        now = self.ctx.clock.now()
        lifetime = days or DEFAULT_GRANT_DAYS
        grant.status = GrantStatus.APPROVED.value
        grant.decided_at = now
        grant.decided_by_user_id = actor.user_id
        grant.expires_at = now + timedelta(days=lifetime)
        grant.updated_at = now
        self.repo.flush()
        self._audit(AuditAction.WORKSHOP_ACCESS_APPROVED, actor, grant, access.audit_scope, days=lifetime)
        return self._view(grant)

    def deny(self, actor: Actor, grant_id: uuid.UUID) -> GrantView:
        grant, access = self._owned_grant(actor, grant_id)
        if grant.status != GrantStatus.REQUESTED.value:
            raise DomainError(ErrorCode.INVALID_TRANSITION)
        now = self.ctx.clock.now()
        grant.status = GrantStatus.DENIED.value
        grant.decided_at = now
        grant.decided_by_user_id = actor.user_id
        grant.updated_at = now
        self.repo.flush()
        self._audit(AuditAction.WORKSHOP_ACCESS_DENIED, actor, grant, access.audit_scope)
        return self._view(grant)

    def revoke(self, actor: Actor, grant_id: uuid.UUID) -> GrantView:
        """End an approved (or still requested) grant at once; idempotent for a revoked one."""
        grant, access = self._owned_grant(actor, grant_id)
        if grant.status == GrantStatus.REVOKED.value:
            return self._view(grant)
        if grant.status == GrantStatus.DENIED.value:
            raise DomainError(ErrorCode.INVALID_TRANSITION)
        now = self.ctx.clock.now()
        grant.status = GrantStatus.REVOKED.value
        grant.revoked_at = now
        grant.revoked_by_user_id = actor.user_id
        grant.updated_at = now
        self.repo.flush()
        self._audit(AuditAction.WORKSHOP_ACCESS_REVOKED, actor, grant, access.audit_scope)
        return self._view(grant)

    def for_vehicle(self, actor: Actor, vehicle_id: uuid.UUID) -> list[GrantView]:
        """The grants of a vehicle, for those who manage it."""
        vehicle_access(self.session, actor, vehicle_id, self.ctx.clock.now(), Capability.MANAGE)
        return [self._view(g) for g in self.repo.for_vehicle(vehicle_id)]

    def mine(self, actor: Actor) -> list[GrantView]:
        """The grants of every organisation the caller is an approved member of."""
        return [self._view(g) for g in self.repo.for_orgs(approved_org_ids(self.session, actor.user_id))]

    def granted_vehicle_ids(self, actor: Actor) -> list[uuid.UUID]:
        now = self.ctx.clock.now()
        views = self.mine(actor)
        return list(dict.fromkeys(v.grant.vehicle_id for v in views if effective_status(v.grant, now) == "approved"))
