"""Bodies of ``GET /admin/audit``."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel


class AuditEventOut(BaseModel):
    event_id: uuid.UUID
    created_at: datetime
    actor_type: str
    actor_id: uuid.UUID | None
    actor_role: str
    action: str
    target_type: str | None
    target_id: str | None
    scope: str
    result: str
    reason_code: str | None
    request_id: str | None
    redacted_metadata: dict[str, Any]


class AuditPageOut(BaseModel):
    items: list[AuditEventOut]
    next_cursor: str | None
