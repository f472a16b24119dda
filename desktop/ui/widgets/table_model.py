"""Table-model plumbing shared by the list views: a QAbstractTableModel over immutable rows.

Subclasses pass their translated headers (one per column constant) and answer ``cell(row, col, role)``;
``RecordRole`` hands out the row object itself. :class:`PlaceholderTableModel` adds the failed-load state:
one disabled row whose ``error_column`` shows the message.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.ui.vehicles.common import RecordRole

Index = QModelIndex | QPersistentModelIndex


class RecordTableModel(QAbstractTableModel):
    """Rows are replaced wholesale by ``set_rows``; headers are fixed at construction."""

    def __init__(self, headers: list[str], parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._headers = headers

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == RecordRole:
            return row
        return self.cell(row, index.column(), role)

    def cell(self, row: Any, col: int, role: int) -> Any:
        """The value of ``row`` in column ``col`` for ``role`` (RecordRole is answered before this)."""
        raise NotImplementedError


class PlaceholderTableModel(RecordTableModel):
    """A :class:`RecordTableModel` whose failed load shows one disabled placeholder row."""

    #: The column that shows the error text of the placeholder row.
    error_column = 0

    def __init__(self, headers: list[str], parent: Any = None) -> None:
        super().__init__(headers, parent)
        self._error: str | None = None

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self._rows, self._error = rows, None
        self._reset()
        self.endResetModel()

    def set_error(self, text: str) -> None:
        self.beginResetModel()
        self._rows, self._error = [], text
        self._reset()
        self.endResetModel()

    def _reset(self) -> None:
        """Called inside the model reset of ``set_rows``/``set_error``, after the rows changed."""

    def _visible_rows(self) -> int:
        return len(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        if parent.isValid():
            return 0
        return 1 if self._error is not None else self._visible_rows()

    def flags(self, index: Index) -> Qt.ItemFlag:
        if self._error is not None:
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and self._error is not None:
            return self._error if role == Qt.ItemDataRole.DisplayRole and index.column() == self.error_column else None
        return super().data(index, role)
