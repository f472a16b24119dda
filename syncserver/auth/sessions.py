"""Session families and their tokens (D3): issue, authenticate, rotate, revoke. No FastAPI.

Access tokens live 1 h, refresh tokens are single-use and rotate; presenting a spent refresh token
revokes the whole family. Sessions of admin roles end after 4 h or 15 min idle. Tokens are 256-bit
random strings; only their keyed hashes are stored.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from shared.errors import DomainError, ErrorCode
from shared.roles import ADMIN_ROLES, Role
from syncserver.access.actor import Actor
from syncserver.audit import AuditAction, AuditActor, AuditResult, ReasonCode, TargetType, record
from syncserver.auth.repository import AuthRepository
from syncserver.context import ServerContext
from syncserver.failures import RecordedFailure
from syncserver.models.auth import AuthSession, AuthToken
from syncserver.models.user import User
from syncserver.security import new_token

#: last_seen_at is written at most this often per session (keeps /auth/me read-only most of the time).
TOUCH_INTERVAL = timedelta(seconds=60)


@dataclass(frozen=True, slots=True)
class SignedInAccount:
    """An authenticated request's actor plus the account's own ``/auth/me`` columns, read in the same query.

    Kept apart from :class:`Actor` on purpose: the e-mail address must not travel through the layers.
    """

    actor: Actor
    email: str
    has_password: bool
    created_at: datetime


@dataclass(frozen=True, slots=True)
class TokenPair:
    access_token: str
    refresh_token: str
    expires_at: datetime
    refresh_expires_at: datetime
    session_id: uuid.UUID


class SessionManager:
    def __init__(self, session: Session, ctx: ServerContext) -> None:
        self.session = session
        self.ctx = ctx
        self.repo = AuthRepository(session)

    # --- issuing -----------------------------------------------------------------------------
    def start(self, user: User, method: str, *, second_factor: bool) -> TokenPair:
        """Open a new session family for ``user`` and return its first token pair."""
        now = self.ctx.clock.now()
        settings = self.ctx.settings
        lifetime = (
            settings.admin_session_max_seconds if user.role in ADMIN_ROLES else settings.refresh_token_ttl_seconds
        )
        family = AuthSession(
            id=uuid.uuid4(),
            user_id=user.id,
            method=method,
            second_factor=second_factor,
            created_at=now,
            last_seen_at=now,
            expires_at=now + timedelta(seconds=lifetime),
        )
        self.repo.add(family)
        pair = self._issue(family, now)
        record(
            self.session,
            AuditAction.SESSION_CREATED,
            at=now,
            actor=AuditActor.user(user.id, user.role),
            target_type=TargetType.SESSION,
            target_id=family.id,
            metadata={"method": method},
        )
        return pair

    def _issue(self, family: AuthSession, now: datetime) -> TokenPair:
        settings = self.ctx.settings
        access, refresh = new_token(), new_token()
        access_exp = min(now + timedelta(seconds=settings.access_token_ttl_seconds), family.expires_at)
        refresh_exp = min(now + timedelta(seconds=settings.refresh_token_ttl_seconds), family.expires_at)
        for kind, raw, exp in (("access", access, access_exp), ("refresh", refresh, refresh_exp)):
            self.repo.add(
                AuthToken(
                    id=uuid.uuid4(),
                    session_id=family.id,
                    kind=kind,
                    token_hash=self.ctx.keys.token_hash(raw),
                    created_at=now,
                    expires_at=exp,
                )
            )
        return TokenPair(access, refresh, access_exp, refresh_exp, family.id)

    # --- checking ----------------------------------------------------------------------------
    def _family_alive(self, family: AuthSession, user: User, now: datetime) -> bool:
        return self._alive(
            family.revoked_at,
            family.expires_at,
            family.created_at,
            family.last_seen_at,
            user.role,
            user.disabled_at,
            now,
        )

    def _alive(
        self,
        revoked_at: datetime | None,
        expires_at: datetime,
        created_at: datetime,
        last_seen_at: datetime,
        role: str,
        disabled_at: datetime | None,
        now: datetime,
    ) -> bool:
        """The family is not revoked or expired, its account not disabled, an admin session not too old or idle."""
        if revoked_at is not None or expires_at <= now or disabled_at is not None:
            return False
        if role in ADMIN_ROLES:
            settings = self.ctx.settings
            if created_at + timedelta(seconds=settings.admin_session_max_seconds) <= now:
                return False
            if now - last_seen_at > timedelta(seconds=settings.admin_idle_seconds):
                return False
        return True

    def authenticate_account(self, access_token: str) -> SignedInAccount | None:
        """The actor of a valid access token plus the account's ``/auth/me`` columns, from one query; None for an
        unknown, expired, revoked or idle token."""
        if not access_token or len(access_token) > 256:
            return None
        required = self.ctx.settings.consent_versions
        row = self.repo.access_check(self.ctx.keys.token_hash(access_token), required)
        if row is None:
            return None
        now = self.ctx.clock.now()
        if row.token_revoked_at is not None or row.token_expires_at <= now:
            return None
        alive = self._alive(
            row.session_revoked_at,
            row.session_expires_at,
            row.session_created_at,
            row.last_seen_at,
            row.role,
            row.disabled_at,
            now,
        )
        if not alive:
            return None
        if now - row.last_seen_at >= TOUCH_INTERVAL:
            self.repo.touch_session(row.session_id, now)
        actor = Actor(
            user_id=row.user_id,
            role=Role(row.role),
            session_id=row.session_id,
            second_factor=row.second_factor,
            totp_enabled=row.totp_confirmed_at is not None,
            email_hmac=row.email_hmac,
            consent_complete=row.consents_accepted == len(required),
        )
        return SignedInAccount(actor, row.email, bool(row.has_password), row.user_created_at)

    # --- rotating and ending -----------------------------------------------------------------
    def rotate(self, refresh_token: str) -> TokenPair:
        """Spend ``refresh_token`` and issue a new pair; a spent token revokes the family (401 either way)."""
        row = None
        if refresh_token and len(refresh_token) <= 256:
            row = self.repo.token_with_session_and_user(self.ctx.keys.token_hash(refresh_token), "refresh")
        if row is None:
            raise DomainError(ErrorCode.UNAUTHORIZED)
        token, family, user = row
        now = self.ctx.clock.now()
        if token.used_at is not None:
            self._revoke_for_reuse(family, user, now)
        if token.revoked_at is not None or token.expires_at <= now or not self._family_alive(family, user, now):
            raise DomainError(ErrorCode.UNAUTHORIZED)
        if not self.repo.mark_refresh_used(token.id, now):
            self._revoke_for_reuse(family, user, now)
        self.repo.revoke_access_tokens(family.id, now)
        self.repo.touch_session(family.id, now)
        return self._issue(family, now)

    def _revoke_for_reuse(self, family: AuthSession, user: User, now: datetime) -> None:
        self.repo.revoke_session(family.id, now, "refresh_reuse")
        record(
            self.session,
            AuditAction.AUTH_REFRESH_REUSED,
            at=now,
            actor=AuditActor.user(user.id, user.role),
            result=AuditResult.DENIED,
            target_type=TargetType.SESSION,
            target_id=family.id,
            reason_code=ReasonCode.TOKEN_REUSE,
            metadata={"family_revoked": True},
        )
        record(
            self.session,
            AuditAction.SESSION_REVOKED,
            at=now,
            actor=AuditActor.system(),
            target_type=TargetType.SESSION,
            target_id=family.id,
            reason_code=ReasonCode.TOKEN_REUSE,
        )
        raise RecordedFailure(ErrorCode.UNAUTHORIZED)

    def end(self, actor: Actor) -> None:
        """Log out: revoke the actor's session family (all its tokens stop working)."""
        now = self.ctx.clock.now()
        self.repo.revoke_session(actor.session_id, now, "logout")
        record(
            self.session,
            AuditAction.SESSION_REVOKED,
            at=now,
            actor=actor.audit,
            target_type=TargetType.SESSION,
            target_id=actor.session_id,
            metadata={"method": "logout"},
        )

    def end_others(self, actor: Actor, reason: str) -> None:
        self.repo.revoke_user_sessions(actor.user_id, self.ctx.clock.now(), reason, keep=actor.session_id)

    def mark_second_factor(self, actor: Actor) -> None:
        self.repo.set_second_factor(actor.session_id)
