"""Admin re-authentication and PII reveal (SPEC §3.8, §11.1, AT-ADM-02).

- ``POST /admin/step-up/verify {scope, code, ttl_seconds?}``: a step-up grant that is only issued after the
  admin re-proves the second factor with a fresh TOTP code (or an unused backup code). A wrong code is
  audited ``ADMIN_STEP_UP_FAILED`` and answered 403 ``admin_step_up_invalid`` (committed, so the failed
  attempt survives). The plain ``/admin/step-up/grant`` of the contract stays as it is.
- ``POST /admin/users/{user_id}/reveal-email`` with ``X-Admin-Step-Up`` of scope ``pii_reveal``: the one
  place the admin mode reads a user's e-mail address. Every reveal is audited (``ADMIN_PII_REVEALED``,
  target USER, never the address itself); the answer is ``Cache-Control: no-store``.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Response
from pydantic import BaseModel, Field

from shared.errors import DomainError, ErrorCode
from shared.permissions import Action
from shared.roles import STEP_UP_TTL_DEFAULT_SECONDS, StepUpScope
from syncserver.access import Actor, Policy, require
from syncserver.admin.endpoints import StepUpHeader, step_up_out
from syncserver.admin.schemas import StepUpOut
from syncserver.admin.stepup import StepUpService
from syncserver.audit import AuditAction, AuditResult, ReasonCode, TargetType, record
from syncserver.auth.totp import TotpService
from syncserver.deps import ContextDep, SessionDep
from syncserver.failures import RecordedFailure
from syncserver.governance.repository import GovernanceRepository

router = APIRouter(prefix="/admin", tags=["admin"])
ADMIN_STEP_UP_VERIFY = Policy.admin(Action.ADMIN_STEP_UP.value + ".verify")
ADMIN_PII_REVEAL = Policy.admin(Action.ADMIN_PII_REVEAL.value)


class StepUpVerifyIn(BaseModel):
    scope: str = Field(max_length=64)
    code: str = Field(min_length=1, max_length=32)
    ttl_seconds: int = STEP_UP_TTL_DEFAULT_SECONDS


class RevealedEmailOut(BaseModel):
    user_id: uuid.UUID
    email: str
    revealed_at: datetime


@router.post(
    "/step-up/verify",
    response_model=StepUpOut,
    responses={400: {"description": "invalid_step_up_scope"}, 403: {"description": "admin_step_up_invalid"}},
)
def verify_step_up(
    body: StepUpVerifyIn,
    actor: Annotated[Actor, Depends(require(ADMIN_STEP_UP_VERIFY))],
    session: SessionDep,
    ctx: ContextDep,
) -> StepUpOut:
    """Issue a one-time step-up grant after re-checking a TOTP or backup code."""
    repo = GovernanceRepository(session)
    user = repo.get_user_for_update(actor.user_id)
    if user is None:
        raise DomainError(ErrorCode.UNAUTHORIZED)
    step_up = StepUpService(session, ctx)
    if not TotpService(session, ctx).check(user, body.code):
        record(
            session,
            AuditAction.ADMIN_STEP_UP_FAILED,
            at=ctx.clock.now(),
            actor=actor.audit,
            result=AuditResult.DENIED,
            target_type=TargetType.STEP_UP_GRANT,
            reason_code=ReasonCode.INVALID_CODE,
            metadata={"scope": body.scope if body.scope in set(StepUpScope) else None},
        )
        raise RecordedFailure(ErrorCode.ADMIN_STEP_UP_INVALID, 403)
    issued = step_up.grant(actor, body.scope, body.ttl_seconds)
    return step_up_out(issued)


@router.post(
    "/users/{user_id}/reveal-email",
    response_model=RevealedEmailOut,
    responses={
        403: {"description": "admin_step_up_required, admin_step_up_invalid"},
        404: {"description": "user_not_found"},
    },
)
def reveal_email(
    user_id: uuid.UUID,
    response: Response,
    actor: Annotated[Actor, Depends(require(ADMIN_PII_REVEAL))],
    session: SessionDep,
    ctx: ContextDep,
    step_up: StepUpHeader = None,
) -> RevealedEmailOut:
    """Reveal one user's e-mail address (step-up ``pii_reveal``; audited)."""
    service = StepUpService(session, ctx)
    grant = service.check(actor, StepUpScope.PII_REVEAL, step_up)
    user = GovernanceRepository(session).get_user(user_id)
    if user is None:
        raise DomainError(ErrorCode.USER_NOT_FOUND)
    now = ctx.clock.now()
    record(
        session,
        AuditAction.ADMIN_PII_REVEALED,
        at=now,
        actor=actor.audit,
        target_type=TargetType.USER,
        target_id=user.id,
        metadata={"scope": StepUpScope.PII_REVEAL.value, "purpose": "admin_user_list"},
    )
    service.spend(grant)
    response.headers["Cache-Control"] = "no-store"
    return RevealedEmailOut(user_id=user.id, email=user.email, revealed_at=now)
