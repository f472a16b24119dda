"""Reading the audit log (SPEC §11.6: admins only, filterable, newest first). No FastAPI.

Pages are keyset-based: the opaque cursor encodes the (created_at, event_id) of a page's last row, so
rows written while paging never shift or repeat a page.
"""

from __future__ import annotations

import base64
import binascii
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from shared.errors import DomainError, ErrorCode
from syncserver.audit.repository import query_events
from syncserver.clock import as_utc
from syncserver.models.audit import AuditEvent

MAX_PAGE = 500


@dataclass(frozen=True, slots=True)
class AuditFilter:
    action: str | None = None
    actor_id: uuid.UUID | None = None
    target_type: str | None = None
    target_id: str | None = None
    result: str | None = None
    reason_code: str | None = None
    since: datetime | None = None
    until: datetime | None = None


@dataclass(frozen=True, slots=True)
class AuditPage:
    items: Sequence[AuditEvent]
    next_cursor: str | None


def encode_cursor(event: AuditEvent) -> str:
    raw = f"{as_utc(event.created_at).isoformat()}|{event.id}".encode()
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, uuid.UUID]:
    """Parse a cursor from :func:`encode_cursor`; 422 ``validation_failed`` for anything else."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
        at_text, _, id_text = raw.partition("|")
        return as_utc(datetime.fromisoformat(at_text)), uuid.UUID(id_text)
    except (ValueError, UnicodeDecodeError, binascii.Error):
        raise DomainError(ErrorCode.VALIDATION_FAILED, message="invalid cursor") from None


def query(session: Session, where: AuditFilter, *, limit: int = 100, cursor: str | None = None) -> AuditPage:
    """One page of events matching ``where``, newest first; ``next_cursor`` is None on the last page."""
    limit = max(1, min(MAX_PAGE, limit))
    rows = query_events(
        session,
        action=where.action,
        actor_id=where.actor_id,
        target_type=where.target_type,
        target_id=where.target_id,
        result=where.result,
        reason_code=where.reason_code,
        since=as_utc(where.since) if where.since else None,
        until=as_utc(where.until) if where.until else None,
        before=decode_cursor(cursor) if cursor else None,
        limit=limit + 1,
    )
    items = rows[:limit]
    return AuditPage(items, encode_cursor(items[-1]) if len(rows) > limit else None)
