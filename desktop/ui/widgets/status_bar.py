"""The main window's status bar: online/offline, last sync, pending changes (outbox rows)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from desktop.services.session_types import LocalStatus


class AppStatusBar(QStatusBar):
    """Three permanent labels; the main window feeds them from the session service."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.connection = QLabel()
        self.last_sync = QLabel()
        self.pending = QLabel()
        self.addWidget(self.connection)
        self.addPermanentWidget(self.last_sync)
        self.addPermanentWidget(self.pending)
        self.set_online(False)
        self.set_local_status(LocalStatus(0, None))

    def set_online(self, online: bool, signed_in: bool = True) -> None:
        if online:
            text, name = self.tr("● Online"), "online"
        elif not signed_in:
            text, name = self.tr("● Nicht angemeldet"), "offline"
        else:
            text, name = self.tr("● Offline – Änderungen werden später übertragen"), "offline"
        self.connection.setText(text)
        self.connection.setObjectName(name)
        self.connection.style().unpolish(self.connection)
        self.connection.style().polish(self.connection)

    def set_local_status(self, status: LocalStatus) -> None:
        self.last_sync.setText(self.tr("Zuletzt synchronisiert: {when}").format(when=self._when(status.last_sync_at)))
        if status.pending_changes == 0:
            self.pending.setText(self.tr("Keine ausstehenden Änderungen"))
        else:
            self.pending.setText(self.tr("Ausstehende Änderungen: {n}").format(n=status.pending_changes))

    def _when(self, moment: datetime | None) -> str:
        if moment is None:
            return self.tr("noch nie")
        local = moment.astimezone()
        return QLocale().toString(local.replace(tzinfo=None), QLocale.FormatType.ShortFormat)
