"""Wire shapes of /workshop and /vehicles/{id}/workshop-grants (DECISIONS D8)."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from syncserver.workshop.service import MAX_GRANT_DAYS, GrantView


class AccessRequestIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    public_token: str = Field(min_length=16, max_length=64)
    org_id: uuid.UUID


class ApproveIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    days: int | None = Field(default=None, ge=1, le=MAX_GRANT_DAYS)


class GrantOut(BaseModel):
    """A grant; no owner data, the workshop learns only the vehicle id."""

    id: uuid.UUID
    vehicle_id: uuid.UUID
    org_id: uuid.UUID
    status: str
    decided_at: datetime | None
    expires_at: datetime | None
    revoked_at: datetime | None
    created_at: datetime

    @classmethod
    def of(cls, view: GrantView) -> GrantOut:
        g = view.grant
        return cls(
            id=g.id,
            vehicle_id=g.vehicle_id,
            org_id=g.org_id,
            status=view.effective_status,
            decided_at=g.decided_at,
            expires_at=g.expires_at,
            revoked_at=g.revoked_at,
            created_at=g.created_at,
        )
