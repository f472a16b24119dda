"""In-memory preview of a document under review: images via ``QImage.fromData``, PDFs via ``QPdfDocument``
loaded from a ``QBuffer``. The bytes never touch the disk; :meth:`DocumentPreview.clear` drops them."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

PAGE_WIDTH = 560


class DocumentPreview(QWidget):
    """Shows one page (or image) at a time, rendered into a pixmap."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._buffer: QBuffer | None = None
        self._pdf: QPdfDocument | None = None
        self._page = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.image = QLabel()
        self.image.setObjectName("previewFrame")
        self.image.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.image.setMinimumSize(QSize(320, 360))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.image)
        layout.addWidget(scroll, 1)
        bar = QHBoxLayout()
        self.prev_button = QPushButton(self.tr("‹ Zurück"))
        self.next_button = QPushButton(self.tr("Weiter ›"))
        self.page_label = QLabel()
        self.page_label.setObjectName("muted")
        self.prev_button.clicked.connect(lambda: self._show(self._page - 1))
        self.next_button.clicked.connect(lambda: self._show(self._page + 1))
        bar.addWidget(self.prev_button)
        bar.addStretch(1)
        bar.addWidget(self.page_label)
        bar.addStretch(1)
        bar.addWidget(self.next_button)
        layout.addLayout(bar)
        self.clear(self.tr("Dokument in der Liste wählen, um die Vorschau zu sehen."))

    @property
    def page_count(self) -> int:
        if self._pdf is not None:
            return self._pdf.pageCount()
        return 1 if self.image.pixmap() is not None and not self.image.pixmap().isNull() else 0

    def clear(self, message: str = "") -> None:
        """Forget the content (buffer, PDF, pixmap) and show ``message``."""
        if self._pdf is not None:
            self._pdf.close()
            self._pdf.deleteLater()
            self._pdf = None
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.setData(QByteArray())
            self._buffer.deleteLater()
            self._buffer = None
        self.image.setPixmap(QPixmap())
        self.image.setText(message)
        self.page_label.clear()
        self.prev_button.setEnabled(False)
        self.next_button.setEnabled(False)

    def show_content(self, content: bytes, content_type: str) -> bool:
        """Render ``content``; False (with a message) when it cannot be shown."""
        self.clear()
        if content_type == "application/pdf":
            buffer = QBuffer(self)
            buffer.setData(QByteArray(content))
            buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            pdf = QPdfDocument(self)
            pdf.load(buffer)
            if pdf.status() != QPdfDocument.Status.Ready or pdf.pageCount() < 1:
                pdf.deleteLater()
                buffer.deleteLater()
                self.image.setText(self.tr("Die PDF-Datei kann nicht angezeigt werden."))
                return False
            self._buffer, self._pdf = buffer, pdf
            self._show(0)
            return True
        image = QImage.fromData(content)
        if image.isNull():
            self.image.setText(self.tr("Dieses Format kann nicht angezeigt werden."))
            return False
        self.image.setPixmap(QPixmap.fromImage(image.scaledToWidth(min(PAGE_WIDTH, image.width()))))
        self.page_label.setText(self.tr("Bild"))
        return True

    def _show(self, page: int) -> None:
        if self._pdf is None:
            return
        count = self._pdf.pageCount()
        self._page = max(0, min(page, count - 1))
        size = self._pdf.pagePointSize(self._page)
        scale = PAGE_WIDTH / max(1.0, size.width())
        rendered = self._pdf.render(self._page, QSize(PAGE_WIDTH, int(size.height() * scale)))
        page = QImage(rendered.size(), QImage.Format.Format_RGB32)
        page.fill(QColor("white"))  # PDF pages render on a transparent background
        painter = QPainter(page)
        painter.drawImage(0, 0, rendered)
        painter.end()
        self.image.setPixmap(QPixmap.fromImage(page))
        self.page_label.setText(self.tr("Seite {page} von {count}").format(page=self._page + 1, count=count))
        self.prev_button.setEnabled(self._page > 0)
        self.next_button.setEnabled(self._page < count - 1)
