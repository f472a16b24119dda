"""Accepted consent documents (D4, SPEC §3.7)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from syncserver.models.base import Base, CreatedAt, UUIDPrimaryKey


class ConsentRecord(UUIDPrimaryKey, CreatedAt, Base):
    """One accepted (doc_type, doc_version) per user; ``accepted_at`` is the client's, ``created_at`` ours."""

    __tablename__ = "consent_records"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    doc_type: Mapped[str] = mapped_column(String(32), nullable=False)
    doc_version: Mapped[str] = mapped_column(String(32), nullable=False)
    accepted_at: Mapped[datetime] = mapped_column(nullable=False)
    source: Mapped[str] = mapped_column(String(8), nullable=False)

    __table_args__ = (UniqueConstraint("user_id", "doc_type", "doc_version"),)
