"""Against a real server: a collection made on another device reaches the vehicle list's filter with the next
sync and filters the list; the desktop creates, fills and deletes collections online (REST) and says so
clearly when it is offline."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.paths import AppPaths
from desktop.services.tasks import TaskRunner
from desktop.store import collections as store
from desktop.sync.client import ApiClient
from desktop.sync.collections_api import CollectionsApi
from desktop.ui.vehicles.collections_dialog import CollectionsDialog
from shared.collections import CollectionKind
from tests.desktop.sync.live_server import LiveServer
from tests.desktop.ui.conftest import PASSWORD
from tests.desktop.ui.records_helpers import TIMEOUT, clipped_texts, register, shoot, shoot_over
from tests.desktop.ui.test_vehicles_sync_live import make_window, sync_now

EMAIL = "sammler-ui@example.org"


@pytest.fixture(autouse=True)
def german_locale() -> Iterator[None]:
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    yield
    QLocale.setDefault(previous)


def _filter_labels(window: object) -> list[str]:
    combo = window.workspace.list.collection  # type: ignore[attr-defined]
    return [combo.itemText(i) for i in range(combo.count())]


def _choose(window: object, collection_id: str) -> None:
    combo = window.workspace.list.collection  # type: ignore[attr-defined]
    index = combo.findData(collection_id)
    assert index > 0
    combo.setCurrentIndex(index)


def test_collection_from_another_device_filters_the_list(
    qtbot: QtBot, app_paths: AppPaths, runner: TaskRunner, live_server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = register(qtbot, app_paths, runner, live_server.url, EMAIL)
    session.go_online()
    qtbot.waitUntil(lambda: session.me is not None, timeout=TIMEOUT)
    window = make_window(qtbot, session, runner)
    listing = window.workspace.list
    qtbot.waitUntil(lambda: listing.loaded, timeout=TIMEOUT)
    window.records.add_vehicle("WVWZZZ1JZXW000777", "Sammlerstück", {"make": "Volkswagen", "model": "Käfer"})
    qtbot.waitUntil(lambda: listing.model.rowCount() == 1, timeout=TIMEOUT)
    assert sync_now(qtbot, window).rejected == 0
    qtbot.waitUntil(lambda: listing.model.rows()[0].synced, timeout=TIMEOUT)
    vehicle_id = listing.model.rows()[0].id  # the server's id now

    # another device of the same account makes a collection with the vehicle and an empty fleet
    other = ApiClient(live_server.url)
    other.login(EMAIL, PASSWORD)
    api = CollectionsApi(other)
    oldtimer = api.create("Oldtimer")["id"]
    api.add_vehicle(oldtimer, vehicle_id)
    fleet = api.create("Flotte Nord", CollectionKind.FLEET)["id"]
    assert _filter_labels(window) == ["Alle Fahrzeuge"]  # nothing before the sync

    sync_now(qtbot, window)
    qtbot.waitUntil(
        lambda: _filter_labels(window) == ["Alle Fahrzeuge", "Flotte Nord (Flotte)", "Oldtimer"], timeout=TIMEOUT
    )
    assert listing.model.rows()[0].collection == "Oldtimer"
    _choose(window, oldtimer)
    assert listing.proxy.rowCount() == 1
    _choose(window, fleet)
    assert listing.proxy.rowCount() == 0
    assert listing.count_label.text() == "0 von 1 Fahrzeugen"
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: clipped_texts(window) == [], timeout=TIMEOUT)  # the count label re-laid out
    shoot(window, "30-sammlungen-filter")

    # the other device deletes the fleet: gone from the filter after the next sync, the list shows all again
    api.delete(fleet)
    sync_now(qtbot, window)
    qtbot.waitUntil(lambda: _filter_labels(window) == ["Alle Fahrzeuge", "Oldtimer"], timeout=TIMEOUT)
    assert listing.proxy.rowCount() == 1

    # the desktop's own dialog: create (online, REST), put the vehicle in, see it in the filter at once
    dialog = window.open_collections()
    assert isinstance(dialog, CollectionsDialog)
    qtbot.waitUntil(lambda: dialog.list.count() == 1, timeout=TIMEOUT)
    monkeypatch.setattr(
        "desktop.ui.vehicles.collections_dialog.QInputDialog.getText", lambda *a, **k: ("  Alltag  ", True)
    )
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.list.count() == 2 and dialog.current() is not None, timeout=TIMEOUT)
    assert dialog.current().name == "Alltag"
    qtbot.waitUntil(lambda: dialog.members.count() == 1, timeout=TIMEOUT)
    dialog.members.item(0).setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(
        lambda: dialog.current() is not None and dialog.current().vehicle_ids == (vehicle_id,), timeout=TIMEOUT
    )
    qtbot.waitUntil(lambda: "Alltag" in _filter_labels(window), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: listing.model.rows()[0].collection == "Alltag, Oldtimer", timeout=TIMEOUT)
    window.workspace.show_list()
    shoot_over(window, dialog, "31-sammlungen-verwalten")
    # the server has it too (what another device will pull)
    alltag = next(c for c in other._authed("GET", "/collections") if c["name"] == "Alltag")
    assert alltag["vehicle_ids"] == [vehicle_id]

    # the vehicle file names the vehicle's collections
    window.workspace.open_vehicle(vehicle_id)
    values = window.workspace.file.master.values
    qtbot.waitUntil(lambda: values["collection"].text() == "Alltag, Oldtimer", timeout=TIMEOUT)

    # offline: a clear German message, nothing changes locally
    monkeypatch.setattr(
        "desktop.ui.vehicles.collections_dialog.QMessageBox.question", lambda *a, **k: QMessageBox.StandardButton.Yes
    )
    monkeypatch.setattr(session, "client", None)
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.error.isVisible, timeout=TIMEOUT)
    assert "nur online" in dialog.error.text()
    assert [c.name for c in store.list_collections(session.vault)] == ["Alltag", "Oldtimer"]
    qtbot.waitUntil(lambda: runner.running == 0, timeout=TIMEOUT)  # the dialog's re-read after the failure
    dialog.close()
    other.close()
