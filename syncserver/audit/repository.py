"""All SQL of the audit log."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, insert, or_, select
from sqlalchemy.orm import Session

from syncserver.models.audit import AuditEvent


class AuditRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, event: AuditEvent) -> AuditEvent:
        self.session.add(event)
        self.session.flush()
        return event

    def add_all(self, events: list[dict[str, Any]]) -> None:
        """One Core INSERT of complete column values (:func:`~syncserver.audit.service.event_values`)."""
        if events:
            self.session.execute(insert(AuditEvent.__table__), events)

    def list(
        self,
        *,
        action: str | None = None,
        actor_id: uuid.UUID | None = None,
        result: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> Sequence[AuditEvent]:
        """Newest first, filtered; the basis of the admin query endpoint."""
        stmt = select(AuditEvent)
        if action is not None:
            stmt = stmt.where(AuditEvent.action == action)
        if actor_id is not None:
            stmt = stmt.where(AuditEvent.actor_id == actor_id)
        if result is not None:
            stmt = stmt.where(AuditEvent.result == result)
        if since is not None:
            stmt = stmt.where(AuditEvent.created_at >= since)
        if until is not None:
            stmt = stmt.where(AuditEvent.created_at < until)
        stmt = stmt.order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc()).limit(limit).offset(offset)
        return self.session.scalars(stmt).all()


def query_events(
    session: Session,
    *,
    action: str | None = None,
    actor_id: uuid.UUID | None = None,
    target_type: str | None = None,
    target_id: str | None = None,
    result: str | None = None,
    reason_code: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    before: tuple[datetime, uuid.UUID] | None = None,
    limit: int = 100,
) -> Sequence[AuditEvent]:
    """Newest first, filtered, keyset-paged: ``before`` is the (created_at, id) of the last row already seen."""
    stmt = select(AuditEvent)
    for column, value in (
        (AuditEvent.action, action),
        (AuditEvent.actor_id, actor_id),
        (AuditEvent.target_type, target_type),
        (AuditEvent.target_id, target_id),
        (AuditEvent.result, result),
        (AuditEvent.reason_code, reason_code),
    ):
        if value is not None:
            stmt = stmt.where(column == value)
    if since is not None:
        stmt = stmt.where(AuditEvent.created_at >= since)
    if until is not None:
        stmt = stmt.where(AuditEvent.created_at < until)
    if before is not None:
        at, event_id = before
        stmt = stmt.where(or_(AuditEvent.created_at < at, and_(AuditEvent.created_at == at, AuditEvent.id < event_id)))
    stmt = stmt.order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc()).limit(limit)
    return session.scalars(stmt).all()
