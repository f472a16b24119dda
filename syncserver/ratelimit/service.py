"""Sliding-window-counter rate limiting over database rows; no FastAPI.

A hit increments the current fixed window; the estimate adds the previous window weighted by how
much of it still overlaps the sliding window. Keys carry only HMACs (never an address or an IP).

Two limiters share the counter rows, so every server process sees the same counts:

* :class:`RateLimiter` writes every hit (exact across processes). For the sign-in limits, where a hit
  is rare and each one guards an Argon2 computation or a code guess.
* :class:`AggregatingRateLimiter` counts hits in process memory and adds them to the row in batches
  (high-volume anonymous pages: the public QR page). See its docstring for the overshoot bound.

Transactions: database work runs in its own short transaction on a separate connection, so a hit
counts even when the request later fails and no lock is held across slow work (Argon2, mail).
Call it before the request's session writes anything (SQLite has a single writer).

Retention (SPEC: counters are kept 7 days): at most once per :data:`PURGE_EVERY_SECONDS` per process,
the next hit deletes the rows of windows that started more than :data:`RETENTION_SECONDS` ago.
"""

from __future__ import annotations

import math
import threading
import weakref
from dataclasses import dataclass

from syncserver.clock import Clock
from syncserver.config import RateLimit
from syncserver.db import Database, WriteAttempted, writes_allowed
from syncserver.ratelimit.repository import RateLimitRepository

#: Counter rows older than this are deleted (SPEC: 7 days).
RETENTION_SECONDS = 7 * 24 * 3600
#: How often (per process and database) a hit also purges expired rows.
PURGE_EVERY_SECONDS = 3600

_last_purge: weakref.WeakKeyDictionary[Database, float] = weakref.WeakKeyDictionary()
_purge_lock = threading.Lock()


def purge_if_due(db: Database, now: float) -> int:
    """Delete expired counter rows when the last purge of this process is an interval ago; rows deleted."""
    with _purge_lock:
        last = _last_purge.get(db)
        if last is not None and 0 <= now - last < PURGE_EVERY_SECONDS:
            return 0
        _last_purge[db] = now
    with db.sessionmaker() as session, session.begin():
        return RateLimitRepository(session).purge_before(int(now) - RETENTION_SECONDS)


