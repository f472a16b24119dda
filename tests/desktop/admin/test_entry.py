"""Entering the admin mode against a real server: TOTP enrolment with QR and backup codes; non-admins never."""

from __future__ import annotations

import pyotp
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.paths import AppPaths
from desktop.services.admin_service import AdminMode, NotAnAdmin
from desktop.services.tasks import TaskRunner
from desktop.ui.admin.entry_dialog import AdminEntryDialog, qr_image
from desktop.ui.main_window import MainWindow
from tests.desktop.admin.conftest import (
    TIMEOUT,
    cli_user,
    member,
    save_screenshot,
    signed_in_session,
)
from tests.desktop.sync.live_server import LiveServer


def test_admin_enrols_totp_and_enters_the_mode(
    qtbot: QtBot, app_paths: AppPaths, runner: TaskRunner, live_server: LiveServer
) -> None:
    email = cli_user(live_server, "admin")
    session = signed_in_session(qtbot, app_paths, runner, live_server, email)
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.admin.runner = runner
    session.go_online()
    qtbot.waitUntil(lambda: session.me is not None, timeout=TIMEOUT)
    window.update_admin_action()
    assert window.admin_action.isVisible()

    window.admin_action.trigger()
    dialog = window.admin.dialog
    assert isinstance(dialog, AdminEntryDialog)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == AdminEntryDialog.ENROL, timeout=TIMEOUT)
    assert dialog.enrolment is not None
    assert dialog.enrolment.otpauth_uri.startswith("otpauth://totp/")
    assert not dialog.qr_label.pixmap().isNull()
    save_screenshot(dialog, "admin-01-einrichtung", (760, 600))
    totp = pyotp.TOTP(dialog.enrolment.secret)

    qtbot.keyClicks(dialog.enrol_code, "000000" if totp.now() != "000000" else "111111")
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=TIMEOUT)
    assert "Code ist falsch" in dialog.error.text()
    dialog.enrol_code.clear()
    qtbot.keyClicks(dialog.enrol_code, totp.now())
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == AdminEntryDialog.BACKUP, timeout=TIMEOUT)
    assert len(dialog.backup_codes) >= 5
    assert not dialog.next_button.isEnabled()
    dialog.codes_noted.setChecked(True)
    save_screenshot(dialog, "admin-02-backup-codes", (760, 600))
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.admin.window is not None and window.admin.window.isVisible(), timeout=TIMEOUT)
    admin_window = window.admin.window
    assert admin_window is not None
    qtbot.addWidget(admin_window)
    assert window.admin.mode is not None
    assert window.admin.mode.active
    # the codes and the secret are gone once the dialog closed
    assert dialog.backup_codes == ()
    assert dialog.enrolment is None
    qtbot.waitUntil(lambda: admin_window.quarantine.count_label.text() != "", timeout=TIMEOUT)

    qtbot.mouseClick(admin_window.end_button, Qt.MouseButton.LeftButton)
    assert not window.admin.mode.active
    assert not admin_window.isVisible()
    assert admin_window.end_reason == "user"
    session.close()


def test_non_admin_is_never_offered_the_mode_and_the_server_refuses(
    qtbot: QtBot, app_paths: AppPaths, runner: TaskRunner, live_server: LiveServer
) -> None:
    email = cli_user(live_server, "user")
    session = signed_in_session(qtbot, app_paths, runner, live_server, email)
    window = MainWindow(session)
    qtbot.addWidget(window)
    session.go_online()
    qtbot.waitUntil(lambda: session.me is not None and session.online, timeout=TIMEOUT)
    window.update_admin_action()
    assert session.me is not None
    assert session.me.role == "user"
    assert not window.admin_action.isVisible()
    assert session.client is not None

    # even when asked directly, the entry refuses (the server's /auth/me role decides) ...
    mode = AdminMode(session.client, runner)
    dialog = AdminEntryDialog(mode)
    qtbot.addWidget(dialog)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == AdminEntryDialog.REFUSED, timeout=TIMEOUT)
    assert "nur Konten mit der Rolle Admin" in dialog.refused_text.text()
    assert not mode.active
    # ... and the server itself refuses the admin routes for this account
    outcome: list[BaseException] = []
    mode.start(lambda: None, outcome.append)
    qtbot.waitUntil(lambda: bool(outcome), timeout=TIMEOUT)
    assert getattr(outcome[0], "code", None) == "forbidden"
    assert not mode.active
    account = member(live_server)
    assert account.get("/admin/users").status_code == 403
    assert account.post("/admin/step-up/verify", json={"scope": "pii_reveal", "code": "123456"}).status_code == 403
    assert isinstance(NotAnAdmin("user"), Exception)
    session.close()


def test_qr_image_is_a_square_black_on_white_code(qtbot: QtBot) -> None:
    image = qr_image("otpauth://totp/LifeTimeCircle:a@example.org?secret=ABCDEFGHIJKLMNOP&issuer=LTC")
    assert image.width() == image.height() > 100
    assert image.pixelColor(0, 0).name() == "#ffffff"
    assert image.pixelColor(image.width() // 2, image.height() // 2).name() in ("#000000", "#ffffff")


def test_english_translation_file_covers_the_admin_window(qtbot: QtBot) -> None:
    from PySide6.QtCore import QCoreApplication, QTranslator

    from desktop.ui.admin.launcher import I18N_DIR

    translator = QTranslator()
    assert translator.load("ltc_admin_en", str(I18N_DIR))
    QCoreApplication.installTranslator(translator)
    try:
        assert QCoreApplication.translate("AdminWindow", "Modus beenden") == "End mode"
        assert QCoreApplication.translate("QuarantinePage", "Dokumente in Prüfung") == "Documents in review"
    finally:
        QCoreApplication.removeTranslator(translator)
