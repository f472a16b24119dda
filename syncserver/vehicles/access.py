"""Object-level access to one vehicle (SPEC §2.1-2.2, DECISIONS D7, D8). No FastAPI.

Who relates to a vehicle, in this order: its personal owner; an approved member of the owning
organisation; a workshop organisation with an active grant (shared scope); an admin (all scope).
Anyone else: 404 ``not_found`` (existence is not revealed) - except a workshop that once asked for
access and holds no active grant now, which gets 403 ``forbidden`` (it knows the vehicle already).

Every other domain (entries, trust, add-ons, documents) asks :func:`vehicle_access` and then
:meth:`VehicleAccess.require` for what it is about to do.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy.orm import Session

from shared.errors import DomainError, ErrorCode
from syncserver.access.actor import Actor
from syncserver.audit import AuditScope
from syncserver.governance.repository import approved_org_ids, is_approved_member
from syncserver.models.vehicle import Vehicle
from syncserver.vehicles.repository import VehicleRepository
from syncserver.workshop.repository import WorkshopRepository


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
        raise DomainError(ErrorCode.NOT_FOUND)
    access = relation_to(session, actor, vehicle, now)
    if access is None:
        if WorkshopRepository(session).any_grant(vehicle.id, approved_org_ids(session, actor.user_id)):
            raise DomainError(ErrorCode.FORBIDDEN)
        raise DomainError(ErrorCode.NOT_FOUND)
    return access.require(capability)
