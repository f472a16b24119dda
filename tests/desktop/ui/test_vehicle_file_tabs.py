"""The integrated vehicle file against a real server: every tab (Fahrzeug with the public QR, Eintragungen,
Dokumente, Trust, Trust-Ordner) is reachable and shows the vehicle; the tabs refresh from change-sets; the
workshop page opens from the main window (Strg+Umschalt+W)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from pytestqt.qtbot import QtBot

from desktop.paths import AppPaths
from desktop.services.changes import DOCUMENTS, ChangeSet
from desktop.services.tasks import TaskRunner
from desktop.ui.main_window import MainWindow
from tests.desktop.sync.live_server import LiveServer
from tests.desktop.ui.records_helpers import TIMEOUT, register, shoot, tiny_png
from tests.desktop.ui.test_vehicles_sync_live import activate, make_window, sync_now


@pytest.fixture(autouse=True)
def german_locale() -> Iterator[None]:
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    yield
    QLocale.setDefault(previous)


def tab_titles(window: MainWindow) -> list[str]:
    tabs = window.workspace.file.tabs
    return [tabs.tabText(i).replace("&", "") for i in range(tabs.count())]


def test_every_tab_of_the_vehicle_file(
    qtbot: QtBot, app_paths: AppPaths, runner: TaskRunner, live_server: LiveServer, tmp_path: Path
) -> None:
    session = register(qtbot, app_paths, runner, live_server.url, "akte-reiter@example.org")
    session.go_online()
    qtbot.waitUntil(lambda: session.me is not None, timeout=TIMEOUT)
    window = make_window(qtbot, session, runner)
    workspace = window.workspace
    records = window.records
    created: list[object] = []
    records.add_vehicle("WVWZZZ1KZAW000777", "Blauer Golf", {"make": "Volkswagen", "model": "Golf VI"}, created.append)
    qtbot.waitUntil(lambda: bool(created), timeout=TIMEOUT)
    entries_done: list[object] = []
    records.add_entry(
        created[0].id,  # type: ignore[attr-defined]
        {"date": "2024-03-12", "type": "inspection", "performed_by": "statutory", "km": 98_000},
        [tiny_png(tmp_path / "rechnung.png")],
        entries_done.append,
    )
    qtbot.waitUntil(lambda: bool(entries_done), timeout=TIMEOUT)
    report = sync_now(qtbot, window)
    assert report.rejected == 0  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: workspace.list.model.rowCount() == 1, timeout=TIMEOUT)

    local_id = created[0].id  # type: ignore[attr-defined]
    vehicle_id = report.id_map.get(local_id, local_id)  # type: ignore[attr-defined]
    activate(qtbot, window)
    workspace.open_vehicle(vehicle_id)
    file = workspace.file
    qtbot.waitUntil(lambda: file.data is not None, timeout=TIMEOUT)
    assert tab_titles(window) == ["Fahrzeug", "Eintragungen", "Dokumente", "Trust", "Trust-Ordner"]

    # Fahrzeug: master data and the public QR (loaded from the server)
    assert file.tabs.currentWidget() is file.master
    assert file.master.values["nickname"].text() == "Blauer Golf"
    qtbot.waitUntil(lambda: file.master.qr_panel is not None, timeout=TIMEOUT)  # made after the timeline
    panel = file.master.qr_panel
    assert not file.master.qr_placeholder.isVisibleTo(file.master)
    qtbot.waitUntil(lambda: panel.state is not None, timeout=TIMEOUT)  # type: ignore[attr-defined]
    assert file.vehicle_id == vehicle_id
    assert panel.state.vehicle_id == vehicle_id  # type: ignore[attr-defined]
    assert "/public/qr/" in (panel.state.url or "")  # type: ignore[attr-defined]
    shoot(window, "25-fahrzeugakte-fahrzeug")

    # every tab by keyboard: Ctrl+Tab walks them in SPEC order
    file.tabs.setFocus()
    seen = [file.tabs.currentIndex()]
    for _ in range(file.tabs.count() - 1):
        qtbot.keyClick(file.tabs, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
        seen.append(file.tabs.currentIndex())
    assert seen == [0, 1, 2, 3, 4]

    # Eintragungen
    file.tabs.setCurrentWidget(file.entries)
    qtbot.waitUntil(lambda: file.entries.model.total == 1, timeout=TIMEOUT)
    # Dokumente: the entry's attachment, with its badge
    file.tabs.setCurrentWidget(file.documents)
    docs = file.documents
    qtbot.waitUntil(lambda: len(docs.snapshot.documents) == 1, timeout=TIMEOUT)
    assert docs.vehicle_id == file.vehicle_id
    assert docs.snapshot.documents[0].filename == "rechnung.png"
    shoot(window, "28-fahrzeugakte-dokumente")
    # Trust
    file.tabs.setCurrentWidget(file.trust)
    assert file.trust.light_text.text()
    # Trust-Ordner
    file.tabs.setCurrentWidget(file.folders)
    qtbot.waitUntil(
        lambda: file.folders.snapshot is not None and file.folders.snapshot.vehicle_id == vehicle_id, timeout=TIMEOUT
    )
    shoot(window, "29-fahrzeugakte-trust-ordner")

    # change-sets: a file added through the documents service shows in Dokumente and in the timeline's count
    file.tabs.setCurrentWidget(file.documents)
    refused = records.documents.attach_files(file.vehicle_id, [tiny_png(tmp_path / "foto.png")])
    assert refused == []
    qtbot.waitUntil(lambda: len(docs.snapshot.documents) == 2, timeout=TIMEOUT)
    # a sync's change-set (every kind) reaches the tabs through the one hub signal
    loads: list[str] = []
    original = docs.service.load_documents
    docs.service.load_documents = lambda vid, then: (loads.append(vid), original(vid, then))
    records.relay(ChangeSet.of(DOCUMENTS, vehicles=["another-vehicle"]))
    assert loads == []
    records.relay(ChangeSet.everything())
    assert loads == [file.vehicle_id]
    docs.service.load_documents = original

    # the workshop page from the main window, with a helpful text for an owner without a workshop
    activate(qtbot, window)
    assert window.workshop_action.shortcut().toString() == "Ctrl+Shift+W"
    window.workshop_action.trigger()
    page = window.workshop_page
    qtbot.waitUntil(lambda: window.workshop_window is not None and window.workshop_window.isVisible())
    qtbot.keyClicks(page.code_edit, "AbCdEfGhIjKlMnOpQrSt")
    qtbot.keyClick(page.code_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.banner.isVisibleTo(page), timeout=TIMEOUT)
    assert "Werkstatt" in page.banner.text()
