"""QObject facade over :class:`SyncEngine`: sync on start, on a timer (the settings' interval) and on demand.

Contracts: create and call on the GUI thread. ``sync_once`` runs through the one background helper on the DB
worker (the engine's contract); progress reported on that worker is re-emitted as a queued signal. One sync
runs at a time; :meth:`cancel` stops it between requests (work done so far stays committed). After every
finished sync ``changes_applied`` carries what to refresh (everything when the server sent changes).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.services.changes import PROBLEMS, SYNC_STATE, ChangeSet
from desktop.services.tasks import TaskRunner
from desktop.settings import SYNC_INTERVAL, Settings
from desktop.store.repositories import SyncStateRepository
from desktop.store.vault import Vault
from desktop.sync.client import ApiClient
from desktop.sync.engine import Backoff, SyncCancelled, SyncEngine, SyncProgress, SyncReport

__all__ = ["SyncCancelled", "SyncProgress", "SyncReport", "SyncService"]


class SyncService(QObject):
    sync_started = Signal()
    #: :class:`SyncProgress` (phase, done, total) while pushing, uploading or pulling.
    progress = Signal(object)
    #: :class:`SyncReport` of a finished sync.
    finished = Signal(object)
    #: The exception that ended a sync (``SyncCancelled`` when cancelled).
    failed = Signal(object)
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
        backoff = self._backoff

        def work() -> SyncReport:
            if user_id:
                SyncStateRepository(vault).bind(user_id=user_id, server_url=client.base_url)
            engine = SyncEngine(vault, client, backoff=backoff)
            return engine.sync_once(cancel, self.progress.emit)

        self.sync_started.emit()
        self.running_changed.emit(True)
        self._runner.run_in_background(work, self._done, self._failed)
        return True

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.set()

    def _end(self) -> None:
        self._cancel = None
        self.running_changed.emit(False)

    def _done(self, report: SyncReport) -> None:
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
        self.failed.emit(exc)
        # part of the outbox may have gone out before the failure: refresh markers and problems
        self.changes_applied.emit(ChangeSet.everything())
        self._maybe_again()

    def _maybe_again(self) -> None:
        if self._again:
            self._again = False
            self.start_sync()

    def describe(self, progress: Any) -> tuple[str, int, int]:
        """(phase, done, total) of a progress value; ``total`` 0 when unknown."""
        return progress.phase, int(progress.done), int(progress.total or 0)
