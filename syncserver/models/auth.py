"""E-mail code challenges, session families with their tokens, and TOTP backup codes (D1-D3)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from syncserver.models.base import Base, CreatedAt, UUIDPrimaryKey


class AuthChallenge(UUIDPrimaryKey, CreatedAt, Base):
    """A 6-digit e-mail code; only ``HMAC(secret, otp + challenge_id)`` is stored."""

    __tablename__ = "auth_challenges"

    email_hmac: Mapped[str] = mapped_column(String(64), nullable=False)
    purpose: Mapped[str] = mapped_column(String(16), nullable=False, default="login")
    otp_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    expires_at: Mapped[datetime] = mapped_column(nullable=False)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    locked_at: Mapped[datetime | None] = mapped_column(nullable=True)
    consumed_at: Mapped[datetime | None] = mapped_column(nullable=True)

    __table_args__ = (Index("ix_auth_challenges_email_hmac", "email_hmac"),)


class AuthSession(UUIDPrimaryKey, CreatedAt, Base):
    """A session family: one login, its rotating refresh tokens and their access tokens."""

    __tablename__ = "auth_sessions"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    method: Mapped[str] = mapped_column(String(16), nullable=False)
    second_factor: Mapped[bool] = mapped_column(nullable=False, default=False)
    last_seen_at: Mapped[datetime] = mapped_column(nullable=False)
    expires_at: Mapped[datetime] = mapped_column(nullable=False)
    revoked_at: Mapped[datetime | None] = mapped_column(nullable=True)
    revoked_reason: Mapped[str | None] = mapped_column(String(32), nullable=True)

    __table_args__ = (Index("ix_auth_sessions_user_id", "user_id"),)


class AuthToken(UUIDPrimaryKey, CreatedAt, Base):
    """An access or refresh token of a session; only ``HMAC(secret, token)`` is stored."""

    __tablename__ = "auth_tokens"

    session_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("auth_sessions.id", ondelete="CASCADE"), nullable=False)
    kind: Mapped[str] = mapped_column(String(8), nullable=False)  # "access" | "refresh"
    token_hash: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    expires_at: Mapped[datetime] = mapped_column(nullable=False)
    used_at: Mapped[datetime | None] = mapped_column(nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(nullable=True)

    __table_args__ = (Index("ix_auth_tokens_session_id", "session_id"),)


class BackupCode(UUIDPrimaryKey, CreatedAt, Base):
    """A one-time TOTP fallback code (hashed)."""

    __tablename__ = "auth_backup_codes"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    code_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    used_at: Mapped[datetime | None] = mapped_column(nullable=True)

    __table_args__ = (Index("ix_auth_backup_codes_user_id", "user_id"),)
