"""Retired public-share tokens, kept as keyed hashes only (SPEC §8.5: the history for 180 days).

On every rotate or disable the token that stops working is written here as ``token_hash`` (HMAC-SHA256
under the server's token key, never the token itself) with when it was issued and when it was retired;
the worker purges rows retired more than 180 days ago.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from syncserver.models.base import Base, UUIDPrimaryKey


class PublicTokenHistory(UUIDPrimaryKey, Base):
    __tablename__ = "public_token_history"

    vehicle_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("vehicles.id", ondelete="CASCADE"), nullable=False)
    token_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    #: When the retired token was issued (``vehicles.public_token_rotated_at`` at that time), if known.
    issued_at: Mapped[datetime | None] = mapped_column(nullable=True)
    retired_at: Mapped[datetime] = mapped_column(nullable=False)
    #: ``rotated``, ``disabled`` or ``vehicle_deleted``.
    reason: Mapped[str] = mapped_column(String(16), nullable=False)

    __table_args__ = (
        Index("ix_public_token_history_vehicle_id", "vehicle_id"),
        Index("ix_public_token_history_retired_at", "retired_at"),
        Index("ix_public_token_history_token_hash", "token_hash"),
    )
