"""The settings dialog: one row per option of the typed registry (``desktop.settings``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.services.session_types import InvalidServerAddress, normalize_server_url
from desktop.settings import DATA_DIR, LABEL_CONTEXT, LANGUAGE, REMEMBER_KEY, SERVER_URL, SYNC_INTERVAL, Settings
from desktop.ui.messages import error_text
from desktop.ui.widgets.common import ErrorBanner


def label(option_label: str) -> str:
    return QCoreApplication.translate(LABEL_CONTEXT, option_label)


class SettingsDialog(QDialog):
    """Edits a :class:`Settings`; "OK" validates, saves and accepts. Language changes apply after a restart."""

    def __init__(self, settings: Settings, keyring_available: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Einstellungen"))
        self.setMinimumWidth(560)
        form = QFormLayout()
        form.setVerticalSpacing(12)
        self.server_edit = QLineEdit(settings[SERVER_URL])
        self.language_combo = QComboBox()
        for code, name in (("system", self.tr("Systemsprache")), ("de", "Deutsch"), ("en", "English")):
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(settings[LANGUAGE])))
        self.remember_box = QCheckBox(self.tr("Beim Start ohne Passwort öffnen"))
        self.remember_box.setChecked(bool(settings[REMEMBER_KEY]))
        if not keyring_available:
            self.remember_box.setEnabled(False)
            self.remember_box.setChecked(False)
            self.remember_box.setText(self.tr("Nicht verfügbar: kein sicherer Schlüsselbund auf diesem Computer"))
        self.data_edit = QLineEdit(settings[DATA_DIR])
        self.data_edit.setPlaceholderText(self.tr("Standardordner"))
        self.browse_button = QPushButton(self.tr("Durchsuchen…"))
        self.browse_button.clicked.connect(self._browse)
        data_row = QHBoxLayout()
        data_row.addWidget(self.data_edit, 1)
        data_row.addWidget(self.browse_button)
        self.interval_spin = QSpinBox()
        self.interval_spin.setRange(SYNC_INTERVAL.minimum or 1, SYNC_INTERVAL.maximum or 1440)
        self.interval_spin.setValue(int(settings[SYNC_INTERVAL]))
        self.interval_spin.setSuffix(self.tr(" min"))
        self.interval_spin.setMaximumWidth(160)
        self.language_combo.setMaximumWidth(260)
        form.addRow(label(SERVER_URL.label), self.server_edit)
        form.addRow(label(LANGUAGE.label), self.language_combo)
        form.addRow(label(REMEMBER_KEY.label), self.remember_box)
        form.addRow(label(DATA_DIR.label), data_row)
        form.addRow(label(SYNC_INTERVAL.label), self.interval_spin)
        note = QLabel(self.tr("Änderungen an Sprache und Datenordner werden nach einem Neustart wirksam."))
        note.setObjectName("muted")
        note.setWordWrap(True)
        self.error = ErrorBanner()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setObjectName("primary")
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        title = QLabel(self.tr("Einstellungen"))
        title.setObjectName("title")
        layout.addWidget(title)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        chain = [
            self.server_edit,
            self.language_combo,
            self.remember_box,
            self.data_edit,
            self.browse_button,
            self.interval_spin,
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Datenordner wählen"), self.data_edit.text())
        if folder:
            self.data_edit.setText(folder)

    def _save(self) -> None:
        try:
            url = normalize_server_url(self.server_edit.text())
        except InvalidServerAddress as exc:
            self.error.show_message(error_text(exc))
            self.server_edit.setFocus()
            return
        self.settings.set(SERVER_URL.key, url)
        self.settings.set(LANGUAGE.key, self.language_combo.currentData())
        if self.remember_box.isEnabled():
            self.settings.set(REMEMBER_KEY.key, self.remember_box.isChecked())
        self.settings.set(DATA_DIR.key, self.data_edit.text().strip())
        self.settings.set(SYNC_INTERVAL.key, self.interval_spin.value())
        self.settings.save()
        self.accept()
