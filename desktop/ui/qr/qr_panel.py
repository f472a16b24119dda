"""The vehicle's public QR: show it, print stickers (preview), save the PDF, rotate, disable (D20, D22)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap, QResizeEvent, QTextOption
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.services.qr_service import QrState
from desktop.services.qr_sticker import StickerLayout, format_code, page_layout, paint_stickers, qr_image
from desktop.ui.documents.texts import docs_error_text
from desktop.ui.theme import MUTED
from desktop.ui.widgets.common import ErrorBanner

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog


class UrlText(QTextEdit):
    """The public URL as selectable text that wraps anywhere (a URL has few break points) and never widens
    its parent: the height follows the wrapped lines, the width is whatever the layout gives."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # selectable, but not a stop in the tab order
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setStyleSheet(f"QTextEdit {{ background: transparent; color: {MUTED}; }}")
        self.document().setDocumentMargin(0)
        self.document().contentsChanged.connect(self._fit_height)
        self._fit_height()

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:  # noqa: N802 - the QLabel name, so the panel treats both alike
        self.setPlainText(text)
        self.setToolTip(text)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        self.document().setTextWidth(self.viewport().width())
        lines = max(1, int(self.document().size().height() + 0.5))
        self.setFixedHeight(max(lines, self.fontMetrics().height()) + 2 * self.frameWidth())


