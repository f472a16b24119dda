"""Sliding-window-counter rate limiting over database rows; no FastAPI.

A hit increments the current fixed window; the estimate adds the previous window weighted by how
much of it still overlaps the sliding window. Keys carry only HMACs (never an address or an IP).

Transactions: each hit commits in its own short transaction on a separate connection, so a hit
counts even when the request later fails and no lock is held across slow work (Argon2, mail).
Call it before the request's session writes anything (SQLite has a single writer).
"""

from __future__ import annotations

from syncserver.clock import Clock
from syncserver.config import RateLimit
from syncserver.db import Database
from syncserver.ratelimit.repository import RateLimitRepository


class RateLimiter:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def hit(self, name: str, subject: str, limit: RateLimit) -> bool:
        """Count one hit of ``subject`` under ``name``; True while the estimate stays within the limit."""
        now = self.clock.now().timestamp()
        window = limit.seconds
        current_start = int(now // window) * window
        key = f"{name}:{subject}"
        with self.db.sessionmaker() as session, session.begin():
            repo = RateLimitRepository(session)
            current = repo.increment(key, current_start)
            previous = repo.count(key, current_start - window)
        overlap = 1.0 - (now - current_start) / window
        return previous * overlap + current <= limit.count
