"""German (translatable) texts of the documents, trust-folder, QR and workshop screens, chosen by code."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.services.documents_service import Badge, Category, FileRefused, badge_of
from desktop.services.workshop_errors import InvalidCode, NoWorkshop, StickerNotFound
from desktop.store.records import DocumentRecord
from desktop.sync.errors import ApiError
from desktop.ui.messages import error_text
from shared.documents import INFECTED_AUTO_REJECT_REASON, ScanStatus

#: ``QCoreApplication.translate`` under the short name that pyside6-lupdate also recognises.
translate = QCoreApplication.translate

#: Badge -> (label, text colour, background colour)
BADGE_COLOURS: dict[Badge, tuple[str, str]] = {
    Badge.IN_REVIEW: ("#7a4b00", "#fff1d6"),
    Badge.APPROVED: ("#1e6b37", "#dff3e6"),
    Badge.REJECTED: ("#9b1c1c", "#fdecec"),
    Badge.PRIVACY_REVIEW: ("#5b2a86", "#efe5fa"),
}


def badge_label(badge: Badge) -> str:
    return {
        Badge.IN_REVIEW: translate("DocsTexts", "in Prüfung"),
        Badge.APPROVED: translate("DocsTexts", "freigegeben"),
        Badge.REJECTED: translate("DocsTexts", "abgelehnt"),
        Badge.PRIVACY_REVIEW: translate("DocsTexts", "Datenschutz-Prüfung"),
    }[badge]


def badge_tooltip(badge: Badge) -> str:
    return {
        Badge.IN_REVIEW: QCoreApplication.translate(
            "DocsTexts", "Das Dokument wird geprüft (Virenscan und Freigabe). Es zählt erst nach der Freigabe."
        ),
        Badge.APPROVED: translate("DocsTexts", "Das Dokument ist geprüft und zählt als Nachweis."),
        Badge.REJECTED: QCoreApplication.translate(
            "DocsTexts", "Das Dokument wurde abgelehnt. Bitte laden Sie bei Bedarf eine neue Datei hoch."
        ),
        Badge.PRIVACY_REVIEW: QCoreApplication.translate(
            "DocsTexts", "Im Dokument wurden persönliche Daten vermutet. Bitte laden Sie eine bereinigte Fassung hoch."
        ),
    }[badge]


def reject_reason_text(doc: DocumentRecord) -> str:
    """Why a rejected document was rejected, as a German sentence: the malware code in words, a reviewer's
    own text quoted, or that no reason was given."""
    reason = (doc.reject_reason or "").strip()
    if reason == INFECTED_AUTO_REJECT_REASON or str(doc.scan_status) == ScanStatus.INFECTED.value:
        return translate(
            "DocsTexts", "Die Virenprüfung hat Schadsoftware gefunden; das Dokument wurde automatisch abgelehnt."
        )
    if reason:
        return translate("DocsTexts", "Begründung der Prüfung: „{reason}“").format(reason=reason)
    return translate("DocsTexts", "Bei der Prüfung wurde kein Grund angegeben.")


def document_tooltip(doc: DocumentRecord) -> str:
    """The badge's explanation; for a rejected document followed by the reason."""
    badge = badge_of(doc)
    if badge is Badge.REJECTED:
        return f"{badge_tooltip(badge)}\n{reject_reason_text(doc)}"
    return badge_tooltip(badge)


def document_detail(doc: DocumentRecord | None) -> str:
    """The detail line under the list for the selected document (empty unless it was rejected)."""
    if doc is None or badge_of(doc) is not Badge.REJECTED:
        return ""
    return translate("DocsTexts", "„{name}“ wurde abgelehnt. {reason}").format(
        name=doc.filename, reason=reject_reason_text(doc)
    )


def category_label(category: Category) -> str:
    return {
        Category.ARCHIVE: translate("DocsTexts", "Archiv"),
        Category.INVOICES: translate("DocsTexts", "Rechnungen"),
        Category.DOCUMENTATION: translate("DocsTexts", "Dokumentation"),
        Category.CERTIFICATES: translate("DocsTexts", "Zertifikate/Exporte"),
        Category.GALLERY: translate("DocsTexts", "Galerie"),
    }[category]


def refused_text(refused: FileRefused) -> str:
    name = refused.path.name
    if refused.code == "too_large":
        return translate("DocsTexts", "„{name}“ ist zu groß: höchstens 20 MB pro Datei.").format(name=name)
    if refused.code in ("mime_not_allowed", "ext_not_allowed"):
        return QCoreApplication.translate(
            "DocsTexts", "„{name}“ ist kein erlaubter Dateityp: nur PDF, JPEG und PNG."
        ).format(name=name)
    return translate("DocsTexts", "„{name}“ konnte nicht gelesen werden.").format(name=name)


GATE_CODES = ("addon_not_available", "admin_only", "paywall_required", "folder_exists")


def gate_text(code: str) -> str:
    """The add-on gate's answers (SPEC §7.6) as readable sentences."""
    texts = {
        "addon_not_available": QCoreApplication.translate(
            "DocsTexts",
            "Diese Zusatzfunktion ist für neue Fahrzeuge derzeit nicht verfügbar. Bestehende Ordner bleiben nutzbar.",
        ),
        "admin_only": QCoreApplication.translate(
            "DocsTexts", "Diese Zusatzfunktion kann nur von einem Administrator aktiviert werden."
        ),
        "paywall_required": QCoreApplication.translate(
            "DocsTexts",
            "Diese Zusatzfunktion ist kostenpflichtig. Bitte schalten Sie sie für Ihr Konto frei und versuchen Sie "
            "es erneut.",
        ),
        "folder_exists": QCoreApplication.translate(
            "DocsTexts", "Ein Ordner mit diesem Titel existiert für das Fahrzeug bereits."
        ),
    }
    return texts.get(
        code,
        translate("DocsTexts", "Die Änderung wurde vom Server abgelehnt ({code}).").format(code=code),
    )


def docs_error_text(exc: BaseException) -> str:
    """Like ``messages.error_text``, plus the gate codes and the sticker/workshop errors."""
    if isinstance(exc, StickerNotFound):
        return QCoreApplication.translate(
            "DocsTexts",
            "In diesem Bild wurde kein LifeTimeCircle-QR-Code gefunden. Bitte ein schärferes Foto verwenden.",
        )
    if isinstance(exc, InvalidCode):
        return QCoreApplication.translate(
            "DocsTexts", "Der Code ist unvollständig. Bitte den Code vom Aufkleber vollständig eingeben."
        )
    if isinstance(exc, NoWorkshop):
        return QCoreApplication.translate(
            "DocsTexts", "Ihr Konto gehört zu keiner freigegebenen Werkstatt. Bitte legen Sie zuerst eine Werkstatt an."
        )
    if isinstance(exc, ApiError) and exc.code in GATE_CODES:
        return gate_text(str(exc.code))
    if isinstance(exc, ApiError) and exc.code == "not_found":
        return QCoreApplication.translate(
            "DocsTexts", "Zu diesem Code gibt es kein Fahrzeug. Der Aufkleber ist ungültig oder wurde ersetzt."
        )
    if isinstance(exc, ApiError) and exc.code == "forbidden":
        return translate("DocsTexts", "Dafür fehlt Ihnen die Berechtigung.")
    return error_text(exc)
