"""Sammlungen und Flotten verwalten: create, rename, delete, mark as fleet, tick the vehicles that belong to one.

Changes are online only (the server's sync push has no collection mutations); offline, the dialog says so
and changes nothing. The lists are read from the replica, so they also show what other devices made once
synced.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.collections_service import CollectionsService
from desktop.store.queries import VehicleRow
from desktop.sync.errors import Conflict, NetworkError
from desktop.ui.messages import error_text
from desktop.ui.vehicles.common import RECORDS_STYLE
from desktop.ui.widgets.common import ErrorBanner
from shared.collections import Collection, CollectionKind
from shared.errors import DomainError

IdRole = Qt.ItemDataRole.UserRole


class CollectionsDialog(QDialog):
    def __init__(self, service: CollectionsService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.collections: list[Collection] = []
        self.vehicles: list[VehicleRow] = []
        self._filling = False
        self.setWindowTitle(self.tr("Sammlungen und Flotten"))
        self.setMinimumSize(860, 500)
        self.setStyleSheet(RECORDS_STYLE)

        intro = QLabel(
            self.tr(
                "Fassen Sie Ihre Fahrzeuge zu Sammlungen oder Flotten zusammen. Ein Fahrzeug kann in mehreren "
                "sein. Änderungen brauchen eine Verbindung zum Server."
            )
        )
        intro.setWordWrap(True)
        list_label = QLabel(self.tr("&Sammlungen:"))
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Sammlungen und Flotten"))
        list_label.setBuddy(self.list)
        self.list.currentRowChanged.connect(lambda _: self._show_members())
        self.new_button = QPushButton(self.tr("&Neu …"))
        self.rename_button = QPushButton(self.tr("&Umbenennen …"))
        self.delete_button = QPushButton(self.tr("&Löschen"))
        self.new_button.clicked.connect(self.create)
        self.rename_button.clicked.connect(self.rename)
        self.delete_button.clicked.connect(self.delete)
        self.fleet_check = QCheckBox(self.tr("Als &Flotte führen"))
        self.fleet_check.toggled.connect(self._kind_toggled)

        members_label = QLabel(self.tr("Fahr&zeuge in dieser Sammlung:"))
        self.members = QListWidget()
        self.members.setAccessibleName(self.tr("Fahrzeuge der Sammlung"))
        members_label.setBuddy(self.members)
        self.members.itemChanged.connect(self._member_toggled)
        self.error = ErrorBanner()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("S&chließen"))
        buttons.rejected.connect(self.reject)

        actions = QHBoxLayout()
        for button in (self.new_button, self.rename_button, self.delete_button):
            actions.addWidget(button)
        actions.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(list_label)
        left.addWidget(self.list, 1)
        left.addLayout(actions)
        left.addWidget(self.fleet_check)
        right = QVBoxLayout()
        right.addWidget(members_label)
        right.addWidget(self.members, 1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addSpacing(12)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(columns, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._update_buttons()

    # -- loading -------------------------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        """Read collections and vehicles from the replica (works offline)."""
        keep = select or self.current_id()

        def vehicles_loaded(rows: list[VehicleRow]) -> None:
            self.vehicles = sorted(rows, key=lambda r: r.title.casefold())
            self.service.load(lambda found: self._collections_loaded(found, keep), self._failed)

        self.service.records.load_vehicles(vehicles_loaded, self._failed)

    def _collections_loaded(self, found: list[Collection], select: str | None) -> None:
        self.collections = list(found)
        self._filling = True
        self.list.clear()
        for item in self.collections:
            label = self.tr("{name} (Flotte)").format(name=item.name) if item.is_fleet else item.name
            row = QListWidgetItem(label)
            row.setData(IdRole, item.id)
            self.list.addItem(row)
        index = next((i for i, c in enumerate(self.collections) if c.id == select), 0 if self.collections else -1)
        self._filling = False
        self.list.setCurrentRow(index)
        self._show_members()

    def current(self) -> Collection | None:
        row = self.list.currentRow()
        return self.collections[row] if 0 <= row < len(self.collections) else None

    def current_id(self) -> str | None:
        current = self.current()
        return current.id if current is not None else None

    def _show_members(self) -> None:
        if self._filling:
            return
        current = self.current()
        self._filling = True
        self.members.clear()
        for vehicle in self.vehicles if current is not None else []:
            item = QListWidgetItem(vehicle.title)
            item.setData(IdRole, vehicle.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if current.contains(vehicle.id) else Qt.CheckState.Unchecked)
            self.members.addItem(item)
        self.fleet_check.setChecked(current is not None and current.is_fleet)
        self._filling = False
        self._update_buttons()

    def _update_buttons(self) -> None:
        selected = self.current() is not None
        for widget in (self.rename_button, self.delete_button, self.fleet_check, self.members):
            widget.setEnabled(selected)

    # -- commands (online only) ----------------------------------------------------------------------

    def _done(self, result: Collection | None) -> None:
        self.error.clear_message()
        self.reload(result.id if result is not None else None)

    def _failed(self, exc: BaseException) -> None:
        self.error.show_message(self.failure_text(exc))
        self.reload()  # undo a tick that did not reach the server

    def failure_text(self, exc: BaseException) -> str:
        if isinstance(exc, NetworkError):
            return self.tr(
                "Keine Verbindung zum Server: Sammlungen lassen sich nur online ändern. "
                "Bitte Verbindung prüfen und erneut versuchen."
            )
        if isinstance(exc, Conflict):
            return self.tr("Eine Sammlung mit diesem Namen gibt es schon.")
        if isinstance(exc, DomainError):
            return self.tr("Bitte einen Namen eingeben (höchstens 120 Zeichen).")
        return error_text(exc)

    def _ask_name(self, title: str, text: str = "") -> str | None:
        name, ok = QInputDialog.getText(self, title, self.tr("Name:"), QLineEdit.EchoMode.Normal, text)
        return name if ok else None

    def create(self) -> None:
        name = self._ask_name(self.tr("Neue Sammlung"))
        if name is not None:
            self.service.create(name, CollectionKind.COLLECTION, self._done, self._failed)

    def rename(self) -> None:
        current = self.current()
        if current is None:
            return
        name = self._ask_name(self.tr("Sammlung umbenennen"), current.name)
        if name is not None and name != current.name:
            self.service.rename(current.id, name, self._done, self._failed)

    def delete(self) -> None:
        current = self.current()
        if current is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Sammlung löschen"),
            self.tr("„{name}“ löschen? Die Fahrzeuge bleiben erhalten.").format(name=current.name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.service.delete(current.id, self._done, self._failed)

    def _kind_toggled(self, fleet: bool) -> None:
        current = self.current()
        if self._filling or current is None or fleet == current.is_fleet:
            return
        kind = CollectionKind.FLEET if fleet else CollectionKind.COLLECTION
        self.service.set_kind(current.id, kind, self._done, self._failed)

    def _member_toggled(self, item: QListWidgetItem) -> None:
        current = self.current()
        if self._filling or current is None:
            return
        vehicle_id = str(item.data(IdRole))
        if item.checkState() == Qt.CheckState.Checked:
            self.service.add_vehicle(current.id, vehicle_id, self._done, self._failed)
        else:
            self.service.remove_vehicle(current.id, vehicle_id, self._done, self._failed)
