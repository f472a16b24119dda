"""TOTP second factor (RFC 6238, pyotp) and one-time backup codes (D2). No FastAPI.

Secrets are stored AES-GCM sealed; a used time step is remembered so a code cannot be replayed.
"""

from __future__ import annotations

import re
import secrets
import uuid
from datetime import datetime

import pyotp
from sqlalchemy.orm import Session

from shared.errors import DomainError, ErrorCode
from syncserver.audit import AuditAction, AuditActor, TargetType, record
from syncserver.auth.repository import AuthRepository
from syncserver.context import ServerContext
from syncserver.models.auth import BackupCode
from syncserver.models.user import User
from syncserver.security import equal

ISSUER = "LifeTimeCircle Service Heft"
_TOTP_FORMAT = re.compile(r"^\d{6}$")
_BACKUP_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no look-alikes
_BACKUP_GROUP = 5


def _normalize_backup(code: str) -> str:
    return code.strip().lower().replace("-", "").replace(" ", "")


class TotpService:
    def __init__(self, session: Session, ctx: ServerContext) -> None:
        self.session = session
        self.ctx = ctx
        self.repo = AuthRepository(session)

    def enroll(self, user: User) -> tuple[str, str]:
        """Start (or restart) enrolment; returns (secret, otpauth URI). 409 when TOTP is already active."""
        if user.totp_enabled:
            raise DomainError(ErrorCode.TOTP_ALREADY_ENABLED)
        secret = pyotp.random_base32(length=32)
        user.totp_pending_enc = self.ctx.keys.seal(secret.encode("ascii"))
        user.updated_at = self.ctx.clock.now()
        self.session.flush()
        record(
            self.session,
            AuditAction.TOTP_ENROLLED,
            at=user.updated_at,
            actor=AuditActor.user(user.id, user.role),
            target_type=TargetType.USER,
            target_id=user.id,
        )
        uri = pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)
        return secret, uri

    def confirm(self, user: User, code: str) -> list[str]:
        """Activate the pending secret with a current code; returns fresh backup codes (shown once)."""
        if user.totp_enabled:
            raise DomainError(ErrorCode.TOTP_ALREADY_ENABLED)
        if user.totp_pending_enc is None:
            raise DomainError(ErrorCode.TOTP_NOT_ENROLLED)
        secret = self.ctx.keys.unseal(user.totp_pending_enc).decode("ascii")
        now = self.ctx.clock.now()
        step = self._matching_step(secret, code, now, after=None)
        if step is None:
            raise DomainError(ErrorCode.INVALID)
        user.totp_secret_enc = user.totp_pending_enc
        user.totp_pending_enc = None
        user.totp_confirmed_at = now
        user.totp_last_step = step
        user.updated_at = now
        self.session.flush()
        codes = self._new_backup_codes(user, now)
        record(
            self.session,
            AuditAction.TOTP_CONFIRMED,
            at=now,
            actor=AuditActor.user(user.id, user.role),
            target_type=TargetType.USER,
            target_id=user.id,
        )
        return codes

    def check(self, user: User, code: str | None) -> bool:
        """True for a fresh TOTP code or an unused backup code (which is then spent)."""
        if not code or user.totp_secret_enc is None:
            return False
        now = self.ctx.clock.now()
        if _TOTP_FORMAT.match(code.strip()):
            secret = self.ctx.keys.unseal(user.totp_secret_enc).decode("ascii")
            step = self._matching_step(secret, code.strip(), now, after=user.totp_last_step)
            if step is None:
                return False
            user.totp_last_step = step
            self.session.flush()
            return True
        return self._spend_backup_code(user, code, now)

    @staticmethod
    def _matching_step(secret: str, code: str, now: datetime, after: int | None) -> int | None:
        """The RFC 6238 step (within +-1 of now) whose code equals ``code`` and is newer than ``after``."""
        if not _TOTP_FORMAT.match(code):
            return None
        totp = pyotp.TOTP(secret)
        current = totp.timecode(now)
        for step in (current - 1, current, current + 1):
            if after is not None and step <= after:
                continue
            if equal(totp.generate_otp(step), code):
                return step
        return None

    def _new_backup_codes(self, user: User, now: datetime) -> list[str]:
        self.repo.delete_backup_codes(user.id)
        codes = []
        for _ in range(self.ctx.settings.backup_code_count):
            raw = "".join(secrets.choice(_BACKUP_ALPHABET) for _ in range(2 * _BACKUP_GROUP))
            codes.append(f"{raw[:_BACKUP_GROUP]}-{raw[_BACKUP_GROUP:]}")
            self.repo.add(
                BackupCode(
                    id=uuid.uuid4(),
                    user_id=user.id,
                    code_hash=self.ctx.keys.backup_code_hash(str(user.id), raw),
                    created_at=now,
                )
            )
        return codes

    def _spend_backup_code(self, user: User, code: str, now: datetime) -> bool:
        wanted = self.ctx.keys.backup_code_hash(str(user.id), _normalize_backup(code))
        for row in self.repo.unused_backup_codes(user.id):
            if equal(row.code_hash, wanted) and self.repo.spend_backup_code(row.id, now):
                record(
                    self.session,
                    AuditAction.BACKUP_CODE_USED,
                    at=now,
                    actor=AuditActor.user(user.id, user.role),
                    target_type=TargetType.USER,
                    target_id=user.id,
                )
                return True
        return False
