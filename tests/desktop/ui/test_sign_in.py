"""The first-run sign-in dialog against a real server: register with the e-mail code, set a password, consent."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop.credentials import MemorySecretStore
from desktop.paths import AppPaths
from desktop.services.session_types import Step
from desktop.services.tasks import TaskRunner
from desktop.store.vault import vault_exists
from desktop.ui.dialogs.sign_in import SignInDialog
from desktop.ui.main_window import MainWindow
from tests.desktop.sync.live_server import LiveServer
from tests.desktop.ui.conftest import PASSWORD, make_session
from tests.desktop.ui.records_helpers import shoot, shoot_over

TIMEOUT = 15_000


def open_dialog(qtbot: QtBot, app_paths: AppPaths, runner: TaskRunner, url: str) -> SignInDialog:
    session = make_session(app_paths, runner, url, MemorySecretStore())
    session.start()
    dialog = SignInDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_register_with_code_password_and_consent_opens_the_main_window(
    qtbot: QtBot, app_paths: AppPaths, runner: TaskRunner, live_server: LiveServer
) -> None:
    dialog = open_dialog(qtbot, app_paths, runner, live_server.url)
    session = dialog.session
    assert dialog.pages.currentIndex() == 0
    shoot(dialog, "01-server")
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: session.step == Step.EMAIL, timeout=TIMEOUT)

    qtbot.keyClicks(dialog.email_edit, "erika@example.org")
    shoot(dialog, "02-anmeldung")
    codes: list[str] = []
    session.code_sent.connect(lambda challenge: codes.append(challenge.dev_otp))
    qtbot.keyClick(dialog.email_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: session.step == Step.CODE or dialog.error.isVisible(), timeout=TIMEOUT)
    assert session.step == Step.CODE, dialog.error.text()
    assert codes
    assert codes[0]

    qtbot.keyClicks(dialog.code_edit, "000000" if codes[0] != "000000" else "111111")
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=TIMEOUT)
    assert "falsch" in dialog.error.text()
    assert session.step == Step.CODE
    dialog.code_edit.clear()
    qtbot.keyClicks(dialog.code_edit, codes[0])
    shoot(dialog, "03-code")
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: session.step == Step.PASSWORD, timeout=TIMEOUT)

    qtbot.keyClicks(dialog.new_password_edit, "kurz")
    qtbot.keyClicks(dialog.repeat_password_edit, "kurz")
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert "mindestens 10 Zeichen" in dialog.error.text()
    for edit in (dialog.new_password_edit, dialog.repeat_password_edit):
        edit.clear()
        qtbot.keyClicks(edit, PASSWORD)
    shoot(dialog, "04-passwort")
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: session.step == Step.CONSENT, timeout=TIMEOUT)
    assert vault_exists(app_paths.vault_dir)
    assert "v1" in dialog.consent.terms.text()
    assert not dialog.next_button.isEnabled()

    dialog.consent.terms.setChecked(True)
    assert not dialog.next_button.isEnabled()
    dialog.consent.privacy.setChecked(True)
    shoot(dialog, "05-einwilligung")
    with qtbot.waitSignal(dialog.accepted, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert session.step == Step.DONE

    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    session.go_online()
    qtbot.waitUntil(lambda: "Online" in window.status.connection.text(), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: "Keine ausstehenden" in window.status.pending.text(), timeout=TIMEOUT)
    assert window.isVisible()
    qtbot.waitUntil(lambda: session.me is not None and session.me.consent_complete, timeout=TIMEOUT)
    shoot(window, "07-hauptfenster")
    settings_dialog = window.open_settings()
    qtbot.addWidget(settings_dialog)
    shoot_over(window, settings_dialog, "08-einstellungen")
    settings_dialog.reject()
    session.close()


def test_unreachable_server_shows_a_clear_message(qtbot: QtBot, app_paths: AppPaths, runner: TaskRunner) -> None:
    dialog = open_dialog(qtbot, app_paths, runner, "http://127.0.0.1:9")
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=TIMEOUT)
    assert "nicht erreichbar" in dialog.error.text()
    assert dialog.pages.currentIndex() == 0


def focus_chain(start: QWidget, count: int) -> list[QWidget]:
    chain, widget = [], start
    for _ in range(count):
        chain.append(widget)
        widget = widget.nextInFocusChain()
        while not (widget.isVisible() and widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
            widget = widget.nextInFocusChain()
    return chain


def test_tab_order_of_the_sign_in_page(
    qtbot: QtBot, app_paths: AppPaths, runner: TaskRunner, live_server: LiveServer
) -> None:
    dialog = open_dialog(qtbot, app_paths, runner, live_server.url)
    dialog._show_page(1)
    dialog.password_radio.setChecked(True)
    QApplication.processEvents()
    chain = focus_chain(dialog.email_edit, 7)
    assert chain == [
        dialog.email_edit,
        dialog.code_radio,
        dialog.password_radio,
        dialog.login_password_edit,
        dialog.next_button,
        dialog.back_button,
        dialog.cancel_button,
    ]
