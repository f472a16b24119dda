"""Rate-limit counters kept in the database so every server process shares them (no PII: keys are HMACs)."""

from __future__ import annotations

from sqlalchemy import BigInteger, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from syncserver.models.base import Base


class RateLimitCounter(Base):
    """Hits of one key in one fixed window (``window_start`` in epoch seconds)."""

    __tablename__ = "rate_limit_counters"

    key: Mapped[str] = mapped_column(String(96), primary_key=True)
    window_start: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
