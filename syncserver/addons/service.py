"""Add-ons (SPEC §7.5-7.6, DECISIONS D19): admin config and entitlements, per-vehicle state through the
gate of :mod:`shared.addons` with grandfathering, and trust folders with their items. No FastAPI.

Every folder call passes the gate; existing folder data back-fills ``addon_first_enabled_at`` (legacy).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from shared.addons import (
    AddonConfig as GateConfig,
)
from shared.addons import (
    AddonKey,
    GateOutcome,
    VehicleAddonState,
    check_addon_gate,
    disable_addon,
    parse_addon_key,
)
from shared.errors import DomainError, ErrorCode
from shared.ids import uuid7
from syncserver.access.actor import Actor
from syncserver.addons.repository import AddonRepository
from syncserver.audit import AuditAction, ReasonCode, TargetType, record, register_metadata_keys
from syncserver.context import ServerContext
from syncserver.models.addon import AddonConfig, AddonEntitlement, TrustFolder, TrustFolderItem, VehicleAddon
from syncserver.vehicles.access import Capability, VehicleAccess, denied, vehicle_access

register_metadata_keys("addon_key", "allow_new", "requires_payment", "admin_only", "enabled", "outcome")


@dataclass(frozen=True, slots=True)
class AddonStateView:
    vehicle_id: uuid.UUID
    addon_key: str
    state: VehicleAddonState


class AddonService:
    def __init__(self, session: Session, ctx: ServerContext) -> None:
        self.session = session
        self.ctx = ctx
        self.repo = AddonRepository(session)

    # admin ----------------------------------------------------------------------------------------
    def set_config(self, actor: Actor, raw_key: str, allow_new: bool, requires_payment: bool, admin_only: bool) -> None:
        key = parse_addon_key(raw_key).value
        now = self.ctx.clock.now()
        row = self.repo.config(key)
        if row is None:
            row = AddonConfig(addon_key=key, updated_at=now)
            self.session.add(row)
        row.allow_new, row.requires_payment, row.admin_only = allow_new, requires_payment, admin_only
        row.updated_at, row.updated_by_user_id = now, actor.user_id
        self.repo.flush()
        meta = {
            "addon_key": key,
            "allow_new": allow_new,
            "requires_payment": requires_payment,
            "admin_only": admin_only,
        }
        record(self.session, AuditAction.ADDON_CONFIG_SET, at=now, actor=actor.audit, target_type=TargetType.ADDON,
               target_id=key, metadata=meta)  # fmt: skip

    def set_entitlement(self, actor: Actor, raw_key: str, user_id: uuid.UUID, enabled: bool) -> None:
        key = parse_addon_key(raw_key).value
        now = self.ctx.clock.now()
        row = self.repo.entitlement(user_id, key)
        if row is None:
            row = AddonEntitlement(user_id=user_id, addon_key=key, updated_at=now)
            self.session.add(row)
        row.enabled, row.updated_at, row.updated_by_user_id = enabled, now, actor.user_id
        self.repo.flush()
        record(self.session, AuditAction.ADDON_ENTITLEMENT_SET, at=now, actor=actor.audit, target_type=TargetType.USER,
               target_id=user_id, metadata={"addon_key": key, "enabled": enabled})  # fmt: skip

    # gate -----------------------------------------------------------------------------------------
    def pass_gate(self, actor: Actor, access: VehicleAccess, key: AddonKey) -> VehicleAddon:
        """Check the gate for a use of ``key`` on the vehicle; store the grandfathering timestamp it yields."""
        now = self.ctx.clock.now()
        row = self.repo.vehicle_state(access.vehicle.id, key.value, lock=True)
        config = self.repo.config(key.value)
        entitlement = self.repo.entitlement(actor.user_id, key.value)
        decision = check_addon_gate(
            config=GateConfig(config.allow_new, config.requires_payment, config.admin_only) if config else None,
            state=VehicleAddonState(row.active, row.addon_first_enabled_at) if row else None,
            actor_role=actor.role,
            has_entitlement=bool(entitlement and entitlement.enabled),
            now=now,
            has_legacy_folder_data=self.repo.has_folder_data(access.vehicle.id, key.value),
        )
        if row is None:
            row = VehicleAddon(vehicle_id=access.vehicle.id, addon_key=key.value, active=False, updated_at=now)
            self.session.add(row)
        if decision.outcome is not GateOutcome.GRANDFATHERED:
            row.addon_first_enabled_at = decision.addon_first_enabled_at
            row.active = True
            row.updated_at = now
        self.repo.flush()
        return row

    def _access(self, actor: Actor, vehicle_id: uuid.UUID) -> VehicleAccess:
        return vehicle_access(self.session, actor, vehicle_id, self.ctx.clock.now(), Capability.MANAGE)

    def enable(self, actor: Actor, vehicle_id: uuid.UUID, raw_key: str) -> AddonStateView:
        access = self._access(actor, vehicle_id)
        key = parse_addon_key(raw_key)
        row = self.pass_gate(actor, access, key)
        row.active = True
        row.updated_at = self.ctx.clock.now()
        self.repo.flush()
        record(self.session, AuditAction.ADDON_ENABLED, at=row.updated_at, actor=actor.audit,
               target_type=TargetType.VEHICLE, target_id=vehicle_id, scope=access.audit_scope,
               metadata={"addon_key": key.value})  # fmt: skip
        return AddonStateView(vehicle_id, key.value, VehicleAddonState(True, row.addon_first_enabled_at))

    def disable(self, actor: Actor, vehicle_id: uuid.UUID, raw_key: str) -> AddonStateView:
        """Deactivate; ``addon_first_enabled_at`` stays (grandfathering). No gate: switching off is always allowed."""
        access = self._access(actor, vehicle_id)
        key = parse_addon_key(raw_key)
        now = self.ctx.clock.now()
        row = self.repo.vehicle_state(vehicle_id, key.value, lock=True)
        state = disable_addon(VehicleAddonState(row.active, row.addon_first_enabled_at) if row else None)
        if row is not None:
            row.active, row.updated_at = state.active, now
            self.repo.flush()
        record(self.session, AuditAction.ADDON_DISABLED, at=now, actor=actor.audit, target_type=TargetType.VEHICLE,
               target_id=vehicle_id, scope=access.audit_scope, metadata={"addon_key": key.value})  # fmt: skip
        return AddonStateView(vehicle_id, key.value, state)

    def get(self, actor: Actor, vehicle_id: uuid.UUID, raw_key: str) -> AddonStateView:
        self._access(actor, vehicle_id)
        key = parse_addon_key(raw_key)
        row = self.repo.vehicle_state(vehicle_id, key.value)
        state = VehicleAddonState(row.active, row.addon_first_enabled_at) if row else VehicleAddonState()
        return AddonStateView(vehicle_id, key.value, state)


class FolderService:
    """Trust folders (SPEC §7.5): own vehicles only for non-admins, every call through the add-on gate."""

    def __init__(self, session: Session, ctx: ServerContext) -> None:
        self.session = session
        self.ctx = ctx
        self.repo = AddonRepository(session)
        self.addons = AddonService(session, ctx)

    def _vehicle(self, actor: Actor, vehicle_id: uuid.UUID) -> VehicleAccess:
        return vehicle_access(self.session, actor, vehicle_id, self.ctx.clock.now(), Capability.MANAGE)

    def _folder(self, actor: Actor, folder_id: uuid.UUID) -> tuple[TrustFolder, VehicleAccess]:
        """The folder if the caller manages its vehicle and owns it (admins: any); every denial audited.

        The vehicle is checked first, so a workshop gets the same 403 here as on the vehicle's other routes.
        """
        now = self.ctx.clock.now()
        folder = self.repo.folder(folder_id)
        if folder is None:
            raise denied(self.session, actor, None, now, ReasonCode.NO_RELATION, Capability.MANAGE,
                         target_type=TargetType.TRUST_FOLDER, target_id=folder_id)  # fmt: skip
        access = self._vehicle(actor, folder.vehicle_id)
        if not actor.is_admin and folder.owner_user_id != actor.user_id:
            raise denied(self.session, actor, folder.vehicle_id, now, ReasonCode.NO_RELATION, Capability.MANAGE,
                         target_type=TargetType.TRUST_FOLDER, target_id=folder_id)  # fmt: skip
        self.addons.pass_gate(actor, access, AddonKey(folder.addon_key))
        return folder, access

    def _check_title(self, folder_vehicle: uuid.UUID, owner: uuid.UUID, title: str, current: uuid.UUID | None) -> str:
        clean = " ".join(title.split())
        if not clean:
            raise DomainError(ErrorCode.VALIDATION_FAILED)
        existing = self.repo.folder_titled(folder_vehicle, owner, clean)
        if existing is not None and existing.id != current:
            raise DomainError(ErrorCode.FOLDER_EXISTS)
        return clean

    def list(self, actor: Actor, vehicle_id: uuid.UUID, raw_key: str) -> list[TrustFolder]:
        access = self._vehicle(actor, vehicle_id)
        self.addons.pass_gate(actor, access, parse_addon_key(raw_key))
        rows = self.repo.folders(vehicle_id, None if actor.is_admin else actor.user_id)
        return [row for row in rows if row.addon_key == parse_addon_key(raw_key).value]

    def create(
        self, actor: Actor, vehicle_id: uuid.UUID, raw_key: str, title: str, *, record_id: uuid.UUID | None = None
    ) -> TrustFolder:
        """A trust folder, under ``record_id`` when given (a sync client's id no folder has), else a new UUIDv7."""
        access = self._vehicle(actor, vehicle_id)
        key = parse_addon_key(raw_key)
        self.addons.pass_gate(actor, access, key)
        now = self.ctx.clock.now()
        folder = TrustFolder(
            id=record_id or uuid7(),
            vehicle_id=vehicle_id,
            owner_user_id=actor.user_id,
            addon_key=key.value,
            title=self._check_title(vehicle_id, actor.user_id, title, None),
            created_at=now,
            updated_at=now,
        )
        self.repo.add(folder)
        return folder

    def get(self, actor: Actor, folder_id: uuid.UUID) -> TrustFolder:
        return self._folder(actor, folder_id)[0]

    def rename(self, actor: Actor, folder_id: uuid.UUID, title: str) -> TrustFolder:
        folder, _ = self._folder(actor, folder_id)
        folder.title = self._check_title(folder.vehicle_id, folder.owner_user_id, title, folder.id)
        folder.updated_at = self.ctx.clock.now()
        self.repo.flush()
        return folder

    def delete(self, actor: Actor, folder_id: uuid.UUID) -> None:
        folder, _ = self._folder(actor, folder_id)
        self.repo.delete(folder)

    # items (restoration stages) -------------------------------------------------------------------
    def items(self, actor: Actor, folder_id: uuid.UUID) -> list[TrustFolderItem]:
        folder, _ = self._folder(actor, folder_id)
        return list(self.repo.items(folder.id))

    def add_item(
        self, actor: Actor, folder_id: uuid.UUID, fields: Mapping[str, Any], *, record_id: uuid.UUID | None = None
    ) -> TrustFolderItem:
        """A folder item, under ``record_id`` when given (a sync client's id no item has), else a new UUIDv7."""
        folder, _ = self._folder(actor, folder_id)
        now = self.ctx.clock.now()
        item = TrustFolderItem(id=record_id or uuid7(), folder_id=folder.id, created_at=now, updated_at=now)
        _apply_item(item, fields)
        self.repo.add(item)
        return item

    def update_item(
        self, actor: Actor, folder_id: uuid.UUID, item_id: uuid.UUID, fields: Mapping[str, Any]
    ) -> TrustFolderItem:
        folder, _ = self._folder(actor, folder_id)
        item = self.repo.item(folder.id, item_id)
        if item is None:
            raise DomainError(ErrorCode.NOT_FOUND)
        _apply_item(item, fields)
        item.updated_at = self.ctx.clock.now()
        self.repo.flush()
        return item

    def delete_item(self, actor: Actor, folder_id: uuid.UUID, item_id: uuid.UUID) -> None:
        folder, _ = self._folder(actor, folder_id)
        item = self.repo.item(folder.id, item_id)
        if item is None:
            raise DomainError(ErrorCode.NOT_FOUND)
        self.repo.delete(item)


_ITEM_FIELDS = ("title", "stage", "date", "performed_by", "note", "cost_cents", "currency", "is_milestone")
_ID_LISTS = ("document_ids", "before_image_ids", "after_image_ids")


def _apply_item(item: TrustFolderItem, fields: Mapping[str, Any]) -> None:
    for name in _ITEM_FIELDS:
        if name in fields:
            setattr(item, name, fields[name])
    for name in _ID_LISTS:
        if name in fields:
            setattr(item, name, [str(value) for value in fields[name] or []])
    if item.cost_cents is not None and item.currency is None:
        item.currency = "EUR"
