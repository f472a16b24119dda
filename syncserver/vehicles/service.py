"""Vehicles: create (VIN sealed, paywall D12), list, read, edit, delete. No FastAPI; flushes only.

The clear VIN lives only in memory while a request needs it; logs and audit rows never see it.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from shared.collections import clean_name
from shared.crypto import new_token
from shared.errors import DomainError, ErrorCode
from shared.ids import uuid7
from shared.roles import Role
from shared.trust import AccidentStatus
from shared.vin import mask_from_parts, parse_vin
from syncserver.access.actor import Actor
from syncserver.audit import AuditAction, TargetType, record, register_metadata_keys
from syncserver.context import ServerContext
from syncserver.governance.repository import approved_org_ids, is_approved_member, vehicle_allowance
from syncserver.models.vehicle import CollectionKind, CollectionVehicle, Vehicle, VehicleCollection
from syncserver.public.history import REASON_DELETED, retire_token
from syncserver.trust.service import recompute_trust, stored_light
from syncserver.vehicles.access import Capability, Relation, VehicleAccess, relation_to, vehicle_access
from syncserver.vehicles.repository import VehicleRepository
from syncserver.vehicles.vinbox import VinBox

register_metadata_keys("fields", "org_id", "relation")

#: Roles limited by the D12 paywall (the others had no vehicle cap, SPEC §4.5).
PAYWALL_ROLES: frozenset[Role] = frozenset({Role.USER})
#: Plain descriptor columns a caller may set.
DESCRIPTOR_FIELDS: tuple[str, ...] = (
    "nickname",
    "vehicle_class",
    "make",
    "model",
    "year",
    "engine",
    "interested_in_selling",
)
#: ``meta`` keys that feed the accident rules (SPEC §7.4) and live in their own columns.
ACCIDENT_KEYS: tuple[str, ...] = ("accident_status", "accident_trust_completed")
META_MAX_TEXT = 200
META_MAX_KEY = 32


@dataclass(frozen=True, slots=True)
class VehicleView:
    """A vehicle as one caller may see it: ``vin`` is set only for the owner and org members."""

    access: VehicleAccess
    vin: str | None
    vin_masked: str
    meta: dict[str, Any]
    trust_light: str | None


def _clean_text(value: Any) -> Any:
    if isinstance(value, str):
        return " ".join(value.split()) or None
    return value


def _split_meta(meta: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(accident columns, extra keys); raises 422 ``validation_failed`` for a bad value."""
    accident: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for key, value in meta.items():
        if key == "accident_status":
            if value is None:
                value = AccidentStatus.UNBEKANNT.value
            if not isinstance(value, str) or value.strip().lower() not in set(AccidentStatus):
                raise DomainError(ErrorCode.VALIDATION_FAILED, message="meta.accident_status")
            accident[key] = value.strip().lower()
        elif key == "accident_trust_completed":
            if not isinstance(value, bool):
                raise DomainError(ErrorCode.VALIDATION_FAILED, message="meta.accident_trust_completed")
            accident[key] = value
        else:
            scalar = value is None or isinstance(value, bool | int | float)
            short_text = isinstance(value, str) and len(value) <= META_MAX_TEXT
            if len(key) > META_MAX_KEY or not (scalar or short_text):
                raise DomainError(ErrorCode.VALIDATION_FAILED, message="meta")
            extra[key] = value
    return accident, extra


