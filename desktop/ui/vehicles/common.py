"""Shared bits of the vehicle views: trust-light colours and dots, German labels, data roles."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QLocale, Qt
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


def translate(context: str, text: str) -> str:
    """``QCoreApplication.translate`` under the short name that pyside6-lupdate also recognises."""
    return QCoreApplication.translate(context, text)


def tr(text: str) -> str:
    """Translate a German text held in a variable (context ``Vehicles``; see :data:`CATALOGUE`)."""
    return translate("Vehicles", text)


#: Texts that reach :func:`tr` through variables - the labels of ``shared`` (entry types, performed-by, accident
#: status), the vehicle classes, the field names and the sync-problem messages of ``desktop.store`` - spelled out
#: so that lupdate extracts them (tests check that the lists stay complete).
CATALOGUE = (
    QT_TRANSLATE_NOOP("Vehicles", "Service"),
    QT_TRANSLATE_NOOP("Vehicles", "Wartung"),
    QT_TRANSLATE_NOOP("Vehicles", "Reparatur"),
    QT_TRANSLATE_NOOP("Vehicles", "Umbau/Modifikation"),
    QT_TRANSLATE_NOOP("Vehicles", "Hauptuntersuchung (TÜV/HU)"),
    QT_TRANSLATE_NOOP("Vehicles", "Unfall"),
    QT_TRANSLATE_NOOP("Vehicles", "Diagnose"),
    QT_TRANSLATE_NOOP("Vehicles", "Sonstiges"),
    QT_TRANSLATE_NOOP("Vehicles", "Fachwerkstatt"),
    QT_TRANSLATE_NOOP("Vehicles", "Händler"),
    QT_TRANSLATE_NOOP("Vehicles", "Autohaus"),
    QT_TRANSLATE_NOOP("Vehicles", "Reifenservice"),
    QT_TRANSLATE_NOOP("Vehicles", "Tuning-Fachbetrieb"),
    QT_TRANSLATE_NOOP("Vehicles", "Gesetzliches (TÜV / Gutachten / Wertgutachten)"),
    QT_TRANSLATE_NOOP("Vehicles", "Eigenleistung"),
    QT_TRANSLATE_NOOP("Vehicles", "Unfallfrei"),
    QT_TRANSLATE_NOOP("Vehicles", "Nicht unfallfrei"),
    QT_TRANSLATE_NOOP("Vehicles", "Unbekannt"),
    QT_TRANSLATE_NOOP("Vehicles", "Hypercar"),
    QT_TRANSLATE_NOOP("Vehicles", "Sport"),
    QT_TRANSLATE_NOOP("Vehicles", "Luxus"),
    QT_TRANSLATE_NOOP("Vehicles", "Alltag"),
    QT_TRANSLATE_NOOP("Vehicles", "Nutzfahrzeug"),
    QT_TRANSLATE_NOOP("Vehicles", "Datenpflege = bessere Trust-Stufe & Verkaufswert"),
    QT_TRANSLATE_NOOP("Vehicles", "Nachweise (*.pdf *.jpg *.jpeg *.png)"),
    QT_TRANSLATE_NOOP("Vehicles", "Datum"),
    QT_TRANSLATE_NOOP("Vehicles", "Art"),
    QT_TRANSLATE_NOOP("Vehicles", "Durchgeführt von"),
    QT_TRANSLATE_NOOP("Vehicles", "Kilometerstand"),
    QT_TRANSLATE_NOOP("Vehicles", "Bemerkung"),
    QT_TRANSLATE_NOOP("Vehicles", "Kosten"),
    QT_TRANSLATE_NOOP("Vehicles", "Währung"),
    QT_TRANSLATE_NOOP("Vehicles", "T-Stufe"),
    QT_TRANSLATE_NOOP("Vehicles", "FIN"),
    QT_TRANSLATE_NOOP("Vehicles", "Spitzname"),
    QT_TRANSLATE_NOOP("Vehicles", "Datum (JJJJ-MM-TT)"),
    QT_TRANSLATE_NOOP("Vehicles", "Dateiname"),
    QT_TRANSLATE_NOOP("Vehicles", "Titel"),
    QT_TRANSLATE_NOOP(
        "Vehicles",
        "Die Änderung wurde vom Server abgelehnt. Bitte prüfen Sie die Angaben und versuchen Sie es erneut.",
    ),
    QT_TRANSLATE_NOOP(
        "Vehicles",
        "Mit Ihrem Konto können Sie nur ein Fahrzeug anlegen. Für weitere Fahrzeuge ist eine Freischaltung nötig.",
    ),
    QT_TRANSLATE_NOOP(
        "Vehicles", "Bitte stimmen Sie zuerst den aktuellen Nutzungsbedingungen und der Datenschutzerklärung zu."
    ),
    QT_TRANSLATE_NOOP("Vehicles", "Sie haben keine Berechtigung für diese Änderung."),
    QT_TRANSLATE_NOOP("Vehicles", "Ihre Rolle erlaubt diese Änderung nicht."),
    QT_TRANSLATE_NOOP("Vehicles", "Der Datensatz existiert auf dem Server nicht mehr oder ist für Sie nicht sichtbar."),
    QT_TRANSLATE_NOOP(
        "Vehicles",
        "Der Datensatz wurde inzwischen auf einem anderen Gerät geändert. Ihre Eingaben sind hier gespeichert; "
        "bitte prüfen Sie sie und senden Sie sie erneut.",
    ),
    QT_TRANSLATE_NOOP("Vehicles", "Die Angaben sind unvollständig oder ungültig."),
    QT_TRANSLATE_NOOP("Vehicles", "Die Fahrzeug-Identifizierungsnummer (FIN) hat kein gültiges Format."),
    QT_TRANSLATE_NOOP("Vehicles", "Der Eintrag wurde nicht gefunden oder inzwischen überarbeitet."),
    QT_TRANSLATE_NOOP("Vehicles", "Der Eintrag ist unvollständig oder ungültig."),
    QT_TRANSLATE_NOOP("Vehicles", "Diese Zusatzfunktion ist nicht verfügbar."),
    QT_TRANSLATE_NOOP("Vehicles", "Diese Zusatzfunktion ist nur für Administratoren freigeschaltet."),
    QT_TRANSLATE_NOOP("Vehicles", "Diese Zusatzfunktion muss zuerst freigeschaltet werden."),
    QT_TRANSLATE_NOOP("Vehicles", "Ein Ordner mit diesem Titel existiert für das Fahrzeug bereits."),
    QT_TRANSLATE_NOOP("Vehicles", "Die Datei ist zu groß (höchstens 20 MB)."),
    QT_TRANSLATE_NOOP("Vehicles", "Dieser Dateityp ist nicht erlaubt (nur PDF, JPEG und PNG)."),
    QT_TRANSLATE_NOOP("Vehicles", "Der Inhalt der Datei ist kein erlaubtes PDF-, JPEG- oder PNG-Dokument."),
    QT_TRANSLATE_NOOP("Vehicles", "Das Dokument wurde bereits gelöscht."),
    QT_TRANSLATE_NOOP("Vehicles", "Das Dokument wurde abgelehnt und kann nicht mehr geändert werden."),
    QT_TRANSLATE_NOOP("Vehicles", "Für diese Funktion fehlt die nötige Freischaltung."),
    QT_TRANSLATE_NOOP("Vehicles", "Diese Statusänderung ist nicht möglich."),
    QT_TRANSLATE_NOOP("Vehicles", "Sie sind nicht mehr angemeldet. Bitte melden Sie sich erneut an."),
)


def light_label(light: str | None) -> str:
    labels = {
        "rot": translate("Vehicles", "Rot"),
        "orange": translate("Vehicles", "Orange"),
        "gelb": translate("Vehicles", "Gelb"),
        "gruen": translate("Vehicles", "Grün"),
    }
    return labels.get(light or "", translate("Vehicles", "Noch keine Bewertung"))


def short_light_label(light: str | None) -> str:
    """The list column's text: the colour, or „offen“ while the server has not rated the vehicle."""
    return light_label(light) if light else translate("Vehicles", "offen")


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
    return "" if km is None else translate("Vehicles", "{km} km").format(km=QLocale().toString(int(km)))


def format_cost(cents: int | None, currency: str) -> str:
    if cents is None:
        return ""
    return QLocale().toCurrencyString(cents / 100, currency + " " if currency != "EUR" else "€")
