"""The entry dialog: the four required fields, the optional ones each with the data-upkeep hint, attachments.

Tab order: Datum, Art, Durchgeführt von, Kilometerstand, T-Stufe, Kosten, Bemerkung, Datei hinzufügen,
Speichern, Abbrechen. Validation is the shared rule (``validate_entry``) before anything is queued.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.store.records import EntryRecord
from desktop.ui.vehicles.common import HINT_TEXT, RECORDS_STYLE, tr
from desktop.ui.widgets.common import ErrorBanner
from shared.entries import (
    MAX_KM,
    MAX_NOTE_CHARS,
    EntryDraft,
    EntryType,
    EntryValidationError,
    PerformedBy,
    cost_to_cents,
    validate_entry,
)

FIELD_NAMES = {
    "date": "Datum",
    "type": "Art",
    "performed_by": "Durchgeführt von",
    "km": "Kilometerstand",
    "note": "Bemerkung",
    "cost": "Kosten",
    "currency": "Währung",
    "trust_level": "T-Stufe",
}
FILE_FILTER = "Nachweise (*.pdf *.jpg *.jpeg *.png)"


def hint_label() -> QLabel:
    label = QLabel(tr(HINT_TEXT))
    label.setObjectName("fieldHint")
    return label


class EntryDialog(QDialog):
    def __init__(self, entry: EntryRecord | None = None, parent: QWidget | None = None, *, today: date | None = None):
        super().__init__(parent)
        self.entry = entry
        self.today = today or date.today()
        self.attachments: list[Path] = []
        self.setWindowTitle(self.tr("Neue Eintragung") if entry is None else self.tr("Eintragung korrigieren"))
        self.setMinimumWidth(680)
        self.setStyleSheet(RECORDS_STYLE)

        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd.MM.yyyy")
        self.date_edit.setMaximumDate(QDate(self.today.year, self.today.month, self.today.day))
        self.date_edit.setDate(QDate(self.today.year, self.today.month, self.today.day))
        self.type_combo = QComboBox()
        self.type_combo.addItem(self.tr("– bitte wählen –"), None)
        for kind in EntryType:
            self.type_combo.addItem(tr(kind.label), kind.value)
        self.performed_combo = QComboBox()
        self.performed_combo.addItem(self.tr("– bitte wählen –"), None)
        for who in PerformedBy:
            self.performed_combo.addItem(tr(who.label), who.value)
        self.km_spin = QSpinBox()
        self.km_spin.setRange(0, MAX_KM)
        self.km_spin.setGroupSeparatorShown(True)
        self.km_spin.setSuffix(" km")
        self.km_spin.setMinimumWidth(160)

        self.level_none = QRadioButton(self.tr("kei&ne Angabe"))
        self.level_t1 = QRadioButton(self.tr("T&1 – ohne Papier-Serviceheft"))
        self.level_t2 = QRadioButton(self.tr("T&2 – Papier-Serviceheft vorhanden"))
        self.level_group = QButtonGroup(self)
        for button in (self.level_none, self.level_t1, self.level_t2):
            self.level_group.addButton(button)
        self.level_none.setChecked(True)
        self.cost_edit = QLineEdit()
        self.cost_edit.setPlaceholderText(self.tr("z. B. 249,90"))
        self.cost_edit.setValidator(QRegularExpressionValidator(r"\d{0,10}([.,]\d{0,2})?", self))
        self.cost_edit.setMaximumWidth(160)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setPlaceholderText(self.tr("Bitte keine persönlichen Daten eintragen."))
        self.note_edit.setFixedHeight(90)
        self.attach_list = QListWidget()
        self.attach_list.setFixedHeight(64)
        self.attach_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.add_file_button = QPushButton(self.tr("&Datei hinzufügen …"))
        self.add_file_button.clicked.connect(self.choose_files)
        self.remove_file_button = QPushButton(self.tr("Datei &entfernen"))
        self.remove_file_button.setEnabled(False)
        self.remove_file_button.clicked.connect(self._remove_file)
        self.error = ErrorBanner()

        form = QFormLayout()
        form.setVerticalSpacing(8)
        form.setHorizontalSpacing(14)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self._row(form, self.tr("D&atum *"), self.date_edit, required=True)
        self._row(form, self.tr("A&rt *"), self.type_combo, required=True)
        self._row(form, self.tr("Durchgeführt &von *"), self.performed_combo, required=True)
        self._row(form, self.tr("&Kilometerstand *"), self.km_spin, required=True)
        levels = QWidget()
        level_box = QHBoxLayout(levels)
        level_box.setContentsMargins(0, 0, 0, 0)
        for button in (self.level_none, self.level_t1, self.level_t2):
            level_box.addWidget(button)
        level_box.addStretch(1)
        self._row(form, self.tr("&T-Stufe"), levels, buddy=self.level_none)
        self._row(form, self.tr("K&osten (€)"), self.cost_edit)
        self._row(form, self.tr("&Bemerkung"), self.note_edit)
        files = QWidget()
        files_box = QVBoxLayout(files)
        files_box.setContentsMargins(0, 0, 0, 0)
        files_box.addWidget(self.attach_list)
        file_buttons = QHBoxLayout()
        file_buttons.addWidget(self.add_file_button)
        file_buttons.addWidget(self.remove_file_button)
        file_buttons.addStretch(1)
        files_box.addLayout(file_buttons)
        self._row(form, self.tr("Anhänge"), files, buddy=self.add_file_button)

        required = QLabel(self.tr("Pflichtfelder sind mit * markiert."))
        required.setObjectName("muted")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("&Speichern"))
        self.save_button.setObjectName("primary")
        self.save_button.setDefault(True)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(self.tr("Abbrechen"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 16)
        layout.addLayout(form)
        layout.addWidget(self.error)
        bottom = QHBoxLayout()
        bottom.addWidget(required)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)

        order = [
            self.date_edit,
            self.type_combo,
            self.performed_combo,
            self.km_spin,
            self.level_none,
            self.level_t1,
            self.level_t2,
            self.cost_edit,
            self.note_edit,
            self.add_file_button,
            self.remove_file_button,
            self.save_button,
            self.cancel_button,
        ]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)
        if entry is not None:
            self._fill(entry)
        self.date_edit.setFocus()

    def _row(
        self, form: QFormLayout, text: str, field: QWidget, *, required: bool = False, buddy: QWidget | None = None
    ):
        label = QLabel(text)
        label.setBuddy(buddy or field)
        if required:
            form.addRow(label, field)
            return
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(field)
        column.addWidget(hint_label())
        field.setToolTip(tr(HINT_TEXT))
        form.addRow(label, box)

    def _fill(self, entry: EntryRecord) -> None:
        day = QDate.fromString(entry.date, "yyyy-MM-dd")
        if day.isValid():
            self.date_edit.setDate(day)
        self.type_combo.setCurrentIndex(max(0, self.type_combo.findData(entry.type)))
        self.performed_combo.setCurrentIndex(max(0, self.performed_combo.findData(entry.performed_by)))
        self.km_spin.setValue(entry.km)
        {"T1": self.level_t1, "T2": self.level_t2}.get(entry.trust_level or "", self.level_none).setChecked(True)
        if entry.cost_amount is not None:
            self.cost_edit.setText(f"{entry.cost_amount / 100:.2f}".replace(".", ","))
        self.note_edit.setPlainText(entry.note or "")

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, self.tr("Nachweise hinzufügen"), "", tr(FILE_FILTER))
        self.add_attachments([Path(n) for n in names])

    def add_attachments(self, paths: list[Path]) -> None:
        for path in paths:
            if path not in self.attachments:
                self.attachments.append(path)
                self.attach_list.addItem(path.name)
        self.remove_file_button.setEnabled(bool(self.attachments))

    def _remove_file(self) -> None:
        row = self.attach_list.currentRow()
        row = row if row >= 0 else len(self.attachments) - 1
        if row >= 0:
            self.attachments.pop(row)
            self.attach_list.takeItem(row)
        self.remove_file_button.setEnabled(bool(self.attachments))

    def trust_level(self) -> str | None:
        if self.level_t1.isChecked():
            return "T1"
        if self.level_t2.isChecked():
            return "T2"
        return None

    def fields(self) -> dict[str, Any]:
        """The validated fields for the store (raises :class:`EntryValidationError`)."""
        cost_text = self.cost_edit.text().strip().replace(",", ".")
        cost_cents = None
        bad: list[str] = []
        if cost_text:
            try:
                cost_cents = cost_to_cents(cost_text)
            except EntryValidationError:
                bad.append("cost")
        note = self.note_edit.toPlainText().strip() or None
        if note and len(note) > MAX_NOTE_CHARS:
            bad.append("note")
        draft = EntryDraft(
            date=self.date_edit.date().toString("yyyy-MM-dd"),
            type=self.type_combo.currentData(),
            performed_by=self.performed_combo.currentData(),
            km=self.km_spin.value(),
            note=note,
            cost_cents=cost_cents,
            trust_level=self.trust_level(),
        )
        try:
            valid = validate_entry(draft, today=self.today)
        except EntryValidationError as exc:
            raise EntryValidationError([*exc.fields, *bad]) from None
        if bad:
            raise EntryValidationError(bad)
        fields: dict[str, Any] = {
            "date": valid.date.isoformat(),
            "type": valid.type.value,
            "performed_by": valid.performed_by.value,
            "km": valid.km,
            "note": valid.note,
            "trust_level": valid.trust_level.value if valid.trust_level else None,
            "cost_amount": str(Decimal(valid.cost_cents) / 100) if valid.cost_cents is not None else None,
            "currency": valid.currency if valid.cost_cents is not None else None,
        }
        return fields

    def _accept(self) -> None:
        try:
            self.fields()
        except EntryValidationError as exc:
            names = ", ".join(tr(FIELD_NAMES.get(f, f)) for f in dict.fromkeys(exc.fields))
            self.error.show_message(self.tr("Bitte prüfen Sie: {fields}.").format(fields=names))
            return
        self.accept()
