"""The "Trust-Ordner" tab: trust folders (accident, oldtimer, restoration) and their stages (SPEC §7.5-7.6).

``TrustFoldersTab(documents_service, vehicle_id, changes=None)``: the ``DocumentsService`` offers
``load_folders``, ``create_folder`` and ``add_stage``; ``changes`` is the change-set signal to follow (the app
passes ``RecordsService.changes_applied``; default: the service's own). The add-on
gate answers after a sync (a rejected ``folder.create``) and is shown as a readable German message.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services.changes import DOCUMENTS, FOLDERS, PROBLEMS, ChangeSet
from desktop.services.documents_service import FoldersSnapshot, is_image
from desktop.ui.documents.texts import gate_text
from desktop.ui.vehicles.common import tr
from shared.entries import PerformedBy

ADDONS = (
    ("restauration", QT_TRANSLATE_NOOP("TrustFoldersTab", "Restaurierung")),
    ("oldtimer", QT_TRANSLATE_NOOP("TrustFoldersTab", "Oldtimer")),
    ("unfall", QT_TRANSLATE_NOOP("TrustFoldersTab", "Unfall")),
)
#: shared.entries.PerformedBy with its SPEC §5.3 labels (translated in the ``Vehicles`` context).
PERFORMED_BY = tuple((who.value, who.label) for who in PerformedBy)


class StageDialog(QDialog):
    """A restoration stage: title, date, performed by, documents, before/after images, cost, milestone."""

    def __init__(self, snapshot: FoldersSnapshot, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Abschnitt hinzufügen"))
        self.title = QLineEdit()
        self.stage = QLineEdit()
        self.stage.setPlaceholderText(self.tr("z. B. Karosserie, Lack, Motor, Innenraum"))
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.performed_by = QComboBox()
        for key, label in PERFORMED_BY:
            self.performed_by.addItem(tr(label), key)
        self.cost = QDoubleSpinBox()
        self.cost.setRange(0, 10_000_000)
        self.cost.setDecimals(2)
        self.cost.setSuffix(" €")
        self.cost.setSpecialValueText(self.tr("keine Angabe"))
        self.milestone = QCheckBox(self.tr("Meilenstein"))
        self.documents = self._picker([d for d in snapshot.documents if not is_image(d)])
        self.before = self._picker([d for d in snapshot.documents if is_image(d)])
        self.after = self._picker([d for d in snapshot.documents if is_image(d)])
        form = QFormLayout()
        form.addRow(self.tr("&Titel:"), self.title)
        form.addRow(self.tr("&Bereich:"), self.stage)
        form.addRow(self.tr("&Datum:"), self.date)
        form.addRow(self.tr("Durchgeführt &von:"), self.performed_by)
        form.addRow(self.tr("&Kosten (optional):"), self.cost)
        form.addRow("", self.milestone)
        form.addRow(self.tr("Belege:"), self.documents)
        form.addRow(self.tr("Bilder vorher:"), self.before)
        form.addRow(self.tr("Bilder nachher:"), self.after)
        hint = QLabel(self.tr("Datenpflege = bessere Trust-Stufe & Verkaufswert"))
        hint.setObjectName("muted")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Hinzufügen"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Abbrechen"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def _picker(self, docs: list[Any]) -> QListWidget:
        widget = QListWidget()
        widget.setMaximumHeight(90)
        for doc in docs:
            item = QListWidgetItem(doc.filename)
            item.setData(Qt.ItemDataRole.UserRole, doc.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            widget.addItem(item)
        return widget

    @staticmethod
    def _checked(widget: QListWidget) -> list[str]:
        items = (widget.item(i) for i in range(widget.count()))
        return [i.data(Qt.ItemDataRole.UserRole) for i in items if i.checkState() == Qt.CheckState.Checked]

    def _accept(self) -> None:
        if self.title.text().strip():
            self.accept()
        else:
            self.title.setFocus()

    def fields(self) -> dict[str, Any]:
        return {
            "title": self.title.text().strip(),
            "stage": self.stage.text().strip() or None,
            "date": self.date.date().toString("yyyy-MM-dd"),
            "performed_by": self.performed_by.currentData(),
            "cost_amount": round(self.cost.value(), 2) if self.cost.value() > 0 else None,
            "currency": "EUR" if self.cost.value() > 0 else None,
            "is_milestone": self.milestone.isChecked() or None,
            "document_ids": self._checked(self.documents) or None,
            "before_image_ids": self._checked(self.before) or None,
            "after_image_ids": self._checked(self.after) or None,
        }


class TrustFoldersTab(QWidget):
    def __init__(
        self, documents_service: Any, vehicle_id: str, parent: QWidget | None = None, *, changes: Any = None
    ) -> None:
        super().__init__(parent)
        self.service = documents_service
        self.vehicle_id = vehicle_id
        self.snapshot: FoldersSnapshot | None = None
        self.dialog: StageDialog | None = None
        title = QLabel(self.tr("Trust-Ordner"))
        title.setObjectName("title")
        intro = QLabel(
            self.tr(
                "Trust-Ordner sammeln Nachweise zu Restaurierung, Oldtimer-Historie oder Unfall – als "
                "nachvollziehbare Abschnitte mit Belegen und Vorher-/Nachher-Bildern."
            )
        )
        intro.setObjectName("subtitle")
        intro.setWordWrap(True)
        self.gate = QLabel()
        self.gate.setObjectName("error")
        self.gate.setWordWrap(True)
        self.gate.setVisible(False)
        self.new_folder = QPushButton(self.tr("&Neuer Ordner …"))
        self.new_stage = QPushButton(self.tr("Abs&chnitt hinzufügen …"))
        self.new_folder.setObjectName("primary")
        self.new_folder.clicked.connect(self.ask_folder)
        self.new_stage.clicked.connect(self.ask_stage)
        self.folders = QListWidget()
        self.folders.setAccessibleName(self.tr("Trust-Ordner"))
        self.folders.setMinimumWidth(240)
        self.folders.currentItemChanged.connect(lambda *_: self._show_stages())
        self.stages = QTreeWidget()
        self.stages.setHeaderLabels(
            [self.tr("Abschnitt"), self.tr("Datum"), self.tr("Durchgeführt von"), self.tr("Kosten"), self.tr("Belege")]
        )
        self.stages.setRootIsDecorated(False)
        self.stages.setAccessibleName(self.tr("Abschnitte"))
        self.stages.header().setStretchLastSection(False)
        self.stages.setColumnWidth(0, 320)
        self.stages.setColumnWidth(2, 160)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_folder)
        buttons.addWidget(self.new_stage)
        buttons.addStretch(1)
        splitter = QSplitter()
        splitter.addWidget(self.folders)
        splitter.addWidget(self.stages)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 880])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.gate)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)
        self.setTabOrder(self.new_folder, self.new_stage)
        self.setTabOrder(self.new_stage, self.folders)
        self.setTabOrder(self.folders, self.stages)
        (self.service.changes_applied if changes is None else changes).connect(self._changes_applied)
        if self.vehicle_id:
            self.reload()

    def set_vehicle(self, vehicle_id: str) -> None:
        """Show another vehicle's folders (the vehicle file keeps one tab for all vehicles)."""
        if vehicle_id != self.vehicle_id:
            self.vehicle_id = vehicle_id
            self.snapshot = None
        self.reload()

    def reload(self) -> None:
        self.service.load_folders(self.vehicle_id, self._loaded)

    def _changes_applied(self, change: ChangeSet) -> None:
        if self.vehicle_id and any(change.touches(k, self.vehicle_id) for k in (FOLDERS, DOCUMENTS, PROBLEMS)):
            self.reload()

    def _loaded(self, snapshot: FoldersSnapshot) -> None:
        if snapshot.vehicle_id != self.vehicle_id:
            return  # a load for the vehicle shown before
        self.snapshot = snapshot
        current = self.current_folder_id()
        self.folders.clear()
        labels = dict(ADDONS)
        for folder in snapshot.folders:
            suffix = "  ·  " + self.tr("nicht synchronisiert") if folder.pending else ""
            item = QListWidgetItem(f"{folder.title}\n{self.tr(labels.get(folder.addon_key, folder.addon_key))}{suffix}")
            item.setData(Qt.ItemDataRole.UserRole, folder.id)
            self.folders.addItem(item)
            if folder.id == current:
                self.folders.setCurrentItem(item)
        if self.folders.currentItem() is None and self.folders.count():
            self.folders.setCurrentRow(0)
        messages = [f"„{p.title}“: {gate_text(p.code)}" if p.title else gate_text(p.code) for p in snapshot.problems]
        self.gate.setText("\n".join(messages))
        self.gate.setVisible(bool(messages))
        self._show_stages()

    def current_folder_id(self) -> str | None:
        item = self.folders.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _show_stages(self) -> None:
        self.stages.clear()
        folder_id = self.current_folder_id()
        self.new_stage.setEnabled(folder_id is not None)
        if self.snapshot is None or folder_id is None:
            return
        names = dict(PERFORMED_BY)
        for stage in self.snapshot.items_of(folder_id):
            label = ("★ " if stage.is_milestone else "") + stage.title + (f" – {stage.stage}" if stage.stage else "")
            cost = f"{stage.cost_cents / 100:,.2f} €".replace(",", " ").replace(".", ",") if stage.cost_cents else "–"
            count = len(stage.document_ids) + len(stage.before_image_ids) + len(stage.after_image_ids)
            performed = tr(names.get(stage.performed_by or "", stage.performed_by or "–"))
            item = QTreeWidgetItem([label, stage.date or "–", performed, cost, str(count)])
            self.stages.addTopLevelItem(item)

    def ask_folder(self) -> None:
        addon, ok = QInputDialog.getItem(
            self, self.tr("Neuer Trust-Ordner"), self.tr("Art des Ordners:"), [self.tr(x[1]) for x in ADDONS], 0, False
        )
        if not ok:
            return
        key = ADDONS[[self.tr(x[1]) for x in ADDONS].index(addon)][0]
        name, ok = QInputDialog.getText(self, self.tr("Neuer Trust-Ordner"), self.tr("Titel des Ordners:"))
        if ok and name.strip():
            self.service.create_folder(self.vehicle_id, key, name)

    def ask_stage(self) -> None:
        folder_id = self.current_folder_id()
        if folder_id is None or self.snapshot is None:
            return
        self.dialog = StageDialog(self.snapshot, self)
        if self.dialog.exec() == QDialog.DialogCode.Accepted:
            self.service.add_stage(self.vehicle_id, folder_id, self.dialog.fields())
