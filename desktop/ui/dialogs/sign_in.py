"""First-run / sign-in dialog: server address -> e-mail (code or password) -> code -> password -> consent.

The dialog only shows pages and forwards input to :class:`SessionService`; the service decides the next step
(``step_changed``). Every control is reachable by keyboard: Enter triggers "Weiter", Esc cancels, and the tab
order runs through the page's fields, then "Weiter", "Zurück", "Abbrechen".
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services.session_service import SessionService
from desktop.services.session_types import Step
from desktop.settings import REMEMBER_KEY
from desktop.sync.client import CodeChallenge
from desktop.ui.dialogs.consent import ConsentPanel
from desktop.ui.messages import error_text
from desktop.ui.widgets.common import BrandPanel, BusyBar, ErrorBanner

PAGE_OF_STEP = {Step.SERVER: 0, Step.EMAIL: 1, Step.CODE: 2, Step.PASSWORD: 3, Step.CONSENT: 4}
BRAND_STEP_OF_PAGE = {0: 0, 1: 1, 2: 1, 3: 2, 4: 3}


def _page(title: str, subtitle: str) -> tuple[QWidget, QVBoxLayout, QFormLayout]:
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(10)
    heading = QLabel(title)
    heading.setObjectName("title")
    text = QLabel(subtitle)
    text.setObjectName("subtitle")
    text.setWordWrap(True)
    layout.addWidget(heading)
    layout.addWidget(text)
    layout.addSpacing(14)
    form = QFormLayout()
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setVerticalSpacing(12)
    layout.addLayout(form)
    return page, layout, form


class SignInDialog(QDialog):
    """Modal first-run wizard; ``accept()``-ed when the service reports DONE."""

    def __init__(self, session: SessionService, parent: QWidget | None = None, *, start: Step = Step.SERVER) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("Anmeldung – LifeTimeCircle Service Heft"))
        self.setMinimumSize(900, 600)
        self.brand = BrandPanel(
            [self.tr("Server"), self.tr("E-Mail und Code"), self.tr("Passwort"), self.tr("Einwilligung")]
        )
        self.pages = QStackedWidget()
        self._build_server_page()
        self._build_email_page()
        self._build_code_page()
        self._build_password_page()
        self._build_consent_page()

        self.error = ErrorBanner()
        self.busy = BusyBar()
        self.next_button = QPushButton(self.tr("Weiter"))
        self.next_button.setObjectName("primary")
        self.next_button.setDefault(True)
        self.back_button = QPushButton(self.tr("Zurück"))
        self.cancel_button = QPushButton(self.tr("Abbrechen"))
        for button in (self.back_button, self.cancel_button, self.resend_button):
            button.setAutoDefault(False)  # Enter always means "Weiter", whichever button had focus last
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)

        content = QWidget()
        content.setMaximumWidth(760)
        column = QVBoxLayout(content)
        column.setContentsMargins(56, 48, 56, 28)
        column.addWidget(self.pages, 1)
        column.addWidget(self.error)
        column.addSpacing(8)
        column.addWidget(self.busy)
        column.addLayout(buttons)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.brand)
        outer.addWidget(content, 1)
        outer.addStretch(0)

        for edit in self.findChildren(QLineEdit):
            edit.textEdited.connect(self.error.clear_message)
        self.next_button.clicked.connect(self._next)
        self.back_button.clicked.connect(self._back)
        self.cancel_button.clicked.connect(self.reject)
        session.step_changed.connect(self._on_step)
        session.busy_changed.connect(self._on_busy)
        session.failed.connect(self._on_failed)
        session.code_sent.connect(self._on_code_sent)
        session.consent_needed.connect(self.consent.set_documents)
        session.finished.connect(self.accept)
        self._show_page(PAGE_OF_STEP.get(start, 0))

    # -- pages ---------------------------------------------------------------------------------------

    def _build_server_page(self) -> None:
        page, layout, form = _page(
            self.tr("Willkommen"),
            self.tr(
                "Mit welchem Server soll Ihr Service Heft synchronisiert werden? Die Adresse erhalten Sie "
                "von Ihrem Betreiber."
            ),
        )
        self.server_edit = QLineEdit(self.session.server_url)
        self.server_edit.setPlaceholderText("https://service.example.de")
        self.server_edit.setAccessibleName(self.tr("Server-Adresse"))
        form.addRow(self.tr("Server-&Adresse"), self.server_edit)
        form.labelForField(self.server_edit).setBuddy(self.server_edit)
        layout.addStretch(1)
        self.pages.addWidget(page)

    def _build_email_page(self) -> None:
        page, layout, form = _page(
            self.tr("Anmelden oder registrieren"),
            self.tr(
                "Neu hier? Wir senden Ihnen einen Code per E-Mail. Mit einem bestehenden Konto können Sie "
                "sich auch mit Ihrem Passwort anmelden."
            ),
        )
        self.email_edit = QLineEdit()
        self.email_edit.setPlaceholderText("name@example.de")
        self.email_edit.setAccessibleName(self.tr("E-Mail-Adresse"))
        form.addRow(self.tr("&E-Mail-Adresse"), self.email_edit)
        self.code_radio = QRadioButton(self.tr("Code per E-Mail senden (auch für neue Konten)"))
        self.password_radio = QRadioButton(self.tr("Mit Passwort anmelden"))
        self.code_radio.setChecked(True)
        group = QButtonGroup(page)
        group.addButton(self.code_radio)
        group.addButton(self.password_radio)
        form.addRow("", self.code_radio)
        form.addRow("", self.password_radio)
        self.login_password_edit = QLineEdit()
        self.login_password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.login_password_edit.setAccessibleName(self.tr("Passwort"))
        form.addRow(self.tr("&Passwort"), self.login_password_edit)
        self._login_password_label = form.labelForField(self.login_password_edit)
        self.password_radio.toggled.connect(self._toggle_login_password)
        self._toggle_login_password(False)
        layout.addStretch(1)
        self.pages.addWidget(page)

    def _build_code_page(self) -> None:
        page, layout, form = _page(self.tr("Code eingeben"), "")
        self.code_info = layout.itemAt(1).widget()
        self.code_edit = QLineEdit()
        self.code_edit.setMaxLength(6)
        self.code_edit.setValidator(QRegularExpressionValidator(r"\d{0,6}"))
        self.code_edit.setPlaceholderText("123456")
        self.code_edit.setAccessibleName(self.tr("Code aus der E-Mail"))
        form.addRow(self.tr("&Code"), self.code_edit)
        self.resend_button = QPushButton(self.tr("Neuen Code senden"))
        self.resend_button.setFlat(True)
        self.resend_button.clicked.connect(lambda: self.session.request_code(self.session.email))
        form.addRow("", self.resend_button)
        self.dev_hint = QLabel()
        self.dev_hint.setObjectName("hint")
        self.dev_hint.setVisible(False)
        layout.addWidget(self.dev_hint)
        layout.addStretch(1)
        self.pages.addWidget(page)

    def _build_password_page(self) -> None:
        page, layout, form = _page(
            self.tr("Passwort festlegen"),
            self.tr(
                "Mit diesem Passwort melden Sie sich künftig an. Es verschlüsselt auch den Tresor mit Ihren "
                "Daten auf diesem Computer: Bitte gut merken. Mindestens 10 Zeichen, nicht Ihre E-Mail-Adresse."
            ),
        )
        self.new_password_edit = QLineEdit()
        self.new_password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_password_edit.setAccessibleName(self.tr("Neues Passwort"))
        self.repeat_password_edit = QLineEdit()
        self.repeat_password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_password_edit.setAccessibleName(self.tr("Passwort wiederholen"))
        form.addRow(self.tr("&Neues Passwort"), self.new_password_edit)
        form.addRow(self.tr("Passwort &wiederholen"), self.repeat_password_edit)
        self.remember_box = QCheckBox(self.tr("Tresor beim Start automatisch öffnen (Schlüssel im Schlüsselbund)"))
        self.remember_box.setChecked(bool(self.session.settings[REMEMBER_KEY]))
        if not self.session.secrets.is_secure:
            self.remember_box.setEnabled(False)
            self.remember_box.setToolTip(self.tr("Auf diesem Computer ist kein sicherer Schlüsselbund verfügbar."))
        form.addRow("", self.remember_box)
        layout.addStretch(1)
        self.pages.addWidget(page)

    def _build_consent_page(self) -> None:
        self.consent = ConsentPanel()
        self.consent.accept_button.setVisible(False)
        self.consent.terms.toggled.connect(self._update_buttons)
        self.consent.privacy.toggled.connect(self._update_buttons)
        self.pages.addWidget(self.consent)

    # -- navigation ----------------------------------------------------------------------------------

    def _toggle_login_password(self, on: bool) -> None:
        self.login_password_edit.setVisible(on)
        self._login_password_label.setVisible(on)

    def _show_page(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        self.brand.set_current(BRAND_STEP_OF_PAGE[index])
        self.error.clear_message()
        self.next_button.setText(self.tr("Zustimmen und fertig") if index == 4 else self.tr("Weiter"))
        self._update_buttons()
        self._apply_tab_order(index)
        focus = {0: self.server_edit, 1: self.email_edit, 2: self.code_edit, 3: self.new_password_edit}
        widget = focus.get(index, self.consent.terms)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _apply_tab_order(self, index: int) -> None:
        fields: list[QWidget] = {
            0: [self.server_edit],
            1: [self.email_edit, self.code_radio, self.password_radio, self.login_password_edit],
            2: [self.code_edit, self.resend_button],
            3: [self.new_password_edit, self.repeat_password_edit, self.remember_box],
            4: [self.consent.text, self.consent.terms, self.consent.privacy],
        }[index]
        chain = [*fields, self.next_button, self.back_button, self.cancel_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _update_buttons(self) -> None:
        index = self.pages.currentIndex()
        self.back_button.setEnabled(index in (1, 2))
        if index == 4:
            self.next_button.setEnabled(self.consent.accept_button.isEnabled())
        else:
            self.next_button.setEnabled(True)

    def _next(self) -> None:
        self.error.clear_message()
        index = self.pages.currentIndex()
        if index == 0:
            self.session.connect_server(self.server_edit.text())
        elif index == 1:
            email = self.email_edit.text().strip()
            if "@" not in email:
                self.error.show_message(self.tr("Bitte eine gültige E-Mail-Adresse eingeben."))
                return
            if self.password_radio.isChecked():
                self._store_remember()
                self.session.sign_in_with_password(email, self.login_password_edit.text())
            else:
                self.session.request_code(email)
        elif index == 2:
            if len(self.code_edit.text()) != 6:
                self.error.show_message(self.tr("Der Code hat 6 Ziffern."))
                return
            self.session.verify_code(self.code_edit.text())
        elif index == 3:
            self._store_remember()
            self.session.set_password(self.new_password_edit.text(), self.repeat_password_edit.text())
        elif index == 4:
            self.session.accept_consent()

    def _store_remember(self) -> None:
        settings = self.session.settings
        if self.remember_box.isEnabled() and settings[REMEMBER_KEY] != self.remember_box.isChecked():
            settings.set(REMEMBER_KEY.key, self.remember_box.isChecked())
            settings.save()

    def _back(self) -> None:
        index = self.pages.currentIndex()
        self._show_page(max(0, index - 1) if index != 2 else 1)

    # -- service signals -----------------------------------------------------------------------------

    def _on_step(self, step: str) -> None:
        page = PAGE_OF_STEP.get(Step(step))
        if page is not None:
            self._show_page(page)

    def _on_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.pages.setDisabled(busy)
        self.next_button.setDisabled(busy)
        if not busy:
            self._update_buttons()

    def _on_failed(self, exc: BaseException) -> None:
        self.error.show_message(error_text(exc))
        if self.pages.currentIndex() == 2:
            self.code_edit.selectAll()
            self.code_edit.setFocus()

    def _on_code_sent(self, challenge: CodeChallenge) -> None:
        self.code_info.setText(
            self.tr("Wir haben einen 6-stelligen Code an {email} gesendet. Er ist 10 Minuten gültig.").format(
                email=self.session.email
            )
        )
        self.code_edit.clear()
        self.dev_hint.setVisible(challenge.dev_otp is not None)
        if challenge.dev_otp is not None:
            self.dev_hint.setText(self.tr("Entwicklungsserver: Der Code lautet {code}.").format(code=challenge.dev_otp))
