"""All SQL of add-on configs, entitlements, vehicle add-on state and trust folders (no FastAPI)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from syncserver.models.addon import AddonConfig, AddonEntitlement, TrustFolder, TrustFolderItem, VehicleAddon


class AddonRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, obj: AddonConfig | AddonEntitlement | VehicleAddon | TrustFolder | TrustFolderItem) -> None:
        self.session.add(obj)
        self.session.flush()

    def flush(self) -> None:
        self.session.flush()

    def delete(self, obj: TrustFolder | TrustFolderItem) -> None:
        self.session.delete(obj)
        self.session.flush()

    def config(self, addon_key: str) -> AddonConfig | None:
        return self.session.get(AddonConfig, addon_key)

    def entitlement(self, user_id: uuid.UUID, addon_key: str) -> AddonEntitlement | None:
        return self.session.get(AddonEntitlement, (user_id, addon_key))

    def vehicle_state(self, vehicle_id: uuid.UUID, addon_key: str, *, lock: bool = False) -> VehicleAddon | None:
        stmt = select(VehicleAddon).where(VehicleAddon.vehicle_id == vehicle_id, VehicleAddon.addon_key == addon_key)
        return self.session.scalar(stmt.with_for_update() if lock else stmt)

    def has_folder_data(self, vehicle_id: uuid.UUID, addon_key: str) -> bool:
        stmt = select(TrustFolder.id).where(TrustFolder.vehicle_id == vehicle_id, TrustFolder.addon_key == addon_key)
        return self.session.scalar(stmt.limit(1)) is not None

    def folder(self, folder_id: uuid.UUID) -> TrustFolder | None:
        return self.session.get(TrustFolder, folder_id)

    def folder_titled(self, vehicle_id: uuid.UUID, owner_user_id: uuid.UUID, title: str) -> TrustFolder | None:
        stmt = select(TrustFolder).where(
            TrustFolder.vehicle_id == vehicle_id, TrustFolder.owner_user_id == owner_user_id, TrustFolder.title == title
        )
        return self.session.scalar(stmt)

    def folders(self, vehicle_id: uuid.UUID, owner_user_id: uuid.UUID | None) -> Sequence[TrustFolder]:
        """Folders of a vehicle; only ``owner_user_id``'s unless None (admins)."""
        stmt = select(TrustFolder).where(TrustFolder.vehicle_id == vehicle_id)
        if owner_user_id is not None:
            stmt = stmt.where(TrustFolder.owner_user_id == owner_user_id)
        return self.session.scalars(stmt.order_by(TrustFolder.created_at, TrustFolder.id)).all()

    def items(self, folder_id: uuid.UUID) -> Sequence[TrustFolderItem]:
        stmt = select(TrustFolderItem).where(TrustFolderItem.folder_id == folder_id)
        return self.session.scalars(stmt.order_by(TrustFolderItem.date, TrustFolderItem.created_at)).all()

    def item(self, folder_id: uuid.UUID, item_id: uuid.UUID) -> TrustFolderItem | None:
        stmt = select(TrustFolderItem).where(TrustFolderItem.id == item_id, TrustFolderItem.folder_id == folder_id)
        return self.session.scalar(stmt)
