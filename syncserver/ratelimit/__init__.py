"""Database-backed rate limits shared by every server process (sliding-window counter)."""

from __future__ import annotations

from syncserver.ratelimit.service import AggregatingRateLimiter, RateLimiter, aggregating_limiter

__all__ = ["AggregatingRateLimiter", "RateLimiter", "aggregating_limiter"]
