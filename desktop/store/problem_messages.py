"""Readable German texts for the codes of rejected mutations (sync problems); the UI shows these."""

from __future__ import annotations

from shared.errors import ErrorCode

FALLBACK = "Die Änderung wurde vom Server abgelehnt. Bitte prüfen Sie die Angaben und versuchen Sie es erneut."

MESSAGES: dict[str, str] = {
    ErrorCode.VEHICLE_LIMIT_REACHED: (
        "Mit Ihrem Konto können Sie nur ein Fahrzeug anlegen. Für weitere Fahrzeuge ist eine Freischaltung nötig."
    ),
    ErrorCode.CONSENT_REQUIRED: (
        "Bitte stimmen Sie zuerst den aktuellen Nutzungsbedingungen und der Datenschutzerklärung zu."
    ),
    ErrorCode.FORBIDDEN: "Sie haben keine Berechtigung für diese Änderung.",
    ErrorCode.ROLE_NOT_ALLOWED: "Ihre Rolle erlaubt diese Änderung nicht.",
    ErrorCode.NOT_FOUND: "Der Datensatz existiert auf dem Server nicht mehr oder ist für Sie nicht sichtbar.",
    ErrorCode.CONFLICT: (
        "Der Datensatz wurde inzwischen auf einem anderen Gerät geändert. Ihre Eingaben sind hier gespeichert; "
        "bitte prüfen Sie sie und senden Sie sie erneut."
    ),
    ErrorCode.VALIDATION_FAILED: "Die Angaben sind unvollständig oder ungültig.",
    ErrorCode.INVALID_VIN_FORMAT: "Die Fahrzeug-Identifizierungsnummer (FIN) hat kein gültiges Format.",
    ErrorCode.ENTRY_NOT_FOUND: "Der Eintrag wurde nicht gefunden oder inzwischen überarbeitet.",
    ErrorCode.INVALID_ENTRY: "Der Eintrag ist unvollständig oder ungültig.",
    ErrorCode.ADDON_NOT_AVAILABLE: "Diese Zusatzfunktion ist nicht verfügbar.",
    ErrorCode.ADMIN_ONLY: "Diese Zusatzfunktion ist nur für Administratoren freigeschaltet.",
    ErrorCode.PAYWALL_REQUIRED: "Diese Zusatzfunktion muss zuerst freigeschaltet werden.",
    ErrorCode.FOLDER_EXISTS: "Ein Ordner mit diesem Titel existiert für das Fahrzeug bereits.",
    ErrorCode.TOO_LARGE: "Die Datei ist zu groß (höchstens 20 MB).",
    ErrorCode.EXT_NOT_ALLOWED: "Dieser Dateityp ist nicht erlaubt (nur PDF, JPEG und PNG).",
    ErrorCode.MIME_NOT_ALLOWED: "Der Inhalt der Datei ist kein erlaubtes PDF-, JPEG- oder PNG-Dokument.",
    ErrorCode.DOCUMENT_DELETED: "Das Dokument wurde bereits gelöscht.",
    ErrorCode.DOCUMENT_REJECTED: "Das Dokument wurde abgelehnt und kann nicht mehr geändert werden.",
    ErrorCode.ENTITLEMENT_REQUIRED: "Für diese Funktion fehlt die nötige Freischaltung.",
    ErrorCode.INVALID_TRANSITION: "Diese Statusänderung ist nicht möglich.",
    ErrorCode.UNAUTHORIZED: "Sie sind nicht mehr angemeldet. Bitte melden Sie sich erneut an.",
}


def message_for(code: str) -> str:
    """The German text for ``code`` (a general one for codes without their own text)."""
    return MESSAGES.get(code, FALLBACK)