def _window(now: float, limit: RateLimit) -> tuple[int, float]:
    """The current window's start and how much of the previous window the sliding window still covers."""
    start = int(now // limit.seconds) * limit.seconds
    return start, 1.0 - (now - start) / limit.seconds


class RateLimiter:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def hit(self, name: str, subject: str, limit: RateLimit) -> bool:
        """Count one hit of ``subject`` under ``name``; True while the estimate stays within the limit."""
        now = self.clock.now().timestamp()
        current_start, overlap = _window(now, limit)
        key = f"{name}:{subject}"
        with self.db.sessionmaker() as session, session.begin():
            repo = RateLimitRepository(session)
            current = repo.increment(key, current_start)
            previous = repo.count(key, current_start - limit.seconds)
        purge_if_due(self.db, now)
        return previous * overlap + current <= limit.count


@dataclass(slots=True)
class _Slot:
    """One key's state in the current window."""

    window_start: int
    #: The window's count in the database when last synced (this process's flushed hits included).
    shared: int = 0
    #: This process's hits not yet added to the database.
    pending: int = 0
    #: This process's hits being added by the sync in flight (counted until it has the new total).
    inflight: int = 0
    #: The previous window's count (read at the first sync of the window).
    previous: int | None = None
    synced_at: float = -math.inf
    #: When a request took (or was handed) this key's sync; None when none is running.
    claimed_at: float | None = None
    #: The claim was made by an inline caller for whichever writer comes next (its own repeat, usually).
    handed_over: bool = False


class AggregatingRateLimiter:
    """Per-process pre-aggregation in front of the shared counter rows.

    A hit is counted in memory. The process *syncs* a key - one short transaction that adds its pending
    hits to the row and reads back the window's total (all processes) - on the key's first hit in a
    window, when ``batch`` hits are pending, when the last sync is ``flush_seconds`` old, and on every
    hit while the estimate is within ``batch`` below the limit. Between syncs the decision uses the last
    known total plus this process's pending hits. That local estimate never exceeds the true one (the
    database counts only grow), so a key already over the limit is refused without a database write:
    a flooding client costs one transaction per ``batch`` hits or per ``flush_seconds``, not per hit.

    One sync per key at a time: a hit that finds the key's sync running (claimed) decides on the estimate,
    which counts the hits in flight, instead of starting another one. A caller on the event loop (inline
    work, ``writes_allowed()`` false) never syncs: when a sync is due it claims it, leaves its hit
    uncounted and raises ``WriteAttempted``; its repeat on a worker thread (or any writer first) takes the
    handed-over sync. Without the claim, every hit during a slow sync was due by the clock and started its
    own, which under load sent most page requests to the worker threads (bench/README.md). A claim is
    dropped after ``CLAIM_SECONDS`` if its request died first.

    Bound: one process alone is exact (every hit near the limit syncs or finds the estimate with every one of
    its own hits, in flight included). With P processes, each one may
    admit fewer than ``batch`` hits on a stale total before its next sync, so a window admits at most
    ``limit + P x (batch - 1)`` hits. ``batch`` is ``min(max_batch, limit // 10)`` (at least 1; ``max_batch``
    1,000 only caps very large limits: each sync is a write transaction plus, on the inline path, a worker-thread
    hop, and 100 cost the public page a tenth of its p99 at 1,600 requests/s from one address), so the
    overshoot stays under P x 10 % of the limit: 60/min on two processes admits at most 70.
    A key hit once and never again within ``flush_seconds`` may leave up to ``batch - 1`` hits unwritten;
    that is inside the same bound. The cost: one transaction per ``batch`` hits of a busy key instead of
    one per hit, and none for hits far from the limit between syncs.
    """

    #: Above this many keys, slots of windows before the previous one are dropped.
    MAX_SLOTS = 10_000

    #: A claim older than this is treated as abandoned (its request died before it synced).
    CLAIM_SECONDS = 5.0

    def __init__(self, db: Database, clock: Clock, *, max_batch: int = 1000, flush_seconds: float = 1.0) -> None:
        self.db = db
        self.clock = clock
        self.max_batch = max_batch
        self.flush_seconds = flush_seconds
        self._lock = threading.Lock()
        self._slots: dict[str, _Slot] = {}

    def batch(self, limit: RateLimit) -> int:
        return max(1, min(self.max_batch, limit.count // 10))

    def hit(self, name: str, subject: str, limit: RateLimit) -> bool:
        """Count one hit of ``subject`` under ``name``; True while the estimate stays within the limit."""
        now = self.clock.now().timestamp()
        start, overlap = _window(now, limit)
        key = f"{name}:{subject}"
        batch = self.batch(limit)
        with self._lock:
            slot = self._slots.get(key)
            if slot is None or slot.window_start != start:
                slot = self._slots[key] = _Slot(start)
                if len(self._slots) > self.MAX_SLOTS:
                    self._prune(start - limit.seconds)
            slot.pending += 1
            estimate = (slot.previous or 0) * overlap + slot.shared + slot.inflight + slot.pending
            if not (
                slot.previous is None
                or slot.pending >= batch
                or now - slot.synced_at >= self.flush_seconds
                or limit.count - batch < estimate <= limit.count
            ):
                return estimate <= limit.count
            inline = not writes_allowed()
            claimed = slot.claimed_at is not None and now - slot.claimed_at < self.CLAIM_SECONDS
            if claimed and (inline or not slot.handed_over):
                return estimate <= limit.count  # another request syncs this key right now
            if inline:  # event-loop caller: claim the sync for its repeat on a worker thread, count it there
                slot.pending -= 1
                slot.claimed_at, slot.handed_over = now, True
                raise WriteAttempted("rate limit sync")
            slot.claimed_at, slot.handed_over = now, False
            flush, slot.pending = slot.pending, 0
            slot.inflight += flush
            read_previous = slot.previous is None
        try:
            total, previous = self._sync(key, start, limit.seconds, flush, read_previous)
        except BaseException:
            with self._lock:
                slot.inflight -= flush
                slot.pending += flush  # not written: keep counting them
                slot.claimed_at = None
            raise
        with self._lock:
            slot.inflight -= flush
            slot.shared = max(slot.shared, total)
            if previous is not None:
                slot.previous = previous
            slot.synced_at = now
            slot.claimed_at = None
            # This hit's place: everything counted up to and including its flush (all processes), not the
            # hits of this process that arrived while it synced (they were decided on their own estimate).
            estimate = (slot.previous or 0) * overlap + total
        purge_if_due(self.db, now)
        return estimate <= limit.count

    def _sync(self, key: str, start: int, seconds: int, flush: int, read_previous: bool) -> tuple[int, int | None]:
        with self.db.sessionmaker() as session, session.begin():
            repo = RateLimitRepository(session)
            total = repo.increment(key, start, flush)
            previous = repo.count(key, start - seconds) if read_previous else None
        return total, previous

    def _prune(self, oldest_kept: int) -> None:
        for key in [k for k, slot in self._slots.items() if slot.window_start < oldest_kept]:
            del self._slots[key]


_aggregating: weakref.WeakKeyDictionary[Database, weakref.WeakKeyDictionary[Clock, AggregatingRateLimiter]] = (
    weakref.WeakKeyDictionary()
)
_aggregating_lock = threading.Lock()


def aggregating_limiter(db: Database, clock: Clock) -> AggregatingRateLimiter:
    """The process's aggregating limiter of ``db`` (one per database and clock; in-memory state)."""
    with _aggregating_lock:
        per_clock = _aggregating.setdefault(db, weakref.WeakKeyDictionary())
        limiter = per_clock.get(clock)
        if limiter is None:
            limiter = per_clock[clock] = AggregatingRateLimiter(db, clock)
        return limiter
