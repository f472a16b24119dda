"""The unlock dialog of later starts: the password opens the local vault offline; a wrong one can be retried."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop.services.session_service import SessionService
from desktop.ui.messages import error_text
from desktop.ui.widgets.common import BusyBar, ErrorBanner


class UnlockDialog(QDialog):
    """Password field, "Entsperren" and "Beenden"; ``accept()``-ed once the vault is open."""

    def __init__(self, session: SessionService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("Service Heft entsperren"))
        self.setMinimumSize(520, 320)
        card = QWidget()
        card.setFixedWidth(460)
        layout = QVBoxLayout(card)
        layout.setSpacing(12)
        title = QLabel(self.tr("Willkommen zurück"))
        title.setObjectName("title")
        text = QLabel(self.tr("Bitte geben Sie Ihr Passwort ein, um Ihre Daten auf diesem Computer zu entsperren."))
        text.setObjectName("subtitle")
        text.setWordWrap(True)
        label = QLabel(self.tr("&Passwort"))
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName(self.tr("Passwort"))
        label.setBuddy(self.password_edit)
        self.error = ErrorBanner()
        self.busy = BusyBar()
        self.unlock_button = QPushButton(self.tr("Entsperren"))
        self.unlock_button.setObjectName("primary")
        self.unlock_button.setDefault(True)
        self.quit_button = QPushButton(self.tr("Beenden"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.quit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        for widget in (title, text, label, self.password_edit, self.error, self.busy):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        QWidget.setTabOrder(self.password_edit, self.unlock_button)
        QWidget.setTabOrder(self.unlock_button, self.quit_button)
        self.unlock_button.clicked.connect(self._unlock)
        self.quit_button.clicked.connect(self.reject)
        session.busy_changed.connect(self._busy)
        session.failed.connect(self._failed)
        session.finished.connect(self.accept)
        self.password_edit.setFocus()

    def _unlock(self) -> None:
        if not self.password_edit.text():
            self.error.show_message(self.tr("Bitte Passwort eingeben."))
            return
        self.error.clear_message()
        self.session.unlock(self.password_edit.text())

    def _busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.unlock_button.setDisabled(busy)
        self.password_edit.setDisabled(busy)

    def _failed(self, exc: BaseException) -> None:
        self.error.show_message(error_text(exc))
        self.password_edit.setEnabled(True)
        self.password_edit.selectAll()
        self.password_edit.setFocus()
