"""All SQL of the rate-limit counters: one atomic upsert per hit (PostgreSQL and SQLite >= 3.35)."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from syncserver.models.ratelimit import RateLimitCounter


class RateLimitRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def increment(self, key: str, window_start: int, hits: int = 1) -> int:
        """Add ``hits`` to (key, window) and return the window's new count, atomically."""
        dialect = self.session.get_bind().dialect.name
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        stmt = (
            insert(RateLimitCounter)
            .values(key=key, window_start=window_start, count=hits)
            .on_conflict_do_update(
                index_elements=[RateLimitCounter.key, RateLimitCounter.window_start],
                set_={"count": RateLimitCounter.count + hits},
            )
            .returning(RateLimitCounter.count)
        )
        return int(self.session.execute(stmt).scalar_one())

    def count(self, key: str, window_start: int) -> int:
        stmt = select(RateLimitCounter.count).where(
            RateLimitCounter.key == key, RateLimitCounter.window_start == window_start
        )
        return int(self.session.execute(stmt).scalar() or 0)

    def purge_before(self, window_start: int) -> int:
        """Delete counters of windows that started before ``window_start`` (retention: 7 days)."""
        result = self.session.execute(delete(RateLimitCounter).where(RateLimitCounter.window_start < window_start))
        return int(getattr(result, "rowcount", 0) or 0)
