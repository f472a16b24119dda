"""Where a request's short database work runs: inline on the event loop, or on a worker thread.

On the embedded SQLite a read is a few microseconds of local file access that never waits (WAL), while a
thread hop costs two event-loop wake-ups and a GIL hand-over - more CPU than the read, and under load the
main source of queueing. So hot read paths (``require``, ``/auth/me``, the public page) run inline there,
*read-only*: a write could wait for SQLite's write lock and stall the whole loop, so it is refused before it
runs (``WriteAttempted``) and the same work is repeated on a worker thread, where it may write (an audited
denial, the once-a-minute session touch, a rate-limit sync). On PostgreSQL every call takes the thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar, TypeVarTuple, Unpack

import anyio.to_thread
from sqlalchemy.orm import Session

from syncserver.db import Database, WriteAttempted, read_only

T = TypeVar("T")
Ts = TypeVarTuple("Ts")


async def run_db_work(
    database: Database,
    session: Session,
    fn: Callable[[Unpack[Ts]], T],
    *args: *Ts,
    limiter: anyio.CapacityLimiter | None = None,
) -> T:
    """``fn(*args)`` inline when it only reads the embedded SQLite, else on a worker thread (of ``limiter``).

    ``fn`` must be safe to repeat after a refused write: everything it did before the first write is reads
    (and idempotent bookkeeping); ``session`` is rolled back before the repeat, which discards what it added.
    """
    if database.reads_inline:
        try:
            with read_only():
                return fn(*args)
        except WriteAttempted:
            session.rollback()  # ends the read transaction; nothing was written
    return await anyio.to_thread.run_sync(fn, *args, limiter=limiter)
