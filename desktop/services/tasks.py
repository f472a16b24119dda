"""The one background-work helper of the desktop (CONVENTIONS item 3, after Anki's QueryOp and Picard's run_task).

``run_in_background(fn, on_success, on_failure, kind=...)``:

- runs ``fn()`` on a worker: ``kind="db"`` (the default) on the single DB worker, so every access to the
  local vault is serialised; ``kind="net"`` on a small pool for pure network calls;
- delivers the result (or the exception) to the GUI thread through a queued Signal and calls
  ``on_success(result)`` / ``on_failure(exc)`` there;
- without ``on_failure`` the error goes to the default error handler, which the UI sets to a dialog
  (:meth:`TaskRunner.set_error_handler`); before that it is logged;
- ``fn`` must never touch a widget; the callbacks run on the GUI thread and may.

Tests use :class:`SyncExecutor` (``TaskRunner.synchronous()``): ``fn`` then runs at once on the calling
thread and the callbacks are called before ``run_in_background`` returns.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Literal

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)
Kind = Literal["db", "net"]
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
    """Owns the DB worker and the network pool; must be created on the GUI thread."""

    _finished = Signal(object)
    #: Emitted on the GUI thread with the count of tasks still running (for a busy indicator).
    busy_changed = Signal(int)

    def __init__(self, db_executor: Executor | None = None, net_executor: Executor | None = None) -> None:
        super().__init__()
        self._db = db_executor or ThreadPoolExecutor(max_workers=1, thread_name_prefix="ltc-db")
        self._net = net_executor or ThreadPoolExecutor(max_workers=NET_WORKERS, thread_name_prefix="ltc-net")
        self._error_handler: Callable[[BaseException], None] = _log_error
        self._running = 0
        self._finished.connect(self._deliver)

    @classmethod
    def synchronous(cls) -> TaskRunner:
        """A runner whose tasks run inline (tests)."""
        return cls(SyncExecutor(), SyncExecutor())

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
        """Run ``fn`` on the ``kind`` worker; the callbacks run on the GUI thread."""
        executor = self._db if kind == "db" else self._net
        self._running += 1
        self.busy_changed.emit(self._running)

        def work() -> None:
            try:
                outcome = _Outcome(True, fn(), on_success, on_failure)
            except Exception as exc:
                outcome = _Outcome(False, exc, on_success, on_failure)
            self._finished.emit(outcome)

        executor.submit(work)

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
        """Stop accepting work; with ``wait`` the running tasks finish first (their results are dropped)."""
        self._net.shutdown(wait=wait, cancel_futures=True)
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
