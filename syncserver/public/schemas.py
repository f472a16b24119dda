"""Response bodies of the public QR routes (API_CONTRACT.md "Public"; D20 token management)."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict


class PublicPageOut(BaseModel):
    """Exactly the public keys of the contract (SPEC §8.2); ``hint`` holds no digits."""

    trust_light: str
    hint: str
    history_status: str
    evidence_status: str
    verification_level: str
    accident_status: str
    accident_status_label: str
    disclaimer: str
    vehicle_class: str | None
    make: str | None
    model: str | None
    year: int | None
    engine: str | None
    vin_masked: str | None


class PublicTokenOut(BaseModel):
    """The state of a vehicle's public page; ``public_token``/``public_path`` are null while it is disabled."""

    model_config = ConfigDict(from_attributes=True)

    vehicle_id: uuid.UUID
    enabled: bool
    rotated_at: datetime | None
    public_token: str | None
    public_path: str | None
