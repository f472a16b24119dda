"""Engine and session factory per settings (no FastAPI here: the request-scoped session lives in ``deps``).

SQLite (the embedded default) runs in WAL mode with foreign keys on; PostgreSQL via LTC_DATABASE_URL.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.orm import sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 15_000
#: Pooled SQLite connections: enough for every worker thread (40) to hold one, so a busy server reuses
#: connections instead of opening (and re-running the pragmas on) a fresh one per request.
SQLITE_POOL_SIZE = 40
SQLITE_MAX_OVERFLOW = 40


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # The driver must not open transactions on its own: ``_sqlite_begin`` does it (see there).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


#: Statements that need the write lock; the first one in a transaction opens it (see ``_sqlite_before_write``).
_SQLITE_WRITE_VERBS = frozenset({"INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "ALTER", "DROP", "SAVEPOINT"})
_WRITE_LOCK = "ltc_sqlite_write_lock"

#: Set while database work runs inline on the event loop (see ``syncserver.dbwork``): a write is refused there.
_READ_ONLY: ContextVar[bool] = ContextVar("ltc_db_read_only", default=False)


class WriteAttempted(Exception):
    """Inline (event-loop) database work tried to write; it is run again on a worker thread.

    A write on SQLite may wait up to the busy timeout for the write lock; on the event loop that would stall
    every request of the process, so inline work is read-only and this is raised *before* the statement runs.
    """


@contextmanager
def read_only() -> Iterator[None]:
    """Refuse writes (``WriteAttempted``) on this context's SQLite connections until the block ends."""
    token = _READ_ONLY.set(True)
    try:
        yield
    finally:
        _READ_ONLY.reset(token)


def writes_allowed() -> bool:
    """False inside :func:`read_only` (code that would write can hand over before changing anything)."""
    return not _READ_ONLY.get()


def _sqlite_begin(connection: Connection) -> None:
    """Start a transaction *lazily*: nothing is sent until its first write (see ``_sqlite_before_write``).

    Until then every read runs in SQLite's autocommit mode, each statement on the latest committed data -
    PostgreSQL's default READ COMMITTED - taking no lock and never waiting for a writer (WAL). A request that
    only reads (most of them) costs no BEGIN/COMMIT at all.
    """
    connection.info[_WRITE_LOCK] = False


def _sqlite_before_write(
    connection: Connection, cursor: Any, statement: str, _params: Any, _context: Any, _executemany: bool
) -> None:
    """Open the transaction with the write lock right before its first write (``BEGIN IMMEDIATE``).

    Why not a deferred ``BEGIN`` at the start: a deferred transaction that has read and then writes cannot
    wait for the write lock - if another connection committed in between, SQLite answers SQLITE_BUSY at once
    (the busy timeout does not apply), which surfaced as "database is locked" under concurrent requests.
    ``BEGIN IMMEDIATE`` queues on the busy timeout instead. The reads before the first write ran in
    autocommit mode on the latest committed data (READ COMMITTED, as on PostgreSQL): the code must be (and
    is tested) correct under it. A SAVEPOINT counts as a write so the upgrade never happens inside one.
    """
    if connection.info.get(_WRITE_LOCK, True):
        return
    verb = statement.lstrip().split(None, 1)[0].upper() if statement.strip() else ""
    if verb not in _SQLITE_WRITE_VERBS:
        return
    if _READ_ONLY.get():
        raise WriteAttempted(verb)
    if not cursor.connection.in_transaction:  # a migration may have opened one itself (BEGIN IMMEDIATE)
        cursor.execute("BEGIN IMMEDIATE")
    connection.info[_WRITE_LOCK] = True


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine that never renders bound parameters into error messages (they may hold PII)."""
    if url.startswith("sqlite"):
        connect_args = {"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
        if "poolclass" not in kwargs and ":memory:" not in url and "mode=memory" not in url:
            kwargs.setdefault("pool_size", SQLITE_POOL_SIZE)
            kwargs.setdefault("max_overflow", SQLITE_MAX_OVERFLOW)
        engine = create_engine(url, hide_parameters=True, connect_args=connect_args, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        event.listen(engine, "before_cursor_execute", _sqlite_before_write)
        return engine
    kwargs.setdefault("pool_size", 10)
    kwargs.setdefault("max_overflow", 20)
    return create_engine(url, hide_parameters=True, pool_pre_ping=True, **kwargs)


class Database:
    """One engine plus its session factory; owned by the app (``app.state.db``)."""

    def __init__(self, url: str, engine: Engine | None = None) -> None:
        self.url = url
        self.engine = engine or make_engine(url)
        self.sessionmaker = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def reads_inline(self) -> bool:
        """Short reads run on the event loop: true for SQLite, a local file whose WAL readers never wait.

        A thread hop costs more CPU than such a read (two loop wake-ups, GIL hand-over); a networked
        PostgreSQL read waits for a round trip, which must not hold up the loop, so it keeps the thread.
        """
        return self.dialect == "sqlite"

    def dispose(self) -> None:
        self.engine.dispose()
