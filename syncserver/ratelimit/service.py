"""Sliding-window-counter rate limiting over database rows; no FastAPI.

A hit increments the current fixed window; the estimate adds the previous window weighted by how
much of it still overlaps the sliding window. Keys carry only HMACs (never an address or an IP).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from syncserver.clock import Clock
from syncserver.config import RateLimit
from syncserver.ratelimit.repository import RateLimitRepository


class RateLimiter:
    def __init__(self, session: Session, clock: Clock) -> None:
        self.repo = RateLimitRepository(session)
        self.clock = clock

    def hit(self, name: str, subject: str, limit: RateLimit) -> bool:
        """Count one hit of ``subject`` under ``name``; True while the estimate stays within the limit."""
        now = self.clock.now().timestamp()
        window = limit.seconds
        current_start = int(now // window) * window
        key = f"{name}:{subject}"
        current = self.repo.increment(key, current_start)
        previous = self.repo.count(key, current_start - window)
        overlap = 1.0 - (now - current_start) / window
        return previous * overlap + current <= limit.count
