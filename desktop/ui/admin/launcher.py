"""Opening the admin mode from the main window: the entry dialog first, then the admin window.

The menu action is shown only when the server said the account is admin or superadmin (``/auth/me``); the
server refuses every admin route to anyone else anyway."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QTranslator
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.services.admin_service import AdminMode, EndReason
from desktop.services.session_service import SessionService
from desktop.services.tasks import TaskRunner, default_runner
from desktop.sync.admin_api import ADMIN_ROLES
from desktop.sync.client import Me
from desktop.ui.admin.admin_window import AdminWindow, end_text
from desktop.ui.admin.entry_dialog import AdminEntryDialog

I18N_DIR = Path(__file__).resolve().parents[2] / "i18n"
_translator: QTranslator | None = None


def admin_allowed(me: Me | None) -> bool:
    """Whether to offer the admin mode at all (the server's word on the role)."""
    return me is not None and me.role in ADMIN_ROLES


def install_admin_translator() -> None:
    """Load ltc_admin_en.qm as a second translator when the UI runs in English (once)."""
    global _translator
    app = QCoreApplication.instance()
    if _translator is not None or app is None or QLocale().language() != QLocale.Language.English:
        return
    translator = QTranslator(app)
    if translator.load("ltc_admin_en", str(I18N_DIR)):
        app.installTranslator(translator)
        _translator = translator


class AdminLauncher(QObject):
    """Owns the one admin-mode session of the app window."""

    def __init__(
        self,
        session: SessionService,
        parent: QWidget,
        runner: TaskRunner | None = None,
        clock: Callable[[], float] | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.parent_widget = parent
        self.runner = runner or default_runner()
        self.clock = clock
        self.mode: AdminMode | None = None
        self.dialog: AdminEntryDialog | None = None
        self.window: AdminWindow | None = None
        self.notice: QMessageBox | None = None
        session.signed_out.connect(self.end)

    def open(self) -> None:
        """Show the running admin window, or start the entry flow."""
        install_admin_translator()
        if self.window is not None and self.mode is not None and self.mode.active:
            self.window.raise_()
            self.window.activateWindow()
            return
        client = self.session.client
        if client is None:
            return
        kwargs = {"clock": self.clock} if self.clock is not None else {}
        self.mode = AdminMode(client, self.runner, **kwargs)  # type: ignore[arg-type]
        email = self.session.me.email if self.session.me else ""
        self.dialog = AdminEntryDialog(self.mode, email, self.parent_widget)
        self.dialog.accepted.connect(self._show_window)
        self.dialog.open()
        self.dialog.start()

    def _show_window(self) -> None:
        assert self.mode is not None
        self.window = AdminWindow(self.mode)
        self.window.closed_by_mode.connect(self._ended)
        self.window.show()

    def _ended(self, reason: str) -> None:
        self.notice = QMessageBox(QMessageBox.Icon.Information, self.tr("Admin-Modus"), end_text(reason),
                                  parent=self.parent_widget)  # fmt: skip
        self.notice.open()

    def end(self) -> None:
        if self.mode is not None:
            self.mode.end(EndReason.SIGNED_OUT)
