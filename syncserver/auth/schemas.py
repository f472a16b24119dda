"""Request and response bodies of /auth/* (API_CONTRACT.md)."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

#: The constant answer of /auth/request for every address (SPEC §3.4).
REQUEST_MESSAGE = "Wenn die E-Mail-Adresse gültig ist, wurde ein Code gesendet."


class _In(BaseModel):
    model_config = ConfigDict(extra="ignore", str_max_length=1024)


class CodeRequestIn(_In):
    email: str = Field(min_length=1, max_length=320)


class CodeRequestOut(BaseModel):
    ok: bool = True
    challenge_id: str
    message: str = REQUEST_MESSAGE
    dev_otp: str | None = None


class VerifyIn(_In):
    email: str = Field(min_length=1, max_length=320)
    challenge_id: str = Field(min_length=1, max_length=64)
    otp: str = Field(min_length=1, max_length=16)
    totp: str | None = Field(default=None, max_length=32)


class LoginIn(_In):
    email: str = Field(min_length=1, max_length=320)
    password: str = Field(min_length=1, max_length=1024)
    totp: str | None = Field(default=None, max_length=32)


class RefreshIn(_In):
    refresh_token: str = Field(min_length=1, max_length=256)


class PasswordIn(_In):
    password: str = Field(min_length=1, max_length=1024)


class TotpConfirmIn(_In):
    code: str = Field(min_length=1, max_length=16)


class TokenOut(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_at: datetime
    refresh_token: str
    refresh_expires_at: datetime


class MeOut(BaseModel):
    user_id: uuid.UUID
    role: str
    email: str
    has_password: bool
    totp_enabled: bool
    second_factor: bool
    consent_complete: bool
    created_at: datetime


class OkOut(BaseModel):
    ok: bool = True


class TotpEnrollOut(BaseModel):
    otpauth_uri: str
    secret: str


class TotpConfirmOut(BaseModel):
    ok: bool = True
    backup_codes: list[str]
