"""``GET /admin/audit``: filter and page the audit log (SPEC §11.6; admins with a second factor)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from shared.permissions import Action
from syncserver.access import Actor, Policy, require
from syncserver.audit.actions import AuditAction, AuditResult, ReasonCode, TargetType
from syncserver.audit.query import MAX_PAGE, AuditFilter, query
from syncserver.audit.schemas import AuditEventOut, AuditPageOut
from syncserver.deps import SessionDep

router = APIRouter(prefix="/admin", tags=["audit"])
AUDIT_READ = Policy.admin(Action.AUDIT_READ.value)


@router.get("/audit", response_model=AuditPageOut)
def audit_log(
    _: Annotated[Actor, Depends(require(AUDIT_READ))],
    session: SessionDep,
    action: AuditAction | None = None,
    actor: uuid.UUID | None = None,
    target_type: TargetType | None = None,
    target_id: Annotated[str | None, Query(max_length=64)] = None,
    result: AuditResult | None = None,
    reason_code: ReasonCode | None = None,
    from_: Annotated[datetime | None, Query(alias="from")] = None,
    to: datetime | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> AuditPageOut:
    """Audit events newest first, filtered by action, actor, target, result, reason and time (``to`` exclusive)."""
    where = AuditFilter(
        action=action.value if action else None,
        actor_id=actor,
        target_type=target_type.value if target_type else None,
        target_id=target_id,
        result=result.value if result else None,
        reason_code=reason_code.value if reason_code else None,
        since=from_,
        until=to,
    )
    page = query(session, where, limit=limit, cursor=cursor)
    items = [
        AuditEventOut(
            event_id=e.id,
            created_at=e.created_at,
            actor_type=e.actor_type,
            actor_id=e.actor_id,
            actor_role=e.actor_role,
            action=e.action,
            target_type=e.target_type,
            target_id=e.target_id,
            scope=e.scope,
            result=e.result,
            reason_code=e.reason_code,
            request_id=e.request_id,
            redacted_metadata=e.redacted_metadata,
        )
        for e in page.items
    ]
    return AuditPageOut(items=items, next_cursor=page.next_cursor)
