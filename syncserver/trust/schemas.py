"""Wire shape of GET /vehicles/{id}/trust-summary (API_CONTRACT, SPEC §7.7)."""

from __future__ import annotations

from pydantic import BaseModel


class TrustSummaryOut(BaseModel):
    trust_light: str
    hint: str
    reason_codes: list[str]
    todo_codes: list[str]
    verification_level: str
    accident_status: str
    accident_status_label: str
    history_status: str
    evidence_status: str
    top_trust_level: str | None
