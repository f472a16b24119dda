"""ORM models; importing this package registers every table on ``Base.metadata`` (Alembic needs that)."""

from __future__ import annotations

from syncserver.models.audit import AuditEvent
from syncserver.models.auth import AuthChallenge, AuthSession, AuthToken, BackupCode
from syncserver.models.base import Base
from syncserver.models.consent import ConsentRecord
from syncserver.models.ratelimit import RateLimitCounter
from syncserver.models.user import User

__all__ = [
    "AuditEvent",
    "AuthChallenge",
    "AuthSession",
    "AuthToken",
    "BackupCode",
    "Base",
    "ConsentRecord",
    "RateLimitCounter",
    "User",
]
