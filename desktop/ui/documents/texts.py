"""German (translatable) texts of the documents, trust-folder, QR and workshop screens, chosen by code."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.services.documents_service import Badge, Category, FileRefused
from desktop.services.workshop_service import InvalidCode, NoWorkshop, StickerNotFound
from desktop.sync.errors import ApiError
from desktop.ui.messages import error_text

CONTEXT = "DocsTexts"

#: Badge -> (label, text colour, background colour)
BADGE_COLOURS: dict[Badge, tuple[str, str]] = {
    Badge.IN_REVIEW: ("#7a4b00", "#fff1d6"),
    Badge.APPROVED: ("#1e6b37", "#dff3e6"),
    Badge.REJECTED: ("#9b1c1c", "#fdecec"),
    Badge.PRIVACY_REVIEW: ("#5b2a86", "#efe5fa"),
}


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def badge_label(badge: Badge) -> str:
    return {
        Badge.IN_REVIEW: _t("in Prüfung"),
        Badge.APPROVED: _t("freigegeben"),
        Badge.REJECTED: _t("abgelehnt"),
        Badge.PRIVACY_REVIEW: _t("Datenschutz-Prüfung"),
    }[badge]


def badge_tooltip(badge: Badge) -> str:
    return {
        Badge.IN_REVIEW: _t("Das Dokument wird geprüft (Virenscan und Freigabe). Es zählt erst nach der Freigabe."),
        Badge.APPROVED: _t("Das Dokument ist geprüft und zählt als Nachweis."),
        Badge.REJECTED: _t("Das Dokument wurde abgelehnt. Bitte laden Sie bei Bedarf eine neue Datei hoch."),
        Badge.PRIVACY_REVIEW: _t(
            "Im Dokument wurden persönliche Daten vermutet. Bitte laden Sie eine bereinigte Fassung hoch."
        ),
    }[badge]


def category_label(category: Category) -> str:
    return {
        Category.ARCHIVE: _t("Archiv"),
        Category.INVOICES: _t("Rechnungen"),
        Category.DOCUMENTATION: _t("Dokumentation"),
        Category.CERTIFICATES: _t("Zertifikate/Exporte"),
        Category.GALLERY: _t("Galerie"),
    }[category]


def refused_text(refused: FileRefused) -> str:
    name = refused.path.name
    if refused.code == "too_large":
        return _t("„{name}“ ist zu groß: höchstens 20 MB pro Datei.").format(name=name)
    if refused.code in ("mime_not_allowed", "ext_not_allowed"):
        return _t("„{name}“ ist kein erlaubter Dateityp: nur PDF, JPEG und PNG.").format(name=name)
    return _t("„{name}“ konnte nicht gelesen werden.").format(name=name)


GATE_CODES = ("addon_not_available", "admin_only", "paywall_required", "folder_exists")


def gate_text(code: str) -> str:
    """The add-on gate's answers (SPEC §7.6) as readable sentences."""
    texts = {
        "addon_not_available": _t(
            "Diese Zusatzfunktion ist für neue Fahrzeuge derzeit nicht verfügbar. Bestehende Ordner bleiben nutzbar."
        ),
        "admin_only": _t("Diese Zusatzfunktion kann nur von einem Administrator aktiviert werden."),
        "paywall_required": _t(
            "Diese Zusatzfunktion ist kostenpflichtig. Bitte schalten Sie sie für Ihr Konto frei und versuchen Sie "
            "es erneut."
        ),
        "folder_exists": _t("Ein Ordner mit diesem Titel existiert für das Fahrzeug bereits."),
    }
    return texts.get(code, _t("Die Änderung wurde vom Server abgelehnt ({code}).").format(code=code))


def docs_error_text(exc: BaseException) -> str:
    """Like ``messages.error_text``, plus the gate codes and the sticker/workshop errors."""
    if isinstance(exc, StickerNotFound):
        return _t("In diesem Bild wurde kein LifeTimeCircle-QR-Code gefunden. Bitte ein schärferes Foto verwenden.")
    if isinstance(exc, InvalidCode):
        return _t("Der Code ist unvollständig. Bitte den Code vom Aufkleber vollständig eingeben.")
    if isinstance(exc, NoWorkshop):
        return _t("Ihr Konto gehört zu keiner freigegebenen Werkstatt. Bitte legen Sie zuerst eine Werkstatt an.")
    if isinstance(exc, ApiError) and exc.code in GATE_CODES:
        return gate_text(str(exc.code))
    if isinstance(exc, ApiError) and exc.code == "not_found":
        return _t("Zu diesem Code gibt es kein Fahrzeug. Der Aufkleber ist ungültig oder wurde ersetzt.")
    if isinstance(exc, ApiError) and exc.code == "forbidden":
        return _t("Dafür fehlt Ihnen die Berechtigung.")
    return error_text(exc)
