"""Audit log browser (SPEC §11.6): filters, keyset paging, CSV export of the filtered view without PII.

The export holds only codes and internal ids (no e-mail, no metadata, no free text); it is written only
when the admin picks a file."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.services.admin_service import AdminMode
from desktop.sync.admin_api import AdminApi, AuditPage, AuditQuery, AuditRow
from desktop.ui.admin.common import Column, RowModel, admin_error_text, local_time, short_id
from desktop.ui.widgets.common import ErrorBanner

CSV_COLUMNS = (
    "created_at",
    "action",
    "result",
    "actor_type",
    "actor_role",
    "actor_id",
    "target_type",
    "target_id",
    "reason_code",
    "request_id",
)
EXPORT_MAX_PAGES = 100
COMMON_ACTIONS = (
    "ROLE_GRANTED",
    "ROLE_REVOKED",
    "MODERATOR_ACCREDITED",
    "ADMIN_STEP_UP_SUCCESS",
    "ADMIN_STEP_UP_FAILED",
    "UPLOAD_APPROVED",
    "UPLOAD_REJECTED",
    "DOCUMENT_PII_OVERRIDE",
    "VIP_BUSINESS_CREATED",
    "VIP_BUSINESS_STAFF_ADDED",
    "ORG_MEMBERSHIP_APPROVED",
    "ADDON_CONFIG_SET",
    "ACCESS_DENIED",
)
TARGET_TYPES = ("USER", "ORG", "ORG_MEMBERSHIP", "DOCUMENT", "VEHICLE", "ENTRY", "ADDON", "STEP_UP_GRANT", "ROUTE")


def audit_csv(rows: Iterable[AuditRow]) -> str:
    """The rows as CSV (UTF-8 text, header first); codes and internal ids only."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow([getattr(row, name) or "" for name in CSV_COLUMNS])
    return out.getvalue()


