"""The admin-mode window: a red header with the time left and "end mode", and one tab per admin area.

Every key press or mouse click inside counts as activity for the 15-minute idle limit. When the mode ends
(limit, sign-out or the button) every page drops what it showed and the window closes."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from desktop.services.admin_service import AdminMode, EndReason
from desktop.ui.admin.addons_page import AddonsPage
from desktop.ui.admin.audit_page import AuditPageWidget
from desktop.ui.admin.common import ADMIN_STYLE, role_label
from desktop.ui.admin.orgs_page import OrgsPage
from desktop.ui.admin.quarantine_page import QuarantinePage
from desktop.ui.admin.users_page import UsersPage

_ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel}


def _t(text: str) -> str:
    return QCoreApplication.translate("AdminWindow", text)


def end_text(reason: str) -> str:
    texts = {
        EndReason.MAX_DURATION.value: _t("Der Admin-Modus wurde nach 4 Stunden beendet."),
        EndReason.IDLE.value: _t("Der Admin-Modus wurde nach 15 Minuten ohne Aktivität beendet."),
        EndReason.SIGNED_OUT.value: _t("Der Admin-Modus wurde beendet: die Anmeldung ist abgelaufen."),
    }
    return texts.get(reason, _t("Der Admin-Modus wurde beendet."))


class AdminWindow(QWidget):
    closed_by_mode = Signal(str)

    def __init__(self, mode: AdminMode, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = mode
        self.end_reason: str | None = None
        self.setWindowTitle(self.tr("Admin-Modus – LifeTimeCircle Service Heft"))
        self.setStyleSheet(ADMIN_STYLE)
        self.resize(1280, 800)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        header = QWidget()
        header.setObjectName("adminHeader")
        header.setAutoFillBackground(True)
        header_layout = QHBoxLayout(header)
        header_layout.setContentsMargins(16, 10, 16, 10)
        badge = QLabel(self.tr("ADMIN-MODUS"))
        badge.setObjectName("adminBadge")
        role = mode.me.role if mode.me else ""
        self.who = QLabel(self.tr("Angemeldet als {role} · nur online · nichts wird lokal gespeichert").format(
            role=role_label(role)))  # fmt: skip
        self.timer_label = QLabel()
        self.timer_label.setObjectName("adminTimer")
        self.end_button = QPushButton(self.tr("Modus beenden"))
        self.end_button.clicked.connect(lambda: self.mode.end(EndReason.USER))
        header_layout.addWidget(badge)
        header_layout.addSpacing(12)
        header_layout.addWidget(self.who)
        header_layout.addStretch(1)
        header_layout.addWidget(self.timer_label)
        header_layout.addSpacing(12)
        header_layout.addWidget(self.end_button)
        layout.addWidget(header)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(12, 12, 12, 12)
        self.tabs = QTabWidget()
        self.quarantine = QuarantinePage(mode)
        self.users = UsersPage(mode)
        self.orgs = OrgsPage(mode)
        self.audit = AuditPageWidget(mode)
        self.addons = AddonsPage(mode)
        self.tabs.addTab(self.quarantine, self.tr("Quarantäne"))
        self.tabs.addTab(self.users, self.tr("Konten und Rollen"))
        self.tabs.addTab(self.orgs, self.tr("Organisationen"))
        self.tabs.addTab(self.audit, self.tr("Audit-Log"))
        self.tabs.addTab(self.addons, self.tr("Add-ons"))
        self.tabs.currentChanged.connect(self._tab_changed)
        body_layout.addWidget(self.tabs)
        layout.addWidget(body, 1)
        self._loaded: set[int] = set()
        mode.remaining_changed.connect(self._show_remaining)
        mode.ended.connect(self._ended)
        self._show_remaining(mode.remaining())
        self.installEventFilter(self)
        for child in self.findChildren(QWidget):
            child.installEventFilter(self)
        self._tab_changed(0)

    def pages(self) -> list[QWidget]:
        return [self.quarantine, self.users, self.orgs, self.audit, self.addons]

    def _tab_changed(self, index: int) -> None:
        if index not in self._loaded and self.mode.active:
            self._loaded.add(index)
            page = self.pages()[index]
            refresh = getattr(page, "refresh", None)
            if refresh is not None:
                refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self.mode.touch()
        return False

    def _show_remaining(self, seconds: int) -> None:
        minutes = max(0, seconds) // 60
        self.timer_label.setText(self.tr("Restzeit: {m} min").format(m=minutes))

    def _ended(self, reason: str) -> None:
        self.end_reason = reason
        for page in self.pages():
            page.clear()  # type: ignore[attr-defined]
        self.closed_by_mode.emit(reason)
        self.close()

    def closeEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        if self.mode.active:
            self.mode.end(EndReason.USER)
        super().closeEvent(event)  # type: ignore[arg-type]
