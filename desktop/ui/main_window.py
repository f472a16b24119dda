"""The main window shell: menus, a replaceable central widget and the status bar. No business logic here."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from desktop import __version__
from desktop.services.session_service import SessionService
from desktop.services.session_types import Step
from desktop.sync.client import ConsentDoc
from desktop.ui.admin.launcher import AdminLauncher, admin_allowed
from desktop.ui.dialogs.consent import ConsentDialog
from desktop.ui.dialogs.settings_dialog import SettingsDialog
from desktop.ui.dialogs.sign_in import SignInDialog
from desktop.ui.widgets.common import EmptyState
from desktop.ui.widgets.status_bar import AppStatusBar

STATUS_REFRESH_MS = 30_000


class MainWindow(QMainWindow):
    """Shell of the app. Other views plug in with :meth:`set_central_widget`."""

    def __init__(self, session: SessionService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("LifeTimeCircle Service Heft"))
        self.resize(1280, 800)
        self.status = AppStatusBar()
        self.setStatusBar(self.status)
        self.set_central_widget(
            EmptyState(
                self.tr("Noch keine Fahrzeuge"),
                self.tr("Hier erscheinen Ihre Fahrzeuge mit ihrem Serviceheft, sobald Sie eines anlegen."),
            )
        )
        self._build_menus()
        self._signed_in = True
        self._consent_open = False
        session.online_changed.connect(self._online_changed)
        session.signed_out.connect(self._signed_out)
        session.consent_needed.connect(self._consent_needed)
        self._timer = QTimer(self)
        self._timer.setInterval(STATUS_REFRESH_MS)
        self._timer.timeout.connect(self.refresh_status)
        self._timer.start()
        self.status.set_online(session.online)
        self.refresh_status()

    def set_central_widget(self, widget: QWidget) -> None:
        """Replace the central area (the vehicle list will go here)."""
        old = self.centralWidget()
        self.setCentralWidget(widget)
        if old is not None:
            old.deleteLater()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&Datei"))
        self.settings_action = QAction(self.tr("&Einstellungen …"), self)
        self.settings_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Preferences))
        self.settings_action.triggered.connect(self.open_settings)
        self.quit_action = QAction(self.tr("&Beenden"), self)
        self.quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        account_menu = self.menuBar().addMenu(self.tr("&Konto"))
        self.sign_in_action = QAction(self.tr("&Anmelden …"), self)
        self.sign_in_action.triggered.connect(self.open_sign_in)
        self.sign_out_action = QAction(self.tr("A&bmelden"), self)
        self.sign_out_action.triggered.connect(self.session.sign_out)
        self.reconnect_action = QAction(self.tr("&Verbindung prüfen"), self)
        self.reconnect_action.setShortcut(QKeySequence("F5"))
        self.reconnect_action.triggered.connect(self.session.go_online)
        account_menu.addAction(self.sign_in_action)
        account_menu.addAction(self.sign_out_action)
        account_menu.addSeparator()
        account_menu.addAction(self.reconnect_action)
        self.admin = AdminLauncher(self.session, self)
        self.admin_action = QAction(self.tr("Admin-&Modus …"), self)
        self.admin_action.setVisible(False)
        self.admin_action.triggered.connect(self.admin.open)
        account_menu.addAction(self.admin_action)
        account_menu.aboutToShow.connect(self.update_admin_action)

        help_menu = self.menuBar().addMenu(self.tr("&Hilfe"))
        about = QAction(self.tr("Ü&ber Service Heft"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def refresh_status(self) -> None:
        self.session.local_status(self.status.set_local_status)

    def open_settings(self) -> SettingsDialog:
        dialog = SettingsDialog(self.session.settings, self.session.secrets.is_secure, self)
        dialog.open()
        return dialog

    def open_sign_in(self) -> SignInDialog:
        dialog = SignInDialog(self.session, self, start=Step.EMAIL)
        dialog.finished.connect(lambda _: self.session.go_online())
        dialog.open()
        return dialog

    def update_admin_action(self) -> None:
        """Offer the admin mode only when the server said the role is admin or superadmin."""
        self.admin_action.setVisible(self._signed_in and admin_allowed(self.session.me))

    def _online_changed(self, online: bool) -> None:
        if online:
            self._signed_in = True
        self.status.set_online(online, self._signed_in)
        self.update_admin_action()

    def _signed_out(self) -> None:
        self._signed_in = False
        self.status.set_online(False, signed_in=False)
        self.update_admin_action()

    def _consent_needed(self, docs: tuple[ConsentDoc, ...]) -> None:
        if self._consent_open or self.session.step == Step.CONSENT:
            return  # the sign-in dialog shows the consent page itself
        self._consent_open = True
        dialog = ConsentDialog(self.session, docs, self)
        self.consent_dialog = dialog
        dialog.rejected.connect(self.close)
        dialog.finished.connect(self._consent_closed)
        dialog.open()

    def _consent_closed(self, _: int) -> None:
        self._consent_open = False

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("Über Service Heft"),
            self.tr("LifeTimeCircle Service Heft {version}\nDas digitale, nachprüfbare Serviceheft.").format(
                version=__version__
            ),
        )
