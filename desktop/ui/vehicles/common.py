"""Shared bits of the vehicle views: trust-light colours and dots, German labels, data roles."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

SortRole = Qt.ItemDataRole.UserRole + 1
RecordRole = Qt.ItemDataRole.UserRole + 2

LIGHT_COLOURS = {"rot": "#c62828", "orange": "#e86a00", "gelb": "#e0a800", "gruen": "#2e7d32"}
HINT_TEXT = "Datenpflege = bessere Trust-Stufe & Verkaufswert"
#: Styles of the vehicle views (on top of the app theme).
RECORDS_STYLE = """
QLabel#fieldHint { color: #5b6b7c; font-size: 9pt; }
QLabel#section { font-weight: 600; padding-top: 4px; }
QLabel#badgeWarn {
    background: #fff4e0; color: #8a4b00; border: 1px solid #f0c890; border-radius: 9px; padding: 2px 10px;
}
QLabel#lightText { font-weight: 600; }
QTableView { background: #ffffff; border: 1px solid #d5dde6; border-radius: 4px; }
QHeaderView::section { padding: 4px 6px; }
"""


def tr(text: str) -> str:
    return QCoreApplication.translate("Vehicles", text)


def light_label(light: str | None) -> str:
    labels = {
        "rot": tr("Rot"),
        "orange": tr("Orange"),
        "gelb": tr("Gelb"),
        "gruen": tr("Grün"),
    }
    return labels.get(light or "", tr("Noch keine Bewertung"))


def short_light_label(light: str | None) -> str:
    """The list column's text: the colour, or „offen“ while the server has not rated the vehicle."""
    return light_label(light) if light else tr("offen")


@cache
def light_icon(light: str | None, size: int = 14) -> QIcon:
    """A filled dot in the trust-light colour (grey ring when the server has not rated the vehicle yet)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = LIGHT_COLOURS.get(light or "")
    if colour:
        painter.setBrush(QColor(colour))
        painter.setPen(QColor(colour).darker(120))
    else:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QColor("#9aa8b6"))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


def format_date(iso: str | None) -> str:
    if not iso:
        return ""
    day = QDate.fromString(iso, "yyyy-MM-dd")
    return QLocale().toString(day, QLocale.FormatType.ShortFormat) if day.isValid() else iso


def format_km(km: int | None) -> str:
    return "" if km is None else tr("{km} km").format(km=QLocale().toString(int(km)))


def format_cost(cents: int | None, currency: str) -> str:
    if cents is None:
        return ""
    return QLocale().toCurrencyString(cents / 100, currency + " " if currency != "EUR" else "€")
