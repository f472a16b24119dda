"""Object-level access to one vehicle (SPEC §2.1-2.2, DECISIONS D7, D8). No FastAPI.

Who relates to a vehicle, in this order: its personal owner; an approved member of the owning
organisation; a workshop organisation with an active grant (shared scope); an admin (all scope).
Anyone else: 404 ``not_found`` (existence is not revealed) - except a workshop that once asked for
access and holds no active grant now, which gets 403 ``forbidden`` (it knows the vehicle already).

Every other domain (entries, trust, add-ons, documents) asks :func:`vehicle_access` and then
:meth:`VehicleAccess.require` for what it is about to do.

Every denial is audited (SPEC §11.6: ``ACCESS_DENIED``, result ``denied``, target the vehicle id asked for,
a reason code) and committed with the failed request (:class:`RecordedFailure`); callers check access before
they change anything. The audit never tells the caller more than the answer does: an unknown, deleted and
unrelated vehicle all give the same 404 and the same reason ``NO_RELATION``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy.orm import Session

from shared.errors import DomainError, ErrorCode
from syncserver.access.actor import Actor
from syncserver.audit import (
    AuditAction,
    AuditResult,
    AuditScope,
    ReasonCode,
    TargetType,
    record,
    register_metadata_keys,
)
from syncserver.failures import RecordedFailure
from syncserver.governance.repository import approved_org_ids, is_approved_member
from syncserver.models.vehicle import Vehicle
from syncserver.vehicles.repository import VehicleRepository
from syncserver.workshop.repository import WorkshopRepository

register_metadata_keys("capability", "vehicle_id")


class Relation(StrEnum):
    OWNER = "owner"
    ORG = "org"
    SHARED = "shared"
    ADMIN = "admin"


class Capability(StrEnum):
    READ = "read"  # see the vehicle and its entries
    APPEND = "append"  # add entries, attach documents (a workshop under a grant may)
    MANAGE = "manage"  # master data, deletion, trust, add-ons, folders, workshop grants


_CAPABILITIES: dict[Relation, frozenset[Capability]] = {
    Relation.OWNER: frozenset(Capability),
    Relation.ORG: frozenset(Capability),
    Relation.ADMIN: frozenset(Capability),
    Relation.SHARED: frozenset({Capability.READ, Capability.APPEND}),
}

_AUDIT_SCOPE: dict[Relation, AuditScope] = {
    Relation.OWNER: AuditScope.OWN,
    Relation.ORG: AuditScope.ORG,
    Relation.SHARED: AuditScope.SHARED,
    Relation.ADMIN: AuditScope.OWN,
}


@dataclass(frozen=True, slots=True)
class VehicleAccess:
    """The caller's relation to one vehicle; ``acting_org_id`` is the org it acts for (org or workshop)."""

    vehicle: Vehicle
    relation: Relation
    acting_org_id: uuid.UUID | None = None

    def can(self, capability: Capability) -> bool:
        return capability in _CAPABILITIES[self.relation]

    def require(self, capability: Capability) -> VehicleAccess:
        """Return self, or raise 403 ``forbidden`` when the relation does not allow ``capability``."""
        if not self.can(capability):
            raise DomainError(ErrorCode.FORBIDDEN)
        return self

    def require_audited(self, session: Session, actor: Actor, capability: Capability, now: datetime) -> VehicleAccess:
        """:meth:`require`, with the denial audited (``CAPABILITY_DENY``)."""
        if not self.can(capability):
            raise denied(session, actor, self.vehicle.id, now, ReasonCode.CAPABILITY_DENY, capability)
        return self

    @property
    def sees_full_vin(self) -> bool:
        """D11: the full VIN goes only to the owner and approved members of the owning organisation."""
        return self.relation in (Relation.OWNER, Relation.ORG)

    @property
    def sees_owner(self) -> bool:
        """D8: a workshop never sees who owns the vehicle."""
        return self.relation is not Relation.SHARED

    @property
    def audit_scope(self) -> AuditScope:
        return _AUDIT_SCOPE[self.relation]


def relation_to(session: Session, actor: Actor, vehicle: Vehicle, now: datetime) -> VehicleAccess | None:
    """The caller's relation to a loaded vehicle, or None when it has none."""
    if vehicle.owner_user_id is not None and vehicle.owner_user_id == actor.user_id:
        return VehicleAccess(vehicle, Relation.OWNER)
    if vehicle.owner_org_id is not None and is_approved_member(session, actor.user_id, vehicle.owner_org_id):
        return VehicleAccess(vehicle, Relation.ORG, vehicle.owner_org_id)
    grant = WorkshopRepository(session).active_grant(vehicle.id, approved_org_ids(session, actor.user_id), now)
    if grant is not None:
        return VehicleAccess(vehicle, Relation.SHARED, grant.org_id)
    if actor.is_admin:
        return VehicleAccess(vehicle, Relation.ADMIN)
    return None


def vehicle_access(
    session: Session, actor: Actor, vehicle_id: uuid.UUID, now: datetime, capability: Capability = Capability.READ
) -> VehicleAccess:
    """Load a live vehicle and check the caller may do ``capability`` on it.

    Raises 404 ``not_found`` (unknown, deleted or no relation) or 403 ``forbidden`` (a relation that
    does not allow ``capability``, or a workshop whose grant is pending, denied, expired or revoked).
    """
    vehicle = VehicleRepository(session).get(vehicle_id)
    if vehicle is None:
        raise denied(session, actor, vehicle_id, now, ReasonCode.NO_RELATION, capability)
    access = relation_to(session, actor, vehicle, now)
    if access is None:
        if WorkshopRepository(session).any_grant(vehicle.id, approved_org_ids(session, actor.user_id)):
            raise denied(session, actor, vehicle_id, now, ReasonCode.GRANT_INACTIVE, capability)
        raise denied(session, actor, vehicle_id, now, ReasonCode.NO_RELATION, capability)
    return access.require_audited(session, actor, capability, now)


_DENIAL_STATUS: dict[ReasonCode, tuple[ErrorCode, int]] = {
    ReasonCode.NO_RELATION: (ErrorCode.NOT_FOUND, 404),
    ReasonCode.GRANT_INACTIVE: (ErrorCode.FORBIDDEN, 403),
    ReasonCode.CAPABILITY_DENY: (ErrorCode.FORBIDDEN, 403),
    ReasonCode.NOT_AUTHOR: (ErrorCode.FORBIDDEN, 403),
}


def denied(
    session: Session,
    actor: Actor,
    vehicle_id: uuid.UUID | None,
    now: datetime,
    reason: ReasonCode,
    capability: Capability,
    *,
    target_type: TargetType = TargetType.VEHICLE,
    target_id: uuid.UUID | None = None,
) -> RecordedFailure:
    """Audit an object-level denial and return the error to raise (committed with the failed request).

    Metadata holds only the capability asked for and the vehicle id, when known (no titles, no PII).
    """
    metadata = {"capability": capability.value}
    if vehicle_id is not None:
        metadata["vehicle_id"] = str(vehicle_id)
    record(
        session,
        AuditAction.ACCESS_DENIED,
        at=now,
        actor=actor.audit,
        result=AuditResult.DENIED,
        target_type=target_type,
        target_id=target_id or vehicle_id,
        reason_code=reason,
        metadata=metadata,
    )
    code, status = _DENIAL_STATUS[reason]
    return RecordedFailure(code, status)
