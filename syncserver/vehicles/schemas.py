"""Wire shapes of /vehicles and /collections (API_CONTRACT "Vehicles, entries, trust")."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from syncserver.models.vehicle import CollectionKind, VehicleClass
from syncserver.vehicles.access import Capability
from syncserver.vehicles.service import VehicleView

META_MAX_KEYS = 20


class VehicleDescriptors(BaseModel):
    model_config = ConfigDict(extra="forbid")

    nickname: str | None = Field(default=None, max_length=64)
    meta: dict[str, Any] | None = Field(default=None, max_length=META_MAX_KEYS)
    vehicle_class: VehicleClass | None = None
    make: str | None = Field(default=None, max_length=64)
    model: str | None = Field(default=None, max_length=64)
    year: int | None = Field(default=None, ge=1886, le=2200)
    engine: str | None = Field(default=None, max_length=64)
    interested_in_selling: bool | None = None


class VehicleIn(VehicleDescriptors):
    """``vin`` is normalised and validated by the server (422 ``invalid_vin_format``)."""

    vin: str = Field(max_length=64)
    #: Create the vehicle for this organisation (the caller must be an approved member).
    org_id: uuid.UUID | None = None


class VehicleUpdate(VehicleDescriptors):
    """Only the fields sent are changed; ``base_version`` (optional) guards against stale edits (409)."""

    base_version: int | None = Field(default=None, ge=1)


class VehicleOut(BaseModel):
    id: uuid.UUID
    vin_masked: str
    #: The full VIN: only for the owner and approved members of the owning organisation (D11).
    vin: str | None
    vin_hmac: str | None
    nickname: str | None
    meta: dict[str, Any]
    vehicle_class: str | None
    make: str | None
    model: str | None
    year: int | None
    engine: str | None
    accident_status: str
    accident_trust_completed: bool
    interested_in_selling: bool | None
    owner_user_id: uuid.UUID | None
    owner_org_id: uuid.UUID | None
    access: str
    public_token: str | None
    trust_light: str | None
    version: int
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, view: VehicleView) -> VehicleOut:
        v = view.access.vehicle
        owner_visible = view.access.sees_owner
        manage = view.access.can(Capability.MANAGE)
        return cls(
            id=v.id,
            vin_masked=view.vin_masked,
            vin=view.vin,
            vin_hmac=v.vin_hmac if manage else None,
            nickname=v.nickname,
            meta=view.meta,
            vehicle_class=v.vehicle_class,
            make=v.make,
            model=v.model,
            year=v.year,
            engine=v.engine,
            accident_status=v.accident_status,
            accident_trust_completed=v.accident_trust_completed,
            interested_in_selling=v.interested_in_selling if owner_visible else None,
            owner_user_id=v.owner_user_id if owner_visible else None,
            owner_org_id=v.owner_org_id if owner_visible else None,
            access=view.access.relation.value,
            public_token=v.public_token if manage else None,
            trust_light=view.trust_light,
            version=v.version,
            created_at=v.created_at,
            updated_at=v.updated_at,
        )


class CollectionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=120)
    kind: CollectionKind = CollectionKind.COLLECTION


class CollectionUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(default=None, min_length=1, max_length=120)
    kind: CollectionKind | None = None


class CollectionOut(BaseModel):
    id: uuid.UUID
    name: str
    kind: str
    vehicle_ids: list[uuid.UUID]
    created_at: datetime
    updated_at: datetime


class OkOut(BaseModel):
    ok: bool = True