class VehicleService:
    def __init__(self, session: Session, ctx: ServerContext) -> None:
        self.session = session
        self.ctx = ctx
        self.repo = VehicleRepository(session)
        self.vinbox = VinBox(ctx.settings.secret)

    # views ----------------------------------------------------------------------------------------
    def view(self, access: VehicleAccess, lights: Mapping[uuid.UUID, str] | None = None) -> VehicleView:
        """``lights``: the stored trust lights of a batch of vehicles read beforehand (sync pages render hundreds);
        read here when omitted."""
        v = access.vehicle
        vin = self.vinbox.open(v.id, v.vin_enc) if access.sees_full_vin else None
        meta = dict(v.meta_extra or {})
        meta.update(accident_status=v.accident_status, accident_trust_completed=v.accident_trust_completed)
        light = None
        if access.can(Capability.MANAGE):
            light = lights.get(v.id) if lights is not None else stored_light(self.session, v.id)
        return VehicleView(access, vin, mask_from_parts(v.vin_prefix3, v.vin_last4), meta, light)

    # commands -------------------------------------------------------------------------------------
    def create(
        self,
        actor: Actor,
        vin_raw: str,
        fields: Mapping[str, Any],
        org_id: uuid.UUID | None,
        *,
        record_id: uuid.UUID | None = None,
    ) -> VehicleView:
        """Create a vehicle (422 ``invalid_vin_format``; 403 ``vehicle_limit_reached`` / ``forbidden``), under
        ``record_id`` when given (a sync client's id no record has: ARCHITECTURE "Ids"), else a new UUIDv7."""
        vin = parse_vin(vin_raw)
        now = self.ctx.clock.now()
        if org_id is not None:
            if not is_approved_member(self.session, actor.user_id, org_id):
                raise DomainError(ErrorCode.FORBIDDEN)
        elif actor.role in PAYWALL_ROLES:
            self.repo.lock_user(actor.user_id)
            if self.repo.count_owned(actor.user_id) >= vehicle_allowance(self.session, actor.user_id):
                raise DomainError(ErrorCode.VEHICLE_LIMIT_REACHED)
        vehicle_id = record_id or uuid7()
        vehicle = Vehicle(
            id=vehicle_id,
            owner_user_id=None if org_id else actor.user_id,
            owner_org_id=org_id,
            created_by_user_id=actor.user_id,
            vin_enc=self.vinbox.seal(vehicle_id, vin),
            vin_hmac=self.vinbox.pseudonym(vin),
            vin_prefix3=vin[:3],
            vin_last4=vin[-4:],
            accident_status=AccidentStatus.UNBEKANNT.value,
            accident_trust_completed=False,
            interested_in_selling=False,
            meta_extra={},
            public_token=new_token(),
            public_token_rotated_at=now,
            version=1,
            created_at=now,
            updated_at=now,
        )
        self._apply(vehicle, fields)
        self.repo.add(vehicle)
        relation = Relation.ORG if org_id else Relation.OWNER
        access = VehicleAccess(vehicle, relation, org_id)
        recompute_trust(self.session, vehicle.id, now)
        record(
            self.session,
            AuditAction.VEHICLE_CREATED,
            at=now,
            actor=actor.audit,
            target_type=TargetType.VEHICLE,
            target_id=vehicle.id,
            scope=access.audit_scope,
            metadata={"org_id": str(org_id) if org_id else None},
        )
        return self.view(access)

    def update(
        self, actor: Actor, vehicle_id: uuid.UUID, fields: Mapping[str, Any], base_version: int | None
    ) -> VehicleView:
        """Change master data (owner, org member, admin); 409 ``conflict`` on a stale ``base_version``."""
        now = self.ctx.clock.now()
        access = vehicle_access(self.session, actor, vehicle_id, now, Capability.MANAGE)
        vehicle = access.vehicle
        if base_version is not None and base_version != vehicle.version:
            raise DomainError(ErrorCode.CONFLICT)
        accident_before = (vehicle.accident_status, vehicle.accident_trust_completed)
        self._apply(vehicle, fields)
        vehicle.version += 1
        vehicle.updated_at = now
        self.repo.flush()
        if accident_before != (vehicle.accident_status, vehicle.accident_trust_completed):
            recompute_trust(self.session, vehicle.id, now)
        record(
            self.session,
            AuditAction.VEHICLE_UPDATED,
            at=now,
            actor=actor.audit,
            target_type=TargetType.VEHICLE,
            target_id=vehicle.id,
            scope=access.audit_scope,
            metadata={"fields": sorted(fields)},
        )
        return self.view(access)

    def delete(self, actor: Actor, vehicle_id: uuid.UUID) -> None:
        """Soft-delete (tombstone); frees the paywall slot."""
        now = self.ctx.clock.now()
        access = vehicle_access(self.session, actor, vehicle_id, now, Capability.MANAGE)
        access.vehicle.deleted_at = now
        retire_token(self.session, self.ctx, access.vehicle, REASON_DELETED)  # SPEC §8.5
        access.vehicle.public_token = None
        access.vehicle.updated_at = now
        self.repo.flush()
        record(
            self.session,
            AuditAction.VEHICLE_DELETED,
            at=now,
            actor=actor.audit,
            target_type=TargetType.VEHICLE,
            target_id=vehicle_id,
            scope=access.audit_scope,
        )

    # queries --------------------------------------------------------------------------------------
    def get(self, actor: Actor, vehicle_id: uuid.UUID) -> VehicleView:
        return self.view(vehicle_access(self.session, actor, vehicle_id, self.ctx.clock.now()))

    def list(self, actor: Actor, *, limit: int, offset: int) -> list[VehicleView]:
        """Own and org vehicles; admins see all."""
        now = self.ctx.clock.now()
        rows: Sequence[Vehicle]
        if actor.is_admin:
            rows = self.repo.list_all(limit=limit, offset=offset)
        else:
            orgs = approved_org_ids(self.session, actor.user_id)
            rows = self.repo.list_visible(actor.user_id, orgs, limit=limit, offset=offset)
        views = []
        for vehicle in rows:
            access = relation_to(self.session, actor, vehicle, now)
            if access is not None:
                views.append(self.view(access))
        return views

    # helpers --------------------------------------------------------------------------------------
    def _apply(self, vehicle: Vehicle, fields: Mapping[str, Any]) -> None:
        for name in DESCRIPTOR_FIELDS:
            if name in fields:
                value = _clean_text(fields[name])
                if name == "interested_in_selling":
                    value = bool(value)
                setattr(vehicle, name, value.value if hasattr(value, "value") else value)
        meta = fields.get("meta")
        if meta:
            accident, extra = _split_meta(meta)
            for key, value in accident.items():
                setattr(vehicle, key, value)
            if extra:
                merged = {**(vehicle.meta_extra or {}), **extra}
                if len(merged) > 20:
                    raise DomainError(ErrorCode.VALIDATION_FAILED, message="meta")
                vehicle.meta_extra = {k: v for k, v in merged.items() if v is not None}


