"""New or edit vehicle: FIN (new only), nickname, make, model, year, class, engine, accident status.

Collections and fleets are synced records of their own (Fahrzeug -> Sammlungen verwalten), not a field here."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.store.records import VehicleRecord
from desktop.ui.vehicles.common import HINT_TEXT, RECORDS_STYLE, tr
from desktop.ui.widgets.common import ErrorBanner
from shared.trust.facts import AccidentStatus
from shared.vin import is_valid_vin, normalise_vin

VEHICLE_CLASSES = ("Hypercar", "Sport", "Luxus", "Alltag", "Nutzfahrzeug")


class VehicleDialog(QDialog):
    def __init__(self, vehicle: VehicleRecord | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vehicle = vehicle
        self.setWindowTitle(self.tr("Neues Fahrzeug") if vehicle is None else self.tr("Fahrzeugdaten bearbeiten"))
        self.setMinimumWidth(560)
        self.setStyleSheet(RECORDS_STYLE)
        meta = dict(vehicle.meta) if vehicle else {}
        self.vin_edit = QLineEdit()
        self.vin_edit.setPlaceholderText(self.tr("11 bis 17 Zeichen, ohne I, O und Q"))
        self.vin_edit.setMaxLength(20)
        self.nickname_edit = QLineEdit(vehicle.nickname or "" if vehicle else "")
        self.make_edit = QLineEdit(str(meta.get("make") or ""))
        self.model_edit = QLineEdit(str(meta.get("model") or ""))
        self.year_edit = QLineEdit(str(meta.get("year") or ""))
        self.year_edit.setInputMask("0000;_")
        self.year_edit.setMaximumWidth(90)
        self.class_combo = QComboBox()
        self.class_combo.addItem(self.tr("– bitte wählen –"), "")
        for name in VEHICLE_CLASSES:
            self.class_combo.addItem(tr(name), name)
        self.class_combo.setCurrentIndex(max(0, self.class_combo.findData(meta.get("vehicle_class") or "")))
        self.engine_edit = QLineEdit(str(meta.get("engine") or ""))
        self.accident_combo = QComboBox()
        for status in AccidentStatus:
            self.accident_combo.addItem(tr(status.label), status.value)
        self.accident_combo.setCurrentIndex(
            max(0, self.accident_combo.findData(meta.get("accident_status") or AccidentStatus.UNBEKANNT.value))
        )
        self.error = ErrorBanner()

        form = QFormLayout()
        form.setVerticalSpacing(8)
        if vehicle is None:
            form.addRow(self._label(self.tr("&FIN *"), self.vin_edit), self.vin_edit)
        else:
            form.addRow(QLabel(self.tr("FIN")), QLabel(vehicle.vin_masked))
        rows = (
            (self.tr("S&pitzname"), self.nickname_edit),
            (self.tr("&Marke"), self.make_edit),
            (self.tr("M&odell"), self.model_edit),
            (self.tr("&Baujahr"), self.year_edit),
            (self.tr("Fahrzeug&klasse"), self.class_combo),
            (self.tr("Motor/&Antrieb"), self.engine_edit),
            (self.tr("&Unfallstatus"), self.accident_combo),
        )
        for text, field in rows:
            field.setToolTip(tr(HINT_TEXT))
            form.addRow(self._label(text, field), field)
        hint = QLabel(self.tr("Felder mit * sind Pflicht. {hint}").format(hint=tr(HINT_TEXT)))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("&Speichern"))
        self.save_button.setObjectName("primary")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Abbrechen"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    @property
    def vin(self) -> str:
        return normalise_vin(self.vin_edit.text())

    def values(self) -> tuple[str | None, dict[str, Any]]:
        """(nickname, meta) as entered; empty texts are left out."""
        meta: dict[str, Any] = {
            "make": self.make_edit.text().strip(),
            "model": self.model_edit.text().strip(),
            "engine": self.engine_edit.text().strip(),
            "vehicle_class": self.class_combo.currentData(),
            "accident_status": self.accident_combo.currentData(),
        }
        year = self.year_edit.text().strip()
        if year:
            meta["year"] = int(year)
        clean = {k: v for k, v in meta.items() if v not in ("", None)}
        if self.vehicle is not None:  # cleared fields must reach the server as cleared
            clean = {k: (meta.get(k) or None) for k in set(self.vehicle.meta) | set(clean) if k in meta or k == "year"}
            if year:
                clean["year"] = int(year)
        return (self.nickname_edit.text().strip() or None), clean

    def _accept(self) -> None:
        if self.vehicle is None and not is_valid_vin(self.vin):
            self.error.show_message(
                self.tr("Bitte eine gültige FIN eingeben: 11 bis 17 Buchstaben und Ziffern, ohne I, O und Q.")
            )
            self.vin_edit.setFocus()
            return
        self.accept()
