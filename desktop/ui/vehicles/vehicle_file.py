"""The vehicle file ("Fahrzeugakte"): header with masked FIN and trust light, tabs Fahrzeug (with the public QR),
Eintragungen, Dokumente, Trust and Trust-Ordner (SPEC §4.3). Every tab refreshes from change-sets."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services.changes import DOCUMENTS, ENTRIES, TRUST, VEHICLES, ChangeSet
from desktop.services.records_service import RecordsService, VehicleFileData
from desktop.store.queries import TimelineRow
from desktop.ui.documents.documents_tab import DocumentsTab
from desktop.ui.documents.texts import refused_text
from desktop.ui.folders.folders_tab import TrustFoldersTab
from desktop.ui.messages import error_text
from desktop.ui.vehicles.common import RecordRole, light_icon, light_label, tr
from desktop.ui.vehicles.entry_dialog import FILE_FILTER, EntryDialog
from desktop.ui.vehicles.timeline_model import (
    COL_COST,
    COL_DATE,
    COL_EXTRA,
    COL_KM,
    COL_LEVEL,
    COL_NOTE,
    COL_PERFORMED_BY,
    COL_TYPE,
    HistoryModel,
    TimelineModel,
)
from desktop.ui.vehicles.trust_panel import TrustPanel
from desktop.ui.vehicles.vehicle_dialog import VehicleDialog
from shared.trust.facts import parse_accident_status


def _table(model: object, name: str) -> QTableView:
    table = QTableView()
    table.setModel(model)  # type: ignore[arg-type]
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(28)
    table.setAccessibleName(name)
    header = table.horizontalHeader()
    # fixed widths leave the stretched Bemerkung column room at 1280 px (long performed-by labels elide)
    for col, width in ((COL_DATE, 90), (COL_TYPE, 190), (COL_PERFORMED_BY, 250), (COL_KM, 130), (COL_LEVEL, 70)):
        header.resizeSection(col, width)
    header.resizeSection(COL_COST, 100)
    header.resizeSection(COL_EXTRA, 160)
    header.setSectionResizeMode(COL_NOTE, QHeaderView.ResizeMode.Stretch)
    return table


class MasterDataTab(QWidget):
    edit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values: dict[str, QLabel] = {}
        box = QGroupBox(self.tr("Stammdaten"))
        form = QFormLayout(box)
        form.setHorizontalSpacing(24)
        form.setVerticalSpacing(8)
        for key, text in (
            ("nickname", self.tr("Spitzname")),
            ("make", self.tr("Marke")),
            ("model", self.tr("Modell")),
            ("year", self.tr("Baujahr")),
            ("vehicle_class", self.tr("Fahrzeugklasse")),
            ("engine", self.tr("Motor/Antrieb")),
            ("vin", self.tr("FIN")),
            ("collection", self.tr("Sammlung")),
            ("accident", self.tr("Unfallstatus")),
        ):
            label = QLabel()
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[key] = label
            form.addRow(QLabel(text), label)
        self.edit_button = QPushButton(self.tr("Stammdaten &bearbeiten …"))
        self.edit_button.clicked.connect(self.edit_requested)
        self.qr_box = QGroupBox(self.tr("Öffentlicher QR-Code"))
        qr_layout = QVBoxLayout(self.qr_box)
        self.qr_placeholder = QLabel(
            self.tr("Der öffentliche QR-Code (anzeigen, Aufkleber drucken, erneuern, deaktivieren) erscheint hier.")
        )
        self.qr_placeholder.setObjectName("muted")
        self.qr_placeholder.setWordWrap(True)
        qr_layout.addWidget(self.qr_placeholder)
        self.qr_panel: QWidget | None = None
        left = QVBoxLayout()
        left.addWidget(box)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        left.addLayout(buttons)
        left.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 16)
        layout.addLayout(left, 2)
        layout.addSpacing(16)
        right = QVBoxLayout()
        right.addWidget(self.qr_box)
        right.addStretch(1)
        layout.addLayout(right, 3)

    def set_qr_panel(self, panel: QWidget | None) -> None:
        """Show ``panel`` (the vehicle's :class:`QrPanel`) in the QR box, replacing the previous one."""
        if self.qr_panel is not None:
            self.qr_box.layout().removeWidget(self.qr_panel)
            self.qr_panel.deleteLater()
        self.qr_panel = panel
        self.qr_placeholder.setVisible(panel is None)
        self.qr_box.setTitle("" if panel is not None else self.tr("Öffentlicher QR-Code"))  # the panel has a title
        if panel is not None:
            self.qr_box.layout().addWidget(panel)

    def set_data(self, data: VehicleFileData) -> None:
        vehicle, meta = data.vehicle, data.vehicle.meta
        dash = "–"
        self.values["nickname"].setText(vehicle.nickname or dash)
        for key in ("make", "model", "year", "engine"):
            self.values[key].setText(str(meta.get(key) or dash))
        self.values["collection"].setText(", ".join(data.collections) or dash)
        self.values["vehicle_class"].setText(tr(str(meta["vehicle_class"])) if meta.get("vehicle_class") else dash)
        self.values["vin"].setText(vehicle.vin_masked or dash)
        self.values["accident"].setText(tr(parse_accident_status(meta.get("accident_status")).label))


class EntriesTab(QWidget):
    #: The timeline of the vehicle arrived (or failed to): the file is on screen.
    timeline_loaded = Signal()

    def __init__(self, records: RecordsService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.records = records
        self.vehicle_id = ""
        self.model = TimelineModel(self)
        self.history_model = HistoryModel(self)
        self.table = _table(self.model, self.tr("Zeitleiste der Eintragungen"))
        self.history = _table(self.history_model, self.tr("Fassungen der Eintragung"))
        self.new_button = QPushButton(self.tr("&Neue Eintragung …"))
        self.new_button.setObjectName("primary")
        self.new_button.setToolTip(self.tr("Neue Eintragung (Strg+E)"))
        self.revise_button = QPushButton(self.tr("Ko&rrigieren …"))
        self.attach_button = QPushButton(self.tr("Nachwe&is anhängen …"))
        self.count = QLabel()
        self.count.setObjectName("muted")
        self.history_title = QLabel(self.tr("Fassungen (Änderungsverlauf)"))
        self.history_title.setObjectName("section")
        self.new_button.clicked.connect(self.new_entry)
        self.revise_button.clicked.connect(self.revise_entry)
        self.attach_button.clicked.connect(self.attach_to_entry)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.activated.connect(lambda _: self.revise_entry())
        bar = QHBoxLayout()
        bar.addWidget(self.new_button)
        bar.addWidget(self.revise_button)
        bar.addWidget(self.attach_button)
        bar.addStretch(1)
        bar.addWidget(self.count)
        lower = QWidget()
        lower_box = QVBoxLayout(lower)
        lower_box.setContentsMargins(0, 6, 0, 0)
        lower_box.addWidget(self.history_title)
        lower_box.addWidget(self.history)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        self._update_buttons()
        self.last_dialog: EntryDialog | None = None

    def load(self, vehicle_id: str) -> None:
        self.vehicle_id = vehicle_id
        self.records.load_timeline(vehicle_id, self._loaded, self._failed)

    def _loaded(self, rows: list[TimelineRow]) -> None:
        current = self.current_row()
        self.model.set_rows(rows)
        n = self.model.total
        self.count.setText(self.tr("{n} Eintragungen").format(n=n) if n != 1 else self.tr("1 Eintragung"))
        row = self.model.row_of(current.entry.entry_group_id) if current else (0 if n else -1)
        if row >= 0:
            self.table.selectRow(row)
        else:
            self.history_model.set_rows([])
        self._update_buttons()
        self.timeline_loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self.model.set_error(self.tr("Die Eintragungen konnten nicht geladen werden: {e}").format(e=error_text(exc)))
        self.timeline_loaded.emit()

    def current_row(self) -> TimelineRow | None:
        return self.table.currentIndex().data(RecordRole)

    def _current_changed(self, current: QModelIndex, _: QModelIndex) -> None:
        row = current.data(RecordRole)
        self._update_buttons()
        if row is None:
            self.history_model.set_rows([])
            return
        self.records.load_history(row.entry.entry_group_id, self.history_model.set_rows)

    def _update_buttons(self) -> None:
        has = self.current_row() is not None
        self.revise_button.setEnabled(has)
        self.attach_button.setEnabled(has)

    def new_entry(self) -> EntryDialog:
        dialog = EntryDialog(parent=self)
        dialog.accepted.connect(
            lambda: self.records.add_entry(self.vehicle_id, dialog.fields(), list(dialog.attachments))
        )
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def revise_entry(self) -> EntryDialog | None:
        row = self.current_row()
        if row is None:
            return None
        dialog = EntryDialog(row.entry, parent=self)
        dialog.accepted.connect(lambda: self.records.revise_entry(row.entry, dialog.fields(), list(dialog.attachments)))
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def attach_to_entry(self) -> None:
        row = self.current_row()
        if row is None:
            return
        names, _ = QFileDialog.getOpenFileNames(self, self.tr("Nachweise anhängen"), "", tr(FILE_FILTER))
        if names:
            self.attach_paths([Path(n) for n in names], row.entry.id)

    def attach_paths(self, paths: list[Path], entry_id: str) -> None:
        """Attach files to an entry through the documents service (the one owner of document commands)."""
        refused = self.records.documents.attach_files(self.vehicle_id, paths, entry_id=entry_id)
        if refused:
            QMessageBox.warning(self, self.tr("Nachweise anhängen"), "\n".join(refused_text(r) for r in refused))


class VehicleFileView(QWidget):
    """Shows one vehicle; ``back_requested`` returns to the list (Esc or Alt+Links)."""

    back_requested = Signal()
    closed_vehicle = Signal()

    def __init__(
        self,
        records: RecordsService,
        role_source=lambda: None,
        parent: QWidget | None = None,
        *,
        qr_service: Any = None,
    ) -> None:
        """``qr_service``: the QR panel's service, or a callable that makes it on first use (None: no panel)."""
        super().__init__(parent)
        self.records = records
        self.role_source = role_source
        self.qr_service = qr_service

        self.vehicle_id = ""
        self.data: VehicleFileData | None = None
        self.back_button = QPushButton(self.tr("← &Alle Fahrzeuge"))
        self.back_button.setObjectName("flat")
        self.back_button.clicked.connect(self.back_requested)
        self.title = QLabel()
        self.title.setObjectName("title")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("muted")
        self.light = QLabel()
        self.light_text = QLabel()
        self.light_text.setObjectName("lightText")
        self.pending = QLabel(self.tr("● Nicht synchronisiert"))
        self.pending.setObjectName("badgeWarn")
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.master = MasterDataTab()
        self.entries = EntriesTab(records)
        self.trust = TrustPanel()
        changes = records.changes_applied
        self.documents = DocumentsTab(records.documents, "", changes=changes)
        self.folders = TrustFoldersTab(records.documents, "", changes=changes)
        self.tabs.addTab(self.master, self.tr("Fahr&zeug"))
        self.tabs.addTab(self.entries, self.tr("&Eintragungen"))
        self.tabs.addTab(self.documents, self.tr("Dok&umente"))
        self.tabs.addTab(self.trust, self.tr("&Trust"))
        self.tabs.addTab(self.folders, self.tr("Trust-&Ordner"))
        self.extra_tabs: list[QWidget] = []
        self._qr_wanted = False
        self.entries.timeline_loaded.connect(self._timeline_shown)
        self.tabs.currentChanged.connect(self._tab_shown)
        self.master.edit_requested.connect(self.edit_vehicle)

        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        header.addLayout(titles, 1)
        header.addWidget(self.pending)
        header.addSpacing(12)
        header.addWidget(self.light)
        header.addWidget(self.light_text)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 8)
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addStretch(1)
        layout.addLayout(top)
        layout.addLayout(header)
        layout.addWidget(self.tabs, 1)
        QShortcut(QKeySequence("Alt+Left"), self, activated=self.back_requested)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self.back_requested)
        records.changes_applied.connect(self.on_changes)

    def open(self, vehicle_id: str) -> None:
        changed = vehicle_id != self.vehicle_id
        self.vehicle_id = vehicle_id
        self.records.load_vehicle_file(vehicle_id, self._loaded)  # first on the DB worker: what the user sees
        self.entries.load(vehicle_id)
        if changed:
            self._install_vehicle_tabs(vehicle_id)

    def _install_vehicle_tabs(self, vehicle_id: str) -> None:
        """Point Dokumente, Trust-Ordner, the QR panel and plug-in tabs at ``vehicle_id``.

        Dokumente and Trust-Ordner load when they are shown (:meth:`_tab_shown`); they listen to
        ``records.changes_applied`` (the documents service's and the sync's change-sets). The QR panel goes into
        the Fahrzeug tab when a QR service is given; it is made after the first vehicle file is on screen (its
        qrcode import and token call are not worth delaying the timeline for).
        """
        self._tab_shown(self.tabs.currentIndex())
        if self.qr_service is not None:
            if self.master.qr_panel is None:
                self._qr_wanted = True  # made once the timeline is in (:meth:`_timeline_shown`)
            else:
                self.master.qr_panel.set_vehicle(vehicle_id)  # type: ignore[attr-defined]
        for widget in self.extra_tabs:
            self.tabs.removeTab(self.tabs.indexOf(widget))
            widget.deleteLater()
        self.extra_tabs = []
        for factory, title in EXTRA_TABS:
            widget = factory(self.records, vehicle_id)
            self.tabs.addTab(widget, title)
            self.extra_tabs.append(widget)

    def _tab_shown(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if widget in (self.documents, self.folders) and widget.vehicle_id != self.vehicle_id and self.vehicle_id:
            widget.set_vehicle(self.vehicle_id)

    def _timeline_shown(self) -> None:
        if self._qr_wanted:
            self._qr_wanted = False
            QTimer.singleShot(0, self._make_qr_panel)  # after the timeline's first paint

    def _make_qr_panel(self) -> None:
        if self.master.qr_panel is not None or not self.vehicle_id:
            return
        from desktop.ui.qr.qr_panel import QrPanel  # lazy: qrcode and the QR panel load with the first vehicle

        service = self.qr_service() if callable(self.qr_service) else self.qr_service
        self.master.set_qr_panel(QrPanel(service, self.vehicle_id))

    def _loaded(self, data: VehicleFileData | None) -> None:
        if data is None:
            self.closed_vehicle.emit()
            return
        self.data = data
        vehicle = data.vehicle
        meta = vehicle.meta
        make_model = " ".join(str(meta[k]) for k in ("make", "model") if meta.get(k))
        self.title.setText(vehicle.nickname or make_model or vehicle.vin_masked)
        details = [x for x in (make_model if vehicle.nickname else "", str(meta.get("year") or "")) if x]
        details.append(self.tr("FIN {vin}").format(vin=vehicle.vin_masked))
        self.subtitle.setText(" · ".join(details))
        light = data.trust.trust_light if data.trust else None
        self.light.setPixmap(light_icon(light, 22).pixmap(22, 22))
        self.light_text.setText(self.tr("Trust: {light}").format(light=light_label(light)))
        self.pending.setVisible(data.pending or not vehicle.synced)
        self.master.set_data(data)
        self.trust.set_summary(data.trust, pending=data.pending or not vehicle.synced, role=self.role_source())

    def on_changes(self, changes: ChangeSet) -> None:
        if not self.vehicle_id:
            return
        followed = changes.follow(self.vehicle_id)
        if followed != self.vehicle_id:
            self.vehicle_id = followed
            self.entries.vehicle_id = followed
            self._install_vehicle_tabs(followed)  # the server replaced the client id: follow it
        if any(changes.touches(k, self.vehicle_id) for k in (VEHICLES, TRUST, ENTRIES, DOCUMENTS)):
            self.records.load_vehicle_file(self.vehicle_id, self._loaded)
        if any(changes.touches(k, self.vehicle_id) for k in (ENTRIES, DOCUMENTS)):
            self.entries.load(self.vehicle_id)
        panel = self.master.qr_panel
        if changes.touches(VEHICLES, self.vehicle_id) and panel is not None and getattr(panel, "state", 0) is None:
            # a vehicle made offline keeps its id once synced: its public token exists now, ask again
            panel.reload()  # type: ignore[attr-defined]

    def edit_vehicle(self) -> VehicleDialog | None:
        if self.data is None:
            return None
        dialog = VehicleDialog(self.data.vehicle, self)
        vehicle_id = self.vehicle_id

        def save() -> None:
            nickname, meta = dialog.values()
            self.records.update_vehicle(vehicle_id, nickname, meta)

        dialog.accepted.connect(save)
        dialog.open()
        return dialog


TabFactory = Callable[[RecordsService, str], QWidget]
#: (factory, already translated title) of further tabs appended after Trust-Ordner (plug-ins; empty by default).
EXTRA_TABS: list[tuple[TabFactory, str]] = []
