"""The sync-problems panel: changes the server refused, each with its German message; edit and retry, or discard."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.services.changes import PROBLEMS, ChangeSet
from desktop.services.records_service import RecordsService
from desktop.store.records import SyncProblemRecord
from desktop.ui.messages import error_text
from desktop.ui.vehicles.common import RECORDS_STYLE, RecordRole, SortRole, tr, translate
from desktop.ui.widgets.table_model import RecordTableModel

COL_WHAT = 0
COL_SUBJECT = 1
COL_MESSAGE = 2
COL_WHEN = 3
COLUMN_COUNT = 4
#: Payload keys a user may correct before retrying (ids and references stay as they were).
EDITABLE = {
    "vin": "FIN",
    "nickname": "Spitzname",
    "date": "Datum (JJJJ-MM-TT)",
    "km": "Kilometerstand",
    "note": "Bemerkung",
    "filename": "Dateiname",
    "title": "Titel",
}


def mutation_label(name: str) -> str:
    labels = {
        "vehicle.create": translate("Vehicles", "Fahrzeug angelegt"),
        "vehicle.update": translate("Vehicles", "Fahrzeugdaten geändert"),
        "vehicle.delete": translate("Vehicles", "Fahrzeug gelöscht"),
        "entry.create": translate("Vehicles", "Eintragung erfasst"),
        "entry.revise": translate("Vehicles", "Eintragung korrigiert"),
        "document.attach": translate("Vehicles", "Nachweis angehängt"),
        "document.mark_pii": translate("Vehicles", "Datenschutz-Prüfung"),
        "document.delete": translate("Vehicles", "Nachweis gelöscht"),
    }
    return labels.get(name, translate("Vehicles", "Sonstige Änderung"))


def subject(problem: SyncProblemRecord) -> str:
    args = problem.args
    if args.get("nickname") or args.get("vin"):
        vin = str(args.get("vin") or "")
        masked = f"{vin[:3]}***{vin[-4:]}" if len(vin) > 7 else ""
        return " · ".join(x for x in (str(args.get("nickname") or ""), masked) if x)
    if args.get("date"):
        return translate("Vehicles", "Eintragung vom {date}").format(date=args["date"])
    return str(args.get("filename") or args.get("title") or "")


class ProblemsModel(RecordTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                translate("Vehicles", "Änderung"),
                translate("Vehicles", "Betrifft"),
                translate("Vehicles", "Meldung des Servers"),
                translate("Vehicles", "Zeitpunkt"),
            ],
            parent,
        )

    def cell(self, problem: SyncProblemRecord, col: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, SortRole):
            if col == COL_WHAT:
                return mutation_label(problem.name)
            if col == COL_SUBJECT:
                return subject(problem)
            if col == COL_MESSAGE:
                return tr(problem.message)
            if role == SortRole:
                return problem.created_at.isoformat()
            local = problem.created_at.astimezone().replace(tzinfo=None)
            return QLocale().toString(local, QLocale.FormatType.ShortFormat)
        return None


class RetryDialog(QDialog):
    """Shows the refused payload's editable fields; ``changed_args()`` are sent with the retry."""

    def __init__(self, problem: SyncProblemRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.problem = problem
        self.setWindowTitle(self.tr("Ändern und erneut senden"))
        self.setMinimumWidth(520)
        message = QLabel(tr(problem.message))
        message.setObjectName("error")
        message.setWordWrap(True)
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        for key, label in EDITABLE.items():
            if key in problem.args:
                edit = QLineEdit(str(problem.args[key] if problem.args[key] is not None else ""))
                self.edits[key] = edit
                form.addRow(tr(label), edit)
        if not self.edits:
            none = QLabel(self.tr("Diese Änderung hat keine Angaben, die hier korrigiert werden können."))
            none.setWordWrap(True)
            form.addRow(none)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.send_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.send_button.setText(self.tr("Erneut &senden"))
        self.send_button.setObjectName("primary")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Abbrechen"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def changed_args(self) -> dict[str, Any]:
        changed: dict[str, Any] = {}
        for key, edit in self.edits.items():
            old = self.problem.args.get(key)
            text = edit.text().strip()
            value: Any = int(text) if key == "km" and text.isdigit() else text
            if str(value) != str(old if old is not None else ""):
                changed[key] = value
        return changed


class SyncProblemsPanel(QDialog):
    """Lists :class:`SyncProblemRecord` rows; retry queues the (edited) payload and asks for a sync."""

    retry_queued = Signal()

    def __init__(self, records: RecordsService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.records = records
        self.setWindowTitle(self.tr("Sync-Probleme"))
        self.resize(960, 460)
        self.setStyleSheet(RECORDS_STYLE)
        intro = QLabel(
            self.tr(
                "Diese Änderungen hat der Server nicht übernommen. Ihre Eingaben sind hier gespeichert: "
                "Sie können sie ändern und erneut senden oder verwerfen."
            )
        )
        intro.setWordWrap(True)
        intro.setObjectName("hint")
        self.model = ProblemsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setAccessibleName(self.tr("Sync-Probleme"))
        header = self.table.horizontalHeader()
        header.resizeSection(COL_WHAT, 190)
        header.resizeSection(COL_SUBJECT, 200)
        header.resizeSection(COL_WHEN, 140)
        header.setSectionResizeMode(COL_MESSAGE, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel(self.tr("Keine Sync-Probleme. Alle Änderungen wurden übernommen."))
        self.empty.setObjectName("muted")
        self.retry_button = QPushButton(self.tr("Ändern und &erneut senden …"))
        self.retry_button.setObjectName("primary")
        self.discard_button = QPushButton(self.tr("&Verwerfen …"))
        self.close_button = QPushButton(self.tr("&Schließen"))
        self.retry_button.clicked.connect(self.retry_current)
        self.discard_button.clicked.connect(self.discard_current)
        self.close_button.clicked.connect(self.accept)
        self.table.activated.connect(lambda _: self.retry_current())
        buttons = QHBoxLayout()
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        records.changes_applied.connect(self.on_changes)
        self.reload()

    def on_changes(self, changes: ChangeSet) -> None:
        if changes.touches(PROBLEMS):
            self.reload()

    def reload(self) -> None:
        self.records.load_problems(self._loaded)

    def _loaded(self, rows: list[SyncProblemRecord]) -> None:
        self.model.set_rows(rows)
        self.table.resizeRowsToContents()
        self.empty.setVisible(not rows)
        if rows:
            self.table.selectRow(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.current() is not None
        self.retry_button.setEnabled(has)
        self.discard_button.setEnabled(has)

    def current(self) -> SyncProblemRecord | None:
        index = self.table.currentIndex()
        if not index.isValid() and self.model.rowCount():
            index = self.model.index(0, 0)
        return index.data(RecordRole) if index.isValid() else None

    def retry_current(self) -> RetryDialog | None:
        problem = self.current()
        if problem is None:
            return None
        dialog = RetryDialog(problem, self)

        def send() -> None:
            self.records.retry_problem(problem, dialog.changed_args() or None, lambda _: self.retry_queued.emit())

        dialog.accepted.connect(send)
        dialog.open()
        return dialog

    def discard_current(self, *, confirm: bool = True) -> None:
        problem = self.current()
        if problem is None:
            return
        if confirm:
            answer = QMessageBox.question(
                self,
                self.tr("Änderung verwerfen"),
                self.tr("Diese Änderung endgültig verwerfen? Sie wird nicht mehr an den Server gesendet."),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.records.discard_problem(problem, on_failure=lambda exc: QMessageBox.warning(self, "", error_text(exc)))
