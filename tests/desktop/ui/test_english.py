"""With ``--lang en`` the main window, the vehicle file's tabs, the entry dialog and the documents tab show no
German words; the catalogue of texts that reach ``tr()`` through variables stays complete."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QLocale, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.credentials import MemorySecretStore
from desktop.paths import AppPaths
from desktop.services.tasks import TaskRunner
from desktop.store.problem_messages import FALLBACK, MESSAGES
from desktop.ui.app_main import install_translators
from desktop.ui.main_window import MainWindow
from desktop.ui.vehicles.common import CATALOGUE
from desktop.ui.vehicles.vehicle_dialog import VEHICLE_CLASSES
from shared.entries import EntryType, PerformedBy
from shared.trust.facts import AccidentStatus
from tests.desktop.ui.conftest import make_session
from tests.desktop.ui.docs_support import VEHICLE_ID, open_vault, seed

GERMAN = ("Fahrzeug", "Eintragung", "Dokumente", "Speichern", "Abbrechen", "Synchronis", "Werkstatt", "Stammdaten")


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    previous = QLocale()
    translators = install_translators(qapp, "en")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(previous)


def model_texts(model: QAbstractItemModel) -> list[str]:
    """Header texts and the first row's display texts of a view's model."""
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(QModelIndex())
    texts = [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(columns)]
    if model.rowCount(QModelIndex()):
        texts.extend(str(model.index(0, c).data() or "") for c in range(columns))
    return texts


def visible_texts(root: QWidget) -> list[str]:
    """The texts a user sees in ``root``: labels, buttons, tabs, group titles, placeholders, table headers."""
    texts: list[str] = []
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if widget is not root and not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
            texts.append(widget.toolTip())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        elif isinstance(widget, QComboBox):
            texts.extend(widget.itemText(i) for i in range(widget.count()))
        elif isinstance(widget, QTabBar):
            texts.extend(widget.tabText(i) for i in range(widget.count()))
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            texts.extend(model_texts(widget.model()))
    if isinstance(root, QMainWindow):
        for menu_action in root.menuBar().actions():
            texts.append(menu_action.text())
            if menu_action.menu() is not None:
                texts.extend(a.text() for a in menu_action.menu().actions())
    return [t.replace("&", "") for t in texts if t]


def german_in(texts: list[str]) -> list[str]:
    return [t for t in texts if any(word in t for word in GERMAN)]


def test_english_main_window_vehicle_file_entry_dialog_and_documents(
    qtbot: QtBot, english: None, app_paths: AppPaths, runner: TaskRunner, tmp_path: Path
) -> None:
    vault = open_vault(tmp_path / "vault")
    seed(
        vault,
        [{"id": "0193a000-0000-7000-8000-0000000000d1", "filename": "invoice.pdf", "content_type": "application/pdf"}],
    )
    session = make_session(app_paths, runner, "http://127.0.0.1:9", MemorySecretStore())
    session.vault = vault
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    workspace = window.workspace
    qtbot.waitUntil(lambda: workspace.list.loaded, timeout=10_000)
    assert german_in(visible_texts(window)) == []
    assert window.workshop_action.text().replace("&", "") == "Add vehicle by QR code …"

    workspace.open_vehicle(VEHICLE_ID)
    file = workspace.file
    qtbot.waitUntil(lambda: file.data is not None, timeout=10_000)
    titles = [file.tabs.tabText(i).replace("&", "") for i in range(file.tabs.count())]
    assert titles == ["Vehicle", "Entries", "Documents", "Trust", "Trust folders"]
    for index in range(file.tabs.count()):
        file.tabs.setCurrentIndex(index)
        qtbot.wait(10)
        assert german_in(visible_texts(window)) == [], titles[index]
    file.tabs.setCurrentWidget(file.documents)
    qtbot.waitUntil(lambda: len(file.documents.snapshot.documents) == 1, timeout=10_000)
    documents_texts = visible_texts(file.documents)
    assert german_in(documents_texts) == []
    assert "in review" in [file.documents.model.index(0, 3).data()]

    dialog = file.entries.new_entry()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.isVisible)
    texts = visible_texts(dialog)
    assert german_in(texts) == []
    assert "Save" in texts
    assert "Cancel" in texts
    assert any(t.startswith("Well-kept data = better trust level") for t in texts)
    dialog.reject()
    vault.close()


def test_every_text_reaching_tr_through_a_variable_is_in_the_catalogue() -> None:
    labels = {
        *(t.label for t in EntryType),
        *(p.label for p in PerformedBy),
        *(a.label for a in AccidentStatus),
        *VEHICLE_CLASSES,
        *MESSAGES.values(),
        FALLBACK,
    }
    assert labels - set(CATALOGUE) == set()
