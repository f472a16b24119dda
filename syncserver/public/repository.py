"""All SQL of the public QR page (D20, D21): one indexed lookup by token, with the stored trust summary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from syncserver.models.vehicle import Vehicle, VehicleTrustSummary


@dataclass(frozen=True, slots=True)
class PublicRow:
    """What the public page reads of one vehicle: its descriptors, its token and its stored summary."""

    public_token: str
    vehicle_class: str | None
    make: str | None
    model: str | None
    year: int | None
    engine: str | None
    vin_prefix3: str
    vin_last4: str
    accident_status: str
    accident_trust_completed: bool
    summary: dict[str, Any] | None


_PAGE_COLUMNS = (
    Vehicle.public_token,
    Vehicle.vehicle_class,
    Vehicle.make,
    Vehicle.model,
    Vehicle.year,
    Vehicle.engine,
    Vehicle.vin_prefix3,
    Vehicle.vin_last4,
    Vehicle.accident_status,
    Vehicle.accident_trust_completed,
    VehicleTrustSummary.summary,
)


#: Built once: the hot path binds only the token (no statement construction per request).
_PAGE_BY_TOKEN = (
    select(*_PAGE_COLUMNS)
    .outerjoin(VehicleTrustSummary, VehicleTrustSummary.vehicle_id == Vehicle.id)
    .where(Vehicle.public_token == bindparam("token"), Vehicle.deleted_at.is_(None))
    .limit(1)
)


class PublicRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def page_row(self, token: str) -> PublicRow | None:
        """The live vehicle holding ``token`` (unique index) with its stored summary, in one query."""
        row = self.session.connection().execute(_PAGE_BY_TOKEN, {"token": token}).first()
        if row is None:
            return None
        values = tuple(row)
        return PublicRow(str(values[0]), *values[1:])

    def set_token(self, vehicle: Vehicle, token: str | None, at: datetime) -> None:
        """Store a new token (``None`` disables the page) and flush."""
        vehicle.public_token = token
        vehicle.public_token_rotated_at = at
        vehicle.updated_at = at
        self.session.flush()
