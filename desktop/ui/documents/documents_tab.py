"""The "Dokumente" tab: folders, a status badge per document, the viewer, adding by dialog and drag and drop.

``DocumentsTab(documents_service, vehicle_id, changes=None)``: the service
(:class:`desktop.services.documents_service.DocumentsService`, the one owner of document commands) offers
``load_documents``, ``attach_files`` and ``read_content``; ``changes`` is the signal of change-sets to follow
(the app passes ``RecordsService.changes_applied``, which also carries the sync's; default: the service's
own). The tab reloads only on a change-set that names documents of its vehicle.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services.changes import DOCUMENTS, ChangeSet
from desktop.services.documents_service import Badge, Category, DocumentsSnapshot, badge_of, is_image
from desktop.store.records import DocumentRecord
from desktop.ui.documents.texts import (
    BADGE_COLOURS,
    badge_label,
    category_label,
    document_detail,
    document_tooltip,
    refused_text,
)
from desktop.ui.widgets.common import ErrorBanner

if TYPE_CHECKING:
    from desktop.ui.documents.viewer import DocumentViewer

RecordRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2
THUMB = 148
FILE_FILTER = "PDF, JPEG, PNG (*.pdf *.jpg *.jpeg *.png)"


def _size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1024))} KB"


class DocumentsModel(QAbstractTableModel):
    NAME, KIND, SIZE, STATUS = range(4)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[DocumentRecord] = []

    def set_rows(self, rows: list[DocumentRecord]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Name"), self.tr("Typ"), self.tr("Größe"), self.tr("Status"))[section]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        doc = self.rows[index.row()]
        column = index.column()
        if role == RecordRole:
            return doc
        if role == SortRole:
            return (doc.filename.casefold(), doc.content_type, doc.size_bytes, badge_of(doc).value)[column]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.NAME:
                return doc.filename + ("  ·  " + self.tr("nicht synchronisiert") if doc.pending else "")
            if column == self.KIND:
                return "PDF" if doc.content_type == "application/pdf" else self.tr("Bild")
            if column == self.SIZE:
                return _size_text(doc.size_bytes)
            return badge_label(badge_of(doc))
        if role == Qt.ItemDataRole.ToolTipRole and column == self.STATUS:
            return document_tooltip(doc)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == self.STATUS:
            return self.tr("Status: {status}").format(status=badge_label(badge_of(doc)))
        return None


class BadgeDelegate(QStyledItemDelegate):
    """Paints the status column as a coloured pill."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        doc = index.data(RecordRole)
        if doc is None:
            super().paint(painter, option, index)
            return
        badge = badge_of(doc)
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget)
        fg, bg = BADGE_COLOURS[badge]
        text = badge_label(badge)
        metrics = option.fontMetrics
        width = metrics.horizontalAdvance(text) + 20
        height = metrics.height() + 6
        rect = QRectF(option.rect.left() + 6, option.rect.center().y() - height / 2 + 1, width, height)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(bg))
        painter.drawRoundedRect(rect, height / 2, height / 2)
        painter.setPen(QColor(fg))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        base = super().sizeHint(option, index)
        return QSize(base.width() + 32, max(base.height(), option.fontMetrics.height() + 14))


