"""Wire shapes of /vehicles/{id}/entries (API_CONTRACT: VehicleEntryOut)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from shared.entries import MAX_NOTE_CHARS, MAX_TEXT_CHARS, EntryDraft, cost_to_cents
from syncserver.entries.service import EntryView


class EntryIn(BaseModel):
    """Required: date (YYYY-MM-DD), type, performed_by, km; T3 is never accepted (D14)."""

    model_config = ConfigDict(extra="forbid")

    date: str = Field(min_length=10, max_length=10)
    type: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)
    performed_by: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)
    km: int = Field(ge=0)
    note: str | None = Field(default=None, max_length=MAX_NOTE_CHARS)
    cost_amount: Decimal | None = Field(default=None, ge=0)
    currency: str | None = Field(default=None, max_length=3)
    trust_level: str | None = Field(default=None, max_length=2)
    is_backfill: bool = False

    def draft(self) -> EntryDraft:
        """The shared draft; a cost with more than two decimals is 422 ``invalid_entry``."""
        cents = cost_to_cents(self.cost_amount) if self.cost_amount is not None else None
        return EntryDraft(
            date=self.date,
            type=self.type,
            performed_by=self.performed_by,
            km=self.km,
            note=self.note,
            cost_cents=cents,
            currency=self.currency,
            trust_level=self.trust_level,
            is_backfill=self.is_backfill,
        )


class VehicleEntryOut(BaseModel):
    id: uuid.UUID
    vehicle_id: uuid.UUID
    entry_group_id: uuid.UUID
    supersedes_entry_id: uuid.UUID | None
    version: int
    revision_count: int
    is_latest: bool
    date: date
    type: str
    performed_by: str
    km: int
    note: str | None
    cost_amount: float | None
    currency: str | None
    trust_level: str | None
    is_backfill: bool
    author_org_id: uuid.UUID | None
    can_revise: bool
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, view: EntryView) -> VehicleEntryOut:
        e = view.entry
        return cls(
            id=e.id,
            vehicle_id=e.vehicle_id,
            entry_group_id=e.entry_group_id,
            supersedes_entry_id=e.supersedes_entry_id,
            version=e.version,
            revision_count=view.revision_count,
            is_latest=e.is_latest,
            date=e.date,
            type=e.type,
            performed_by=e.performed_by,
            km=e.km,
            note=e.note,
            cost_amount=None if e.cost_cents is None else e.cost_cents / 100,
            currency=e.currency,
            trust_level=e.trust_level,
            is_backfill=e.is_backfill,
            author_org_id=e.author_org_id,
            can_revise=view.can_revise,
            created_at=e.created_at,
            updated_at=e.updated_at,
        )
