"""The vehicle list: search (Strg+F), filter by synced collection/fleet, new vehicle (Strg+N), open with Enter."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.services.changes import COLLECTIONS, ENTRIES, SYNC_STATE, TRUST, VEHICLES, ChangeSet
from desktop.services.records_service import RecordsService
from desktop.store.queries import VehicleRow
from desktop.ui.messages import error_text
from desktop.ui.vehicles.common import RecordRole
from desktop.ui.vehicles.vehicle_model import (
    ALL_COLLECTIONS,
    COL_ENTRIES,
    COL_LAST,
    COL_LIGHT,
    COL_NAME,
    COL_SYNC,
    COL_YEAR,
    VehicleFilterProxy,
    VehicleTableModel,
)
from desktop.ui.widgets.common import EmptyState
from shared.collections import Collection


class VehicleListView(QWidget):
    open_vehicle = Signal(str)
    new_vehicle_requested = Signal()

    def __init__(self, records: RecordsService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.records = records
        self.model = VehicleTableModel(self)
        self.proxy = VehicleFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.loaded = False

        title = QLabel(self.tr("Meine Fahrzeuge"))
        title.setObjectName("title")
        self.count_label = QLabel()
        self.count_label.setObjectName("muted")
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Suchen nach Name, Marke, Modell, FIN …"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Fahrzeuge suchen"))
        self.search.setMinimumWidth(320)
        self.search.textChanged.connect(self._search_changed)
        collection_label = QLabel(self.tr("Samm&lung:"))
        self.collection = QComboBox()
        self.collection.setMinimumWidth(200)
        collection_label.setBuddy(self.collection)
        self.collection.currentIndexChanged.connect(self._collection_changed)
        self.new_button = QPushButton(self.tr("&Neues Fahrzeug …"))
        self.new_button.setObjectName("primary")
        self.new_button.setToolTip(self.tr("Neues Fahrzeug anlegen (Strg+N)"))
        self.new_button.clicked.connect(self.new_vehicle_requested)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(30)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setAccessibleName(self.tr("Fahrzeugliste"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        for col, width in ((COL_LIGHT, 130), (COL_YEAR, 80), (COL_ENTRIES, 80), (COL_LAST, 130), (COL_SYNC, 210)):
            header.resizeSection(col, width)
        header.resizeSection(2, 200)
        header.resizeSection(4, 120)
        header.resizeSection(5, 150)
        self.table.doubleClicked.connect(self._activated)
        self.table.activated.connect(self._activated)

        self.empty = EmptyState(
            self.tr("Noch keine Fahrzeuge"),
            self.tr(
                "Legen Sie Ihr Fahrzeug mit der FIN an (Strg+N). Danach können Sie Eintragungen und Nachweise erfassen."
            ),
        )
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addSpacing(12)
        bar.addWidget(collection_label)
        bar.addWidget(self.collection)
        bar.addSpacing(12)
        bar.addWidget(self.new_button)
        heading = QHBoxLayout()
        heading.addWidget(title)
        heading.addStretch(1)
        heading.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.setSpacing(12)
        layout.addLayout(heading)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        self._rebuild_collections([])

        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, activated=self.focus_search)
        records.changes_applied.connect(self.on_changes)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def reload(self) -> None:
        self.records.load_vehicles(self._loaded, self._load_failed)

    def on_changes(self, changes: ChangeSet) -> None:
        if any(changes.touches(kind) for kind in (VEHICLES, ENTRIES, TRUST, SYNC_STATE, COLLECTIONS)):
            self.reload()

    def _loaded(self, rows: list[VehicleRow]) -> None:
        selected = self.current_vehicle_id()
        self.model.set_rows(rows)
        self.loaded = True
        self.records.load_collections(self._rebuild_collections, lambda _: self._rebuild_collections([]))
        self.stack.setCurrentWidget(self.table if rows else self.empty)
        self._update_count()
        if selected:
            self.select_vehicle(selected)

    def _load_failed(self, exc: BaseException) -> None:
        self.model.set_error(
            self.tr("Die Fahrzeuge konnten nicht geladen werden: {error}").format(error=error_text(exc))
        )
        self.stack.setCurrentWidget(self.table)

    def _rebuild_collections(self, collections: list[Collection]) -> None:
        """The filter offers the user's synced collections and fleets (by name); the choice survives reloads."""
        current = self.collection.currentData()
        self.collection.blockSignals(True)
        self.collection.clear()
        self.collection.addItem(self.tr("Alle Fahrzeuge"), ALL_COLLECTIONS)
        for item in collections:
            label = self.tr("{name} (Flotte)").format(name=item.name) if item.is_fleet else item.name
            self.collection.addItem(label, item.id)
        index = self.collection.findData(current) if current else 0
        self.collection.setCurrentIndex(max(0, index))
        self.collection.blockSignals(False)
        self.proxy.set_collection(self.collection.currentData() or ALL_COLLECTIONS)
        self._update_count()

    def _search_changed(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update_count()

    def _collection_changed(self, _: int) -> None:
        self.proxy.set_collection(self.collection.currentData() or ALL_COLLECTIONS)
        self._update_count()

    def _update_count(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        if shown == total:
            self.count_label.setText(self.tr("{n} Fahrzeuge").format(n=total) if total != 1 else self.tr("1 Fahrzeug"))
        else:
            self.count_label.setText(self.tr("{shown} von {n} Fahrzeugen").format(shown=shown, n=total))

    def _activated(self, index: QModelIndex) -> None:
        row = index.data(RecordRole)
        if row is not None:
            self.open_vehicle.emit(row.id)

    def current_vehicle_id(self) -> str | None:
        row = self.table.currentIndex().data(RecordRole)
        return row.id if row is not None else None

    def select_vehicle(self, vehicle_id: str) -> None:
        source = self.model.row_of(vehicle_id)
        if source < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(source, COL_NAME))
        if index.isValid():
            self.table.setCurrentIndex(index)
            self.table.selectRow(index.row())
