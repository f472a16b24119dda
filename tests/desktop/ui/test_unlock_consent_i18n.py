"""Unlock with a wrong and a right password, blocking re-consent after a version bump, the English translation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.credentials import MemorySecretStore
from desktop.paths import AppPaths
from desktop.services.tasks import TaskRunner
from desktop.store.keyfile import fixed_kdf_policy
from desktop.store.vault import Vault
from desktop.sync.client import ApiClient, SecretTokenStore
from desktop.ui.app_main import install_translators
from desktop.ui.dialogs.sign_in import SignInDialog
from desktop.ui.dialogs.unlock import UnlockDialog
from desktop.ui.main_window import MainWindow
from tests.desktop.sync.live_server import LiveServer
from tests.desktop.ui.conftest import PASSWORD, make_session
from tests.desktop.ui.records_helpers import shoot, shoot_over

TIMEOUT = 15_000


def make_vault(paths: AppPaths) -> None:
    Vault.create(paths.vault_dir, PASSWORD, kdf=fixed_kdf_policy(time_cost=1, memory_cost_kib=8, parallelism=1)).close()


def test_wrong_password_shows_a_message_and_allows_a_retry(
    qtbot: QtBot, app_paths: AppPaths, runner: TaskRunner
) -> None:
    make_vault(app_paths)
    session = make_session(app_paths, runner, "http://127.0.0.1:9", MemorySecretStore())
    session.start()
    dialog = UnlockDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()

    qtbot.keyClicks(dialog.password_edit, "falsches-passwort")
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=TIMEOUT)
    assert dialog.error.text() == "Das Passwort ist falsch. Bitte erneut versuchen."
    assert session.vault is None
    assert dialog.isVisible()
    assert dialog.password_edit.isEnabled()
    shoot(dialog, "06-entsperren")

    dialog.password_edit.clear()
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert session.vault is not None
    session.close()


@pytest.fixture
def own_server(tmp_path: Path) -> Iterator[LiveServer]:
    server = LiveServer(tmp_path / "server").start()
    yield server
    server.stop()


def test_consent_is_asked_again_after_a_version_bump(
    qtbot: QtBot, app_paths: AppPaths, runner: TaskRunner, own_server: LiveServer
) -> None:
    secrets = MemorySecretStore()
    client = ApiClient(own_server.url, token_store=SecretTokenStore(secrets, f"refresh-token:{own_server.url}"))
    challenge = client.request_code("max@example.org")
    assert challenge.dev_otp is not None
    client.verify("max@example.org", challenge.challenge_id, challenge.dev_otp)
    client.set_password(PASSWORD)
    client.consent_accept(client.consent_current())
    assert client.consent_status().is_complete
    client.close()
    make_vault(app_paths)

    own_server.restart({"LTC_CONSENT_TERMS_VERSION": "v2"})

    session = make_session(app_paths, runner, own_server.url, secrets)
    session.start()
    unlock = UnlockDialog(session)
    qtbot.addWidget(unlock)
    unlock.show()
    qtbot.keyClicks(unlock.password_edit, PASSWORD)
    with qtbot.waitSignal(unlock.accepted, timeout=TIMEOUT):
        qtbot.keyClick(unlock.password_edit, Qt.Key.Key_Return)

    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    session.go_online()
    qtbot.waitUntil(lambda: getattr(window, "consent_dialog", None) is not None, timeout=TIMEOUT)
    dialog = window.consent_dialog
    assert dialog.isVisible()
    assert dialog.isModal()
    assert "Version v2" in dialog.panel.terms.text()
    assert "Version v1" in dialog.panel.privacy.text()  # every required document is ticked again (SPEC §3.7)
    assert not dialog.panel.accept_button.isEnabled()
    shoot_over(window, dialog, "09-erneute-einwilligung")

    dialog.panel.terms.setChecked(True)
    assert not dialog.panel.accept_button.isEnabled()
    dialog.panel.privacy.setChecked(True)
    with qtbot.waitSignal(dialog.accepted, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.panel.accept_button, Qt.MouseButton.LeftButton)
    assert session.pending_consent == ()
    session.close()


def test_the_english_translation_loads(qtbot: QtBot, app_paths: AppPaths, runner: TaskRunner) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    previous = QLocale()
    translators = install_translators(app, "en")
    try:
        assert QCoreApplication.translate("SignInDialog", "Weiter") == "Next"
        session = make_session(app_paths, runner, "http://127.0.0.1:9", MemorySecretStore())
        dialog = SignInDialog(session)
        qtbot.addWidget(dialog)
        assert dialog.next_button.text() == "Next"
        assert dialog.cancel_button.text() == "Cancel"
        window = MainWindow(session)
        qtbot.addWidget(window)
        assert window.menuBar().actions()[0].text() == "&File"
        shoot(dialog, "10-sign-in-english")
    finally:
        for translator in translators:
            app.removeTranslator(translator)
        QLocale.setDefault(previous)  # the English default locale would leak into later tests (admin pages)
    assert QCoreApplication.translate("SignInDialog", "Weiter") == "Weiter"