class AuditPageWidget(QWidget):
    def __init__(self, mode: AdminMode, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = mode
        self.next_cursor: str | None = None
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Audit-Log"))
        title.setObjectName("sectionTitle")
        layout.addWidget(title)
        grid = QGridLayout()
        self.action = QComboBox()
        self.action.setEditable(True)
        self.action.addItem("")
        self.action.addItems(COMMON_ACTIONS)
        self.action.lineEdit().setPlaceholderText(self.tr("alle Aktionen"))
        self.actor = QLineEdit()
        self.actor.setPlaceholderText(self.tr("Konto-ID (UUID)"))
        self.target_type = QComboBox()
        self.target_type.addItem(self.tr("alle Ziele"), "")
        for value in TARGET_TYPES:
            self.target_type.addItem(value, value)
        self.target_id = QLineEdit()
        self.target_id.setPlaceholderText(self.tr("Ziel-ID"))
        self.result = QComboBox()
        self.results = {"success": self.tr("erfolgreich"), "denied": self.tr("verweigert"), "error": self.tr("Fehler")}
        for label, value in (
            (self.tr("alle Ergebnisse"), ""),
            (self.tr("erfolgreich"), "success"),
            (self.tr("verweigert"), "denied"),
            (self.tr("Fehler"), "error"),
        ):
            self.result.addItem(label, value)
        now = QDateTime.currentDateTime()
        self.use_since, self.use_until = QCheckBox(self.tr("ab")), QCheckBox(self.tr("bis"))
        self.since, self.until = QDateTimeEdit(now.addDays(-7)), QDateTimeEdit(now)
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd.MM.yyyy HH:mm")
        grid.addWidget(QLabel(self.tr("Aktion:")), 0, 0)
        grid.addWidget(self.action, 0, 1)
        grid.addWidget(QLabel(self.tr("Akteur:")), 0, 2)
        grid.addWidget(self.actor, 0, 3)
        grid.addWidget(QLabel(self.tr("Ergebnis:")), 0, 4)
        grid.addWidget(self.result, 0, 5)
        grid.addWidget(QLabel(self.tr("Ziel:")), 1, 0)
        grid.addWidget(self.target_type, 1, 1)
        grid.addWidget(self.target_id, 1, 3)
        times = QHBoxLayout()
        times.addWidget(self.use_since)
        times.addWidget(self.since)
        times.addWidget(self.use_until)
        times.addWidget(self.until)
        grid.addLayout(times, 1, 4, 1, 2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        layout.addLayout(grid)
        buttons = QHBoxLayout()
        self.search_button = QPushButton(self.tr("Filtern"))
        self.search_button.setObjectName("primary")
        self.more_button = QPushButton(self.tr("Weitere laden"))
        self.export_button = QPushButton(self.tr("Als CSV exportieren …"))
        self.search_button.clicked.connect(self.refresh)
        self.more_button.clicked.connect(self.load_more)
        self.export_button.clicked.connect(self.choose_export)
        self.count = QLabel()
        self.count.setObjectName("muted")
        buttons.addWidget(self.search_button)
        buttons.addWidget(self.more_button)
        buttons.addStretch(1)
        buttons.addWidget(self.count)
        buttons.addWidget(self.export_button)
        layout.addLayout(buttons)
        self.error = ErrorBanner()
        layout.addWidget(self.error)
        self.model = RowModel(
            [
                Column(self.tr("Zeit"), lambda r: local_time(r.created_at)),
                Column(self.tr("Aktion"), lambda r: r.action),
                Column(self.tr("Ergebnis"), lambda r: self.results.get(r.result, r.result)),
                Column(self.tr("Akteur"), lambda r: f"{r.actor_role} {short_id(r.actor_id)}".strip()),
                Column(self.tr("Ziel"), lambda r: f"{r.target_type or ''} {short_id(r.target_id)}".strip()),
                Column(self.tr("Grund"), lambda r: r.reason_code or ""),
            ],
            self,
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.table, 1)
        self.more_button.setEnabled(False)

    def query(self) -> AuditQuery:
        def iso(edit: QDateTimeEdit) -> str:
            return edit.dateTime().toUTC().toString(Qt.DateFormat.ISODate)

        return AuditQuery(
            action=self.action.currentText().strip(),
            actor=self.actor.text().strip(),
            target_type=self.target_type.currentData() or "",
            target_id=self.target_id.text().strip(),
            result=self.result.currentData() or "",
            since=iso(self.since) if self.use_since.isChecked() else "",
            until=iso(self.until) if self.use_until.isChecked() else "",
        )

    def refresh(self) -> None:
        self.error.clear_message()
        query = self.query()
        self.mode.call(lambda api: api.audit(query), lambda page: self._loaded(page, reset=True), self._failed)

    def load_more(self) -> None:
        if self.next_cursor is None:
            return
        query, cursor = self.query(), self.next_cursor
        self.mode.call(lambda api: api.audit(query, cursor), lambda page: self._loaded(page, reset=False), self._failed)

    def _loaded(self, page: AuditPage, *, reset: bool) -> None:
        rows = list(page.items) if reset else [*self.model.rows, *page.items]
        self.model.set_rows(rows)
        self.next_cursor = page.next_cursor
        self.more_button.setEnabled(page.next_cursor is not None)
        more = self.tr(", weitere vorhanden") if page.next_cursor else ""
        self.count.setText(self.tr("{n} Einträge geladen{more}").format(n=len(rows), more=more))

    def _failed(self, exc: BaseException) -> None:
        self.error.show_message(admin_error_text(exc))

    def clear(self) -> None:
        self.model.clear()
        self.next_cursor = None

    def choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Audit-Log exportieren"), "audit.csv", "CSV (*.csv)")
        if path:
            self.export_csv(Path(path))

    def export_csv(self, path: Path) -> None:
        """Fetch every page of the current filter and write it as CSV to ``path`` (no PII)."""
        query = self.query()

        def work(api: AdminApi) -> list[AuditRow]:
            rows: list[AuditRow] = []
            cursor: str | None = None
            for _ in range(EXPORT_MAX_PAGES):
                page = api.audit(query, cursor, limit=500)
                rows.extend(page.items)
                cursor = page.next_cursor
                if cursor is None:
                    break
            return rows

        def write(rows: list[AuditRow]) -> None:
            path.write_text(audit_csv(rows), encoding="utf-8")
            self.count.setText(self.tr("{n} Einträge exportiert nach {file}").format(n=len(rows), file=path.name))

        self.mode.call(work, write, self._failed)
