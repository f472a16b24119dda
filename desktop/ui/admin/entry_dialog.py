"""Entering the admin mode: server check, TOTP enrolment with a QR code, backup codes shown once, or a
sign-in with password + TOTP when the current session lacks the second factor (D2)."""

from __future__ import annotations

from typing import Any

import qrcode
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services.admin_service import AdminMode
from desktop.sync.admin_api import AdminMe, Enrolment
from desktop.ui.admin.common import ADMIN_STYLE, admin_error_text
from desktop.ui.widgets.common import BusyBar, ErrorBanner

QR_MODULE_PX = 6


def qr_image(text: str, module_px: int = QR_MODULE_PX) -> QImage:
    """The QR code of ``text`` drawn into a QImage (black modules on white, with the quiet zone)."""
    code = qrcode.QRCode(border=4, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(text)
    code.make(fit=True)
    matrix = code.get_matrix()
    size = len(matrix) * module_px
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    for y, line in enumerate(matrix):
        for x, dark in enumerate(line):
            if dark:
                painter.fillRect(x * module_px, y * module_px, module_px, module_px, QColor("black"))
    painter.end()
    return image


def _page(title: str, text: str) -> tuple[QWidget, QVBoxLayout]:
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    heading = QLabel(title)
    heading.setObjectName("title")
    body = QLabel(text)
    body.setObjectName("subtitle")
    body.setWordWrap(True)
    layout.addWidget(heading)
    layout.addWidget(body)
    return page, layout


class AdminEntryDialog(QDialog):
    """Pages: CHECK, ENROL, BACKUP, SIGN_IN, REFUSED. ``accepted`` once the mode is active."""

    CHECK, ENROL, BACKUP, SIGN_IN, REFUSED = range(5)

    def __init__(self, mode: AdminMode, email: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = mode
        self.email = email
        self.enrolment: Enrolment | None = None
        self.backup_codes: tuple[str, ...] = ()
        self.setWindowTitle(self.tr("Admin-Modus"))
        self.setMinimumSize(620, 560)
        self.setStyleSheet(ADMIN_STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._check_page())
        self.pages.addWidget(self._enrol_page())
        self.pages.addWidget(self._backup_page())
        self.pages.addWidget(self._sign_in_page())
        self.pages.addWidget(self._refused_page())
        layout.addWidget(self.pages, 1)
        self.error = ErrorBanner()
        layout.addWidget(self.error)
        self.busy = BusyBar()
        layout.addWidget(self.busy)
        buttons = QHBoxLayout()
        self.cancel_button = QPushButton(self.tr("Abbrechen"))
        self.next_button = QPushButton(self.tr("Weiter"))
        self.next_button.setObjectName("primary")
        self.next_button.setDefault(True)
        self.cancel_button.clicked.connect(self.reject)
        self.next_button.clicked.connect(self._next)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.next_button)
        layout.addLayout(buttons)

    # -- pages ---------------------------------------------------------------------------------------

    def _check_page(self) -> QWidget:
        page, layout = _page(self.tr("Admin-Modus"), self.tr("Die Berechtigung wird beim Server geprüft …"))
        layout.addStretch(1)
        return page

    def _enrol_page(self) -> QWidget:
        page, layout = _page(
            self.tr("Zwei-Faktor-Anmeldung einrichten"),
            self.tr(
                "Der Admin-Modus braucht einen zweiten Faktor. Scannen Sie den QR-Code mit einer Authenticator-App "
                "(z. B. FreeOTP, Aegis oder Google Authenticator) und geben Sie den angezeigten Code ein."
            ),
        )
        row = QHBoxLayout()
        self.qr_label = QLabel()
        self.qr_label.setFixedSize(240, 240)
        self.qr_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row.addWidget(self.qr_label)
        side = QVBoxLayout()
        manual = QLabel(self.tr("Oder diesen Schlüssel von Hand eingeben:"))
        manual.setWordWrap(True)
        self.secret_label = QLabel()
        self.secret_label.setObjectName("codeBox")
        self.secret_label.setWordWrap(True)
        self.secret_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        self.enrol_code = QLineEdit()
        self.enrol_code.setPlaceholderText("123456")
        self.enrol_code.setMaxLength(6)
        form.addRow(self.tr("Code aus der App:"), self.enrol_code)
        side.addWidget(manual)
        side.addWidget(self.secret_label)
        side.addSpacing(12)
        side.addLayout(form)
        side.addStretch(1)
        row.addLayout(side, 1)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    def _backup_page(self) -> QWidget:
        page, layout = _page(
            self.tr("Backup-Codes"),
            self.tr(
                "Mit jedem dieser Codes können Sie sich einmal anmelden, falls das Telefon fehlt. "
                "Sie werden nur jetzt angezeigt und nirgends gespeichert: bitte sicher notieren."
            ),
        )
        holder = QLabel()
        holder.setObjectName("codeBox")
        holder.setMaximumWidth(440)
        self.codes_grid = QGridLayout(holder)
        self.codes_grid.setContentsMargins(18, 12, 18, 12)
        self.codes_grid.setHorizontalSpacing(40)
        layout.addSpacing(8)
        layout.addWidget(holder)
        layout.addSpacing(8)
        self.codes_noted = QCheckBox(self.tr("Ich habe die Backup-Codes sicher notiert."))
        self.codes_noted.toggled.connect(lambda _: self._update_buttons())
        layout.addWidget(self.codes_noted)
        layout.addStretch(1)
        return page

    def _sign_in_page(self) -> QWidget:
        page, layout = _page(
            self.tr("Mit zweitem Faktor anmelden"),
            self.tr("Für den Admin-Modus melden Sie sich bitte erneut mit Passwort und Authenticator-Code an."),
        )
        form = QFormLayout()
        self.email_label = QLabel(self.email)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.totp_edit = QLineEdit()
        self.totp_edit.setPlaceholderText(self.tr("6-stelliger Code oder Backup-Code"))
        form.addRow(self.tr("E-Mail:"), self.email_label)
        form.addRow(self.tr("Passwort:"), self.password_edit)
        form.addRow(self.tr("Code:"), self.totp_edit)
        layout.addLayout(form)
        layout.addStretch(1)
        return page

    def _refused_page(self) -> QWidget:
        page, layout = _page(self.tr("Admin-Modus nicht verfügbar"), "")
        self.refused_text = layout.itemAt(1).widget()
        layout.addStretch(1)
        return page

    # -- flow ----------------------------------------------------------------------------------------

    def start(self) -> None:
        self._show(self.CHECK)
        self._busy(True)
        self.mode.check_entry(self._checked, self._refuse)

    def _show(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        self.error.clear_message()
        self._update_buttons()

    def _busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self._update_buttons()

    def _update_buttons(self) -> None:
        page, busy = self.pages.currentIndex(), self.busy.isVisible()
        self.next_button.setVisible(page not in (self.CHECK, self.REFUSED))
        self.next_button.setEnabled(not busy and (page != self.BACKUP or self.codes_noted.isChecked()))
        self.next_button.setText(self.tr("Admin-Modus öffnen") if page == self.BACKUP else self.tr("Weiter"))
        self.cancel_button.setText(self.tr("Schließen") if page == self.REFUSED else self.tr("Abbrechen"))

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        self.error.show_message(admin_error_text(exc))

    def _refuse(self, exc: BaseException) -> None:
        self._busy(False)
        self.refused_text.setText(admin_error_text(exc))
        self._show(self.REFUSED)

    def _checked(self, me: AdminMe) -> None:
        if not me.totp_enabled:
            self.mode.enroll(self._enrolled, self._refuse)
        elif not me.second_factor:
            self._busy(False)
            self.email_label.setText(me.email)
            self.email = me.email
            self._show(self.SIGN_IN)
        else:
            self.mode.start(self.accept, self._refuse)

    def _enrolled(self, enrolment: Enrolment) -> None:
        self._busy(False)
        self.enrolment = enrolment
        self.qr_label.setPixmap(QPixmap.fromImage(qr_image(enrolment.otpauth_uri)).scaled(
            240, 240, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation
        ))  # fmt: skip
        secret = enrolment.secret
        self.secret_label.setText(" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)))
        self._show(self.ENROL)
        self.enrol_code.setFocus()

    def _confirmed(self, codes: tuple[str, ...]) -> None:
        self._busy(False)
        self.backup_codes = codes
        for i, code in enumerate(codes):
            label = QLabel(code)
            label.setStyleSheet("font-family: monospace; font-size: 12pt;")
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.codes_grid.addWidget(label, i // 2, i % 2)
        self._show(self.BACKUP)

    def _next(self) -> None:
        page = self.pages.currentIndex()
        if page == self.ENROL:
            self._busy(True)
            self.mode.confirm(self.enrol_code.text(), self._confirmed, self._failed)
        elif page == self.BACKUP:
            self._busy(True)
            self.mode.start(self.accept, self._refuse)
        elif page == self.SIGN_IN:
            self._busy(True)
            password, code = self.password_edit.text(), self.totp_edit.text().strip()
            self.mode.reauthenticate(self.email, password, code, self._reauthenticated, self._failed)

    def _reauthenticated(self, _: Any) -> None:
        self.password_edit.clear()
        self.mode.check_entry(self._checked, self._refuse)

    def done(self, result: int) -> None:
        """Forget the secret and the backup codes whatever the outcome."""
        self.enrolment = None
        self.backup_codes = ()
        self.secret_label.clear()
        self.qr_label.clear()
        while self.codes_grid.count():
            item = self.codes_grid.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        super().done(result)
