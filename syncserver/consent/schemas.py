"""Bodies of /consent/* (API_CONTRACT). Field values are checked by the service (400), presence here (422)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class ConsentDoc(BaseModel):
    doc_type: str
    doc_version: str


class CurrentOut(BaseModel):
    required: list[ConsentDoc]


class AcceptedOut(BaseModel):
    doc_type: str
    doc_version: str
    accepted_at: datetime
    source: str


class StatusOut(BaseModel):
    required: list[ConsentDoc]
    accepted: list[AcceptedOut]
    is_complete: bool


class ConsentItemIn(BaseModel):
    model_config = ConfigDict(extra="ignore")

    doc_type: str = Field(max_length=64)
    doc_version: str = Field(max_length=64)
    accepted_at: str = Field(max_length=64)
    source: str = Field(max_length=16)


class AcceptIn(BaseModel):
    consents: list[ConsentItemIn] = Field(max_length=16)


class OkOut(BaseModel):
    ok: bool = True
