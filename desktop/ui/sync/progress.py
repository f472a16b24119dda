"""A compact sync indicator for the status bar: phase text, a progress bar and a cancel button; offline it says
when the next attempt comes (the app keeps working on the local vault meanwhile)."""

from __future__ import annotations

import math

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from desktop.services.sync_service import SyncCancelled, SyncProgress, SyncReport, SyncRetry, SyncService
from desktop.ui.messages import error_text


class SyncProgressWidget(QWidget):
    def __init__(self, sync: SyncService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sync = sync
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setFixedWidth(160)
        self.bar.setFixedHeight(8)
        self.bar.setTextVisible(False)
        self.bar.setObjectName("syncBar")
        self.cancel_button = QPushButton(self.tr("Abbrechen"))
        self.cancel_button.setObjectName("small")
        self.cancel_button.setToolTip(self.tr("Synchronisation abbrechen"))
        self.cancel_button.clicked.connect(sync.cancel)
        self.problems = QPushButton()
        self.problems.setObjectName("problemsButton")
        self.problems.setVisible(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.problems)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        sync.sync_started.connect(self._started)
        sync.progress.connect(self.show_progress)
        sync.finished.connect(self._finished)
        sync.failed.connect(self._failed)
        sync.retrying.connect(self.show_retry)
        self._idle()

    def _idle(self) -> None:
        self.bar.setVisible(False)
        self.cancel_button.setVisible(False)

    def _started(self) -> None:
        self.label.setText(self.tr("Synchronisiere …"))
        self.label.setToolTip("")
        self.bar.setRange(0, 0)
        self.bar.setVisible(True)
        self.cancel_button.setVisible(True)

    def show_progress(self, progress: SyncProgress) -> None:
        texts = {
            "meta": self.tr("Verbinde …"),
            "upload": self.tr("Lade Nachweise hoch …"),
            "push": self.tr("Sende Änderungen …"),
            "pull": self.tr("Empfange Änderungen …"),
            "resync": self.tr("Vollständiger Abgleich …"),
        }
        self.label.setText(texts.get(progress.phase, self.tr("Synchronisiere …")))
        if progress.total:
            self.bar.setRange(0, max(1, int(progress.total)))
            self.bar.setValue(min(int(progress.done), int(progress.total)))
        else:
            self.bar.setRange(0, 0)

    def show_retry(self, retry: SyncRetry) -> None:
        seconds = max(1, math.ceil(retry.delay))
        self.label.setText(self.tr("Server nicht erreichbar – neuer Versuch in {n} s").format(n=seconds))
        self.bar.setRange(0, 0)

    def _finished(self, report: SyncReport) -> None:
        self._idle()
        if report.rejected:
            self.label.setText(self.tr("Synchronisiert – {n} Änderung(en) abgelehnt").format(n=report.rejected))
        else:
            self.label.setText(self.tr("Synchronisiert"))

    def _failed(self, exc: BaseException) -> None:
        self._idle()
        if isinstance(exc, SyncCancelled):
            self.label.setText(self.tr("Synchronisation abgebrochen"))
        elif self.sync.offline and self.sync.retry_timer.isActive():
            minutes = max(1, math.ceil(self.sync.retry_timer.interval() / 60_000))
            self.label.setText(self.tr("Offline – nächster Versuch in {n} min").format(n=minutes))
            self.label.setToolTip(error_text(exc))
        else:
            self.label.setText(self.tr("Synchronisation fehlgeschlagen: {e}").format(e=error_text(exc)))

    def set_problem_count(self, count: int) -> None:
        self.problems.setVisible(count > 0)
        self.problems.setText(self.tr("⚠ {n} Sync-Problem(e)").format(n=count))
