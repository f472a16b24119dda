"""``require(policy)``: the one dependency that authenticates, applies the consent gate, checks the role and
the second factor, and audits every denied attempt. The route registry finds policies through it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import cache
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from shared.errors import DomainError, ErrorCode
from shared.roles import Role
from syncserver.access.actor import Actor
from syncserver.access.policy import AUTH_SESSION, Policy
from syncserver.audit import AuditAction, AuditResult, ReasonCode, TargetType, record
from syncserver.auth.sessions import SessionManager
from syncserver.consent.service import ConsentService
from syncserver.context import ServerContext
from syncserver.dbwork import run_db_work
from syncserver.deps import ContextDep, SessionDep
from syncserver.failures import RecordedFailure
from syncserver.middleware import route_template

POLICY_ATTRIBUTE = "ltc_policy"


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization")
    if not header:
        return None
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


def _check(policy: Policy, request: Request, session: Session, ctx: ServerContext, token: str) -> Actor | None:
    """The database part of ``require``: authenticate, consent, role, 2FA (``run_db_work``: inline on SQLite
    unless it writes - an audited denial or the session touch - then on a worker thread)."""
    account = SessionManager(session, ctx).authenticate_account(token)
    actor = account.actor if account is not None else None
    request.state.ltc_signed_in = account  # /auth/me answers from it (the e-mail stays out of Actor)
    if actor is None:
        if policy.allows_anonymous:
            request.state.role_category = Role.PUBLIC.value
            return None
        raise DomainError(ErrorCode.UNAUTHORIZED)
    request.state.role_category = actor.role.value

    def deny(action: AuditAction, reason: ReasonCode, code: ErrorCode) -> RecordedFailure:
        record(
            session,
            action,
            at=ctx.clock.now(),
            actor=actor.audit,
            result=AuditResult.DENIED,
            target_type=TargetType.ROUTE,
            reason_code=reason,
            metadata={"route": route_template(request.scope), "http_method": request.method, "policy": policy.name},
        )
        return RecordedFailure(code, 403)

    if policy.consent and not ConsentService(session, ctx).is_complete_for(actor):
        raise deny(AuditAction.CONSENT_REQUIRED_BLOCK, ReasonCode.CONSENT_MISSING, ErrorCode.CONSENT_REQUIRED)
    if actor.role not in policy.roles:
        if actor.role is Role.MODERATOR:
            raise deny(AuditAction.ACCESS_DENIED, ReasonCode.MODERATOR_BLOCK, ErrorCode.ROLE_NOT_ALLOWED)
        raise deny(AuditAction.ACCESS_DENIED, ReasonCode.RBAC_DENY, ErrorCode.FORBIDDEN)
    if policy.totp and not actor.second_factor:
        raise deny(AuditAction.ACCESS_DENIED, ReasonCode.TOTP_REQUIRED, ErrorCode.TOTP_REQUIRED)
    return actor


@cache
def require(policy: Policy) -> Callable[..., Awaitable[Actor | None]]:
    """A dependency enforcing ``policy``; returns the :class:`Actor` (None for an anonymous public call).

    Order (API_CONTRACT): authenticate (401) -> consent (403 consent_required) -> role (403) -> second
    factor (403 totp_required). Denials are audited and committed (``RecordedFailure``). A request
    without a bearer token is decided on the event loop (no database, no worker thread); with one, the
    checks run through ``run_db_work`` (inline reads on SQLite, else one worker-thread hop).
    """

    async def dependency(request: Request, session: SessionDep, ctx: ContextDep) -> Actor | None:
        token = bearer_token(request)
        if token is None:
            if policy.allows_anonymous:
                request.state.role_category = Role.PUBLIC.value
                return None
            raise DomainError(ErrorCode.UNAUTHORIZED)
        return await run_db_work(ctx.db, session, _check, policy, request, session, ctx, token)

    setattr(dependency, POLICY_ATTRIBUTE, policy)
    dependency.__name__ = f"require_{policy.name.replace('.', '_')}"
    return dependency


#: Any signed-in account, moderator included, no consent needed (``/auth/*``).
CurrentActor = Annotated[Actor, Depends(require(AUTH_SESSION))]
