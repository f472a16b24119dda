"""Alt+<letter> stays unambiguous in German and in English: with the English translation loaded (and without),
no two actions of one menu, and no two visible menus/tabs/buttons/buddy labels of the main window (the list,
each tab of the vehicle file) or of the main dialogs (new vehicle, new entry, settings, collections) share a
mnemonic. Translations may move the '&' anywhere, so the walk runs once per language."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop.paths import AppPaths
from desktop.services.tasks import TaskRunner
from desktop.ui.app_main import install_translators
from tests.desktop.sync.live_server import LiveServer
from tests.desktop.ui.records_helpers import TIMEOUT, register
from tests.desktop.ui.test_keyboard_mnemonics import collisions, menu_collisions, window_mnemonics
from tests.desktop.ui.test_vehicles_sync_live import make_window, sync_now


@pytest.fixture(params=["de", "en"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    previous = QLocale()
    translators = install_translators(qapp, request.param) if request.param != "de" else []
    yield str(request.param)
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(previous)


def _dialog_walk(qtbot: QtBot, dialog: QWidget) -> list[tuple[str, str]]:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isVisible, timeout=TIMEOUT)
    pairs = window_mnemonics(dialog)
    dialog.close()
    return pairs


def test_no_mnemonic_clash_in_either_language(
    qtbot: QtBot, app_paths: AppPaths, runner: TaskRunner, live_server: LiveServer, language: str
) -> None:
    session = register(qtbot, app_paths, runner, live_server.url, f"mnemonic-{language}@example.org")
    session.go_online()
    qtbot.waitUntil(lambda: session.me is not None, timeout=TIMEOUT)
    window = make_window(qtbot, session, runner)
    workspace = window.workspace
    created: list[object] = []
    window.records.add_vehicle("WVWZZZ1KZAW000779", "Tasten-Golf", {"make": "Volkswagen"}, created.append)
    qtbot.waitUntil(lambda: bool(created), timeout=TIMEOUT)
    report = sync_now(qtbot, window)
    qtbot.waitUntil(lambda: workspace.list.model.rowCount() == 1, timeout=TIMEOUT)
    english = language == "en"
    assert (window.menuBar().actions()[0].text() == "&File") is english  # the translation is really loaded

    assert menu_collisions(window) == {}
    seen: dict[str, list[tuple[str, str]]] = {"list": window_mnemonics(window)}
    local_id = created[0].id  # type: ignore[attr-defined]
    workspace.open_vehicle(report.id_map.get(local_id, local_id))  # type: ignore[attr-defined]
    file = workspace.file
    qtbot.waitUntil(lambda: file.data is not None, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: file.master.qr_panel is not None, timeout=TIMEOUT)
    for index in range(file.tabs.count()):
        file.tabs.setCurrentIndex(index)
        qtbot.wait(20)
        seen[f"tab {file.tabs.tabText(index)}"] = window_mnemonics(window)

    seen["new vehicle"] = _dialog_walk(qtbot, workspace.new_vehicle())
    entry = workspace.new_entry()
    assert entry is not None
    seen["new entry"] = _dialog_walk(qtbot, entry)
    seen["settings"] = _dialog_walk(qtbot, window.open_settings())
    collections = window.open_collections()
    qtbot.waitUntil(lambda: runner.running == 0, timeout=TIMEOUT)
    assert collections.windowTitle() == ("Collections and fleets" if english else "Sammlungen und Flotten")
    seen["collections"] = _dialog_walk(qtbot, collections)

    clashes = {screen: clash for screen, pairs in seen.items() if (clash := collisions(pairs))}
    assert clashes == {}
    for screen, pairs in seen.items():
        if screen != "settings":  # the settings dialog has no mnemonics yet (nothing to clash)
            assert len(pairs) >= 3, (screen, pairs)  # the walk really saw the screen's mnemonics
