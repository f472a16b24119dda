"""Bodies of the admin routes (API_CONTRACT "Admin")."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from shared.roles import STEP_UP_TTL_DEFAULT_SECONDS


class AdminUserOut(BaseModel):
    user_id: uuid.UUID
    role: str
    created_at: datetime


class StepUpIn(BaseModel):
    scope: str = Field(max_length=64)
    ttl_seconds: int = STEP_UP_TTL_DEFAULT_SECONDS


class StepUpOut(BaseModel):
    ok: bool = True
    scope: str
    step_up_token: str
    token: str
    expires_at: datetime
    ttl_seconds: int
    one_time: Literal[True] = True
    header: str


class RoleIn(BaseModel):
    role: str = Field(max_length=32)
    reason: str | None = Field(default=None, max_length=500)


class ReasonIn(BaseModel):
    reason: str | None = Field(default=None, max_length=500)


class RoleChangeOut(BaseModel):
    ok: bool = True
    user_id: uuid.UUID
    old_role: str
    new_role: str
    at: datetime


class EntitlementIn(BaseModel):
    key: str = Field(pattern=r"^[a-z][a-z0-9_]{1,63}$")
    value: int = Field(ge=0, le=1_000_000)


class EntitlementOut(BaseModel):
    user_id: uuid.UUID
    key: str
    value: int
    set_by_user_id: uuid.UUID | None
    set_at: datetime
