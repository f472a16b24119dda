"""Quarantine review (SPEC §6.4, §11.4): documents in review, newest first, filters, in-memory preview,
approve / reject with reason / rescan / PII mark or override, and bulk approve/reject of a selection."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.services.admin_service import AdminMode
from desktop.sync.admin_api import AdminApi, BulkResult, DocumentRow
from desktop.sync.errors import ApiError
from desktop.ui.admin.common import (
    Column,
    RecordRole,
    RowModel,
    SortRole,
    TextDialog,
    admin_error_text,
    local_time,
    short_id,
    status_label,
)
from desktop.ui.admin.preview import DocumentPreview
from desktop.ui.widgets.common import ErrorBanner


def _size(row: DocumentRow) -> str:
    kib = row.size_bytes / 1024
    return f"{kib / 1024:.1f} MB" if kib >= 1024 else f"{kib:.0f} KB"


class QuarantinePage(QWidget):
    def __init__(self, mode: AdminMode, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = mode
        self.all_rows: list[DocumentRow] = []
        self.current: DocumentRow | None = None
        self.reason_dialog: TextDialog | None = None
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Dokumente in Prüfung"))
        title.setObjectName("sectionTitle")
        layout.addWidget(title)
        filters = QHBoxLayout()
        self.scan_filter = QComboBox()
        self.pii_filter = QComboBox()
        self.scan_filter.addItem(self.tr("Alle Scan-Status"), "")
        for value in ("PENDING", "CLEAN", "INFECTED", "ERROR"):
            self.scan_filter.addItem(status_label(value), value)
        self.pii_filter.addItem(self.tr("Alle PII-Status"), "")
        for value in ("OK", "SUSPECTED", "CONFIRMED"):
            self.pii_filter.addItem(status_label(value), value)
        self.scan_filter.currentIndexChanged.connect(self._apply_filter)
        self.pii_filter.currentIndexChanged.connect(self._apply_filter)
        self.refresh_button = QPushButton(self.tr("Aktualisieren"))
        self.refresh_button.clicked.connect(self.refresh)
        self.count_label = QLabel()
        self.count_label.setObjectName("muted")
        filters.addWidget(QLabel(self.tr("Scan:")))
        filters.addWidget(self.scan_filter)
        filters.addSpacing(12)
        filters.addWidget(QLabel(self.tr("PII:")))
        filters.addWidget(self.pii_filter)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        filters.addWidget(self.refresh_button)
        layout.addLayout(filters)
        self.error = ErrorBanner()
        layout.addWidget(self.error)
        self.info = QLabel()
        self.info.setObjectName("hint")
        self.info.setWordWrap(True)
        self.info.setVisible(False)
        layout.addWidget(self.info)

        self.model = RowModel(
            [
                Column(self.tr("Eingang"), lambda r: local_time(r.created_at), lambda r: r.created_at),
                Column(self.tr("Dokument"), lambda r: short_id(r.id)),
                Column(self.tr("Typ"), lambda r: "PDF" if r.content_type == "application/pdf" else "Bild"),
                Column(self.tr("Größe"), _size, lambda r: r.size_bytes),
                Column(self.tr("Scan"), lambda r: status_label(r.scan_status)),
                Column(self.tr("PII"), lambda r: status_label(r.pii_status)),
            ],
            self,
        )
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.detail = QLabel(self.tr("Kein Dokument gewählt."))
        self.detail.setWordWrap(True)
        right_layout.addWidget(self.detail)
        self.preview = DocumentPreview()
        right_layout.addWidget(self.preview, 1)
        actions = QHBoxLayout()
        self.approve_button = QPushButton(self.tr("Freigeben"))
        self.approve_button.setObjectName("primary")
        self.reject_button = QPushButton(self.tr("Ablehnen …"))
        self.rescan_button = QPushButton(self.tr("Neu scannen"))
        self.pii_button = QPushButton(self.tr("PII …"))
        pii_menu = QMenu(self.pii_button)
        pii_menu.addAction(self.tr("PII vermutet markieren …"), lambda: self.mark_pii("SUSPECTED"))
        pii_menu.addAction(self.tr("PII bestätigt markieren …"), lambda: self.mark_pii("CONFIRMED"))
        pii_menu.addAction(self.tr("PII-Sperre aufheben (Override) …"), lambda: self.mark_pii("OK"))
        self.pii_button.setMenu(pii_menu)
        self.approve_button.clicked.connect(self.approve_selected)
        self.reject_button.clicked.connect(self.reject_selected)
        self.rescan_button.clicked.connect(self.rescan)
        for button in (self.approve_button, self.reject_button, self.rescan_button, self.pii_button):
            actions.addWidget(button)
        right_layout.addLayout(actions)

        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(right)
        splitter.setSizes([620, 600])
        layout.addWidget(splitter, 1)
        self._update_buttons()

    # -- loading -------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.error.clear_message()
        self.mode.call(lambda api: api.quarantine(), self._loaded, self._failed)

    def _loaded(self, rows: tuple[DocumentRow, ...]) -> None:
        self.all_rows = list(rows)
        self._apply_filter()

    def _apply_filter(self) -> None:
        scan, pii = self.scan_filter.currentData(), self.pii_filter.currentData()
        rows = [r for r in self.all_rows if (not scan or r.scan_status == scan) and (not pii or r.pii_status == pii)]
        self.model.set_rows(rows)
        self.count_label.setText(
            self.tr("{shown} von {total} Dokumenten").format(shown=len(rows), total=len(self.all_rows))
        )
        self.current = None
        self.preview.clear(self.tr("Dokument in der Liste wählen, um die Vorschau zu sehen."))
        self.detail.setText(self.tr("Kein Dokument gewählt."))
        self._update_buttons()

    def _failed(self, exc: BaseException) -> None:
        self.error.show_message(admin_error_text(exc))

    def clear(self) -> None:
        """Drop everything shown (the mode ended)."""
        self.all_rows = []
        self.model.clear()
        self.current = None
        self.preview.clear()

    # -- selection and preview -----------------------------------------------------------------------

    def selected(self) -> list[DocumentRow]:
        rows = {i.row() for i in self.table.selectionModel().selectedRows()}
        return [self.proxy.index(r, 0).data(RecordRole) for r in sorted(rows)]

    def select_document(self, document_id: str) -> None:
        """Select exactly this document. ``selectRow`` would read the held keys in this multi-selection table
        (Shift extends from the anchor, Ctrl toggles), so the row is selected through the selection model."""
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(RecordRole).id == document_id:
                self.table.selectionModel().setCurrentIndex(index, flags)
                return

    def _selection_changed(self) -> None:
        chosen = self.selected()
        self._update_buttons()
        if len(chosen) != 1:
            self.current = None
            self.preview.clear(self.tr("{n} Dokumente gewählt.").format(n=len(chosen)) if chosen else "")
            self.detail.setText(self.tr("Mehrfachauswahl: Freigeben und Ablehnen gelten für alle gewählten."))
            return
        doc = self.current = chosen[0]
        self.detail.setText(
            self.tr("Dokument {id} · eingegangen {at} · Scan: {scan} · PII: {pii}").format(
                id=short_id(doc.id),
                at=local_time(doc.created_at),
                scan=status_label(doc.scan_status),
                pii=status_label(doc.pii_status),
            )  # fmt: skip
        )
        self.preview.clear(self.tr("Vorschau wird geladen …"))
        self.mode.call(lambda api: api.content(doc.id), lambda data: self._show(doc, data), self._preview_failed)

    def _show(self, doc: DocumentRow, content: bytes) -> None:
        if self.current is not None and self.current.id == doc.id:
            self.preview.show_content(content, doc.content_type)

    def _preview_failed(self, exc: BaseException) -> None:
        self.preview.clear(admin_error_text(exc))

    def _update_buttons(self) -> None:
        count = len(self.selected())
        for button in (self.approve_button, self.reject_button):
            button.setEnabled(count >= 1)
        self.approve_button.setText(self.tr("Freigeben ({n})").format(n=count) if count > 1 else self.tr("Freigeben"))
        self.reject_button.setText(self.tr("Ablehnen ({n}) …").format(n=count) if count > 1 else self.tr("Ablehnen …"))
        self.rescan_button.setEnabled(count == 1)
        self.pii_button.setEnabled(count == 1)

    # -- actions -------------------------------------------------------------------------------------

    def _done(self, message: str) -> Callable[[Any], None]:
        def show(_: Any) -> None:
            self.info.setText(message)
            self.info.setVisible(True)
            self.refresh()

        return show

    def _bulk_done(self, verb: str) -> Callable[[tuple[BulkResult, ...]], None]:
        def show(results: tuple[BulkResult, ...]) -> None:
            ok = sum(1 for r in results if r.ok)
            refused = [r for r in results if not r.ok]
            text = self.tr("{ok} von {n} Dokumenten {verb}.").format(ok=ok, n=len(results), verb=verb)
            if refused:
                reasons = {admin_error_text(ApiError(r.code)) for r in refused}
                self.error.show_message(self.tr("Nicht bearbeitet: ") + " ".join(sorted(reasons)))
            self.info.setText(text)
            self.info.setVisible(True)
            self.refresh()

        return show

    def approve_selected(self) -> None:
        docs = self.selected()
        self.error.clear_message()
        if len(docs) == 1:
            doc = docs[0]
            self.mode.call(lambda api: api.approve(doc.id), self._done(self.tr("Dokument freigegeben.")), self._failed)
        elif docs:
            ids = [d.id for d in docs]
            verb = self.tr("freigegeben")
            self.mode.call(lambda api: api.bulk_review("approve", ids), self._bulk_done(verb), self._failed)

    def reject_selected(self) -> None:
        docs = self.selected()
        if not docs:
            return
        dialog = self.reason_dialog = TextDialog(
            self.tr("Ablehnen"),
            self.tr("Grund der Ablehnung (die Person, die hochgeladen hat, sieht ihn). Eine Ablehnung ist endgültig."),
            self,
        )
        dialog.accepted.connect(lambda: self._reject(docs, dialog.text()))
        dialog.open()

    def _reject(self, docs: list[DocumentRow], reason: str) -> None:
        self.error.clear_message()
        if len(docs) == 1:
            doc = docs[0]
            done = self._done(self.tr("Dokument abgelehnt."))
            self.mode.call(lambda api: api.reject(doc.id, reason), done, self._failed)
        else:
            ids = [d.id for d in docs]
            verb = self.tr("abgelehnt")
            self.mode.call(lambda api: api.bulk_review("reject", ids, reason), self._bulk_done(verb), self._failed)

    def rescan(self) -> None:
        doc = self.current
        if doc is not None:
            done = self._done(self.tr("Neuer Scan angestoßen."))
            self.mode.call(lambda api: api.rescan(doc.id), done, self._failed)

    def mark_pii(self, status: str) -> None:
        doc = self.current
        if doc is None:
            return
        prompt = (
            self.tr("Begründung für das Aufheben der PII-Sperre (wird protokolliert):")
            if status == "OK"
            else self.tr("Notiz zur PII-Markierung:")
        )
        dialog = self.reason_dialog = TextDialog(self.tr("PII"), prompt, self)

        def send() -> None:
            note = dialog.text()
            done = self._done(self.tr("PII-Status gesetzt: {s}.").format(s=status_label(status)))
            self.mode.call(lambda api: api.mark_pii(doc.id, status, note), done, self._failed)

        dialog.accepted.connect(send)
        dialog.open()

    def run(self, fn: Callable[[AdminApi], Any], on_success: Callable[[Any], None]) -> None:
        """Run one call with this page's error handling (tests and the scan-result menu use it)."""
        self.mode.call(fn, on_success, self._failed)
