"""The document viewer: PDFs through QtPdf, images through QImage; content in memory only."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.store.records import DocumentRecord


class DocumentViewer(QDialog):
    """Shows one document from bytes held in memory (a ``QBuffer``); nothing is written to disk."""

    def __init__(self, record: DocumentRecord, content: bytes | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Dokument: {name}").format(name=record.filename))
        self.resize(900, 760)
        self.record = record
        self._data = QByteArray(content or b"")
        self._buffer = QBuffer(self._data, self)
        self.pdf = QPdfDocument(self)
        self.stack = QStackedWidget()
        self.pdf_view = QPdfView()
        self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.pdf_view.setDocument(self.pdf)
        self.image_label = QLabel()
        self.image_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image_scroll = QScrollArea()
        self.image_scroll.setWidgetResizable(True)
        self.image_scroll.setWidget(self.image_label)
        self.message = QLabel()
        self.message.setObjectName("hint")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for widget in (self.pdf_view, self.image_scroll, self.message):
            self.stack.addWidget(widget)
        self.zoom_in = QPushButton(self.tr("Vergrößern (+)"))
        self.zoom_out = QPushButton(self.tr("Verkleinern (−)"))
        self.fit = QPushButton(self.tr("&Einpassen"))
        self.zoom_in.clicked.connect(lambda: self._zoom(1.25))
        self.zoom_out.clicked.connect(lambda: self._zoom(0.8))
        self.fit.clicked.connect(self._fit)
        QShortcut(QKeySequence(QKeySequence.StandardKey.ZoomIn), self, activated=lambda: self._zoom(1.25))
        QShortcut(QKeySequence(QKeySequence.StandardKey.ZoomOut), self, activated=lambda: self._zoom(0.8))
        QShortcut(QKeySequence("+"), self, activated=lambda: self._zoom(1.25))
        QShortcut(QKeySequence("-"), self, activated=lambda: self._zoom(0.8))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Schließen"))
        buttons.rejected.connect(self.reject)
        tools = QHBoxLayout()
        for button in (self.zoom_out, self.zoom_in, self.fit):
            tools.addWidget(button)
        tools.addStretch(1)
        tools.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addLayout(tools)
        self._scale = 1.0
        self._pixmap = QPixmap()
        self.kind = self._show(content)

    def _show(self, content: bytes | None) -> str:
        if not content:
            self.message.setText(
                self.tr(
                    "Der Inhalt liegt nicht auf diesem Computer. Er wird nach der Freigabe beim nächsten Abgleich "
                    "geladen."
                )
            )
            self.stack.setCurrentWidget(self.message)
            return "missing"
        if content.startswith(b"%PDF"):
            self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            self.pdf.load(self._buffer)
            if self.pdf.status() == QPdfDocument.Status.Ready and self.pdf.pageCount() > 0:
                self.stack.setCurrentWidget(self.pdf_view)
                return "pdf"
        else:
            image = QImage.fromData(self._data)
            if not image.isNull():
                self._pixmap = QPixmap.fromImage(image)
                self._fit()
                self.stack.setCurrentWidget(self.image_scroll)
                return "image"
        self.message.setText(self.tr("Das Dokument kann nicht angezeigt werden."))
        self.stack.setCurrentWidget(self.message)
        return "error"

    def _zoom(self, factor: float) -> None:
        if self.kind == "pdf":
            self.pdf_view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.pdf_view.setZoomFactor(max(0.2, min(6.0, self.pdf_view.zoomFactor() * factor)))
        elif self.kind == "image":
            self._scale = max(0.1, min(8.0, self._scale * factor))
            self._apply_scale()

    def _fit(self) -> None:
        if self.kind == "pdf":
            self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        elif not self._pixmap.isNull():
            area = self.image_scroll.viewport().size()
            self._scale = min(1.0, area.width() / self._pixmap.width(), area.height() / self._pixmap.height())
            self._apply_scale()

    def _apply_scale(self) -> None:
        size = self._pixmap.size() * self._scale
        self.image_label.setPixmap(
            self._pixmap.scaled(size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
        )

    def done(self, result: int) -> None:
        """Drop the decrypted bytes as soon as the viewer closes."""
        self.pdf.close()
        self._buffer.close()
        self._data.clear()
        super().done(result)
