"""Issue #7 "works fully offline", through the main window against a real server behind a link the test controls.

The app talks to the server through :class:`Link` (its own loopback port): ``forward`` passes bytes on, ``hang``
accepts and never answers, ``refuse`` stops listening (connection refused). The app's sync is started as the app
starts it (``sync.start()``), then the list refresh, opening the vehicle and saving an offline entry must finish
while that sync still waits; the status says the server is unreachable / offline with the next attempt; once the
link forwards again the waiting entry reaches the server. Waits are upper bounds on signals and conditions.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.paths import AppPaths
from desktop.services.records_service import RecordsService
from desktop.services.session_service import SessionService
from desktop.services.sync_service import SyncService
from desktop.services.tasks import TaskRunner
from desktop.store.repositories import EntryRepository, SyncStateRepository
from desktop.sync.engine import Backoff, SyncProgress, SyncReport
from desktop.ui.main_window import MainWindow
from tests.desktop.sync.live_server import LiveServer
from tests.desktop.ui.records_helpers import TIMEOUT, register
from tests.desktop.ui.test_vehicles_sync_live import fill_entry

#: Retries keep going for the whole test (the sync cannot end before the link forwards again).
PATIENT = Backoff(base=0.05, max_delay=0.2, attempts=100_000)


class Link:
    """A TCP link on its own loopback port to ``target_port``: ``forward`` (default), ``hang`` or ``refuse``."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.mode = "forward"
        self.hung = threading.Event()  # a connection is held without an answer
        self._lock = threading.Lock()
        self._open: list[socket.socket] = []
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._listener.getsockname()[1])
        self._start_accepting()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _start_accepting(self) -> None:
        self._thread = threading.Thread(target=self._accept, args=(self._listener,), daemon=True)
        self._thread.start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            with self._lock:
                self._open.append(conn)
                if self.mode == "hang":
                    self.hung.set()
                    continue
                upstream = socket.create_connection(("127.0.0.1", self.target_port))
                self._open.append(upstream)
            for source, sink in ((conn, upstream), (upstream, conn)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        for sock in (source, sink):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def _drop_connections(self) -> None:
        """Close every open connection (kept-alive ones too, so the client's next request meets the new mode)."""
        with self._lock:
            dropped, self._open = self._open, []
            self.hung.clear()
        for sock in dropped:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def hang(self) -> None:
        self.mode = "hang"
        self._drop_connections()

    def refuse(self) -> None:
        if self._listener.fileno() != -1:
            self._listener.shutdown(socket.SHUT_RDWR)  # wakes accept() (close alone does not on Linux)
            self._listener.close()
            self._thread.join(timeout=5)
        self._drop_connections()

    def forward(self) -> None:
        self.mode = "forward"
        if self._listener.fileno() == -1:
            listener = socket.socket()
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listener.bind(("127.0.0.1", self.port))
            listener.listen()
            self._listener = listener
            self._start_accepting()
        self._drop_connections()  # a held request breaks off and is retried through the link

    def close(self) -> None:
        self.refuse()


@pytest.fixture
def link(live_server: LiveServer) -> Iterator[Link]:
    opened = Link(live_server.port)
    yield opened
    opened.close()


def main_window(qtbot: QtBot, session: SessionService, runner: TaskRunner, backoff: Backoff) -> MainWindow:
    records = RecordsService(lambda: session.vault, runner)
    sync = SyncService(
        runner,
        session.settings,
        lambda: session.vault,
        lambda: session.client,
        lambda: session.me.user_id if session.me else None,
        backoff=backoff,
    )
    window = MainWindow(session, records=records, sync=sync)
    qtbot.addWidget(window)
    window.show()
    return window


def signed_in_with_a_synced_vehicle(
    qtbot: QtBot, app_paths: AppPaths, runner: TaskRunner, link: Link, email: str
) -> tuple[SessionService, str]:
    """Register through the link, add a vehicle and sync it while the link forwards; the window is closed again."""
    session = register(qtbot, app_paths, runner, link.url, email)
    session.go_online()
    qtbot.waitUntil(lambda: session.me is not None, timeout=TIMEOUT)
    window = main_window(qtbot, session, runner, PATIENT)
    with qtbot.waitCallback(timeout=TIMEOUT) as added:
        window.records.add_vehicle("WVWZZZ1JZXW000123", "Werkstatt-Golf", {}, added)
    with qtbot.waitSignal(window.sync.finished, timeout=TIMEOUT) as synced:
        window.sync.start_sync()
    report: SyncReport = synced.args[0]
    assert report.rejected == 0
    vehicle_id = report.id_map.get(added.args[0].id, added.args[0].id)
    window.sync.stop()
    window.close()
    return session, vehicle_id


def work_at_the_bay(qtbot: QtBot, window: MainWindow, vehicle_id: str, note: str) -> None:
    """Refresh the list, open the vehicle and save an entry through the UI; each step finishes on its own."""
    workspace = window.workspace
    qtbot.waitUntil(lambda: workspace.list.loaded, timeout=TIMEOUT)
    workspace.list.loaded = False
    workspace.list.reload()
    qtbot.waitUntil(lambda: workspace.list.loaded, timeout=TIMEOUT)
    assert workspace.list.model.rowCount() == 1
    workspace.open_vehicle(vehicle_id)
    qtbot.waitUntil(lambda: workspace.file.data is not None, timeout=TIMEOUT)
    assert workspace.file.data is not None
    assert workspace.file.data.vehicle.id == vehicle_id
    entries = workspace.file.entries
    dialog = workspace.new_entry()
    assert dialog is not None
    fill_entry(qtbot, dialog, kind="service", who="own_work", km=151_000, note=note)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: entries.model.total == 1, timeout=TIMEOUT)


