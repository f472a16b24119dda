"""Account flows (D1-D3): e-mail code request/verify, password login, refresh, logout, password. No FastAPI.

Anti-enumeration: ``request_code`` takes the same path for known and unknown addresses (a challenge is
created and a code mailed either way: verifying an unknown address creates the account), and
``login`` spends one Argon2 verification whether or not the account exists.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta
from email.message import EmailMessage

from sqlalchemy.orm import Session

from shared.errors import DomainError, ErrorCode
from shared.roles import Role
from syncserver.access.actor import Actor
from syncserver.audit import AuditAction, AuditActor, AuditResult, AuditScope, ReasonCode, TargetType, record
from syncserver.auth.emails import is_valid_email, normalize_email
from syncserver.auth.passwords import PasswordHasher
from syncserver.auth.repository import AuthRepository
from syncserver.auth.sessions import SessionManager, TokenPair
from syncserver.auth.totp import TotpService
from syncserver.context import ServerContext
from syncserver.failures import RecordedFailure
from syncserver.mail import compose
from syncserver.models.auth import AuthChallenge
from syncserver.models.user import User
from syncserver.ratelimit import RateLimiter
from syncserver.security import equal, new_otp
from syncserver.users.repository import UserRepository
from syncserver.users.service import UserService

CODE_MAIL_SUBJECT = "Ihr Anmeldecode für LifeTimeCircle"
CODE_MAIL_BODY = (
    "Ihr Code lautet: {otp}\n\n"
    "Er ist {minutes} Minuten gültig. Wenn Sie keinen Code angefordert haben, ignorieren Sie diese E-Mail.\n"
)


@dataclass(frozen=True, slots=True)
class CodeRequest:
    """What ``/auth/request`` answers; ``mail`` is sent after the transaction commits (None when suppressed)."""

    challenge_id: uuid.UUID
    dev_otp: str | None
    mail: EmailMessage | None


class AuthService:
    def __init__(self, session: Session, ctx: ServerContext) -> None:
        self.session = session
        self.ctx = ctx
        self.repo = AuthRepository(session)
        self.users = UserRepository(session)
        self.limiter = RateLimiter(ctx.db, ctx.clock)
        self.sessions = SessionManager(session, ctx)
        self.totp = TotpService(session, ctx)

    # --- rate limits -------------------------------------------------------------------------
    def _hit(self, name: str, subject: str) -> bool:
        """One rate-limit hit (its own committed transaction); True while within the limit."""
        return self.limiter.hit(name, subject, self.ctx.settings.rate(name))

    def _audit_limited(self, name: str, metadata: dict[str, str]) -> None:
        record(
            self.session,
            AuditAction.RATE_LIMITED,
            at=self.ctx.clock.now(),
            actor=AuditActor.anonymous(),
            result=AuditResult.DENIED,
            scope=AuditScope.PUBLIC,
            reason_code=ReasonCode.RATE_LIMIT,
            metadata={"limit": name, **metadata},
        )

    def _fail(
        self, action: AuditAction, reason: ReasonCode, code: ErrorCode, status: int | None = None, **meta: str
    ) -> RecordedFailure:
        record(
            self.session,
            action,
            at=self.ctx.clock.now(),
            actor=AuditActor.anonymous(),
            result=AuditResult.DENIED,
            scope=AuditScope.PUBLIC,
            reason_code=reason,
            metadata=dict(meta),
        )
        return RecordedFailure(code, status)

    # --- e-mail code -------------------------------------------------------------------------
    def request_code(self, raw_email: str, ip_hmac: str) -> CodeRequest:
        """Create a challenge and compose the code mail; silently does nothing when limited or malformed."""
        normalized = normalize_email(raw_email)
        email_hmac = self.ctx.keys.email_hmac(normalized)
        challenge_id = uuid.uuid4()
        ip_ok = self._hit("request_per_ip", ip_hmac)
        email_ok = self._hit("request_per_email", email_hmac)
        if not ip_ok:
            self._audit_limited("request_per_ip", {"ip_hmac": ip_hmac})
        if not email_ok:
            self._audit_limited("request_per_email", {"email_hmac": email_hmac})
        if not (ip_ok and email_ok and is_valid_email(normalized)):
            return CodeRequest(challenge_id, None, None)
        now = self.ctx.clock.now()
        ttl = self.ctx.settings.otp_ttl_seconds
        otp = new_otp()
        self.repo.add(
            AuthChallenge(
                id=challenge_id,
                email_hmac=email_hmac,
                purpose="login",
                otp_hash=self.ctx.keys.otp_hash(otp, str(challenge_id)),
                created_at=now,
                expires_at=now + timedelta(seconds=ttl),
            )
        )
        record(
            self.session,
            AuditAction.AUTH_CHALLENGE_CREATED,
            at=now,
            actor=AuditActor.anonymous(),
            target_type=TargetType.CHALLENGE,
            target_id=challenge_id,
            scope=AuditScope.PUBLIC,
            metadata={"email_hmac": email_hmac, "purpose": "login"},
        )
        body = CODE_MAIL_BODY.format(otp=otp, minutes=ttl // 60)
        mail = compose(self.ctx.settings.mail_from, normalized, CODE_MAIL_SUBJECT, body)
        return CodeRequest(challenge_id, otp if self.ctx.settings.dev_expose_otp else None, mail)

    def verify_code(self, raw_email: str, challenge_id: str, otp: str, totp: str | None, ip_hmac: str) -> TokenPair:
        """Check the code; on first success create the account (bootstrap superadmins get that role)."""
        if not self._hit("verify_per_ip", ip_hmac):
            self._audit_limited("verify_per_ip", {"ip_hmac": ip_hmac})
            raise RecordedFailure(ErrorCode.RATE_LIMIT)
        normalized = normalize_email(raw_email)
        email_hmac = self.ctx.keys.email_hmac(normalized)
        failed = AuditAction.AUTH_CHALLENGE_FAILED
        try:
            cid = uuid.UUID(challenge_id)
        except ValueError:
            raise self._fail(failed, ReasonCode.INVALID_CODE, ErrorCode.INVALID, email_hmac=email_hmac) from None
        challenge = self.repo.lock_challenge_row(cid)
        now = self.ctx.clock.now()
        if challenge is None or challenge.consumed_at is not None:
            raise self._fail(failed, ReasonCode.INVALID_CODE, ErrorCode.INVALID, email_hmac=email_hmac)
        if challenge.expires_at <= now:
            raise self._fail(failed, ReasonCode.EXPIRED, ErrorCode.EXPIRED, email_hmac=email_hmac)
        if challenge.locked_at is not None:
            raise self._fail(failed, ReasonCode.LOCKED, ErrorCode.LOCKED, email_hmac=email_hmac)
        code_ok = equal(challenge.otp_hash, self.ctx.keys.otp_hash(otp.strip(), str(challenge.id)))
        if not (code_ok and equal(challenge.email_hmac, email_hmac)):
            raise self._wrong_attempt(challenge, ReasonCode.INVALID_CODE, ErrorCode.INVALID, None, email_hmac)
        user = self.users.by_email_hmac(email_hmac)
        if user is not None and user.disabled_at is not None:
            raise self._fail(failed, ReasonCode.INVALID_CODE, ErrorCode.INVALID, email_hmac=email_hmac)
        second_factor = False
        if user is not None and user.totp_enabled:
            if not totp:
                raise self._fail(failed, ReasonCode.TOTP_REQUIRED, ErrorCode.TOTP_REQUIRED, 401, email_hmac=email_hmac)
            if not self.totp.check(user, totp):
                raise self._wrong_attempt(challenge, ReasonCode.TOTP_REQUIRED, ErrorCode.TOTP_REQUIRED, 401, email_hmac)
            second_factor = True
        challenge.consumed_at = now
        if user is None:
            role = Role.SUPERADMIN if normalized in self.ctx.settings.bootstrap_superadmins else Role.USER
            user = UserService(self.session, self.ctx).create(normalized, role, verified=True)
        elif user.verified_at is None:
            user.verified_at = now
        self.session.flush()
        record(
            self.session,
            AuditAction.AUTH_CHALLENGE_VERIFIED,
            at=now,
            actor=AuditActor.user(user.id, user.role),
            target_type=TargetType.CHALLENGE,
            target_id=challenge.id,
            metadata={"email_hmac": email_hmac},
        )
        return self.sessions.start(user, "email_code", second_factor=second_factor)

    def _wrong_attempt(
        self, challenge: AuthChallenge, reason: ReasonCode, code: ErrorCode, status: int | None, email_hmac: str
    ) -> RecordedFailure:
        challenge.attempts += 1
        if challenge.attempts >= self.ctx.settings.otp_max_attempts:
            challenge.locked_at = self.ctx.clock.now()
            code, status, reason = ErrorCode.LOCKED, None, ReasonCode.LOCKED
        self.repo.flush()
        return self._fail(AuditAction.AUTH_CHALLENGE_FAILED, reason, code, status, email_hmac=email_hmac)

    # --- password ----------------------------------------------------------------------------
    def login(self, raw_email: str, password: str, totp: str | None, ip_hmac: str) -> TokenPair:
        """Password login; 401 ``invalid_credentials`` for a wrong password and an unknown address alike."""
        normalized = normalize_email(raw_email)
        email_hmac = self.ctx.keys.email_hmac(normalized)
        if not self._hit("login_per_ip", ip_hmac):
            self._audit_limited("login_per_ip", {"ip_hmac": ip_hmac})
            raise RecordedFailure(ErrorCode.RATE_LIMITED)
        if not self._hit("login_per_email", email_hmac):
            self._audit_limited("login_per_email", {"email_hmac": email_hmac})
            raise RecordedFailure(ErrorCode.RATE_LIMITED)
        user = self.users.by_email_hmac(email_hmac)
        argon2 = self.ctx.settings.argon2
        ok = PasswordHasher.verify(user.password_hash if user else None, password, argon2)
        failed = AuditAction.AUTH_LOGIN_FAILED
        if user is None or not ok or user.disabled_at is not None:
            raise self._fail(
                failed, ReasonCode.INVALID_CREDENTIALS, ErrorCode.INVALID_CREDENTIALS, email_hmac=email_hmac
            )
        if user.totp_enabled and not self.totp.check(user, totp):
            raise self._fail(failed, ReasonCode.TOTP_REQUIRED, ErrorCode.TOTP_REQUIRED, 401, email_hmac=email_hmac)
        assert user.password_hash is not None
        if PasswordHasher.needs_rehash(user.password_hash, argon2):  # parameters changed: upgrade the hash
            user.password_hash = PasswordHasher.hash(password, argon2)
            self.session.flush()
        return self.sessions.start(user, "password", second_factor=user.totp_enabled)

    def set_password(self, actor: Actor, password: str) -> None:
        """Set or change the password; every other session of the account is revoked."""
        user = self.current_user(actor)
        PasswordHasher.check_policy(password, user.email, self.ctx.settings.password_min_length)
        now = self.ctx.clock.now()
        user.password_hash = PasswordHasher.hash(password, self.ctx.settings.argon2)
        user.updated_at = now
        self.session.flush()
        self.sessions.end_others(actor, "password_changed")
        record(
            self.session,
            AuditAction.PASSWORD_SET,
            at=now,
            actor=actor.audit,
            target_type=TargetType.USER,
            target_id=user.id,
        )

    def current_user(self, actor: Actor) -> User:
        user = self.users.get(actor.user_id)
        if user is None:
            raise DomainError(ErrorCode.UNAUTHORIZED)
        return user

    # --- TOTP --------------------------------------------------------------------------------
    def enroll_totp(self, actor: Actor) -> tuple[str, str]:
        return self.totp.enroll(self.current_user(actor))

    def confirm_totp(self, actor: Actor, code: str) -> list[str]:
        """Activate TOTP; the current session counts as second-factor verified from now on."""
        codes = self.totp.confirm(self.current_user(actor), code)
        self.sessions.mark_second_factor(actor)
        return codes
