"""QObject facade over :class:`SyncEngine`: sync on start, on a timer (the settings' interval) and on demand.

Contracts: create and call on the GUI thread. ``sync_once`` runs through the one background helper on its sync
thread (``kind="sync"``), never on the DB worker: the engine sees the vault as a
:class:`~desktop.services.turn_vault.TurnVault`, so each of its vault steps (outbox read, a push answer recorded,
a page applied with its cursor: one short transaction each) takes a turn on the DB worker, and its requests,
timeouts and backoff waits hold nothing. Offline, or with a server that hangs, opening a vehicle, the list and
saving an entry go on at once; a local change made meanwhile is sent by this sync (when it reaches the push) or
by one more sync right after it. Progress and retries on the sync thread are re-emitted as queued signals. One
sync runs at a time; :meth:`cancel` stops it between requests and during a backoff wait (work done so far stays
committed). After a network or server failure the next attempt follows after ``offline_retry_ms`` (not waiting
for the interval timer). After every finished sync ``changes_applied`` carries what to refresh (everything when
the server sent changes).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy import func, select

from desktop.services.changes import PROBLEMS, SYNC_STATE, ChangeSet
from desktop.services.tasks import TaskRunner
from desktop.services.turn_vault import TurnVault
from desktop.settings import SYNC_INTERVAL, Settings
from desktop.store.models import OutboxMutation
from desktop.store.repositories import SyncStateRepository
from desktop.store.vault import Vault
from desktop.sync.client import ApiClient
from desktop.sync.engine import Backoff, SyncCancelled, SyncEngine, SyncProgress, SyncReport
from desktop.sync.errors import ApiError

__all__ = ["SyncCancelled", "SyncProgress", "SyncReport", "SyncRetry", "SyncService"]

#: After a sync failed for the network or the server (``retryable``), the next attempt starts after this (ms),
#: or after the interval timer when that comes first.
OFFLINE_RETRY_MS = 60_000


@dataclass(frozen=True, slots=True)
class SyncRetry:
    """The engine waits ``delay`` seconds before its ``attempt``-th retry of a request (network error or 5xx)."""

    attempt: int
    delay: float


def _last_mutation(vault: TurnVault) -> int:
    with vault.session() as session:
        return int(session.scalar(select(func.max(OutboxMutation.mutation_id))) or 0)


class SyncService(QObject):
    sync_started = Signal()
    #: :class:`SyncProgress` (phase, done, total) while pushing, uploading or pulling.
    progress = Signal(object)
    #: :class:`SyncReport` of a finished sync.
    finished = Signal(object)
    #: The exception that ended a sync (``SyncCancelled`` when cancelled).
    failed = Signal(object)
    #: :class:`SyncRetry`: a request failed (network, 5xx) and is tried again after a backoff wait.
    retrying = Signal(object)
    changes_applied = Signal(object)
    running_changed = Signal(bool)

    def __init__(
        self,
        runner: TaskRunner,
        settings: Settings,
        vault_source: Callable[[], Vault | None],
        client_source: Callable[[], ApiClient | None],
        user_source: Callable[[], str | None],
        *,
        backoff: Backoff | None = None,
        offline_retry_ms: int = OFFLINE_RETRY_MS,
    ) -> None:
        super().__init__()
        self._runner = runner
        self._settings = settings
        self._vault_source = vault_source
        self._client_source = client_source
        self._user_source = user_source
        self._backoff = backoff
        self._cancel: threading.Event | None = None
        self._again = False
        self.last_report: SyncReport | None = None
        self.last_error: BaseException | None = None
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.start_sync)
        #: One-shot: the next attempt after a network or server failure (see :data:`OFFLINE_RETRY_MS`).
        self.retry_timer = QTimer(self)
        self.retry_timer.setSingleShot(True)
        self.retry_timer.timeout.connect(self.start_sync)
        self._offline_retry_ms = offline_retry_ms
        self.apply_interval()

    @property
    def running(self) -> bool:
        return self._cancel is not None

    def apply_interval(self) -> None:
        """(Re)start the timer from the settings' sync interval (minutes)."""
        minutes = max(1, int(self._settings[SYNC_INTERVAL] or 15))
        self.timer.setInterval(minutes * 60_000)

    def start(self) -> None:
        """Sync now and then on the timer (call once the main window shows)."""
        self.timer.start()
        self.start_sync()

    def stop(self) -> None:
        self.timer.stop()
        self.retry_timer.stop()
        self.cancel()

    def start_sync(self) -> bool:
        """Start a sync in the background; False when one runs already (it then syncs once more) or no vault."""
        if self._cancel is not None:
            self._again = True
            return False
        vault, client, user_id = self._vault_source(), self._client_source(), self._user_source()
        if vault is None or client is None:
            return False
        cancel = threading.Event()
        self._cancel = cancel
        self.retry_timer.stop()
        backoff = self._backoff
        turns = TurnVault(vault, self._runner.db_turn)
        attempts = [0]

        def wait(event: threading.Event, seconds: float) -> bool:
            attempts[0] += 1
            self.retrying.emit(SyncRetry(attempts[0], seconds))
            return event.wait(seconds)

        def work() -> tuple[SyncReport, bool]:
            """On the sync thread; the engine's vault steps take their turns on the DB worker."""
            if user_id:
                SyncStateRepository(cast(Vault, turns)).bind(user_id=user_id, server_url=client.base_url)
            before = _last_mutation(turns)
            engine = SyncEngine(cast(Vault, turns), client, backoff=backoff, wait=wait)
            report = engine.sync_once(cancel, self.progress.emit)
            # a change queued after the push phase waits in the outbox (a pulled page may show the server's
            # row meanwhile): one more sync sends it now
            return report, _last_mutation(turns) > before and not cancel.is_set()

        self.sync_started.emit()
        self.running_changed.emit(True)
        self._runner.run_in_background(work, self._done, self._failed, kind="sync")
        return True

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.set()

    def _end(self) -> None:
        self._cancel = None
        self.running_changed.emit(False)

    def _done(self, result: tuple[SyncReport, bool]) -> None:
        report, queued_meanwhile = result
        self._again = self._again or queued_meanwhile
        self._end()
        self.last_report, self.last_error = report, None
        if report.changes or report.pushed or report.full_resync or report.id_map:
            changes = ChangeSet.everything(report.id_map)
        else:
            changes = ChangeSet.of(SYNC_STATE, PROBLEMS)
        self.finished.emit(report)
        self.changes_applied.emit(changes)
        self._maybe_again()

    def _failed(self, exc: BaseException) -> None:
        self._end()
        self.last_error = exc
        if isinstance(exc, ApiError) and exc.retryable and self.timer.isActive():
            self.retry_timer.start(min(self._offline_retry_ms, self.timer.interval()))
        self.failed.emit(exc)
        # part of the outbox may have gone out before the failure: refresh markers and problems
        self.changes_applied.emit(ChangeSet.everything())
        self._maybe_again()

    def _maybe_again(self) -> None:
        if self._again:
            self._again = False
            self.start_sync()

    @property
    def offline(self) -> bool:
        """The last sync failed for the network or the server (a retry may be scheduled: ``retry_timer``)."""
        return isinstance(self.last_error, ApiError) and self.last_error.retryable

    def describe(self, progress: Any) -> tuple[str, int, int]:
        """(phase, done, total) of a progress value; ``total`` 0 when unknown."""
        return progress.phase, int(progress.done), int(progress.total or 0)
