"""Wire shapes of /addons and /trust/folders (API_CONTRACT "Add-ons and trust folders")."""

from __future__ import annotations

import datetime as dt
import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from shared.addons import DEFAULT_ADDON_KEY
from shared.entries import MAX_NOTE_CHARS, MAX_TEXT_CHARS, cost_to_cents, parse_performed_by
from shared.errors import DomainError, ErrorCode
from syncserver.addons.service import AddonStateView


class ConfigIn(BaseModel):
    allow_new: bool = False
    requires_payment: bool = True
    admin_only: bool = False


class EntitlementIn(BaseModel):
    user_id: uuid.UUID
    enabled: bool = True


class AddonKeyIn(BaseModel):
    addon_key: str = Field(min_length=1, max_length=32)


class OkOut(BaseModel):
    ok: bool = True


class AddonStateOut(BaseModel):
    vehicle_id: uuid.UUID
    addon_key: str
    active: bool
    addon_first_enabled_at: datetime | None

    @classmethod
    def of(cls, view: AddonStateView) -> AddonStateOut:
        return cls(
            vehicle_id=view.vehicle_id,
            addon_key=view.addon_key,
            active=view.state.active,
            addon_first_enabled_at=view.state.addon_first_enabled_at,
        )


class FolderIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    vehicle_id: uuid.UUID
    addon_key: str = Field(default=DEFAULT_ADDON_KEY.value, max_length=32)
    title: str = Field(min_length=1, max_length=255)


class FolderUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, max_length=255)


class FolderOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    vehicle_id: uuid.UUID
    owner_user_id: uuid.UUID
    addon_key: str
    title: str
    created_at: datetime
    updated_at: datetime


class FolderItemIn(BaseModel):
    """One stage: title, date, performed by, receipts, before/after images, optional cost, milestone flag."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(default=None, min_length=1, max_length=255)
    stage: str | None = Field(default=None, max_length=MAX_TEXT_CHARS)
    date: dt.date | None = None
    performed_by: str | None = Field(default=None, max_length=MAX_TEXT_CHARS)
    note: str | None = Field(default=None, max_length=MAX_NOTE_CHARS)
    cost_amount: Decimal | None = Field(default=None, ge=0)
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    is_milestone: bool | None = None
    document_ids: list[uuid.UUID] | None = Field(default=None, max_length=50)
    before_image_ids: list[uuid.UUID] | None = Field(default=None, max_length=50)
    after_image_ids: list[uuid.UUID] | None = Field(default=None, max_length=50)

    def fields(self, *, creating: bool) -> dict[str, Any]:
        data = self.model_dump(exclude_unset=True)
        if creating and not data.get("title"):
            raise DomainError(ErrorCode.VALIDATION_FAILED, message="title")
        if "performed_by" in data and data["performed_by"] is not None:
            parsed = parse_performed_by(data["performed_by"])
            if parsed is None:
                raise DomainError(ErrorCode.VALIDATION_FAILED, message="performed_by")
            data["performed_by"] = parsed.value
        if "cost_amount" in data:
            amount = data.pop("cost_amount")
            data["cost_cents"] = cost_to_cents(amount) if amount is not None else None
        if data.get("is_milestone") is None:
            data.pop("is_milestone", None)
        return data


class FolderItemOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    folder_id: uuid.UUID
    title: str
    stage: str | None
    date: dt.date | None
    performed_by: str | None
    note: str | None
    cost_cents: int | None
    currency: str | None
    is_milestone: bool
    document_ids: list[str]
    before_image_ids: list[str]
    after_image_ids: list[str]
    created_at: datetime
    updated_at: datetime
