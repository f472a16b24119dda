"""All SQL of challenges, session families, tokens and backup codes."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Row, Select, and_, bindparam, distinct, func, literal, or_, select, update
from sqlalchemy.orm import Session

from syncserver.models.auth import AuthChallenge, AuthSession, AuthToken, BackupCode
from syncserver.models.consent import ConsentRecord
from syncserver.models.user import User

#: The access check of every authenticated request, built once (only the hash is bound per call) and read
#: as plain columns: no statement construction and no ORM objects on the hot path (about a third of the
#: CPU of the ORM three-entity join).
_ACCESS_CHECK = (
    select(
        AuthToken.revoked_at.label("token_revoked_at"),
        AuthToken.expires_at.label("token_expires_at"),
        AuthSession.id.label("session_id"),
        AuthSession.revoked_at.label("session_revoked_at"),
        AuthSession.expires_at.label("session_expires_at"),
        AuthSession.created_at.label("session_created_at"),
        AuthSession.last_seen_at.label("last_seen_at"),
        AuthSession.second_factor.label("second_factor"),
        User.id.label("user_id"),
        User.role.label("role"),
        User.disabled_at.label("disabled_at"),
        User.totp_confirmed_at.label("totp_confirmed_at"),
        User.email_hmac.label("email_hmac"),
        # the account's own /auth/me columns (that route then needs no query of its own)
        User.email.label("email"),
        User.password_hash.is_not(None).label("has_password"),
        User.created_at.label("user_created_at"),
    )
    .join(AuthSession, AuthSession.id == AuthToken.session_id)
    .join(User, User.id == AuthSession.user_id)
    .where(AuthToken.token_hash == bindparam("token_hash"), AuthToken.kind == "access")
    .limit(1)
)


@lru_cache(maxsize=8)
def _access_check_with_consent(required: tuple[tuple[str, str], ...]) -> Select[Any]:
    """The access check plus how many of the ``required`` (type, version) pairs the account accepted.

    One statement per set of required versions (a process has one; tests build several): the consent
    gate of every product request then needs no query of its own.
    """
    if not required:
        return _ACCESS_CHECK.add_columns(literal(0).label("consents_accepted"))
    accepted = (
        select(func.count(distinct(ConsentRecord.doc_type)))
        .where(
            ConsentRecord.user_id == User.id,
            or_(*(and_(ConsentRecord.doc_type == t, ConsentRecord.doc_version == v) for t, v in required)),
        )
        .scalar_subquery()
    )
    return _ACCESS_CHECK.add_columns(accepted.label("consents_accepted"))


class AuthRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # challenges
    def add(self, row: AuthChallenge | AuthSession | AuthToken | BackupCode) -> None:
        self.session.add(row)
        self.session.flush()

    def get_challenge(self, challenge_id: uuid.UUID) -> AuthChallenge | None:
        return self.session.get(AuthChallenge, challenge_id)

    def lock_challenge_row(self, challenge_id: uuid.UUID) -> AuthChallenge | None:
        """The challenge, row-locked on PostgreSQL so concurrent wrong codes all count."""
        stmt = select(AuthChallenge).where(AuthChallenge.id == challenge_id).with_for_update()
        return self.session.scalars(stmt).first()

    def flush(self) -> None:
        self.session.flush()

    # tokens and sessions
    def token_with_session_and_user(self, token_hash: str, kind: str) -> tuple[AuthToken, AuthSession, User] | None:
        stmt = (
            select(AuthToken, AuthSession, User)
            .join(AuthSession, AuthSession.id == AuthToken.session_id)
            .join(User, User.id == AuthSession.user_id)
            .where(AuthToken.token_hash == token_hash, AuthToken.kind == kind)
        )
        row = self.session.execute(stmt).first()
        return (row[0], row[1], row[2]) if row else None

    def access_check(self, token_hash: str, required_consents: dict[str, str]) -> Row[Any] | None:
        """The columns ``SessionManager.authenticate_account`` decides on, for the access token with ``token_hash``,
        plus ``consents_accepted``: how many of ``required_consents`` the account accepted."""
        statement = _access_check_with_consent(tuple(sorted(required_consents.items())))
        return self.session.connection().execute(statement, {"token_hash": token_hash}).first()

    def mark_refresh_used(self, token_id: uuid.UUID, at: datetime) -> bool:
        """Spend a refresh token; False if it was already spent (atomic across processes)."""
        result = self.session.execute(
            update(AuthToken)
            .where(AuthToken.id == token_id, AuthToken.used_at.is_(None))
            .values(used_at=at)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))

    def revoke_access_tokens(self, session_id: uuid.UUID, at: datetime) -> None:
        self.session.execute(
            update(AuthToken)
            .where(AuthToken.session_id == session_id, AuthToken.kind == "access", AuthToken.revoked_at.is_(None))
            .values(revoked_at=at)
            .execution_options(synchronize_session=False)
        )

    def revoke_session(self, session_id: uuid.UUID, at: datetime, reason: str) -> None:
        self.session.execute(
            update(AuthSession)
            .where(AuthSession.id == session_id, AuthSession.revoked_at.is_(None))
            .values(revoked_at=at, revoked_reason=reason)
            .execution_options(synchronize_session=False)
        )

    def revoke_user_sessions(
        self, user_id: uuid.UUID, at: datetime, reason: str, keep: uuid.UUID | None = None
    ) -> None:
        stmt = update(AuthSession).where(AuthSession.user_id == user_id, AuthSession.revoked_at.is_(None))
        if keep is not None:
            stmt = stmt.where(AuthSession.id != keep)
        self.session.execute(
            stmt.values(revoked_at=at, revoked_reason=reason).execution_options(synchronize_session=False)
        )

    def touch_session(self, session_id: uuid.UUID, at: datetime) -> None:
        self.session.execute(
            update(AuthSession)
            .where(AuthSession.id == session_id)
            .values(last_seen_at=at)
            .execution_options(synchronize_session=False)
        )

    def set_second_factor(self, session_id: uuid.UUID) -> None:
        self.session.execute(
            update(AuthSession)
            .where(AuthSession.id == session_id)
            .values(second_factor=True)
            .execution_options(synchronize_session=False)
        )

    # backup codes
    def unused_backup_codes(self, user_id: uuid.UUID) -> Sequence[BackupCode]:
        stmt = select(BackupCode).where(BackupCode.user_id == user_id, BackupCode.used_at.is_(None))
        return self.session.scalars(stmt).all()

    def spend_backup_code(self, code_id: uuid.UUID, at: datetime) -> bool:
        result = self.session.execute(
            update(BackupCode)
            .where(BackupCode.id == code_id, BackupCode.used_at.is_(None))
            .values(used_at=at)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))

    def delete_backup_codes(self, user_id: uuid.UUID) -> None:
        for code in self.session.scalars(select(BackupCode).where(BackupCode.user_id == user_id)):
            self.session.delete(code)
        self.session.flush()
