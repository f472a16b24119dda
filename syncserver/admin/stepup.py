"""One-time admin step-up grants (D3, SPEC §3.8): issue, check and spend. No FastAPI.

A grant is bound to the admin who requested it and to one scope. ``check`` validates it (locking the row)
without spending it; the caller performs its action and calls ``spend`` only when the action succeeded, so
a failing action never burns the token. A missing or invalid token is audited (``ADMIN_STEP_UP_FAILED``)
and raised as a :class:`RecordedFailure`, so the audit row survives the failed request.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from shared.errors import ErrorCode
from shared.roles import StepUpScope, clamp_step_up_ttl, parse_step_up_scope
from syncserver.access.actor import Actor
from syncserver.audit import AuditAction, AuditResult, ReasonCode, TargetType, record
from syncserver.context import ServerContext
from syncserver.failures import RecordedFailure
from syncserver.governance.repository import GovernanceRepository
from syncserver.models.governance import StepUpGrant
from syncserver.security import new_token

STEP_UP_HEADER = "X-Admin-Step-Up"
#: Longer values cannot be tokens we issued; refuse them before hashing.
MAX_TOKEN_LENGTH = 256


@dataclass(frozen=True, slots=True)
class IssuedStepUp:
    scope: StepUpScope
    token: str
    expires_at: datetime
    ttl_seconds: int


class StepUpService:
    def __init__(self, session: Session, ctx: ServerContext) -> None:
        self.session = session
        self.ctx = ctx
        self.repo = GovernanceRepository(session)

    def grant(self, actor: Actor, scope: str, ttl_seconds: int | None) -> IssuedStepUp:
        """Issue a grant for ``scope``; 400 ``invalid_step_up_scope`` for an unknown scope. TTL clamped to 60..600."""
        parsed = parse_step_up_scope(scope)
        ttl = clamp_step_up_ttl(ttl_seconds)
        now = self.ctx.clock.now()
        token = new_token()
        grant = StepUpGrant(
            id=uuid.uuid4(),
            token_hash=self.ctx.keys.token_hash(token),
            admin_user_id=actor.user_id,
            scope=parsed.value,
            created_at=now,
            expires_at=now + timedelta(seconds=ttl),
        )
        self.repo.add(grant)
        record(
            self.session,
            AuditAction.ADMIN_STEP_UP_SUCCESS,
            at=now,
            actor=actor.audit,
            target_type=TargetType.STEP_UP_GRANT,
            target_id=grant.id,
            metadata={"scope": parsed.value, "ttl_seconds": ttl},
        )
        return IssuedStepUp(parsed, token, grant.expires_at, ttl)

    def check(self, actor: Actor, scope: StepUpScope, token: str | None) -> StepUpGrant:
        """The valid, unspent grant of ``actor`` for ``scope`` behind ``token``.

        Raises 403 ``admin_step_up_required`` without a token and 403 ``admin_step_up_invalid`` for an
        unknown, foreign, wrong-scope, expired or spent one (both audited and committed).
        """
        token = (token or "").strip()
        if not token:
            raise self._fail(actor, scope, ReasonCode.STEP_UP_MISSING, ErrorCode.ADMIN_STEP_UP_REQUIRED)
        grant = None
        if len(token) <= MAX_TOKEN_LENGTH:
            grant = self.repo.get_step_up(self.ctx.keys.token_hash(token))
        now = self.ctx.clock.now()
        if (
            grant is None
            or grant.admin_user_id != actor.user_id
            or grant.scope != scope.value
            or grant.used_at is not None
            or grant.expires_at <= now
        ):
            raise self._fail(actor, scope, ReasonCode.STEP_UP_INVALID, ErrorCode.ADMIN_STEP_UP_INVALID)
        return grant

    def spend(self, grant: StepUpGrant) -> None:
        """Mark ``grant`` used (call after the guarded action succeeded, in the same transaction)."""
        grant.used_at = self.ctx.clock.now()
        self.repo.flush()

    def _fail(self, actor: Actor, scope: StepUpScope, reason: ReasonCode, code: ErrorCode) -> RecordedFailure:
        record(
            self.session,
            AuditAction.ADMIN_STEP_UP_FAILED,
            at=self.ctx.clock.now(),
            actor=actor.audit,
            result=AuditResult.DENIED,
            target_type=TargetType.STEP_UP_GRANT,
            reason_code=reason,
            metadata={"scope": scope.value},
        )
        return RecordedFailure(code, 403)
