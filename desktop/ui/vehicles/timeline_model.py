"""Timeline and revision-history models: immutable rows, named columns, SortRole, RecordRole, lazy batches."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from desktop.store.queries import TimelineRow
from desktop.store.records import EntryRecord
from desktop.ui.vehicles.common import SortRole, format_cost, format_date, format_km, tr, translate
from desktop.ui.widgets.table_model import Index, PlaceholderTableModel, RecordTableModel
from shared.entries import parse_entry_type, parse_performed_by

COL_DATE = 0
COL_TYPE = 1
COL_PERFORMED_BY = 2
COL_KM = 3
COL_LEVEL = 4
COL_COST = 5
COL_NOTE = 6
COL_EXTRA = 7
COLUMN_COUNT = 8
#: Rows handed to the view per fetchMore: a 2,000-entry vehicle opens with one batch, the rest on scrolling.
BATCH = 200


def type_label(value: str) -> str:
    kind = parse_entry_type(value)
    return tr(kind.label) if kind else value


def performed_by_label(value: str) -> str:
    who = parse_performed_by(value)
    return tr(who.label) if who else value


def _entry_display(entry: EntryRecord, col: int) -> str:
    if col == COL_DATE:
        return format_date(entry.date)
    if col == COL_TYPE:
        return type_label(entry.type)
    if col == COL_PERFORMED_BY:
        return performed_by_label(entry.performed_by)
    if col == COL_KM:
        return format_km(entry.km)
    if col == COL_LEVEL:
        return entry.trust_level or "–"
    if col == COL_COST:
        return format_cost(entry.cost_amount, entry.currency)
    if col == COL_NOTE:
        return " ".join((entry.note or "").split())
    return ""


def _entry_sort(entry: EntryRecord, col: int) -> Any:
    if col == COL_DATE:
        return (entry.date, entry.km)
    if col == COL_KM:
        return entry.km
    if col == COL_COST:
        return entry.cost_amount if entry.cost_amount is not None else -1
    return _entry_display(entry, col).casefold()


def _entry_headers() -> list[str]:
    """Headers of the entry columns shared by the timeline and the revision history (all but the last)."""
    return [
        translate("Vehicles", "Datum"),
        translate("Vehicles", "Art"),
        translate("Vehicles", "Durchgeführt von"),
        translate("Vehicles", "Kilometerstand"),
        translate("Vehicles", "T-Stufe"),
        translate("Vehicles", "Kosten"),
        translate("Vehicles", "Bemerkung"),
    ]


class TimelineModel(PlaceholderTableModel):
    """The latest revision of each entry. Holds all rows but exposes them in batches (``canFetchMore``)."""

    error_column = COL_TYPE

    def __init__(self, parent: Any = None) -> None:
        super().__init__([*_entry_headers(), translate("Vehicles", "Hinweise")], parent)
        self._shown = 0

    def _reset(self) -> None:
        self._shown = min(len(self._rows), BATCH)

    def _visible_rows(self) -> int:
        return self._shown

    @property
    def total(self) -> int:
        return len(self._rows)

    def row_of(self, entry_group_id: str) -> int:
        for i, row in enumerate(self._rows):
            if row.entry.entry_group_id == entry_group_id:
                while i >= self._shown:
                    self.fetchMore(QModelIndex())
                return i
        return -1

    def canFetchMore(self, parent: Index) -> bool:  # noqa: N802
        return not parent.isValid() and self._shown < len(self._rows)

    def fetchMore(self, parent: Index) -> None:  # noqa: N802
        if parent.isValid() or self._shown >= len(self._rows):
            return
        end = min(len(self._rows), self._shown + BATCH)
        self.beginInsertRows(QModelIndex(), self._shown, end - 1)
        self._shown = end
        self.endInsertRows()

    def cell(self, row: TimelineRow, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_EXTRA:
                return self._extra(row)
            return _entry_display(row.entry, col)
        if role == SortRole:
            return (row.revisions, row.attachments) if col == COL_EXTRA else _entry_sort(row.entry, col)
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_NOTE:
            return row.entry.note or None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_KM, COL_COST):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _extra(self, row: TimelineRow) -> str:
        parts = []
        if row.revisions > 1:
            parts.append(translate("Vehicles", "{n} Fassungen").format(n=row.revisions))
        if row.attachments:
            parts.append(
                translate("Vehicles", "1 Anhang")
                if row.attachments == 1
                else translate("Vehicles", "{n} Anhänge").format(n=row.attachments)
            )
        if row.entry.pending or not row.entry.synced:
            parts.append(translate("Vehicles", "● nicht synchronisiert"))
        return " · ".join(parts)


class HistoryModel(RecordTableModel):
    """Every revision of one entry, newest first (column ``COL_EXTRA`` shows the version)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__([*_entry_headers(), translate("Vehicles", "Fassung")], parent)

    def cell(self, entry: EntryRecord, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_EXTRA:
                current = translate("Vehicles", "aktuell") if entry.is_latest else translate("Vehicles", "ersetzt")
                return translate("Vehicles", "Fassung {v} ({state})").format(v=entry.version, state=current)
            return _entry_display(entry, col)
        if role == SortRole:
            return entry.version if col == COL_EXTRA else _entry_sort(entry, col)
        return None
