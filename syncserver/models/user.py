"""Accounts (DECISIONS D1, D2, D5)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from syncserver.models.base import Base, Timestamps, UUIDPrimaryKey


class User(UUIDPrimaryKey, Timestamps, Base):
    """An account keyed by e-mail; ``email`` is RESTRICTED and never logged, ``email_hmac`` is the safe key."""

    __tablename__ = "users"

    email: Mapped[str] = mapped_column(String(254), nullable=False)
    email_hmac: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    role: Mapped[str] = mapped_column(String(20), nullable=False, default="user")
    password_hash: Mapped[str | None] = mapped_column(String(255), nullable=True)
    verified_at: Mapped[datetime | None] = mapped_column(nullable=True)
    disabled_at: Mapped[datetime | None] = mapped_column(nullable=True)
    # TOTP (D2): secrets are AES-GCM encrypted with a key derived from LTC_SECRET_KEY
    totp_secret_enc: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    totp_pending_enc: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    totp_confirmed_at: Mapped[datetime | None] = mapped_column(nullable=True)
    totp_last_step: Mapped[int | None] = mapped_column(Integer, nullable=True)

    __table_args__ = (Index("ix_users_role", "role"),)

    @property
    def totp_enabled(self) -> bool:
        return self.totp_confirmed_at is not None