def assert_pushed(qtbot: QtBot, window: MainWindow, session: SessionService, vehicle_id: str, note: str) -> None:
    vault = session.vault
    assert vault is not None
    qtbot.waitUntil(lambda: not window.sync.running, timeout=TIMEOUT)
    saved = [e for e in EntryRepository(vault).list(vehicle_id) if e.note == note]
    assert len(saved) == 1
    assert saved[0].synced
    assert not saved[0].pending
    window.refresh_status()
    qtbot.waitUntil(lambda: "Keine ausstehenden" in window.status.pending.text(), timeout=TIMEOUT)


def test_a_server_that_never_answers_does_not_hold_the_workshop(
    qtbot: QtBot, app_paths: AppPaths, runner: TaskRunner, link: Link
) -> None:
    session, vehicle_id = signed_in_with_a_synced_vehicle(qtbot, app_paths, runner, link, "haengt@example.org")
    link.hang()
    window = main_window(qtbot, session, runner, PATIENT)
    window.sync.start()  # as the app does once the main window shows
    assert link.hung.wait(TIMEOUT / 1000)  # the first sync's request waits at a server that never answers

    work_at_the_bay(qtbot, window, vehicle_id, "Bremsen vorn, offline")

    assert window.sync.running  # everything above finished while the sync still waited for its answer
    assert link.hung.is_set()

    with qtbot.waitSignal(window.sync.retrying, timeout=TIMEOUT):
        link.refuse()  # the held request breaks off; the retries are refused
    qtbot.waitUntil(lambda: "Server nicht erreichbar" in window.sync_progress.label.text(), timeout=TIMEOUT)
    assert window.sync.running

    with qtbot.waitSignal(window.sync.finished, timeout=TIMEOUT) as finished:
        link.forward()
    assert finished.args[0].pushed >= 1
    assert finished.args[0].rejected == 0
    assert_pushed(qtbot, window, session, vehicle_id, "Bremsen vorn, offline")
    window.sync.stop()
    session.close()


