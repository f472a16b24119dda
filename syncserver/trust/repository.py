"""All SQL of stored trust summaries (no FastAPI)."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from syncserver.models.vehicle import Vehicle, VehicleTrustSummary


class TrustRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def vehicle(self, vehicle_id: uuid.UUID) -> Vehicle | None:
        return self.session.get(Vehicle, vehicle_id)

    def summary(self, vehicle_id: uuid.UUID) -> VehicleTrustSummary | None:
        return self.session.get(VehicleTrustSummary, vehicle_id)

    def light(self, vehicle_id: uuid.UUID) -> str | None:
        stmt = select(VehicleTrustSummary.trust_light).where(VehicleTrustSummary.vehicle_id == vehicle_id)
        return self.session.scalar(stmt)

    def add(self, row: VehicleTrustSummary) -> None:
        self.session.add(row)
        self.session.flush()

    def flush(self) -> None:
        self.session.flush()
