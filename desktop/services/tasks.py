"""The one background-work helper of the desktop (CONVENTIONS item 3, after Anki's QueryOp and Picard's run_task).

``run_in_background(fn, on_success, on_failure, kind=...)``:

- runs ``fn()`` on a worker: ``kind="db"`` (the default) on the single DB worker, so every access to the
  local vault is serialised; ``kind="net"`` on a small pool for pure network calls; ``kind="sync"`` on the one
  sync thread, for a long job that mixes network calls with short vault steps (the sync engine): each vault
  step takes its turn on the DB worker through :meth:`TaskRunner.db_turn`, so network waits never hold it;
- delivers the result (or the exception) to the GUI thread through a queued Signal and calls
  ``on_success(result)`` / ``on_failure(exc)`` there;
- without ``on_failure`` the error goes to the default error handler, which the UI sets to a dialog
  (:meth:`TaskRunner.set_error_handler`); before that it is logged;
- ``fn`` must never touch a widget; the callbacks run on the GUI thread and may.

Tests use :class:`SyncExecutor` (``TaskRunner.synchronous()``): ``fn`` then runs at once on the calling
thread and the callbacks are called before ``run_in_background`` returns.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Literal

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)
Kind = Literal["db", "net", "sync"]
NET_WORKERS = 4


class SyncExecutor(Executor):
    """Runs each submitted call immediately on the caller's thread (tests; Picard's FakeThreadPool idea)."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # delivered to on_failure like a worker's error
            future.set_exception(exc)
        return future


@dataclass(frozen=True, slots=True)
class _Outcome:
    ok: bool
    value: Any
    on_success: Callable[[Any], None] | None
    on_failure: Callable[[BaseException], None] | None


def _log_error(exc: BaseException) -> None:
    log.error("background task failed", exc_info=(type(exc), exc, exc.__traceback__))


class TaskRunner(QObject):
    """Owns the DB worker, the network pool and the sync thread; must be created on the GUI thread."""

    _finished = Signal(object)
    #: Emitted on the GUI thread with the count of tasks still running (for a busy indicator).
    busy_changed = Signal(int)

    def __init__(
        self,
        db_executor: Executor | None = None,
        net_executor: Executor | None = None,
        sync_executor: Executor | None = None,
    ) -> None:
        super().__init__()
        self._db = db_executor or ThreadPoolExecutor(max_workers=1, thread_name_prefix="ltc-db")
        self._net = net_executor or ThreadPoolExecutor(max_workers=NET_WORKERS, thread_name_prefix="ltc-net")
        # one thread: SQLAlchemy's pool of the vault keeps one connection per thread that touches it
        self._sync = sync_executor or ThreadPoolExecutor(max_workers=1, thread_name_prefix="ltc-sync")
        self._turn = threading.local()  # ``held``: this thread owns the DB worker's turn (or is the DB worker)
        self._error_handler: Callable[[BaseException], None] = _log_error
        self._running = 0
        self._closed = False
        self._finished.connect(self._deliver)

    @classmethod
    def synchronous(cls) -> TaskRunner:
        """A runner whose tasks run inline (tests)."""
        return cls(SyncExecutor(), SyncExecutor(), SyncExecutor())

    def set_error_handler(self, handler: Callable[[BaseException], None]) -> None:
        """Where errors go when a task has no ``on_failure`` (the UI installs a dialog)."""
        self._error_handler = handler

    @property
    def running(self) -> int:
        return self._running

    def run_in_background(
        self,
        fn: Callable[[], Any],
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        *,
        kind: Kind = "db",
    ) -> None:
        """Run ``fn`` on the ``kind`` worker; the callbacks run on the GUI thread.

        After :meth:`shutdown` (the app is closing) the work is dropped: a timer or signal that fires during
        teardown (a status refresh, say) must not raise from the event loop.
        """
        if self._closed:
            log.debug("task dropped after shutdown", extra={"event_type": "task_dropped"})
            return
        executor = {"db": self._db, "net": self._net, "sync": self._sync}[kind]
        self._running += 1
        self.busy_changed.emit(self._running)

        def work() -> None:
            held = getattr(self._turn, "held", False)
            self._turn.held = held or kind == "db"
            try:
                outcome = _Outcome(True, fn(), on_success, on_failure)
            except Exception as exc:
                outcome = _Outcome(False, exc, on_success, on_failure)
            finally:
                self._turn.held = held
            self._finished.emit(outcome)

        executor.submit(work)

    @contextlib.contextmanager
    def db_turn(self) -> Iterator[None]:
        """Hold the DB worker while the calling thread works on the vault itself (a step of a ``sync`` task).

        Waits for the turn behind the DB tasks queued before it (FIFO, like a DB task), keeps the worker parked
        until the block ends, then lets the next DB task run: the caller's vault step never overlaps a DB task,
        and only the step, never a network wait, holds the worker. Keep the block short and free of network
        calls. Re-entrant; a no-op on the DB worker itself and in an inline runner (everything is serial there).
        Raises ``RuntimeError`` after :meth:`shutdown`.
        """
        if getattr(self._turn, "held", False) or isinstance(self._db, SyncExecutor):
            yield
            return
        started, released = threading.Event(), threading.Event()

        def park() -> None:
            started.set()
            released.wait()

        parked = self._db.submit(park)
        try:
            started.wait()
            self._turn.held = True
            try:
                yield
            finally:
                self._turn.held = False
        finally:
            released.set()
            parked.result()

    def _deliver(self, outcome: _Outcome) -> None:
        self._running -= 1
        self.busy_changed.emit(self._running)
        if outcome.ok:
            if outcome.on_success is not None:
                outcome.on_success(outcome.value)
        elif outcome.on_failure is not None:
            outcome.on_failure(outcome.value)
        else:
            self._error_handler(outcome.value)

    def shutdown(self, wait: bool = True) -> None:
        """Stop accepting work; with ``wait`` the running tasks finish first (their results are dropped).

        The sync thread stops before the DB worker, so a finishing sync still gets its vault turns."""
        self._closed = True
        self._net.shutdown(wait=wait, cancel_futures=True)
        self._sync.shutdown(wait=wait, cancel_futures=True)
        self._db.shutdown(wait=wait)


_default: TaskRunner | None = None


def default_runner() -> TaskRunner:
    """The app-wide runner (created on first use; call it first from the GUI thread)."""
    global _default
    if _default is None:
        _default = TaskRunner()
    return _default


def set_default_runner(runner: TaskRunner | None) -> None:
    """Replace the app-wide runner (tests install ``TaskRunner.synchronous()``)."""
    global _default
    _default = runner


def run_in_background(
    fn: Callable[[], Any],
    on_success: Callable[[Any], None] | None = None,
    on_failure: Callable[[BaseException], None] | None = None,
    *,
    kind: Kind = "db",
) -> None:
    """:meth:`TaskRunner.run_in_background` on the app-wide runner."""
    default_runner().run_in_background(fn, on_success, on_failure, kind=kind)
