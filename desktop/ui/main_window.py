"""The main window shell: menus, a replaceable central widget and the status bar. No business logic here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox, QVBoxLayout, QWidget

from desktop import __version__
from desktop.services.records_service import RecordsService
from desktop.services.session_service import SessionService
from desktop.services.session_types import Step
from desktop.services.sync_service import SyncService
from desktop.sync.errors import NetworkError
from desktop.ui.dialogs.consent import ConsentDialog
from desktop.ui.dialogs.settings_dialog import SettingsDialog
from desktop.ui.dialogs.sign_in import SignInDialog
from desktop.ui.sync.problems_panel import SyncProblemsPanel
from desktop.ui.sync.progress import SyncProgressWidget
from desktop.ui.vehicles.workspace import VehiclesWorkspace
from desktop.ui.widgets.status_bar import AppStatusBar

if TYPE_CHECKING:
    from desktop.services.qr_service import QrService
    from desktop.services.workshop_service import WorkshopService
    from desktop.sync.client import ConsentDoc
    from desktop.sync.collections_api import CollectionsApi
    from desktop.sync.vehicle_api import VehicleApi
    from desktop.ui.admin.launcher import AdminLauncher
    from desktop.ui.vehicles.collections_dialog import CollectionsDialog

STATUS_REFRESH_MS = 30_000


class MainWindow(QMainWindow):
    """Shell of the app. Other views plug in with :meth:`set_central_widget`."""

    def __init__(
        self,
        session: SessionService,
        parent: QWidget | None = None,
        *,
        records: RecordsService | None = None,
        sync: SyncService | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        runner = session.runner
        self.records = records or RecordsService(lambda: session.vault, runner)
        self.sync = sync or SyncService(
            runner,
            session.settings,
            lambda: session.vault,
            lambda: session.client,
            lambda: session.me.user_id if session.me else None,
        )
        self.sync.changes_applied.connect(self.records.relay)
        self.sync.failed.connect(self._sync_failed)
        self.sync.finished.connect(self._sync_finished)
        self.records.changes_applied.connect(lambda _: self.refresh_status())
        self.setWindowTitle(self.tr("LifeTimeCircle Service Heft"))
        self.resize(1280, 800)
        self.status = AppStatusBar()
        self.setStatusBar(self.status)
        self.sync_progress = SyncProgressWidget(self.sync)
        self.sync_progress.problems.clicked.connect(self.open_sync_problems)
        self.status.addPermanentWidget(self.sync_progress)
        self._qr: QrService | None = None
        self._workshop: WorkshopService | None = None
        self._admin: AdminLauncher | None = None
        self.workshop_window: QWidget | None = None
        self.collections_dialog: CollectionsDialog | None = None
        self.workspace = VehiclesWorkspace(
            self.records, lambda: session.me.role if session.me else None, qr_service=self.qr_service
        )
        self.set_central_widget(self.workspace)
        self.problems_panel: SyncProblemsPanel | None = None
        self._build_menus()
        self._build_record_menus()
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
        self.admin_action = QAction(self.tr("Admin-&Modus …"), self)
        self.admin_action.setVisible(False)
        self.admin_action.triggered.connect(lambda: self.admin.open())
        account_menu.addAction(self.admin_action)
        account_menu.aboutToShow.connect(self.update_admin_action)

        help_menu = self.menuBar().addMenu(self.tr("&Hilfe"))
        about = QAction(self.tr("Ü&ber Service Heft"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _build_record_menus(self) -> None:
        """The Fahrzeug and Synchronisation menus (every action has a shortcut or a mnemonic)."""
        account = self.menuBar().actions()[1]
        vehicle_menu = QMenu(self.tr("&Fahrzeug"), self)
        sync_menu = QMenu(self.tr("&Synchronisation"), self)
        self.menuBar().insertMenu(account, vehicle_menu)
        self.menuBar().insertMenu(account, sync_menu)
        ws = self.workspace
        self.new_vehicle_action = self._action(vehicle_menu, self.tr("&Neues Fahrzeug …"), "Ctrl+N", ws.new_vehicle)
        self.new_entry_action = self._action(vehicle_menu, self.tr("Neue &Eintragung …"), "Ctrl+E", ws.new_entry)
        self.search_action = self._action(vehicle_menu, self.tr("Fahrzeug &suchen"), "Ctrl+F", ws.focus_search)
        self.list_action = self._action(vehicle_menu, self.tr("&Alle Fahrzeuge"), "Ctrl+L", ws.show_list)
        self.collections_action = self._action(
            vehicle_menu, self.tr("Sammlungen &verwalten …"), "Ctrl+Shift+M", self.open_collections
        )
        self.sync_action = self._action(sync_menu, self.tr("&Jetzt synchronisieren"), "Ctrl+S", self.sync.start_sync)
        self.cancel_sync_action = self._action(sync_menu, self.tr("Synchronisation &abbrechen"), "", self.sync.cancel)
        self.problems_action = self._action(
            sync_menu, self.tr("Sync-&Probleme …"), "Ctrl+Shift+P", self.open_sync_problems
        )
        workshop_menu = QMenu(self.tr("&Werkstatt"), self)
        self.menuBar().insertMenu(account, workshop_menu)
        self.workshop_action = self._action(
            workshop_menu, self.tr("Fahrzeug per &QR-Code hinzufügen …"), "Ctrl+Shift+W", self.open_workshop
        )
        self.workshop_action.setStatusTip(
            self.tr("Für Werkstätten: Zugriff auf ein Kundenfahrzeug per QR-Aufkleber anfragen")
        )
        self.sync.running_changed.connect(self.cancel_sync_action.setEnabled)
        self.cancel_sync_action.setEnabled(False)

    def _action(self, menu, text: str, shortcut: str, slot) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda: slot())
        menu.addAction(action)
        return action

    def open_sync_problems(self) -> SyncProblemsPanel:
        if self.problems_panel is None:
            self.problems_panel = SyncProblemsPanel(self.records, self)
            self.problems_panel.retry_queued.connect(self.sync.start_sync)
        else:
            self.problems_panel.reload()
        self.problems_panel.open()
        return self.problems_panel

    # Heavy screens load on first use, not at start-up (qrcode for the QR panel, zxing-cpp and QtMultimedia for
    # the workshop page, the admin UI): the imports below are deferred on purpose, measured by bench/desktop.py.

    def qr_service(self) -> QrService:
        """The QR panel's service, made when the first vehicle file opens."""
        if self._qr is None:
            from desktop.services.qr_service import QrService  # lazy: qrcode loads with the first vehicle file

            self._qr = QrService(self._vehicle_api, lambda: self.session.vault, self.session.runner)
        return self._qr

    @property
    def workshop(self) -> WorkshopService:
        if self._workshop is None:
            from desktop.services.workshop_service import WorkshopService  # lazy: zxing-cpp only when used

            self._workshop = WorkshopService(self._vehicle_api, self.session.runner)
        return self._workshop

    @property
    def admin(self) -> AdminLauncher:
        if self._admin is None:
            from desktop.ui.admin.launcher import AdminLauncher  # lazy: the admin UI only for admins

            self._admin = AdminLauncher(self.session, self)
        return self._admin

    def open_collections(self) -> QWidget:
        """Sammlungen und Flotten (Strg+Umschalt+M): read from the replica, changed online through REST."""
        from desktop.services.collections_service import CollectionsService  # lazy: only when opened
        from desktop.ui.vehicles.collections_dialog import CollectionsDialog

        if self.collections_dialog is None:
            service = CollectionsService(
                self.records, self._collections_api, lambda: self.session.vault, self.session.runner
            )
            self.collections_dialog = CollectionsDialog(service, self)
        self.collections_dialog.reload()
        self.collections_dialog.show()
        self.collections_dialog.raise_()
        return self.collections_dialog

    def _collections_api(self) -> CollectionsApi:
        if self.session.client is None:
            raise NetworkError("offline")
        from desktop.sync.collections_api import CollectionsApi  # lazy: with the first collection change

        return CollectionsApi(self.session.client)

    def _vehicle_api(self) -> VehicleApi:
        """The REST calls of the QR panel and the workshop page (online only)."""
        if self.session.client is None:
            raise NetworkError("offline")
        from desktop.sync.vehicle_api import VehicleApi  # lazy: with the first online QR/workshop call

        return VehicleApi(self.session.client)

    def open_workshop(self) -> QWidget:
        """The workshop page in its own window (Strg+Umschalt+W). Accounts without a workshop see why."""
        if self.workshop_window is None:
            from desktop.ui.workshop.workshop_page import WorkshopPage  # lazy: QtMultimedia only when opened

            window = QWidget(self, Qt.WindowType.Window)
            window.setWindowTitle(self.tr("Werkstatt – Fahrzeug per QR-Code hinzufügen"))
            window.resize(1100, 760)
            layout = QVBoxLayout(window)
            layout.setContentsMargins(0, 0, 0, 0)
            self.workshop_page = WorkshopPage(self.workshop, window)
            layout.addWidget(self.workshop_page)
            self.workshop_window = window
        self.workshop_window.show()
        self.workshop_window.raise_()
        self.workshop_window.activateWindow()
        return self.workshop_window

    def refresh_status(self) -> None:
        self.session.local_status(self.status.set_local_status)
        if self.session.vault is not None:
            self.records.load_problems(lambda rows: self.sync_progress.set_problem_count(len(rows)), lambda _: None)

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
        me = self.session.me
        if not (self._signed_in and me is not None):
            self.admin_action.setVisible(False)
            return
        from desktop.ui.admin.launcher import admin_allowed  # lazy: the admin UI only for admins

        self.admin_action.setVisible(admin_allowed(me))

    def _online_changed(self, online: bool) -> None:
        if online:
            self._signed_in = True
            if self.sync.offline:  # the server answers again (F5, sign-in): send what waited, not at the retry
                self.sync.start_sync()
        self.status.set_online(online, self._signed_in)
        self.update_admin_action()

    def _sync_failed(self, _: BaseException) -> None:
        if self.sync.offline and self.session.online:
            self.session.go_online()  # ask the session: the status bar says offline when the server is gone

    def _sync_finished(self, _: object) -> None:
        if self._signed_in and not self.session.online:
            self.session.go_online()  # the sync got through: the session is back online too

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
