"""Add-on switches (SPEC §7.6): per add-on "allow new", "requires payment" and "admin only"."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.services.admin_service import AdminMode
from desktop.sync.admin_api import AddonRow
from desktop.ui.admin.common import admin_error_text
from desktop.ui.widgets.common import ErrorBanner


class AddonBox(QGroupBox):
    """The three switches of one add-on and its save button."""

    def __init__(self, title: str, description: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        layout = QGridLayout(self)
        text = QLabel(description)
        text.setObjectName("muted")
        text.setWordWrap(True)
        layout.addWidget(text, 0, 0, 1, 4)
        self.allow_new = QCheckBox(self.tr("Neue Aktivierungen erlauben"))
        self.requires_payment = QCheckBox(self.tr("Kostenpflichtig"))
        self.admin_only = QCheckBox(self.tr("Nur für Admins"))
        self.state = QLabel()
        self.state.setObjectName("muted")
        self.save_button = QPushButton(self.tr("Speichern"))
        layout.addWidget(self.allow_new, 1, 0)
        layout.addWidget(self.requires_payment, 1, 1)
        layout.addWidget(self.admin_only, 1, 2)
        layout.addWidget(self.save_button, 1, 3)
        layout.addWidget(self.state, 2, 0, 1, 4)
        layout.setColumnStretch(2, 1)

    def set_row(self, row: AddonRow) -> None:
        self.allow_new.setChecked(row.allow_new)
        self.requires_payment.setChecked(row.requires_payment)
        self.admin_only.setChecked(row.admin_only)
        self.state.setText(
            self.tr("Gespeichert.")
            if row.configured
            else self.tr("Noch nicht eingestellt: neue Aktivierungen gesperrt.")
        )


class AddonsPage(QWidget):
    def __init__(self, mode: AdminMode, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = mode
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Add-ons"))
        title.setObjectName("sectionTitle")
        layout.addWidget(title)
        note = QLabel(
            self.tr(
                "Fahrzeuge, die ein Add-on schon einmal aktiviert hatten, behalten es (Bestandsschutz). "
                "Die Schalter gelten für neue Aktivierungen."
            )
        )
        note.setObjectName("muted")
        note.setWordWrap(True)
        layout.addWidget(note)
        self.error = ErrorBanner()
        layout.addWidget(self.error)
        self.boxes: dict[str, AddonBox] = {}
        texts = {
            "unfall": (self.tr("Unfall-Ordner"), self.tr("Nachweise zu Unfällen und Reparaturen.")),
            "oldtimer": (self.tr("Oldtimer-Ordner"), self.tr("Gutachten, Historie und Originalteile.")),
            "restauration": (self.tr("Restaurierungs-Ordner"), self.tr("Restaurierungsschritte mit Belegen.")),
        }
        for key, (name, text) in texts.items():
            box = AddonBox(name, text)
            box.save_button.clicked.connect(lambda _=False, k=key: self.save(k))
            self.boxes[key] = box
            layout.addWidget(box)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        self.refresh_button = QPushButton(self.tr("Aktualisieren"))
        self.refresh_button.clicked.connect(self.refresh)
        bottom.addWidget(self.refresh_button)
        layout.addLayout(bottom)
        layout.addStretch(1)

    def refresh(self) -> None:
        self.error.clear_message()
        self.mode.call(lambda api: api.addons(), self._loaded, self._failed)

    def _loaded(self, rows: tuple[AddonRow, ...]) -> None:
        for row in rows:
            if row.addon_key in self.boxes:
                self.boxes[row.addon_key].set_row(row)

    def _failed(self, exc: BaseException) -> None:
        self.error.show_message(admin_error_text(exc))

    def clear(self) -> None:
        for box in self.boxes.values():
            box.state.clear()

    def save(self, key: str) -> None:
        box = self.boxes[key]
        values = box.allow_new.isChecked(), box.requires_payment.isChecked(), box.admin_only.isChecked()
        self.error.clear_message()
        self.mode.call(lambda api: api.set_addon(key, *values), lambda _: self.refresh(), self._failed)