class QrPanel(QWidget):
    """``QrPanel(qr_service, vehicle_id)``; loads the token state when created (online only)."""

    def __init__(self, qr_service: Any, vehicle_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = qr_service
        self.vehicle_id = vehicle_id
        self.state: QrState | None = None
        self.preview: QPrintPreviewDialog | None = None
        self.printer: QPrinter | None = None

        title = QLabel(self.tr("Öffentlicher QR-Code"))
        title.setObjectName("title")
        intro = QLabel(
            self.tr(
                "Der QR-Code führt zum öffentlichen Nachweis-Check des Fahrzeugs. Er zeigt nur die "
                "Dokumentationsqualität, keine persönlichen Daten."
            )
        )
        intro.setObjectName("subtitle")
        intro.setWordWrap(True)
        self.banner = ErrorBanner()
        self.image = QLabel()
        self.image.setFixedSize(280, 280)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setStyleSheet("background: #ffffff; border: 1px solid #c9d3de; border-radius: 8px;")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.code = QLabel()
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code.setStyleSheet("font-family: 'DejaVu Sans Mono', monospace; font-size: 11pt;")
        self.code.setWordWrap(True)
        self.url = UrlText()
        self.url.setAccessibleName(self.tr("Öffentliche Adresse"))

        self.layout_choice = QComboBox()
        self.layout_choice.addItem(self.tr("A4-Bogen (10 Aufkleber)"), StickerLayout.A4_SHEET)
        self.layout_choice.addItem(self.tr("Einzelnes Etikett 90 × 55 mm"), StickerLayout.SINGLE)
        self.layout_choice.setAccessibleName(self.tr("Aufkleber-Format"))
        layout_label = QLabel(self.tr("For&mat:"))
        layout_label.setBuddy(self.layout_choice)
        self.print_button = QPushButton(self.tr("Aufkleber d&rucken …"))
        self.print_button.setObjectName("primary")
        self.save_button = QPushButton(self.tr("Als &PDF speichern …"))
        self.rotate_button = QPushButton(self.tr("&Neuen Code erzeugen …"))
        self.disable_button = QPushButton(self.tr("Öffentliche Seite deakt&ivieren …"))
        self.print_button.clicked.connect(self.print_preview)
        self.save_button.clicked.connect(self.save_pdf)
        self.rotate_button.clicked.connect(self.confirm_rotate)
        self.disable_button.clicked.connect(self.confirm_disable)

        info = QVBoxLayout()
        info.addWidget(self.status)
        code_title = QLabel(self.tr("Code zum Eintippen"))
        code_title.setObjectName("muted")
        info.addWidget(code_title)
        info.addWidget(self.code)
        info.addWidget(self.url)
        info.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.image)
        top.addSpacing(16)
        top.addLayout(info, 1)
        grid = QGridLayout()
        grid.addWidget(layout_label, 0, 0)
        grid.addWidget(self.layout_choice, 0, 1, 1, 2)
        grid.addWidget(self.print_button, 1, 1)
        grid.addWidget(self.save_button, 1, 2)
        grid.addWidget(self.rotate_button, 2, 1)
        grid.addWidget(self.disable_button, 2, 2)
        grid.setColumnStretch(3, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.banner)
        layout.addLayout(top)
        layout.addLayout(grid)
        layout.addStretch(1)
        for first, second in (
            (self.layout_choice, self.print_button),
            (self.print_button, self.save_button),
            (self.save_button, self.rotate_button),
            (self.rotate_button, self.disable_button),
        ):
            self.setTabOrder(first, second)
        self._render(None)
        self.service.token_changed.connect(self._token_changed)
        self.reload()

    def set_vehicle(self, vehicle_id: str) -> None:
        """Show another vehicle's QR (the Fahrzeug tab keeps one panel)."""
        if vehicle_id != self.vehicle_id:
            self.vehicle_id = vehicle_id
            self.banner.clear_message()
            self._render(None)
        self.reload()

    def reload(self) -> None:
        self.service.load(self.vehicle_id, fail=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.banner.show_message(docs_error_text(exc))

    def _token_changed(self, state: QrState) -> None:
        if state.vehicle_id == self.vehicle_id:
            self.banner.clear_message()
            self._render(state)

    def _render(self, state: QrState | None) -> None:
        self.state = state
        enabled = state is not None and state.sticker() is not None
        for button in (self.print_button, self.save_button, self.disable_button, self.layout_choice):
            button.setEnabled(enabled)
        self.rotate_button.setEnabled(state is not None)
        if state is None:
            self.image.setText(self.tr("Wird geladen …"))
            self.status.setText(self.tr("Der QR-Code wird vom Server geladen (nur online möglich)."))
            self.code.clear()
            self.url.clear()
            return
        if not enabled:
            self.image.setPixmap(QPixmap())
            self.image.setText(self.tr("Deaktiviert"))
            self.status.setText(
                self.tr("Die öffentliche Seite ist deaktiviert. „Neuen Code erzeugen“ schaltet sie wieder ein.")
            )
            self.code.clear()
            self.url.clear()
            return
        assert state.url is not None
        assert state.token is not None
        self.image.setPixmap(QPixmap.fromImage(qr_image(state.url, 264)))
        self.image.setAccessibleName(self.tr("QR-Code für {url}").format(url=state.url))
        self.status.setText(self.tr("Die öffentliche Seite ist aktiv."))
        self.code.setText(format_code(state.token))
        self.url.setText(state.url)

    def current_layout(self) -> StickerLayout:
        return StickerLayout(self.layout_choice.currentData())

    # -- actions ---------------------------------------------------------------------------------------

    def print_preview(self) -> QPrintPreviewDialog | None:
        sticker = self.state.sticker() if self.state is not None else None
        if sticker is None:
            return None
        layout = self.current_layout()
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog  # lazy: print support only when printing

        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)  # must outlive the preview dialog
        self.printer.setPageLayout(page_layout(layout))
        self.preview = QPrintPreviewDialog(self.printer, self)
        self.preview.setWindowTitle(self.tr("Druckvorschau: QR-Aufkleber"))
        self.preview.paintRequested.connect(lambda device: paint_stickers(device, sticker, layout))
        self.preview.open()
        return self.preview

    def save_pdf(self) -> None:
        if self.state is None or self.state.sticker() is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("QR-Aufkleber speichern"), "qr-aufkleber.pdf", self.tr("PDF-Dateien (*.pdf)")
        )
        if name:
            Path(name).write_bytes(self.service.sticker_pdf(self.state, self.current_layout()))

    def confirm_rotate(self) -> None:
        answer = QMessageBox.warning(
            self,
            self.tr("Neuen Code erzeugen"),
            self.tr(
                "Alle bisher gedruckten Aufkleber funktionieren danach nicht mehr. Sie müssen die neuen Aufkleber "
                "drucken und die alten ersetzen.\n\nNeuen Code jetzt erzeugen?"
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.service.rotate(self.vehicle_id, fail=self._failed)

    def confirm_disable(self) -> None:
        answer = QMessageBox.warning(
            self,
            self.tr("Öffentliche Seite deaktivieren"),
            self.tr(
                "Der QR-Code führt danach zu keiner Seite mehr; gedruckte Aufkleber zeigen „nicht gültig“. "
                "Mit „Neuen Code erzeugen“ lässt sich die Seite später wieder einschalten.\n\nJetzt deaktivieren?"
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.service.disable(self.vehicle_id, fail=self._failed)
