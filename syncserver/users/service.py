"""Creating accounts and changing roles (CLI, bootstrap, governance); no FastAPI."""

from __future__ import annotations

from sqlalchemy.orm import Session

from shared.errors import DomainError, ErrorCode
from shared.ids import uuid7
from shared.roles import ACCOUNT_ROLES, Role
from syncserver.audit import AuditAction, AuditActor, TargetType, record
from syncserver.auth.emails import is_valid_email, normalize_email
from syncserver.auth.passwords import PasswordHasher
from syncserver.context import ServerContext
from syncserver.models.user import User
from syncserver.users.repository import UserRepository


def parse_role(value: str) -> Role:
    """An account role from text; 400 ``invalid_role`` otherwise (``public`` is not an account role)."""
    try:
        role = Role(value)
    except ValueError:
        raise DomainError(ErrorCode.INVALID_ROLE) from None
    if role not in ACCOUNT_ROLES:
        raise DomainError(ErrorCode.INVALID_ROLE)
    return role


class UserService:
    def __init__(self, session: Session, ctx: ServerContext) -> None:
        self.session = session
        self.ctx = ctx
        self.users = UserRepository(session)

    def find_by_email(self, email: str) -> User | None:
        return self.users.by_email_hmac(self.ctx.keys.email_hmac(normalize_email(email)))

    def create(
        self,
        email: str,
        role: Role = Role.USER,
        *,
        password: str | None = None,
        verified: bool = False,
        actor: AuditActor | None = None,
    ) -> User:
        """Create an account; raises ``conflict`` when the address is taken, ``validation_failed`` if malformed."""
        normalized = normalize_email(email)
        if not is_valid_email(normalized):
            raise DomainError(ErrorCode.VALIDATION_FAILED, 400, "invalid e-mail address")
        email_hmac = self.ctx.keys.email_hmac(normalized)
        if self.users.by_email_hmac(email_hmac) is not None:
            raise DomainError(ErrorCode.CONFLICT, message="account exists")
        now = self.ctx.clock.now()
        user = User(
            id=uuid7(),
            email=normalized,
            email_hmac=email_hmac,
            role=role.value,
            created_at=now,
            updated_at=now,
            verified_at=now if verified else None,
        )
        if password is not None:
            PasswordHasher.check_policy(password, normalized, self.ctx.settings.password_min_length)
            user.password_hash = PasswordHasher.hash(password)
        self.users.add(user)
        record(
            self.session,
            AuditAction.ROLE_GRANTED,
            at=now,
            actor=actor,
            target_type=TargetType.USER,
            target_id=user.id,
            metadata={"new_role": role.value, "created": True},
        )
        return user

    def set_role(self, user: User, role: Role, *, actor: AuditActor | None = None) -> str:
        """Change the role; returns the old one. Audited as ROLE_GRANTED (or ROLE_REVOKED back to user)."""
        old = user.role
        if old == role.value:
            return old
        now = self.ctx.clock.now()
        user.role = role.value
        user.updated_at = now
        self.session.flush()
        action = AuditAction.ROLE_REVOKED if role is Role.USER else AuditAction.ROLE_GRANTED
        record(
            self.session,
            action,
            at=now,
            actor=actor,
            target_type=TargetType.USER,
            target_id=user.id,
            metadata={"old_role": old, "new_role": role.value},
        )
        return old