@dataclass(frozen=True, slots=True)
class CollectionView:
    collection: VehicleCollection
    vehicle_ids: list[uuid.UUID]


class CollectionService:
    """Named groups (collections, fleets) of the caller's own vehicles (SPEC §4.4); a vehicle may be in several."""

    def __init__(self, session: Session, ctx: ServerContext) -> None:
        self.session = session
        self.ctx = ctx
        self.repo = VehicleRepository(session)

    def _own(self, actor: Actor, collection_id: uuid.UUID) -> VehicleCollection:
        collection = self.repo.get_collection(collection_id)
        if collection is None or collection.owner_user_id != actor.user_id:
            raise DomainError(ErrorCode.NOT_FOUND)
        return collection

    def _view(self, collection: VehicleCollection) -> CollectionView:
        return CollectionView(collection, self.repo.member_ids([collection.id])[collection.id])

    def _check_name(self, actor: Actor, name: str, current: uuid.UUID | None = None) -> str:
        clean = clean_name(name)
        existing = self.repo.collection_named(actor.user_id, clean)
        if existing is not None and existing.id != current:
            raise DomainError(ErrorCode.CONFLICT)
        return clean

    def list(self, actor: Actor) -> list[CollectionView]:
        collections = self.repo.collections_of(actor.user_id)
        members = self.repo.member_ids([c.id for c in collections])
        return [CollectionView(c, members[c.id]) for c in collections]

    def get(self, actor: Actor, collection_id: uuid.UUID) -> CollectionView:
        return self._view(self._own(actor, collection_id))

    def create(self, actor: Actor, name: str, kind: CollectionKind) -> CollectionView:
        now = self.ctx.clock.now()
        collection = VehicleCollection(
            id=uuid7(),
            owner_user_id=actor.user_id,
            name=self._check_name(actor, name),
            kind=CollectionKind(kind).value,
            created_at=now,
            updated_at=now,
        )
        self.repo.add(collection)
        return CollectionView(collection, [])

    def update(
        self, actor: Actor, collection_id: uuid.UUID, name: str | None, kind: CollectionKind | None
    ) -> CollectionView:
        collection = self._own(actor, collection_id)
        if name is not None:
            collection.name = self._check_name(actor, name, collection.id)
        if kind is not None:
            collection.kind = CollectionKind(kind).value
        collection.updated_at = self.ctx.clock.now()
        self.repo.flush()
        return self._view(collection)

    def delete(self, actor: Actor, collection_id: uuid.UUID) -> None:
        self.repo.delete_collection(self._own(actor, collection_id))

    def add_vehicle(self, actor: Actor, collection_id: uuid.UUID, vehicle_id: uuid.UUID) -> CollectionView:
        """Only vehicles the caller manages (own or org, 404/403 otherwise) may be grouped."""
        collection = self._own(actor, collection_id)
        access = vehicle_access(self.session, actor, vehicle_id, self.ctx.clock.now(), Capability.MANAGE)
        if access.relation is Relation.ADMIN:
            raise DomainError(ErrorCode.FORBIDDEN)
        if self.repo.get_member(collection.id, vehicle_id) is None:
            now = self.ctx.clock.now()
            self.repo.add(CollectionVehicle(collection_id=collection.id, vehicle_id=vehicle_id, created_at=now))
            self._touch(collection)
        return self._view(collection)

    def remove_vehicle(self, actor: Actor, collection_id: uuid.UUID, vehicle_id: uuid.UUID) -> CollectionView:
        collection = self._own(actor, collection_id)
        if self.repo.remove_member(collection.id, vehicle_id):
            self._touch(collection)
        return self._view(collection)

    def _touch(self, collection: VehicleCollection) -> None:
        """A membership change is a change of the collection: its sync record (``vehicle_ids``) is logged again."""
        collection.updated_at = self.ctx.clock.now()
        self.repo.flush()
