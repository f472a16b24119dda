"""Writing audit events. Runs in the caller's session (flush only); no FastAPI.

Metadata is redacted by construction: only registered keys with short, code-like values are kept, so
free text, e-mail addresses, VINs and tokens cannot reach the table by accident.
"""

from __future__ import annotations

import logging
import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from shared.ids import uuid7
from syncserver.audit.actions import ActorType, AuditAction, AuditResult, AuditScope, ReasonCode, TargetType
from syncserver.audit.repository import AuditRepository
from syncserver.models.audit import AuditEvent
from syncserver.requestctx import current_request_id

log = logging.getLogger("ltc.audit")

_ALLOWED_KEYS: set[str] = {
    "email_hmac",
    "ip_hmac",
    "method",
    "http_method",
    "route",
    "policy",
    "required_roles",
    "session_id",
    "family_revoked",
    "doc_type",
    "doc_version",
    "source",
    "old_role",
    "new_role",
    "created",
    "count",
    "limit",
    "kind",
    "scope",
    "status",
    "purpose",
}
# Codes, ids, hashes, route templates: letters, digits and a few separators, nothing that looks like prose.
_SAFE_VALUE = re.compile(r"^[A-Za-z0-9_.:/{}\-,]{0,128}$")
_EMAIL_LIKE = re.compile(r"@")


def register_metadata_keys(*keys: str) -> None:
    """Allow further metadata keys (call at import time of the module that writes them)."""
    _ALLOWED_KEYS.update(keys)


@dataclass(frozen=True, slots=True)
class AuditActor:
    """Who acted: a user (id + role snapshot) or the system; ``public`` for anonymous callers."""

    actor_type: ActorType
    actor_id: uuid.UUID | None
    role: str

    @classmethod
    def user(cls, user_id: uuid.UUID, role: str) -> AuditActor:
        return cls(ActorType.USER, user_id, role)

    @classmethod
    def anonymous(cls) -> AuditActor:
        return cls(ActorType.USER, None, "public")

    @classmethod
    def system(cls) -> AuditActor:
        return cls(ActorType.SYSTEM, None, "system")


def _redact(metadata: dict[str, Any] | None) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    for key, value in (metadata or {}).items():
        if key not in _ALLOWED_KEYS:
            log.warning("audit_metadata_key_dropped", extra={"event_type": "audit_metadata_key_dropped"})
            continue
        if value is None or isinstance(value, bool | int):
            clean[key] = value
        elif isinstance(value, str) and _SAFE_VALUE.match(value) and not _EMAIL_LIKE.search(value):
            clean[key] = value
        elif isinstance(value, list | tuple) and all(isinstance(v, str) and _SAFE_VALUE.match(v) for v in value):
            clean[key] = list(value)
        else:
            log.warning("audit_metadata_value_dropped", extra={"event_type": "audit_metadata_value_dropped"})
    return clean


def record(
    session: Session,
    action: AuditAction,
    *,
    at: datetime,
    actor: AuditActor | None = None,
    result: AuditResult = AuditResult.SUCCESS,
    target_type: TargetType | None = None,
    target_id: uuid.UUID | str | None = None,
    scope: AuditScope = AuditScope.OWN,
    reason_code: ReasonCode | None = None,
    metadata: dict[str, Any] | None = None,
    request_id: str | None = None,
) -> AuditEvent:
    """Add one audit event to ``session`` and flush it (the caller's transaction decides its fate)."""
    values = event_values(
        action,
        at=at,
        actor=actor,
        result=result,
        target_type=target_type,
        target_id=target_id,
        scope=scope,
        reason_code=reason_code,
        metadata=metadata,
        request_id=request_id,
    )
    return AuditRepository(session).add(AuditEvent(**values))


def event_values(
    action: AuditAction,
    *,
    at: datetime,
    actor: AuditActor | None = None,
    result: AuditResult = AuditResult.SUCCESS,
    target_type: TargetType | None = None,
    target_id: uuid.UUID | str | None = None,
    scope: AuditScope = AuditScope.OWN,
    reason_code: ReasonCode | None = None,
    metadata: dict[str, Any] | None = None,
    request_id: str | None = None,
) -> dict[str, Any]:
    """The column values of one audit event (metadata redacted), for :func:`record` or :func:`record_all`."""
    who = actor or AuditActor.system()
    return {
        "id": uuid7(),
        "created_at": at,
        "actor_type": who.actor_type.value,
        "actor_id": who.actor_id,
        "actor_role": who.role,
        "action": action.value,
        "target_type": target_type.value if target_type else None,
        "target_id": str(target_id) if target_id is not None else None,
        "scope": scope.value,
        "result": result.value,
        "reason_code": reason_code.value if reason_code else None,
        "request_id": request_id or current_request_id(),
        "redacted_metadata": _redact(metadata),
    }


def record_all(session: Session, events: list[dict[str, Any]]) -> None:
    """Insert several events built by :func:`event_values` in one statement (a sync push's batch)."""
    AuditRepository(session).add_all(events)
