"""The consent screen (D4): terms and privacy with the versions the server requires, one tick box each.

:class:`ConsentPanel` is embedded in the sign-in dialog; :class:`ConsentDialog` shows it on its own and blocks
the app (re-consent after a version change): it can only be accepted or the app quit.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.services.session_service import SessionService
from desktop.sync.client import ConsentDoc
from desktop.ui.messages import error_text
from desktop.ui.widgets.common import BusyBar, ErrorBanner


class ConsentPanel(QWidget):
    """Summary text, a tick box per required document; ``accepted`` when the user confirms."""

    accepted = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._docs: tuple[ConsentDoc, ...] = ()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        self.title = QLabel(self.tr("Nutzungsbedingungen und Datenschutz"))
        self.title.setObjectName("title")
        self.subtitle = QLabel(self.tr("Bitte lesen und bestätigen Sie beide Dokumente, um fortzufahren."))
        self.subtitle.setObjectName("subtitle")
        self.subtitle.setWordWrap(True)
        self.text = QTextBrowser()
        self.text.setOpenExternalLinks(False)
        self.text.setMinimumHeight(180)
        self.terms = QCheckBox()
        self.privacy = QCheckBox()
        self.error = ErrorBanner()
        self.accept_button = QPushButton(self.tr("Zustimmen und fortfahren"))
        self.accept_button.setObjectName("primary")
        self.accept_button.setEnabled(False)
        for box in (self.terms, self.privacy):
            box.toggled.connect(self._update)
        self.accept_button.clicked.connect(lambda: self.accepted.emit(self._docs))
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.terms)
        layout.addWidget(self.privacy)
        layout.addWidget(self.error)
        self.setTabOrder(self.text, self.terms)
        self.setTabOrder(self.terms, self.privacy)
        self.set_documents((ConsentDoc("terms", "v1"), ConsentDoc("privacy", "v1")))

    def set_documents(self, docs: Sequence[ConsentDoc]) -> None:
        """Show the required versions and reset the tick boxes."""
        self._docs = tuple(docs)
        versions = {d.doc_type: d.doc_version for d in self._docs}
        terms, privacy = versions.get("terms"), versions.get("privacy")
        self.terms.setText(self.tr("Ich akzeptiere die Nutzungsbedingungen (Version {v}).").format(v=terms or "-"))
        self.privacy.setText(
            self.tr("Ich habe die Datenschutzerklärung gelesen (Version {v}).").format(v=privacy or "-")
        )
        self.terms.setVisible(terms is not None)
        self.privacy.setVisible(privacy is not None)
        self.terms.setChecked(False)
        self.privacy.setChecked(False)
        self.text.setHtml(self._summary())
        self._update()

    def _summary(self) -> str:
        return self.tr(
            "<h3>Nutzungsbedingungen – Kurzfassung</h3>"
            "<p>Das Service Heft dokumentiert Wartung und Reparaturen Ihrer Fahrzeuge. Einträge werden nie "
            "gelöscht, sondern nur durch neue Versionen berichtigt. Nachweise werden vor der Freigabe geprüft.</p>"
            "<h3>Datenschutz – Kurzfassung</h3>"
            "<p>Ihre Daten liegen verschlüsselt auf diesem Computer und auf dem Server Ihres Betreibers. Die "
            "öffentliche QR-Seite zeigt nie Ihren Namen, Ihre E-Mail-Adresse oder die vollständige FIN.</p>"
            "<p>Die vollständigen Texte erhalten Sie beim Betreiber Ihres Servers.</p>"
        )

    def _update(self) -> None:
        needed = [box for box in (self.terms, self.privacy) if not box.isHidden()]
        self.accept_button.setEnabled(all(box.isChecked() for box in needed))


class ConsentDialog(QDialog):
    """Blocking re-consent: accept the new versions or quit the app."""

    def __init__(self, session: SessionService, docs: Sequence[ConsentDoc], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("Zustimmung erforderlich"))
        self.setModal(True)
        self.resize(720, 560)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        notice = QLabel(
            self.tr(
                "Die Nutzungsbedingungen oder der Datenschutz wurden geändert. Bis zu Ihrer Zustimmung "
                "wird nicht synchronisiert."
            )
        )
        notice.setObjectName("hint")
        notice.setWordWrap(True)
        self.panel = ConsentPanel()
        self.panel.set_documents(docs)
        self.busy = BusyBar()
        self.quit_button = QPushButton(self.tr("Programm beenden"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.quit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.panel.accept_button)
        layout.addWidget(notice)
        layout.addWidget(self.panel, 1)
        layout.addWidget(self.busy)
        layout.addLayout(buttons)
        self.quit_button.clicked.connect(self.reject)
        self.panel.accepted.connect(self._accept)
        session.busy_changed.connect(self._busy)
        session.failed.connect(self._failed)
        session.finished.connect(self.accept)

    def _accept(self, docs: tuple[ConsentDoc, ...]) -> None:
        self.panel.error.clear_message()
        self.session.accept_consent(docs)

    def _busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.panel.accept_button.setDisabled(busy)

    def _failed(self, exc: BaseException) -> None:
        self.panel.error.show_message(error_text(exc))