class DocumentsTab(QWidget):
    """Folders on the left, the documents (or the gallery) on the right; drop files anywhere on it."""

    viewer_opened = Signal(object)  # DocumentViewer

    def __init__(
        self, documents_service: Any, vehicle_id: str, parent: QWidget | None = None, *, changes: Any = None
    ) -> None:
        super().__init__(parent)
        self.service = documents_service
        self.vehicle_id = vehicle_id
        self.snapshot = DocumentsSnapshot(vehicle_id, ())
        self.viewer: DocumentViewer | None = None
        self._thumbs: dict[str, QPixmap] = {}
        self.setAcceptDrops(True)

        title = QLabel(self.tr("Dokumente"))
        title.setObjectName("title")
        hint = QLabel(
            self.tr(
                "Bitte nur passende Nachweise hochladen (Rechnung, Prüfbericht, Foto der Arbeit) – PDF, JPEG oder "
                "PNG bis 20 MB. Dateien können auch hierher gezogen werden."
            )
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.banner = ErrorBanner()
        self.add_button = QPushButton(self.tr("Datei hinzufü&gen …"))
        self.add_button.setObjectName("primary")
        self.add_button.setToolTip(self.tr("Dateien auswählen (Strg+O)"))
        self.open_button = QPushButton(self.tr("A&nzeigen"))
        self.open_button.setEnabled(False)
        self.add_button.clicked.connect(self.choose_files)
        self.open_button.clicked.connect(self.open_current)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Open), self, activated=self.choose_files)

        self.folders = QTreeWidget()
        self.folders.setHeaderHidden(True)
        self.folders.setAccessibleName(self.tr("Ordner"))
        self.folders.setMinimumWidth(220)
        self._folder_items: dict[Category, QTreeWidgetItem] = {}
        for category in (Category.ARCHIVE, Category.INVOICES, Category.DOCUMENTATION, Category.GALLERY):
            item = QTreeWidgetItem([category_label(category)])
            item.setData(0, RecordRole, category)
            self.folders.addTopLevelItem(item)
            self._folder_items[category] = item
        child = QTreeWidgetItem([category_label(Category.CERTIFICATES)])
        child.setData(0, RecordRole, Category.CERTIFICATES)
        self._folder_items[Category.DOCUMENTATION].addChild(child)
        self._folder_items[Category.CERTIFICATES] = child
        self.folders.expandAll()
        self.folders.currentItemChanged.connect(lambda *_: self._show_category())

        self.model = DocumentsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(DocumentsModel.STATUS, BadgeDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setAccessibleName(self.tr("Dokumente"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(DocumentsModel.NAME, QHeaderView.ResizeMode.Stretch)
        for column in (DocumentsModel.KIND, DocumentsModel.SIZE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DocumentsModel.STATUS, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(DocumentsModel.STATUS, 210)
        self.table.activated.connect(lambda _: self.open_current())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())

        self.gallery = QListWidget()
        self.gallery.setViewMode(QListWidget.ViewMode.IconMode)
        self.gallery.setIconSize(QSize(THUMB, THUMB))
        self.gallery.setGridSize(QSize(THUMB + 36, THUMB + 64))
        self.gallery.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.gallery.setMovement(QListWidget.Movement.Static)
        self.gallery.setWordWrap(True)
        self.gallery.setAccessibleName(self.tr("Galerie"))
        self.gallery.itemActivated.connect(lambda _: self.open_current())
        self.gallery.currentItemChanged.connect(lambda *_: self._update_buttons())

        self.empty = QLabel()
        self.empty.setObjectName("muted")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget()
        for widget in (self.table, self.gallery, self.empty):
            self.stack.addWidget(widget)
        self.detail = QLabel()  # why the selected document was rejected (hidden otherwise)
        self.detail.setObjectName("badgeWarn")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setVisible(False)

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(buttons)
        right_layout.addWidget(self.stack, 1)
        right_layout.addWidget(self.detail)
        splitter = QSplitter()
        splitter.addWidget(self.folders)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([240, 900])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        self.setTabOrder(self.add_button, self.open_button)
        self.setTabOrder(self.open_button, self.folders)
        self.setTabOrder(self.folders, self.table)
        self.setTabOrder(self.table, self.gallery)

        (self.service.changes_applied if changes is None else changes).connect(self._changes_applied)
        self.folders.setCurrentItem(self._folder_items[Category.ARCHIVE])
        if self.vehicle_id:
            self.reload()

    # -- data ------------------------------------------------------------------------------------------

    def set_vehicle(self, vehicle_id: str) -> None:
        """Show another vehicle's documents (the vehicle file keeps one tab for all vehicles)."""
        if vehicle_id != self.vehicle_id:
            self.vehicle_id = vehicle_id
            self.snapshot = DocumentsSnapshot(vehicle_id, ())
            self._show_category()
        self.reload()

    def reload(self) -> None:
        self.service.load_documents(self.vehicle_id, self._loaded)

    def _changes_applied(self, change: ChangeSet) -> None:
        if self.vehicle_id and change.touches(DOCUMENTS, self.vehicle_id):
            self.reload()

    def _loaded(self, snapshot: DocumentsSnapshot) -> None:
        if snapshot.vehicle_id != self.vehicle_id:
            return  # a load for the vehicle shown before
        self.snapshot = snapshot
        for category, item in self._folder_items.items():
            count = len(snapshot.in_category(category))
            item.setText(0, f"{category_label(category)}  ({count})")
        self._show_category()
        for doc in snapshot.documents:
            if is_image(doc) and doc.has_local_blob and doc.id not in self._thumbs:
                self.service.read_content(doc.id, lambda data, d=doc: self._thumb_loaded(d, data))

    def _thumb_loaded(self, doc: DocumentRecord, data: bytes | None) -> None:
        image = QImage.fromData(data or b"")
        if image.isNull():
            return
        scaled = image.scaled(
            THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        self._thumbs[doc.id] = QPixmap.fromImage(scaled)
        if self.current_category() == Category.GALLERY:
            self._show_category()

    def current_category(self) -> Category:
        item = self.folders.currentItem()
        return item.data(0, RecordRole) if item is not None else Category.ARCHIVE

    def _show_category(self) -> None:
        category = self.current_category()
        docs = self.snapshot.in_category(category)
        if not docs:
            if category == Category.CERTIFICATES:
                text = self.tr("Zertifikate und Exporte erscheinen hier, sobald Sie sie erstellen.")
            else:
                text = self.tr("Noch keine Dokumente in „{folder}“.").format(folder=category_label(category))
            self.empty.setText(text)
            self.stack.setCurrentWidget(self.empty)
        elif category == Category.GALLERY:
            self.gallery.clear()
            for doc in docs:
                badge = badge_label(badge_of(doc))
                item = QListWidgetItem(f"{doc.filename}\n{badge}")
                item.setData(RecordRole, doc)
                item.setToolTip(document_tooltip(doc))
                if doc.id in self._thumbs:
                    item.setIcon(self._thumbs[doc.id])
                self.gallery.addItem(item)
            self.gallery.setCurrentRow(0)
            self.stack.setCurrentWidget(self.gallery)
        else:
            self.model.set_rows(docs)
            self.table.selectRow(0)
            self.stack.setCurrentWidget(self.table)
        self._update_buttons()

    def current_document(self) -> DocumentRecord | None:
        if self.stack.currentWidget() is self.gallery:
            item = self.gallery.currentItem()
            return item.data(RecordRole) if item is not None else None
        if self.stack.currentWidget() is self.table:
            index = self.table.currentIndex()
            return index.data(RecordRole) if index.isValid() else None
        return None

    def _update_buttons(self) -> None:
        doc = self.current_document()
        self.open_button.setEnabled(doc is not None)
        detail = document_detail(doc)
        self.detail.setText(detail)
        self.detail.setAccessibleName(detail)
        self.detail.setVisible(bool(detail))

    def badges(self) -> dict[str, Badge]:
        """Document id -> the badge shown for it (tests and screen readers)."""
        return {d.id: badge_of(d) for d in self.snapshot.documents}

    # -- actions ---------------------------------------------------------------------------------------

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, self.tr("Dateien hinzufügen"), "", FILE_FILTER)
        if names:
            self.add_files([Path(n) for n in names])

    def add_files(self, paths: list[Path]) -> None:
        """Check the files (type and size) and queue the accepted ones; refused ones are listed in German."""
        refused = self.service.attach_files(self.vehicle_id, paths)
        if refused:
            self.banner.show_message("\n".join(refused_text(r) for r in refused))
        else:
            self.banner.clear_message()

    def open_current(self) -> None:
        doc = self.current_document()
        if doc is not None:
            self.service.read_content(doc.id, lambda data: self._open_viewer(doc, data))

    def _open_viewer(self, doc: DocumentRecord, data: bytes | None) -> None:
        from desktop.ui.documents.viewer import DocumentViewer  # lazy: QtPdf loads with the first document shown

        self.viewer = DocumentViewer(doc, data, self)
        self.viewer.setModal(True)
        self.viewer.show()
        self.viewer_opened.emit(self.viewer)

    # -- drag and drop ---------------------------------------------------------------------------------

    def dragEnterEvent(self, event: Any) -> None:  # noqa: N802
        if event.mimeData().hasUrls() and any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: Any) -> None:  # noqa: N802
        self.dragEnterEvent(event)

    def dropEvent(self, event: Any) -> None:  # noqa: N802
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.add_files(paths)
