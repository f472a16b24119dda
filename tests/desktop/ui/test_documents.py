"""Dokumente tab: folders, a badge per status, the in-memory viewer, dialog/drag-and-drop checks, keyboard."""

from __future__ import annotations

import io
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from desktop.services.documents_service import Badge, Category, DocumentsService
from desktop.services.tasks import TaskRunner
from desktop.store.repositories import DocumentRepository
from desktop.store.vault import Vault
from desktop.ui.documents.documents_tab import DocumentsModel, DocumentsTab
from tests.desktop.ui.docs_support import (
    VEHICLE_ID,
    files_containing,
    open_vault,
    pdf_bytes,
    png_file,
    screenshot,
    seed,
)

STATUS_ROWS = [
    {"id": str(uuid.uuid4()), "filename": "Rechnung Inspektion 2024.pdf", "content_type": "application/pdf",
     "approval_status": "QUARANTINED", "scan_status": "PENDING", "pii_status": "OK", "entry_id": None},
    {"id": str(uuid.uuid4()), "filename": "TÜV-Bericht HU.pdf", "content_type": "application/pdf",
     "approval_status": "APPROVED", "scan_status": "CLEAN", "pii_status": "OK"},
    {"id": str(uuid.uuid4()), "filename": "Kaufvertrag.pdf", "content_type": "application/pdf",
     "approval_status": "REJECTED", "scan_status": "CLEAN", "pii_status": "OK"},
    {"id": str(uuid.uuid4()), "filename": "Zulassung mit Adresse.jpg", "content_type": "image/jpeg",
     "approval_status": "QUARANTINED", "scan_status": "CLEAN", "pii_status": "SUSPECTED"},
]  # fmt: skip
EXPECTED = [Badge.IN_REVIEW, Badge.APPROVED, Badge.REJECTED, Badge.PRIVACY_REVIEW]


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private temp dir for this test, so "nothing written in clear" can be checked everywhere we write."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    opened = open_vault(tmp_path / "vault")
    seed(opened, STATUS_ROWS)
    yield opened
    opened.close()


@pytest.fixture
def service(vault: Vault) -> DocumentsService:
    return DocumentsService(lambda: vault, TaskRunner.synchronous())


@pytest.fixture
def tab(qtbot: QtBot, service: DocumentsService) -> DocumentsTab:
    widget = DocumentsTab(service, VEHICLE_ID)
    qtbot.addWidget(widget)
    return widget


def test_every_status_has_its_badge(tab: DocumentsTab) -> None:
    badges = tab.badges()
    assert [badges[row["id"]] for row in STATUS_ROWS] == EXPECTED
    shown = {
        tab.model.index(r, DocumentsModel.NAME).data(): tab.model.index(r, DocumentsModel.STATUS).data()
        for r in range(tab.model.rowCount())
    }
    assert shown == {
        "Rechnung Inspektion 2024.pdf": "in Prüfung",
        "TÜV-Bericht HU.pdf": "freigegeben",
        "Kaufvertrag.pdf": "abgelehnt",
        "Zulassung mit Adresse.jpg": "Datenschutz-Prüfung",
    }
    screenshot(tab, "40-dokumente")
    screenshot(tab, "40-dokumente-1920", (1920, 1080))


def test_folders_sort_documents(tab: DocumentsTab, vault: Vault) -> None:
    snapshot = tab.snapshot
    assert len(snapshot.in_category(Category.ARCHIVE)) == 4
    assert [d.filename for d in snapshot.in_category(Category.GALLERY)] == ["Zulassung mit Adresse.jpg"]
    assert len(snapshot.in_category(Category.DOCUMENTATION)) == 3
    assert snapshot.in_category(Category.CERTIFICATES) == []
    tab.folders.setCurrentItem(tab._folder_items[Category.CERTIFICATES])
    assert tab.stack.currentWidget() is tab.empty
    assert "Zertifikate" in tab.empty.text()