def test_an_unreachable_server_does_not_hold_the_workshop(
    qtbot: QtBot, app_paths: AppPaths, runner: TaskRunner, link: Link
) -> None:
    session, vehicle_id = signed_in_with_a_synced_vehicle(qtbot, app_paths, runner, link, "weg@example.org")
    link.refuse()
    window = main_window(qtbot, session, runner, PATIENT)
    with qtbot.waitSignal(window.sync.retrying, timeout=TIMEOUT):
        window.sync.start()
    qtbot.waitUntil(lambda: "Server nicht erreichbar" in window.sync_progress.label.text(), timeout=TIMEOUT)

    work_at_the_bay(qtbot, window, vehicle_id, "Ölwechsel ohne Netz")

    assert window.sync.running  # the sync is still retrying (backoff) the whole time
    with qtbot.waitSignal(window.sync.finished, timeout=TIMEOUT) as finished:
        link.forward()
    assert finished.args[0].pushed >= 1
    assert_pushed(qtbot, window, session, vehicle_id, "Ölwechsel ohne Netz")
    window.sync.stop()
    session.close()


def test_offline_after_the_retries_then_reconnect_sends_the_entry(
    qtbot: QtBot, app_paths: AppPaths, runner: TaskRunner, link: Link
) -> None:
    session, vehicle_id = signed_in_with_a_synced_vehicle(qtbot, app_paths, runner, link, "zurueck@example.org")
    link.refuse()
    window = main_window(qtbot, session, runner, Backoff(base=0.01, max_delay=0.02, attempts=2))
    labels: list[str] = []
    window.sync.failed.connect(lambda _: labels.append(window.sync_progress.label.text()))  # after the widget's
    with qtbot.waitSignal(window.sync.failed, timeout=TIMEOUT):
        window.sync.start()
    assert labels == ["Offline – nächster Versuch in 1 min"]
    assert window.sync.offline
    assert window.sync.retry_timer.isActive()

    work_at_the_bay(qtbot, window, vehicle_id, "Reifenwechsel offline")

    # the failed sync made the session look: the status bar says offline too
    qtbot.waitUntil(lambda: not session.online, timeout=TIMEOUT)
    assert window.status.connection.text().startswith("● Offline")
    link.forward()
    with qtbot.waitSignal(window.sync.finished, timeout=TIMEOUT) as finished:
        window.reconnect_action.trigger()  # back online: the waiting changes go now, not at the retry timer
    assert finished.args[0].pushed >= 1
    assert not window.sync.offline
    assert not window.sync.retry_timer.isActive()
    qtbot.waitUntil(lambda: window.status.connection.text() == "● Online", timeout=TIMEOUT)
    assert_pushed(qtbot, window, session, vehicle_id, "Reifenwechsel offline")
    window.sync.stop()
    session.close()


def test_a_change_queued_while_the_sync_pulls_goes_out_with_one_more_sync(
    qtbot: QtBot, app_paths: AppPaths, runner: TaskRunner, link: Link
) -> None:
    """A local change made between the sync's vault steps after its push phase is sent by one more sync at once.

    Inline runner: the entry is added at the point where the app's DB worker could run it between the sync
    thread's turns (right after a page is applied), on the same thread so the order is fixed."""
    session, vehicle_id = signed_in_with_a_synced_vehicle(qtbot, app_paths, runner, link, "dazwischen@example.org")
    vault = session.vault
    assert vault is not None
    assert session.me is not None
    user_id = session.me.user_id
    sync = SyncService(
        TaskRunner.synchronous(), session.settings, lambda: vault, lambda: session.client, lambda: user_id
    )
    added: list[str] = []

    def add_entry_while_pulling(progress: SyncProgress) -> None:
        if progress.phase == "pull" and not added:
            entry = EntryRepository(vault).add(
                vehicle_id, date="2026-11-26", type="service", performed_by="own_work", km=151_200, note="dazwischen"
            )
            added.append(entry.id)

    sync.progress.connect(add_entry_while_pulling)
    reports: list[SyncReport] = []
    sync.finished.connect(reports.append)
    assert sync.start_sync()
    assert added
    assert [r.pushed for r in reports] == [0, 1]  # the first sync had pushed already; one more sent the entry
    assert SyncStateRepository(vault).status().pending_mutations == 0
    assert not sync.running
    session.close()
