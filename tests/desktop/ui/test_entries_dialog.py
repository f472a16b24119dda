"""The entry dialog without a server: tab order, required fields, the data-upkeep hint, the values it hands over."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from desktop.ui.vehicles.common import HINT_TEXT
from desktop.ui.vehicles.entry_dialog import EntryDialog

TODAY = date(2025, 6, 30)


def open_dialog(qtbot: QtBot) -> EntryDialog:
    dialog = EntryDialog(today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def owner(dialog: EntryDialog, widget: QWidget | None) -> QWidget | None:
    """The dialog field ``widget`` belongs to (a spin box's inner line edit belongs to the spin box)."""
    while widget is not None and widget.parentWidget() is not None:
        if widget.parentWidget() in (dialog.date_edit, dialog.km_spin, dialog.type_combo, dialog.performed_combo):
            return widget.parentWidget()
        if widget in FIELDS(dialog):
            return widget
        widget = widget.parentWidget()
    return widget


def FIELDS(dialog: EntryDialog) -> list[QWidget]:  # noqa: N802 - reads like the constant it is
    return [
        dialog.date_edit,
        dialog.type_combo,
        dialog.performed_combo,
        dialog.km_spin,
        dialog.level_none,
        dialog.cost_edit,
        dialog.note_edit,
        dialog.add_file_button,
        dialog.save_button,
        dialog.cancel_button,
    ]


def test_tab_walks_the_fields_in_reading_order(qtbot: QtBot) -> None:
    """Tab (the date edit steps through day, month and year first) visits every field once, top to bottom."""
    dialog = open_dialog(qtbot)
    dialog.date_edit.setFocus()
    visited: list[QWidget | None] = []
    for _ in range(16):
        field = owner(dialog, QApplication.focusWidget())
        if not visited or visited[-1] is not field:
            visited.append(field)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert visited[:10] == FIELDS(dialog)
    # with an attachment, "Datei entfernen" joins the chain after "Datei hinzufügen"
    dialog.add_attachments([Path("rechnung.pdf")])
    dialog.add_file_button.setFocus()
    qtbot.keyClick(dialog.add_file_button, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.remove_file_button
    # Shift+Tab goes back
    qtbot.keyClick(dialog.remove_file_button, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is dialog.add_file_button


def test_required_fields_are_named_and_optional_fields_carry_the_hint(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.error.text() == "Bitte prüfen Sie: Art, Durchgeführt von."
    hints = [label for label in dialog.findChildren(QLabel) if label.text() == HINT_TEXT]
    assert len(hints) == 4  # T-Stufe, Kosten, Bemerkung, Anhänge
    assert dialog.cost_edit.toolTip() == HINT_TEXT


def test_values_handed_to_the_store(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot)
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData("repair"))
    dialog.performed_combo.setCurrentIndex(dialog.performed_combo.findData("specialist_workshop"))
    dialog.km_spin.setValue(54_321)
    dialog.level_t1.setChecked(True)
    qtbot.keyClicks(dialog.cost_edit, "1234,5")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.save_button, Qt.Key.Key_Space)
    assert dialog.fields() == {
        "date": "2025-06-30",
        "type": "repair",
        "performed_by": "specialist_workshop",
        "km": 54_321,
        "note": None,
        "trust_level": "T1",
        "cost_amount": "1234.5",
        "currency": "EUR",
    }
