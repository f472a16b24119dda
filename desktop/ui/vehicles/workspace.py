"""The central area of the main window: the vehicle list and the vehicle file on one stack."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QMessageBox, QStackedWidget, QWidget

from desktop.services.records_service import RecordsService
from desktop.store.records import VehicleRecord
from desktop.ui.messages import error_text
from desktop.ui.vehicles.common import RECORDS_STYLE
from desktop.ui.vehicles.entry_dialog import EntryDialog
from desktop.ui.vehicles.list_view import VehicleListView
from desktop.ui.vehicles.vehicle_dialog import VehicleDialog
from desktop.ui.vehicles.vehicle_file import VehicleFileView


class VehiclesWorkspace(QStackedWidget):
    def __init__(
        self,
        records: RecordsService,
        role_source: Callable[[], str | None] = lambda: None,
        parent: QWidget | None = None,
        *,
        qr_service: Any = None,
    ) -> None:
        super().__init__(parent)
        self.records = records
        self.list = VehicleListView(records)
        self.file = VehicleFileView(records, role_source, qr_service=qr_service)
        self.setStyleSheet(RECORDS_STYLE)
        self.addWidget(self.list)
        self.addWidget(self.file)
        self.list.open_vehicle.connect(self.open_vehicle)
        self.list.new_vehicle_requested.connect(self.new_vehicle)
        self.file.back_requested.connect(self.show_list)
        self.file.closed_vehicle.connect(self.show_list)
        self.last_dialog: VehicleDialog | None = None
        self.list.reload()

    def open_vehicle(self, vehicle_id: str) -> None:
        self.file.open(vehicle_id)
        self.setCurrentWidget(self.file)
        self.file.tabs.setFocus()

    def show_list(self) -> None:
        self.setCurrentWidget(self.list)
        self.list.select_vehicle(self.file.vehicle_id)
        self.list.table.setFocus()

    @property
    def in_file(self) -> bool:
        return self.currentWidget() is self.file

    def new_vehicle(self) -> VehicleDialog:
        dialog = VehicleDialog(parent=self)

        def save() -> None:
            nickname, meta = dialog.values()
            self.records.add_vehicle(dialog.vin, nickname, meta, self._created, self._failed)

        dialog.accepted.connect(save)
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def _created(self, vehicle: VehicleRecord) -> None:
        self.open_vehicle(vehicle.id)

    def _failed(self, exc: BaseException) -> None:
        QMessageBox.warning(self, self.tr("Fehler"), error_text(exc))

    def new_entry(self) -> EntryDialog | None:
        """Strg+E: a new entry for the open vehicle (or the one selected in the list)."""
        if not self.in_file:
            vehicle_id = self.list.current_vehicle_id()
            if vehicle_id is None:
                return None
            self.open_vehicle(vehicle_id)
        self.file.tabs.setCurrentWidget(self.file.entries)
        return self.file.entries.new_entry()

    def focus_search(self) -> None:
        self.show_list()
        self.list.focus_search()