def test_viewer_opens_a_pdf_from_the_vault_without_plaintext_on_disk(
    qtbot: QtBot, tab: DocumentsTab, vault: Vault, tmp_path: Path, private_tmp: Path
) -> None:
    marker = f"LTC-MARKER-{uuid.uuid4().hex}"
    content = pdf_bytes(marker)
    assert marker.encode() in content  # the check below would be empty otherwise
    DocumentRepository(vault).attach(VEHICLE_ID, io.BytesIO(content), filename="Werkstattrechnung.pdf")
    tab.reload()
    row = next(r for r in range(tab.model.rowCount()) if tab.model.rows[r].filename == "Werkstattrechnung.pdf")
    tab.table.setCurrentIndex(tab.model.index(row, 0))
    tab.table.setFocus()
    with qtbot.waitSignal(tab.viewer_opened, timeout=5000) as opened:
        qtbot.keyClick(tab.table, Qt.Key.Key_Return)  # keyboard: Enter opens the viewer
    viewer = opened.args[0]
    qtbot.addWidget(viewer)
    assert viewer.kind == "pdf"
    assert viewer.pdf.pageCount() == 1
    assert files_containing(tmp_path, marker.encode()) == []
    screenshot(viewer, "42-dokument-ansicht")
    viewer.resize(1920, 1080)
    qtbot.wait(400)  # QPdfView renders the page at the new zoom in the background
    screenshot(viewer, "42-dokument-ansicht-1920", (1920, 1080))
    viewer.close()


def test_drag_and_drop_adds_a_file_and_refuses_others_in_german(
    qtbot: QtBot, tab: DocumentsTab, tmp_path: Path
) -> None:
    photo = png_file(tmp_path / "Motorraum vorher.png")
    text = tmp_path / "notizen.txt"
    text.write_text("keine Datei für das Serviceheft")
    huge = tmp_path / "scan.pdf"
    with huge.open("wb") as handle:
        handle.write(b"%PDF-1.7\n")
        handle.truncate(21 * 1024 * 1024)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in (photo, text, huge)])
    event = QDropEvent(QPoint(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)  # fmt: skip
    tab.dropEvent(event)
    gallery = tab.snapshot.in_category(Category.GALLERY)
    assert "Motorraum vorher.png" in [d.filename for d in gallery]
    assert [d.filename for d in tab.snapshot.documents].count("scan.pdf") == 0
    assert "„notizen.txt“ ist kein erlaubter Dateityp: nur PDF, JPEG und PNG." in tab.banner.text()
    assert "„scan.pdf“ ist zu groß: höchstens 20 MB pro Datei." in tab.banner.text()
    tab.folders.setCurrentItem(tab._folder_items[Category.GALLERY])
    assert tab.gallery.count() == 2
    added = next(tab.gallery.item(i) for i in range(tab.gallery.count()) if "Motorraum" in tab.gallery.item(i).text())
    assert not added.icon().isNull()  # thumbnail decrypted in memory
    screenshot(tab, "41-dokumente-galerie")
    screenshot(tab, "41-dokumente-galerie-1920", (1920, 1080))


def test_every_action_is_reachable_by_keyboard(qtbot: QtBot, tab: DocumentsTab) -> None:
    for button in tab.findChildren(QPushButton):
        assert button.focusPolicy() & Qt.FocusPolicy.TabFocus
        assert "&" in button.text(), button.text()
    tab.show()
    tab.add_button.setFocus()
    order = [tab.add_button]
    widget = tab.add_button
    for _ in range(3):
        widget = widget.nextInFocusChain()
        while not (widget.focusPolicy() & Qt.FocusPolicy.TabFocus) or not widget.isVisibleTo(tab):
            widget = widget.nextInFocusChain()
        order.append(widget)
    assert order[1:] == [tab.open_button, tab.folders, tab.table]
    keys = [s.key() for s in tab.findChildren(QShortcut)]
    assert QKeySequence(QKeySequence.StandardKey.Open) in keys  # Ctrl+O opens the file dialog
