"""Rate-limit counters: the exact and the aggregating limiter share rows; expired rows are purged."""

from __future__ import annotations

from sqlalchemy import select

from syncserver.clock import ManualClock
from syncserver.config import RateLimit
from syncserver.db import Database
from syncserver.models.ratelimit import RateLimitCounter
from syncserver.ratelimit import AggregatingRateLimiter, RateLimiter
from syncserver.ratelimit import service as ratelimit_service
from syncserver.ratelimit.repository import RateLimitRepository


def _counts(database: Database) -> dict[tuple[str, int], int]:
    with database.sessionmaker() as session:
        rows = session.execute(select(RateLimitCounter.key, RateLimitCounter.window_start, RateLimitCounter.count))
        return {(key, start): count for key, start, count in rows}


def _fresh_window(clock: ManualClock, seconds: int) -> None:
    """Move the clock to the start of a window (no weight left on the previous one)."""
    now = clock.now().timestamp()
    clock.advance(seconds=seconds - now % seconds)


class TestRetention:
    def test_rows_older_than_seven_days_are_deleted(self, database: Database, clock: ManualClock) -> None:
        now = int(clock.now().timestamp())
        old = now - ratelimit_service.RETENTION_SECONDS - 120
        recent = now - 3600
        with database.sessionmaker.begin() as session:
            repo = RateLimitRepository(session)
            repo.increment("login_per_ip:old", old)
            repo.increment("login_per_ip:recent", recent)
        ratelimit_service._last_purge.pop(database, None)

        assert RateLimiter(database, clock).hit("login_per_ip", "now", RateLimit(5, 60))
        keys = {key for key, _ in _counts(database)}
        assert "login_per_ip:old" not in keys
        assert {"login_per_ip:recent", "login_per_ip:now"} <= keys

    def test_purge_runs_at_most_once_an_interval(self, database: Database, clock: ManualClock) -> None:
        ratelimit_service._last_purge.pop(database, None)
        limiter = RateLimiter(database, clock)
        limiter.hit("x", "a", RateLimit(5, 60))
        stale = int(clock.now().timestamp()) - ratelimit_service.RETENTION_SECONDS - 60
        with database.sessionmaker.begin() as session:
            RateLimitRepository(session).increment("x:stale", stale)
        limiter.hit("x", "a", RateLimit(5, 60))
        assert ("x:stale", stale) in _counts(database)  # the interval has not passed yet
        clock.advance(seconds=ratelimit_service.PURGE_EVERY_SECONDS)
        limiter.hit("x", "a", RateLimit(5, 60))
        assert ("x:stale", stale) not in _counts(database)

    def test_the_aggregating_limiter_purges_too(self, database: Database, clock: ManualClock) -> None:
        ratelimit_service._last_purge.pop(database, None)
        stale = int(clock.now().timestamp()) - ratelimit_service.RETENTION_SECONDS - 60
        with database.sessionmaker.begin() as session:
            RateLimitRepository(session).increment("public_qr_ip:stale", stale)
        AggregatingRateLimiter(database, clock).hit("public_qr_ip", "a", RateLimit(60, 60))
        assert ("public_qr_ip:stale", stale) not in _counts(database)


class TestAggregatingLimiter:
    def test_one_process_is_exact(self, database: Database, clock: ManualClock) -> None:
        _fresh_window(clock, 60)
        limiter = AggregatingRateLimiter(database, clock)
        limit = RateLimit(60, 60)
        assert all(limiter.hit("public_qr_ip", "ip", limit) for _ in range(60))
        assert not limiter.hit("public_qr_ip", "ip", limit)
        assert not limiter.hit("public_qr_ip", "ip", limit)
        assert limiter.hit("public_qr_ip", "other", limit)  # keys are separate
        clock.advance(seconds=121)
        assert limiter.hit("public_qr_ip", "ip", limit)

    def test_hits_reach_the_shared_row_in_batches(self, database: Database, clock: ManualClock) -> None:
        _fresh_window(clock, 60)
        limiter = AggregatingRateLimiter(database, clock, max_batch=10)
        limit = RateLimit(1000, 60)
        for _ in range(25):
            limiter.hit("public_qr_ip", "ip", limit)
        start = int(clock.now().timestamp()) // 60 * 60
        stored = _counts(database)[("public_qr_ip:ip", start)]
        assert 20 <= stored <= 25  # first hit, then every 10th; at most batch - 1 still pending
        clock.advance(seconds=1)  # flush interval over: the next hit writes what is pending
        limiter.hit("public_qr_ip", "ip", limit)
        assert _counts(database)[("public_qr_ip:ip", start)] == 26

    def test_two_processes_share_the_limit_within_the_bound(self, database: Database, clock: ManualClock) -> None:
        _fresh_window(clock, 60)
        limit = RateLimit(100, 60)
        processes = [AggregatingRateLimiter(database, clock), AggregatingRateLimiter(database, clock)]
        batch = processes[0].batch(limit)
        admitted = sum(processes[i % 2].hit("public_qr_ip", "ip", limit) for i in range(400))
        assert limit.count <= admitted <= limit.count + len(processes) * (batch - 1)
        assert not any(p.hit("public_qr_ip", "ip", limit) for p in processes)

    def test_shares_rows_with_the_exact_limiter(self, database: Database, clock: ManualClock) -> None:
        _fresh_window(clock, 60)
        limit = RateLimit(20, 60)
        exact = RateLimiter(database, clock)
        for _ in range(15):
            assert exact.hit("public_qr_ip", "ip", limit)
        aggregating = AggregatingRateLimiter(database, clock)
        results = [aggregating.hit("public_qr_ip", "ip", limit) for _ in range(10)]
        assert results == [True] * 5 + [False] * 5

    def test_a_key_over_the_limit_is_refused_without_a_write_per_hit(
        self, database: Database, clock: ManualClock
    ) -> None:
        _fresh_window(clock, 60)
        limiter = AggregatingRateLimiter(database, clock, max_batch=10)
        limit = RateLimit(100, 60)
        assert all(limiter.hit("public_qr_ip", "flood", limit) for _ in range(100))
        start = int(clock.now().timestamp()) // 60 * 60
        assert _counts(database)[("public_qr_ip:flood", start)] == 100
        assert not any(limiter.hit("public_qr_ip", "flood", limit) for _ in range(25))
        written = _counts(database)[("public_qr_ip:flood", start)]
        assert 100 <= written <= 125 - 5  # refused hits are written in batches of 10, not one by one
        clock.advance(seconds=1)
        assert not limiter.hit("public_qr_ip", "flood", limit)
        assert _counts(database)[("public_qr_ip:flood", start)] == 126
