"""Against a real server: register -> consent -> first vehicle -> entry with an attachment -> sync; an entry
made while the server is down appears after the next sync; a paywalled second vehicle lands in the
sync-problems panel with its German message. Screenshots of each screen at 1280x800 and 1920x1080."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop.paths import AppPaths
from desktop.services.records_service import RecordsService
from desktop.services.sync_service import SyncService
from desktop.services.tasks import TaskRunner
from desktop.store.repositories import DocumentRepository, EntryRepository
from desktop.sync.engine import Backoff
from desktop.ui.main_window import MainWindow
from desktop.ui.vehicles.entry_dialog import EntryDialog
from tests.desktop.sync.live_server import LiveServer
from tests.desktop.ui.records_helpers import TIMEOUT, register, shoot, shoot_over, tiny_png


@pytest.fixture(autouse=True)
def german_locale() -> Iterator[None]:
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    yield
    QLocale.setDefault(previous)


@pytest.fixture(autouse=True)
def released_modifiers() -> Iterator[None]:
    """QTest leaves the app's keyboard modifiers at the last modifier key it released: after Ctrl+Shift+P
    ``QGuiApplication.keyboardModifiers()`` stays Shift for every later test. A plain key release resets it."""
    yield
    probe = QWidget()
    QTest.keyRelease(probe, Qt.Key.Key_Shift)
    probe.deleteLater()


def fill_entry(qtbot: QtBot, dialog: EntryDialog, *, kind: str, who: str, km: int, note: str = "") -> None:
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData(kind))
    dialog.performed_combo.setCurrentIndex(dialog.performed_combo.findData(who))
    dialog.km_spin.setValue(km)
    if note:
        dialog.note_edit.setPlainText(note)


def make_window(qtbot: QtBot, session: object, runner: TaskRunner) -> MainWindow:
    records = RecordsService(lambda: session.vault, runner)  # type: ignore[attr-defined]
    sync = SyncService(
        runner,
        session.settings,  # type: ignore[attr-defined]
        lambda: session.vault,  # type: ignore[attr-defined]
        lambda: session.client,  # type: ignore[attr-defined]
        lambda: session.me.user_id if session.me else None,  # type: ignore[attr-defined]
        backoff=Backoff(base=0.01, attempts=2),
    )
    window = MainWindow(session, records=records, sync=sync)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    return window


def activate(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    window.raise_()
    qtbot.waitUntil(window.isActiveWindow, timeout=TIMEOUT)


def sync_now(qtbot: QtBot, window: MainWindow, signal: str = "finished") -> object:
    with qtbot.waitSignal(getattr(window.sync, signal), timeout=TIMEOUT) as blocker:
        window.sync_action.trigger()
    qtbot.waitUntil(lambda: not window.sync.running, timeout=TIMEOUT)
    return blocker.args[0]


def test_owner_flow_offline_entry_and_paywall(
    qtbot: QtBot, app_paths: AppPaths, runner: TaskRunner, live_server: LiveServer, tmp_path: Path
) -> None:
    session = register(qtbot, app_paths, runner, live_server.url, "werkstatt-ui@example.org")
    session.go_online()
    qtbot.waitUntil(lambda: session.me is not None, timeout=TIMEOUT)
    window = make_window(qtbot, session, runner)
    workspace = window.workspace
    qtbot.waitUntil(lambda: workspace.list.loaded, timeout=TIMEOUT)
    assert workspace.list.stack.currentWidget() is workspace.list.empty

    activate(qtbot, window)
    # first vehicle, by keyboard: Ctrl+N opens the dialog
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = workspace.last_dialog
    assert dialog is not None
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.vin_edit, "wvwzzz1jzxw000123")
    qtbot.keyClicks(dialog.nickname_edit, "Familien-Golf")
    qtbot.keyClicks(dialog.make_edit, "Volkswagen")
    qtbot.keyClicks(dialog.model_edit, "Golf IV")
    qtbot.keyClicks(dialog.year_edit, "1999")
    shoot_over(window, dialog, "21-fahrzeug-anlegen")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: workspace.in_file and workspace.file.data is not None, timeout=TIMEOUT)
    vehicle_id = workspace.file.vehicle_id
    assert workspace.file.title.text() == "Familien-Golf"
    assert "WVW***0123" in workspace.file.subtitle.text()
    assert workspace.file.pending.isVisibleTo(workspace.file)

    # an entry with an attachment (Ctrl+E)
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    entry_dialog = workspace.file.entries.last_dialog
    assert entry_dialog is not None
    fill_entry(qtbot, entry_dialog, kind="inspection", who="statutory", km=182_400, note="HU ohne Mängel")
    entry_dialog.level_t2.setChecked(True)
    qtbot.keyClicks(entry_dialog.cost_edit, "139,50")
    entry_dialog.add_attachments([tiny_png(tmp_path / "pruefbericht.png")])
    shoot_over(window, entry_dialog, "23-eintragung-dialog")
    qtbot.mouseClick(entry_dialog.save_button, Qt.MouseButton.LeftButton)
    entries = workspace.file.entries
    qtbot.waitUntil(lambda: entries.model.total == 1, timeout=TIMEOUT)
    row = entries.model.index(0, 0).data(Qt.ItemDataRole.UserRole + 2)
    assert row.attachments == 1
    assert row.entry.cost_amount == 13950
    assert row.entry.trust_level == "T2"

    # sync: the vehicle, the entry and the uploaded attachment are confirmed by the server
    report = sync_now(qtbot, window)
    assert report.rejected == 0
    assert report.pushed >= 3
    vehicle_id = report.id_map.get(vehicle_id, vehicle_id)
    vault = session.vault
    assert vault is not None
    qtbot.waitUntil(lambda: not workspace.file.pending.isVisibleTo(workspace.file), timeout=TIMEOUT)
    synced = EntryRepository(vault).list(vehicle_id)
    assert [e.synced and not e.pending for e in synced] == [True]
    documents = DocumentRepository(vault).list(vehicle_id)
    assert [d.upload_state for d in documents] != ["pending"]
    assert len(documents) == 1
    qtbot.waitUntil(lambda: "Keine ausstehenden" in window.status.pending.text(), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: workspace.file.data is not None and workspace.file.data.trust is not None, timeout=TIMEOUT)
    workspace.file.tabs.setCurrentWidget(workspace.file.entries)
    shoot(window, "22-fahrzeugakte-eintragungen")
    workspace.file.tabs.setCurrentWidget(workspace.file.trust)
    assert workspace.file.trust.light_text.text().startswith("Trust-Ampel")
    shoot(window, "24-fahrzeugakte-trust")
    workspace.file.tabs.setCurrentWidget(workspace.file.master)
    qr = workspace.file.master
    qtbot.waitUntil(lambda: qr.qr_panel is not None and qr.qr_panel.state is not None, timeout=TIMEOUT)
    shoot(window, "25-fahrzeugakte-fahrzeug")

    # offline: the server is down, the entry is kept locally and marked; after the restart it is synced
    live_server.stop()
    try:
        entry_dialog = workspace.new_entry()
        assert entry_dialog is not None
        fill_entry(qtbot, entry_dialog, kind="service", who="own_work", km=183_000, note="Ölwechsel offline")
        qtbot.mouseClick(entry_dialog.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: entries.model.total == 2, timeout=TIMEOUT)
        error = sync_now(qtbot, window, "failed")
        assert getattr(error, "retryable", False)
        assert "fehlgeschlagen" in window.sync_progress.label.text()
        offline = [e for e in EntryRepository(vault).list(vehicle_id) if e.note == "Ölwechsel offline"]
        assert offline
        assert offline[0].pending
        workspace.file.tabs.setCurrentWidget(workspace.file.entries)
        qtbot.waitUntil(lambda: "nicht synchronisiert" in entries.model.index(0, 7).data(), timeout=TIMEOUT)
    finally:
        live_server.restart()
    report = sync_now(qtbot, window)
    assert report.rejected == 0
    offline = [e for e in EntryRepository(vault).list(vehicle_id) if e.note == "Ölwechsel offline"]
    assert offline[0].synced
    assert not offline[0].pending

    # the list: search and collection filter, unsynced marker gone
    workspace.show_list()
    qtbot.waitUntil(lambda: workspace.list.model.rowCount() == 1, timeout=TIMEOUT)
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert workspace.list.search.hasFocus() or workspace.list.search.isVisible()
    qtbot.keyClicks(workspace.list.search, "golf iv")
    assert workspace.list.proxy.rowCount() == 1
    workspace.list.search.clear()
    qtbot.keyClicks(workspace.list.search, "porsche")
    assert workspace.list.proxy.rowCount() == 0
    workspace.list.search.clear()

    # a second vehicle on a free account: the server refuses it (paywall) -> sync-problems panel
    dialog = workspace.new_vehicle()
    qtbot.keyClicks(dialog.vin_edit, "WP0ZZZ99ZTS392124")
    qtbot.keyClicks(dialog.nickname_edit, "Elfer")
    qtbot.keyClicks(dialog.make_edit, "Porsche")
    qtbot.keyClicks(dialog.model_edit, "911 Carrera")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: workspace.in_file and workspace.file.title.text() == "Elfer", timeout=TIMEOUT)
    workspace.show_list()
    qtbot.waitUntil(lambda: workspace.list.model.rowCount() == 2, timeout=TIMEOUT)
    shoot(window, "20-hauptfenster-fahrzeuge")
    # the collection filter offers synced collections only (test_collections_live): none made yet
    assert workspace.list.collection.count() == 1
    report = sync_now(qtbot, window)
    assert report.rejected == 1
    qtbot.waitUntil(lambda: window.sync_progress.problems.isVisible(), timeout=TIMEOUT)
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    panel = window.problems_panel
    assert panel is not None
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=TIMEOUT)
    message = panel.model.index(0, 2).data()
    assert "nur ein Fahrzeug" in message
    assert panel.model.index(0, 0).data() == "Fahrzeug angelegt"
    shoot_over(window, panel, "26-sync-probleme")
    shoot(window, "27-hauptfenster-sync-problem")
    panel.discard_current(confirm=False)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: workspace.list.model.rowCount() == 1, timeout=TIMEOUT)
    window.sync.stop()
    session.close()
