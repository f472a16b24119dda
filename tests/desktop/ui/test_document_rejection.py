"""The owner's Dokumente tab says why a document was rejected: the reason from the replica row as a tooltip on
the badge (table and gallery) and as a detail line under the list, in German and in English."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.services.documents_service import Category, DocumentsService
from desktop.services.tasks import TaskRunner
from desktop.store.vault import Vault
from desktop.ui.app_main import install_translators
from desktop.ui.documents.documents_tab import DocumentsModel, DocumentsTab
from tests.desktop.ui.docs_support import VEHICLE_ID, open_vault, seed

REVIEWED = str(uuid.uuid4())
INFECTED = str(uuid.uuid4())
SILENT = str(uuid.uuid4())
APPROVED = str(uuid.uuid4())
ROWS = [
    {"id": REVIEWED, "filename": "Kaufvertrag.pdf", "content_type": "application/pdf", "approval_status": "REJECTED",
     "scan_status": "CLEAN", "pii_status": "OK", "reject_reason": "Das Dokument gehört zu einem anderen Fahrzeug."},
    {"id": INFECTED, "filename": "Rechnung.pdf", "content_type": "application/pdf", "approval_status": "REJECTED",
     "scan_status": "INFECTED", "pii_status": "OK", "reject_reason": "infected_auto_reject"},
    {"id": SILENT, "filename": "Foto.jpg", "content_type": "image/jpeg", "approval_status": "REJECTED",
     "scan_status": "CLEAN", "pii_status": "OK", "reject_reason": None},
    {"id": APPROVED, "filename": "TÜV.pdf", "content_type": "application/pdf", "approval_status": "APPROVED",
     "scan_status": "CLEAN", "pii_status": "OK"},
]  # fmt: skip


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    opened = open_vault(tmp_path / "vault")
    seed(opened, ROWS)
    yield opened
    opened.close()


@pytest.fixture
def tab(qtbot: QtBot, vault: Vault) -> DocumentsTab:
    widget = DocumentsTab(DocumentsService(lambda: vault, TaskRunner.synchronous()), VEHICLE_ID)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    return widget


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    previous = QLocale()
    translators = install_translators(qapp, "en")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(previous)


def _select(tab: DocumentsTab, doc_id: str) -> None:
    row = next(r for r, d in enumerate(tab.model.rows) if d.id == doc_id)
    tab.table.selectRow(row)
    tab.table.setCurrentIndex(tab.model.index(row, DocumentsModel.NAME))


def _tooltip(tab: DocumentsTab, doc_id: str) -> str:
    row = next(r for r, d in enumerate(tab.model.rows) if d.id == doc_id)
    return str(tab.model.index(row, DocumentsModel.STATUS).data(Qt.ItemDataRole.ToolTipRole))


def test_reason_in_tooltip_and_detail_line(tab: DocumentsTab) -> None:
    assert "„Das Dokument gehört zu einem anderen Fahrzeug.“" in _tooltip(tab, REVIEWED)
    assert "Schadsoftware" in _tooltip(tab, INFECTED)
    assert "infected_auto_reject" not in _tooltip(tab, INFECTED)  # a code is never shown as such
    assert "kein Grund angegeben" in _tooltip(tab, SILENT)
    assert "Begründung" not in _tooltip(tab, APPROVED)

    _select(tab, REVIEWED)
    assert tab.detail.isVisible()
    assert tab.detail.text() == (
        "„Kaufvertrag.pdf“ wurde abgelehnt. Begründung der Prüfung: „Das Dokument gehört zu einem anderen Fahrzeug.“"
    )
    tab.grab().save("/tmp/ltc-rejected-de.png")
    _select(tab, INFECTED)
    assert "Schadsoftware" in tab.detail.text()
    _select(tab, APPROVED)
    assert not tab.detail.isVisible()

    # the gallery shows the same reason on the image's tooltip and under the list
    tab.folders.setCurrentItem(tab._folder_items[Category.GALLERY])
    item = tab.gallery.item(0)
    assert "kein Grund angegeben" in item.toolTip()
    assert "„Foto.jpg“ wurde abgelehnt." in tab.detail.text()


def test_reason_in_english(english: None, tab: DocumentsTab) -> None:
    tab.reload()
    _select(tab, REVIEWED)
    # the reviewer's own words stay as written; the sentence around them is English
    assert tab.detail.text() == (
        "“Kaufvertrag.pdf” was rejected. Reason given by the review: “Das Dokument gehört zu einem anderen Fahrzeug.”"
    )
    assert "malware" in _tooltip(tab, INFECTED)
    assert "No reason was given" in _tooltip(tab, SILENT)
    tab.grab().save("/tmp/ltc-rejected-en.png")
