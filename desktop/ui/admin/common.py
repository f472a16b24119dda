"""Shared pieces of the admin screens: German labels, readable server answers, the table model, small dialogs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.services.admin_service import AdminMode, NotAnAdmin
from desktop.sync.admin_api import AdminApi
from desktop.sync.errors import ApiError
from desktop.ui.messages import error_text

SortRole = Qt.ItemDataRole.UserRole + 1
RecordRole = Qt.ItemDataRole.UserRole + 2
ModelIndex = QModelIndex | QPersistentModelIndex


def _t(text: str) -> str:
    return QCoreApplication.translate("Admin", text)


def status_label(value: str) -> str:
    """German label of a document status value (approval, scan or PII)."""
    labels = {
        "QUARANTINED": _t("in Prüfung"),
        "APPROVED": _t("freigegeben"),
        "REJECTED": _t("abgelehnt"),
        "PENDING": _t("Scan ausstehend"),
        "CLEAN": _t("sauber"),
        "INFECTED": _t("Schadcode gefunden"),
        "ERROR": _t("Scan-Fehler"),
        "OK": _t("keine PII"),
        "SUSPECTED": _t("PII vermutet"),
        "CONFIRMED": _t("PII bestätigt"),
    }
    return labels.get(value, value)


def role_label(role: str) -> str:
    labels = {
        "user": _t("Nutzer"),
        "vip": _t("VIP"),
        "dealer": _t("Händler"),
        "moderator": _t("Moderator"),
        "admin": _t("Admin"),
        "superadmin": _t("Superadmin"),
    }
    return labels.get(role, role)


def admin_error_text(exc: BaseException) -> str:
    """A readable German sentence for a refused admin call (by code, never by message)."""
    if isinstance(exc, NotAnAdmin):
        return _t("Der Admin-Modus steht nur Konten mit der Rolle Admin oder Superadmin zur Verfügung.")
    code = exc.code if isinstance(exc, ApiError) else None
    texts = {
        "forbidden": _t("Der Server verweigert diese Aktion für Ihr Konto."),
        "role_not_allowed": _t("Der Server verweigert diese Aktion für Ihr Konto."),
        "totp_required": _t("Für den Admin-Modus ist die Bestätigung mit dem Authenticator-Code nötig."),
        "superadmin_required": _t(
            "Nur ein Superadmin darf die Rolle Superadmin vergeben oder die Rolle eines Superadmins ändern."
        ),
        "admin_step_up_required": _t("Diese Aktion muss mit einem Authenticator-Code bestätigt werden."),
        "admin_step_up_invalid": _t(
            "Der Bestätigungscode ist falsch oder schon verbraucht. Bitte einen neuen Code eingeben."
        ),
        "INVALID": _t("Der Code ist falsch. Bitte den aktuellen Code aus der Authenticator-App eingeben."),
        "invalid_role": _t("Diese Rolle gibt es nicht."),
        "user_not_found": _t("Das Konto wurde nicht gefunden."),
        "business_not_found": _t("Das VIP-Gewerbe wurde nicht gefunden."),
        "business_not_approved": _t("Das VIP-Gewerbe ist noch nicht freigegeben."),
        "staff_limit_reached": _t("Dieses VIP-Gewerbe hat bereits alle Mitarbeiter-Plätze belegt."),
        "org_not_found": _t("Die Organisation wurde nicht gefunden."),
        "membership_not_found": _t("Die Mitgliedschaftsanfrage wurde nicht gefunden."),
        "document_deleted": _t("Das Dokument wurde inzwischen gelöscht."),
        "document_rejected": _t("Das Dokument wurde bereits abgelehnt; eine Ablehnung ist endgültig."),
        "not_scanned_clean": _t("Das Dokument ist noch nicht als sauber gescannt und kann nicht freigegeben werden."),
        "scan_not_clean": _t("Das Dokument ist noch nicht als sauber gescannt und kann nicht freigegeben werden."),
        "pii_not_cleared": _t("Das Dokument enthält vermutlich personenbezogene Daten und ist noch nicht geklärt."),
        "invalid_transition": _t("Dieser Statuswechsel ist für das Dokument nicht möglich."),
        "not_found": _t("Der Eintrag wurde nicht gefunden."),
        "totp_already_enabled": _t("Die Zwei-Faktor-Anmeldung ist für dieses Konto bereits aktiv."),
        "addon_not_available": _t("Dieses Add-on gibt es nicht."),
        "validation_failed": _t("Die Eingabe wurde vom Server nicht angenommen."),
    }
    if code in texts:
        return texts[code]
    return error_text(exc)


def short_id(value: str | None) -> str:
    """The first block of a UUID, enough to tell rows apart on screen."""
    return (value or "").split("-")[0]


def local_time(value: str | None) -> str:
    """An ISO timestamp as local ``dd.MM.yyyy HH:mm``."""
    if not value:
        return ""
    try:
        return datetime.fromisoformat(value).astimezone().strftime("%d.%m.%Y %H:%M")
    except ValueError:
        return value


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    text: Callable[[Any], str]
    sort: Callable[[Any], Any] | None = None


class RowModel(QAbstractTableModel):
    """Immutable rows with named columns, a raw ``SortRole`` and a ``RecordRole`` (CONVENTIONS item 4)."""

    def __init__(self, columns: Sequence[Column], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == SortRole:
            return column.sort(row) if column.sort else column.text(row)
        if role == RecordRole:
            return row
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        return None


class TextDialog(QDialog):
    """Asks for one line or a longer reason; OK stays disabled while a required text is empty."""

    def __init__(
        self, title: str, prompt: str, parent: QWidget | None = None, *, multiline: bool = True, required: bool = True
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        label = QLabel(prompt)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.edit: QPlainTextEdit | QLineEdit = QPlainTextEdit() if multiline else QLineEdit()
        if isinstance(self.edit, QPlainTextEdit):
            self.edit.setFixedHeight(96)
            self.edit.textChanged.connect(self._update)
        else:
            self.edit.textChanged.connect(self._update)
        layout.addWidget(self.edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._required = required
        self._update()

    def text(self) -> str:
        edit = self.edit
        return (edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()).strip()

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.text()) or not self._required)


class StepUpDialog(QDialog):
    """The step-up prompt: a fresh code from the authenticator app (or a backup code) for one action."""

    def __init__(self, action_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_t("Aktion bestätigen"))
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        heading = QLabel(_t("Bestätigung erforderlich"))
        heading.setObjectName("sectionTitle")
        layout.addWidget(heading)
        text = QLabel(
            _t(
                "„{action}“ ist eine geschützte Aktion. Bitte den aktuellen Code aus Ihrer Authenticator-App eingeben."
            ).replace("{action}", action_text)
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        form = QFormLayout()
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText(_t("6-stelliger Code oder Backup-Code"))
        self.code_edit.setMaxLength(16)
        form.addRow(_t("Code:"), self.code_edit)
        layout.addLayout(form)
        hint = QLabel(_t("Die Bestätigung gilt nur für diese eine Aktion."))
        hint.setObjectName("muted")
        layout.addWidget(hint)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_t("Bestätigen"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.code_edit.textChanged.connect(self._update)
        self._update()

    def code(self) -> str:
        return self.code_edit.text().strip()

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(len(self.code()) >= 6)


ADMIN_STYLE = """
QLabel#sectionTitle { font-size: 13pt; font-weight: 600; }
QWidget#adminHeader { background: #5c1f1f; }
QWidget#adminHeader QLabel { color: #ffffff; }
QLabel#adminBadge { background: #b3261e; border-radius: 4px; padding: 3px 8px; font-weight: 700; }
QLabel#adminTimer { color: #f3d9d6; }
QTableView { border: 1px solid #c9d3de; border-radius: 4px; background: #ffffff; gridline-color: #e6ebf0;
    selection-background-color: #d6e4f5; selection-color: #1d2733; }
QHeaderView::section { background: #eef2f6; border: none; border-bottom: 1px solid #c9d3de; padding: 5px 6px;
    font-weight: 600; }
QTabWidget::pane { border: 1px solid #c9d3de; border-radius: 4px; top: -1px; background: #f7f9fb; }
QTabBar::tab { padding: 7px 16px; }
QLabel#previewFrame { background: #ffffff; border: 1px solid #c9d3de; border-radius: 4px; }
QLabel#codeBox { font-family: monospace; font-size: 12pt; background: #ffffff; border: 1px solid #c9d3de;
    border-radius: 6px; padding: 10px; }
"""


def ask_step_up(
    parent: QWidget,
    mode: AdminMode,
    action_text: str,
    scope: str,
    action: Callable[[AdminApi, str], Any],
    on_success: Callable[[Any], None],
    on_failure: Callable[[BaseException], None],
) -> StepUpDialog:
    """Open the step-up prompt; on OK get a grant for ``scope`` and run ``action`` with it (one task)."""
    dialog = StepUpDialog(action_text, parent)
    dialog.accepted.connect(lambda: mode.with_step_up(scope, dialog.code(), action, on_success, on_failure))
    dialog.open()
    return dialog
