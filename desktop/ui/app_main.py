"""Start-up of the desktop UI: QApplication, translator, paths, settings, services, then the first window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import heap
from desktop.credentials import DeferredSecretStore, SecretStore, open_secret_store
from desktop.paths import AppPaths, resolve_paths
from desktop.services.session_service import SessionService
from desktop.services.tasks import TaskRunner, set_default_runner
from desktop.settings import DATA_DIR, LANGUAGE, SERVER_URL, Settings
from desktop.ui.dialogs.sign_in import SignInDialog
from desktop.ui.dialogs.unlock import UnlockDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.messages import error_text
from desktop.ui.theme import apply_theme

I18N_DIR = Path(__file__).resolve().parent.parent / "i18n"
APP_TRANSLATION = "ltc"
#: Further translation catalogues of the app, loaded next to ``ltc`` (the vehicles, entries and sync views).
EXTRA_TRANSLATIONS = ("ltc_records", "ltc_docs")
#: Test hook of the start command: quit right after the first window is shown and print :data:`SHOWN_MARKER`.
EXIT_AFTER_SHOW_ENV = "LTC_DESKTOP_EXIT_AFTER_SHOW"
SHOWN_MARKER = "LTC_DESKTOP_SHOWN"


def choose_language(setting: str, override: str | None) -> str:
    """``override`` (``--lang``) beats the setting; ``system`` follows the OS locale (German unless English)."""
    chosen = override or setting
    if chosen in ("de", "en"):
        return chosen
    return "en" if QLocale.system().language() == QLocale.Language.English else "de"


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """Load Qt's own strings and the app's .qm for ``language`` (German is the source language)."""
    installed: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt)
        installed.append(qt)
    if language != "de":
        own = QTranslator(app)
        if own.load(f"{APP_TRANSLATION}_{language}", str(I18N_DIR)):
            app.installTranslator(own)
            installed.append(own)
        for name in EXTRA_TRANSLATIONS:
            extra = QTranslator(app)
            if extra.load(f"{name}_{language}", str(I18N_DIR)):
                app.installTranslator(extra)
                installed.append(extra)
    QLocale.setDefault(QLocale(QLocale.Language.English if language == "en" else QLocale.Language.German))
    return installed


class DesktopApp:
    """Holds the long-lived objects; ``start()`` shows the sign-in or unlock dialog, then the main window."""

    def __init__(self, paths: AppPaths, settings: Settings, secrets: SecretStore, runner: TaskRunner, **kw: object):
        self.paths, self.settings, self.runner = paths, settings, runner
        self.session = SessionService(paths, settings, secrets, runner, **kw)  # type: ignore[arg-type]
        self.window: MainWindow | None = None
        self.dialog: SignInDialog | UnlockDialog | None = None

    def start(self) -> None:
        self.session.try_cached_unlock(self._cached)

    def _cached(self, opened: bool) -> None:
        if opened:
            self.show_main()
            return
        self.session.start()
        self.dialog = UnlockDialog(self.session) if self.session.has_vault else SignInDialog(self.session)
        self.dialog.accepted.connect(self.show_main)
        self.dialog.rejected.connect(QApplication.instance().quit)
        self.dialog.show()
        self._first_window_shown(type(self.dialog).__name__)

    def show_main(self) -> None:
        if self.dialog is not None:
            self.dialog.hide()
        self.window = MainWindow(self.session)
        self.window.show()
        self.session.go_online()
        self.window.sync.start()
        self._first_window_shown("MainWindow")

    def _first_window_shown(self, name: str) -> None:
        """Release the start-up hold on the garbage collector (:mod:`desktop.heap`). With
        ``LTC_DESKTOP_EXIT_AFTER_SHOW=1`` (tests of the start command): print the marker, then quit."""
        heap.release_after_start()
        if os.environ.get(EXIT_AFTER_SHOW_ENV) != "1":
            return
        sys.stdout.write(f"{SHOWN_MARKER} window={name} server={self.session.server_url}\n")
        sys.stdout.flush()
        QTimer.singleShot(0, QApplication.instance().quit)

    def shutdown(self) -> None:
        if self.window is not None:
            self.window.sync.stop()
        self.session.close()
        self.runner.shutdown(wait=True)


def run(server: str | None = None, data_dir: str | None = None, lang: str | None = None) -> int:
    """Entry point of ``ltc-desktop``; returns the exit code."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("LifeTimeCircle Service Heft")
    app.setOrganizationName("LifeTimeCircle")
    base = resolve_paths()
    settings = Settings.load(base.config_dir)
    if server:
        settings.set(SERVER_URL.key, server.rstrip("/"))
    folder = data_dir or settings[DATA_DIR] or None
    paths = resolve_paths(data_dir=folder).ensure()
    install_translators(app, choose_language(settings[LANGUAGE], lang))
    apply_theme(app)
    runner = TaskRunner()
    set_default_runner(runner)
    runner.set_error_handler(lambda exc: QMessageBox.warning(None, app.tr("Fehler"), error_text(exc)))
    desktop = DesktopApp(paths, settings, DeferredSecretStore(open_secret_store), runner)  # keyring on first use
    desktop.start()
    try:
        return app.exec()
    finally:
        desktop.shutdown()
