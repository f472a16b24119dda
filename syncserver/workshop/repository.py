"""All SQL of workshop access grants (no FastAPI)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from syncserver.models.governance import Organisation
from syncserver.models.workshop import GrantStatus, WorkshopGrant


class WorkshopRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, grant: WorkshopGrant) -> None:
        self.session.add(grant)
        self.session.flush()

    def flush(self) -> None:
        self.session.flush()

    def get(self, grant_id: uuid.UUID, *, lock: bool = False) -> WorkshopGrant | None:
        stmt = select(WorkshopGrant).where(WorkshopGrant.id == grant_id)
        return self.session.scalar(stmt.with_for_update() if lock else stmt)

    def get_org(self, org_id: uuid.UUID) -> Organisation | None:
        return self.session.get(Organisation, org_id)

    def active_grant(self, vehicle_id: uuid.UUID, org_ids: Sequence[uuid.UUID], now: datetime) -> WorkshopGrant | None:
        """The approved, unexpired grant of one of ``org_ids`` on the vehicle (lowest org id first)."""
        if not org_ids:
            return None
        stmt = (
            select(WorkshopGrant)
            .where(
                WorkshopGrant.vehicle_id == vehicle_id,
                WorkshopGrant.org_id.in_(org_ids),
                WorkshopGrant.status == GrantStatus.APPROVED.value,
                WorkshopGrant.expires_at > now,
            )
            .order_by(WorkshopGrant.org_id, WorkshopGrant.created_at.desc())
        )
        return self.session.scalars(stmt.limit(1)).first()

    def any_grant(self, vehicle_id: uuid.UUID, org_ids: Sequence[uuid.UUID]) -> bool:
        """True when one of ``org_ids`` ever asked for access to the vehicle (whatever came of it)."""
        if not org_ids:
            return False
        stmt = select(WorkshopGrant.id).where(WorkshopGrant.vehicle_id == vehicle_id, WorkshopGrant.org_id.in_(org_ids))
        return self.session.scalar(stmt.limit(1)) is not None

    def open_request(self, vehicle_id: uuid.UUID, org_id: uuid.UUID) -> WorkshopGrant | None:
        stmt = select(WorkshopGrant).where(
            WorkshopGrant.vehicle_id == vehicle_id,
            WorkshopGrant.org_id == org_id,
            WorkshopGrant.status == GrantStatus.REQUESTED.value,
        )
        return self.session.scalar(stmt.limit(1))

    def for_vehicle(self, vehicle_id: uuid.UUID) -> Sequence[WorkshopGrant]:
        stmt = select(WorkshopGrant).where(WorkshopGrant.vehicle_id == vehicle_id)
        return self.session.scalars(stmt.order_by(WorkshopGrant.created_at.desc(), WorkshopGrant.id)).all()

    def for_orgs(self, org_ids: Sequence[uuid.UUID]) -> Sequence[WorkshopGrant]:
        if not org_ids:
            return []
        stmt = select(WorkshopGrant).where(WorkshopGrant.org_id.in_(org_ids))
        return self.session.scalars(stmt.order_by(WorkshopGrant.created_at.desc(), WorkshopGrant.id)).all()
