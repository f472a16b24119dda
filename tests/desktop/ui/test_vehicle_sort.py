"""Sorting the vehicle list: the model sorts itself behind the filter proxy, as the proxy's stable sort did."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from desktop.store.queries import VehicleRow
from desktop.ui.vehicles.common import RecordRole
from desktop.ui.vehicles.vehicle_model import COL_ENTRIES, COL_NAME, COL_SYNC, VehicleFilterProxy, VehicleTableModel


def _row(vid: str, name: str, entries: int, *, pending: bool = False, synced: bool = True) -> VehicleRow:
    meta = {"make": "VW", "model": "Golf"}
    return VehicleRow(vid, name, f"WVW***{vid}", meta, "gelb", entries, None, pending, synced)


ROWS = [
    _row("1", "golf", 5),
    _row("2", "Audi", 7),
    _row("3", "käfer", 5, pending=True),
    _row("4", "Bulli", 2, synced=False),
]


def _view(qapp: object) -> tuple[QTableView, VehicleTableModel, VehicleFilterProxy]:
    model = VehicleTableModel()
    proxy = VehicleFilterProxy()
    proxy.setSourceModel(model)
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(COL_NAME, Qt.SortOrder.AscendingOrder)
    model.set_rows(ROWS)
    return view, model, proxy


def _ids(proxy: VehicleFilterProxy) -> list[str]:
    return [proxy.index(r, 0).data(RecordRole).id for r in range(proxy.rowCount())]


def test_rows_arrive_sorted_by_name(qapp: object) -> None:
    _, model, proxy = _view(qapp)
    assert _ids(proxy) == ["2", "4", "1", "3"]  # Audi, Bulli, golf, käfer: case-insensitive
    assert [r.id for r in model.rows()] == ["1", "2", "3", "4"]  # rows() keeps the loaded order


def test_header_sort_is_stable_in_both_directions(qapp: object) -> None:
    view, _, proxy = _view(qapp)
    view.sortByColumn(COL_ENTRIES, Qt.SortOrder.AscendingOrder)
    assert _ids(proxy) == ["4", "1", "3", "2"]  # 2, 5, 5 (loaded order), 7
    view.sortByColumn(COL_ENTRIES, Qt.SortOrder.DescendingOrder)
    assert _ids(proxy) == ["2", "1", "3", "4"]  # 7, 5, 5 (still loaded order), 2
    view.sortByColumn(COL_SYNC, Qt.SortOrder.AscendingOrder)
    assert _ids(proxy) == ["4", "3", "1", "2"]  # not yet sent, then waiting changes, then synced


def test_the_current_vehicle_stays_current_across_a_sort_and_a_reload(qapp: object) -> None:
    view, model, proxy = _view(qapp)
    view.setCurrentIndex(proxy.index(_ids(proxy).index("3"), COL_NAME))
    view.sortByColumn(COL_ENTRIES, Qt.SortOrder.DescendingOrder)
    assert view.currentIndex().data(RecordRole).id == "3"
    assert view.currentIndex().column() == COL_NAME
    model.set_rows([*ROWS, _row("5", "Zetor", 9)])  # a reload keeps the chosen sort
    assert _ids(proxy) == ["5", "2", "1", "3", "4"]


def test_search_filters_the_sorted_rows(qapp: object) -> None:
    _, _, proxy = _view(qapp)
    proxy.set_search("Ä")
    assert _ids(proxy) == ["3"]
    proxy.set_search("")
    assert _ids(proxy) == ["2", "4", "1", "3"]


class CountingProxy(VehicleFilterProxy):
    def __init__(self) -> None:
        super().__init__()
        self.checked = 0

    def filterAcceptsRow(self, source_row: int, source_parent: object) -> bool:  # noqa: N802
        self.checked += 1
        return super().filterAcceptsRow(source_row, source_parent)  # type: ignore[arg-type]


def test_choosing_the_same_collection_again_does_not_refilter(qapp: object) -> None:
    model = VehicleTableModel()
    proxy = CountingProxy()
    proxy.setSourceModel(model)
    model.set_rows(ROWS)
    proxy.checked = 0
    proxy.set_collection("")
    assert proxy.checked == 0
    proxy.set_collection("c-1")
    assert proxy.checked >= len(ROWS)
    assert proxy.rowCount() == 0  # no vehicle is in that collection
