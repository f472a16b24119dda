"""All SQL of vehicles and collections (no FastAPI)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from syncserver.models.user import User
from syncserver.models.vehicle import CollectionVehicle, Vehicle, VehicleCollection


class VehicleRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, obj: Vehicle | VehicleCollection | CollectionVehicle) -> None:
        self.session.add(obj)
        self.session.flush()

    def flush(self) -> None:
        self.session.flush()

    def lock_user(self, user_id: uuid.UUID) -> None:
        """Serialise vehicle creation per user (the paywall count must not race)."""
        self.session.execute(select(User.id).where(User.id == user_id).with_for_update())

    def get(self, vehicle_id: uuid.UUID) -> Vehicle | None:
        """A live (not soft-deleted) vehicle."""
        return self.session.scalar(select(Vehicle).where(Vehicle.id == vehicle_id, Vehicle.deleted_at.is_(None)))

    def by_public_token(self, token: str) -> Vehicle | None:
        return self.session.scalar(select(Vehicle).where(Vehicle.public_token == token, Vehicle.deleted_at.is_(None)))

    def count_owned(self, user_id: uuid.UUID) -> int:
        """Live vehicles owned personally by ``user_id`` (the D12 paywall count)."""
        stmt = select(func.count()).select_from(Vehicle).where(Vehicle.owner_user_id == user_id)
        return int(self.session.scalar(stmt.where(Vehicle.deleted_at.is_(None))) or 0)

    def list_visible(
        self, user_id: uuid.UUID, org_ids: Sequence[uuid.UUID], *, limit: int, offset: int
    ) -> Sequence[Vehicle]:
        """Own vehicles and those of the given organisations, newest first."""
        scope = Vehicle.owner_user_id == user_id
        if org_ids:
            scope = or_(scope, Vehicle.owner_org_id.in_(org_ids))
        stmt = select(Vehicle).where(scope, Vehicle.deleted_at.is_(None))
        stmt = stmt.order_by(Vehicle.created_at.desc(), Vehicle.id.desc()).limit(limit).offset(offset)
        return self.session.scalars(stmt).all()

    def list_all(self, *, limit: int, offset: int) -> Sequence[Vehicle]:
        stmt = select(Vehicle).where(Vehicle.deleted_at.is_(None))
        stmt = stmt.order_by(Vehicle.created_at.desc(), Vehicle.id.desc()).limit(limit).offset(offset)
        return self.session.scalars(stmt).all()

    def list_by_ids(self, vehicle_ids: Sequence[uuid.UUID]) -> Sequence[Vehicle]:
        if not vehicle_ids:
            return []
        stmt = select(Vehicle).where(Vehicle.id.in_(vehicle_ids), Vehicle.deleted_at.is_(None))
        return self.session.scalars(stmt.order_by(Vehicle.created_at.desc(), Vehicle.id.desc())).all()

    # collections ----------------------------------------------------------------------------------
    def collections_of(self, user_id: uuid.UUID) -> Sequence[VehicleCollection]:
        stmt = select(VehicleCollection).where(VehicleCollection.owner_user_id == user_id)
        return self.session.scalars(stmt.order_by(VehicleCollection.name, VehicleCollection.id)).all()

    def get_collection(self, collection_id: uuid.UUID) -> VehicleCollection | None:
        return self.session.get(VehicleCollection, collection_id)

    def collection_named(self, user_id: uuid.UUID, name: str) -> VehicleCollection | None:
        stmt = select(VehicleCollection).where(
            VehicleCollection.owner_user_id == user_id, VehicleCollection.name == name
        )
        return self.session.scalar(stmt)

    def delete_collection(self, collection: VehicleCollection) -> None:
        self.session.delete(collection)
        self.session.flush()

    def member_ids(self, collection_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[uuid.UUID]]:
        found: dict[uuid.UUID, list[uuid.UUID]] = {cid: [] for cid in collection_ids}
        if not collection_ids:
            return found
        stmt = (
            select(CollectionVehicle.collection_id, CollectionVehicle.vehicle_id)
            .join(Vehicle, Vehicle.id == CollectionVehicle.vehicle_id)
            .where(CollectionVehicle.collection_id.in_(collection_ids), Vehicle.deleted_at.is_(None))
            .order_by(CollectionVehicle.created_at, CollectionVehicle.vehicle_id)
        )
        for collection_id, vehicle_id in self.session.execute(stmt).all():
            found[collection_id].append(vehicle_id)
        return found

    def get_member(self, collection_id: uuid.UUID, vehicle_id: uuid.UUID) -> CollectionVehicle | None:
        return self.session.get(CollectionVehicle, (collection_id, vehicle_id))

    def remove_member(self, collection_id: uuid.UUID, vehicle_id: uuid.UUID) -> bool:
        """Whether a membership was removed."""
        result = self.session.execute(
            delete(CollectionVehicle).where(
                CollectionVehicle.collection_id == collection_id, CollectionVehicle.vehicle_id == vehicle_id
            )
        )
        self.session.flush()
        return bool(getattr(result, "rowcount", 0))
