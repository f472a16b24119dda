"""Alt+<letter> is unambiguous: within the main window (menu bar, the list view, the vehicle file with each of its
tabs) no two visible menus/tabs/buttons/buddy labels share a mnemonic, and within each menu no two actions do."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QMenu, QTabBar, QWidget
from pytestqt.qtbot import QtBot

from desktop.paths import AppPaths
from desktop.services.tasks import TaskRunner
from desktop.ui.main_window import MainWindow
from tests.desktop.sync.live_server import LiveServer
from tests.desktop.ui.records_helpers import TIMEOUT, register
from tests.desktop.ui.test_vehicles_sync_live import make_window, sync_now


def mnemonic(text: str) -> str | None:
    """The letter after a single '&' ('&&' is a literal ampersand), lower-cased; None without one."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] == "&":
                i += 2
                continue
            return text[i + 1].lower()
        i += 1
    return None


def window_mnemonics(window: QWidget) -> list[tuple[str, str]]:
    """(letter, text) of every visible mnemonic owner whose window is ``window`` (dialogs are their own windows)."""
    found: list[tuple[str, str]] = []
    menu_bar = window.menuBar() if hasattr(window, "menuBar") else None
    if menu_bar is not None:
        found += [(mnemonic(a.text()) or "", a.text()) for a in menu_bar.actions() if a.isVisible()]
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not window:
            continue
        if isinstance(widget, QAbstractButton):
            found.append((mnemonic(widget.text()) or "", widget.text()))
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            found.append((mnemonic(widget.text()) or "", widget.text()))
        elif isinstance(widget, QGroupBox):
            found.append((mnemonic(widget.title()) or "", widget.title()))
        elif isinstance(widget, QTabBar):
            found += [
                (mnemonic(widget.tabText(i)) or "", widget.tabText(i))
                for i in range(widget.count())
                if widget.isTabVisible(i)
            ]
    return [(letter, text) for letter, text in found if letter]


def collisions(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    by_letter: dict[str, list[str]] = defaultdict(list)
    for letter, text in pairs:
        by_letter[letter].append(text)
    return {letter: texts for letter, texts in by_letter.items() if len(texts) > 1}


def menu_collisions(window: MainWindow) -> dict[str, dict[str, list[str]]]:
    result = {}
    for top in window.menuBar().actions():
        menu = top.menu()
        assert isinstance(menu, QMenu)
        menu.aboutToShow.emit()  # e.g. the Konto menu shows Admin-Modus only for admins
        pairs = [(mnemonic(a.text()) or "", a.text()) for a in menu.actions() if a.isVisible() and not a.isSeparator()]
        clash = collisions([(letter, text) for letter, text in pairs if letter])
        if clash:
            result[top.text()] = clash
    return result


def test_mnemonics_are_unique_in_the_main_window_and_the_vehicle_file(
    qtbot: QtBot, app_paths: AppPaths, runner: TaskRunner, live_server: LiveServer
) -> None:
    session = register(qtbot, app_paths, runner, live_server.url, "tasten@example.org")
    session.go_online()
    qtbot.waitUntil(lambda: session.me is not None, timeout=TIMEOUT)
    window = make_window(qtbot, session, runner)
    workspace = window.workspace
    created: list[object] = []
    window.records.add_vehicle("WVWZZZ1KZAW000778", "Tasten-Golf", {"make": "Volkswagen"}, created.append)
    qtbot.waitUntil(lambda: bool(created), timeout=TIMEOUT)
    report = sync_now(qtbot, window)
    qtbot.waitUntil(lambda: workspace.list.model.rowCount() == 1, timeout=TIMEOUT)

    assert menu_collisions(window) == {}
    screens: dict[str, dict[str, list[str]]] = {}
    seen: dict[str, list[tuple[str, str]]] = {}
    seen["Fahrzeugliste"] = window_mnemonics(window)

    local_id = created[0].id  # type: ignore[attr-defined]
    workspace.open_vehicle(report.id_map.get(local_id, local_id))  # type: ignore[attr-defined]
    file = workspace.file
    qtbot.waitUntil(lambda: file.data is not None, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: file.master.qr_panel is not None, timeout=TIMEOUT)  # made after the timeline
    panel = file.master.qr_panel
    qtbot.waitUntil(lambda: panel.state is not None, timeout=TIMEOUT)  # type: ignore[attr-defined]
    for index in range(file.tabs.count()):
        file.tabs.setCurrentIndex(index)
        qtbot.wait(20)
        seen[file.tabs.tabText(index)] = window_mnemonics(window)

    for screen, pairs in seen.items():
        assert len(pairs) >= 6, (screen, pairs)  # the walk really saw the menus and the screen's widgets
        clash = collisions(pairs)
        if clash:
            screens[screen] = clash
    assert screens == {}
    # the QR panel's buttons were part of the Fahrzeug tab's walk
    assert ("r", "Aufkleber d&rucken …") in seen["Fahr&zeug"]
