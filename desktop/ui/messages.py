"""German (translatable) user messages for every error the services raise; chosen by type, never by text."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.services.session_types import InvalidServerAddress, PasswordPolicyError, VaultPasswordMismatch
from desktop.store.errors import VaultCorruptError, VaultNotFoundError, WrongPasswordError
from desktop.sync.errors import (
    ApiError,
    AuthExpired,
    CodeExpired,
    ConsentRequired,
    InvalidCode,
    InvalidConsent,
    InvalidCredentials,
    Locked,
    NetworkError,
    RateLimited,
    ServerError,
    TotpRequired,
    WeakPassword,
)


def error_text(exc: BaseException) -> str:
    """The sentence shown to the user for ``exc``."""
    if isinstance(exc, PasswordPolicyError):
        if exc.reason == "too_short":
            return QCoreApplication.translate("Messages", "Das Passwort muss mindestens 10 Zeichen lang sein.")
        if exc.reason == "is_email":
            return QCoreApplication.translate("Messages", "Das Passwort darf nicht Ihre E-Mail-Adresse sein.")
        return QCoreApplication.translate("Messages", "Die beiden Passwörter stimmen nicht überein.")
    if isinstance(exc, InvalidServerAddress):
        return QCoreApplication.translate(
            "Messages", "Bitte eine gültige Server-Adresse eingeben, z. B. https://service.example.de."
        )
    if isinstance(exc, WrongPasswordError):
        return QCoreApplication.translate("Messages", "Das Passwort ist falsch. Bitte erneut versuchen.")
    if isinstance(exc, VaultPasswordMismatch):
        return QCoreApplication.translate(
            "Messages",
            "Auf diesem Computer gibt es bereits einen Tresor mit einem anderen Passwort. "
            "Bitte das bisherige Passwort verwenden.",
        )
    if isinstance(exc, VaultCorruptError | VaultNotFoundError):
        return QCoreApplication.translate("Messages", "Der lokale Tresor ist beschädigt oder unvollständig.")
    if isinstance(exc, CodeExpired):
        return QCoreApplication.translate("Messages", "Der Code ist abgelaufen. Bitte einen neuen Code anfordern.")
    if isinstance(exc, InvalidCode):
        return QCoreApplication.translate(
            "Messages", "Der Code ist falsch. Bitte prüfen Sie die E-Mail und versuchen Sie es erneut."
        )
    if isinstance(exc, Locked):
        return QCoreApplication.translate("Messages", "Zu viele falsche Codes. Bitte fordern Sie einen neuen Code an.")
    if isinstance(exc, RateLimited):
        return QCoreApplication.translate("Messages", "Zu viele Versuche. Bitte warten Sie einige Minuten.")
    if isinstance(exc, InvalidCredentials):
        return QCoreApplication.translate("Messages", "E-Mail-Adresse oder Passwort ist falsch.")
    if isinstance(exc, TotpRequired):
        return QCoreApplication.translate(
            "Messages", "Für dieses Konto ist ein Bestätigungscode aus der Authenticator-App nötig."
        )
    if isinstance(exc, WeakPassword):
        return QCoreApplication.translate(
            "Messages", "Der Server lehnt das Passwort ab: mindestens 10 Zeichen und nicht die E-Mail-Adresse."
        )
    if isinstance(exc, ConsentRequired | InvalidConsent):
        return QCoreApplication.translate(
            "Messages", "Bitte stimmen Sie den aktuellen Nutzungsbedingungen und dem Datenschutz zu."
        )
    if isinstance(exc, AuthExpired):
        return QCoreApplication.translate("Messages", "Ihre Anmeldung ist abgelaufen. Bitte melden Sie sich erneut an.")
    if isinstance(exc, NetworkError):
        return QCoreApplication.translate(
            "Messages", "Der Server ist nicht erreichbar. Bitte Adresse und Verbindung prüfen."
        )
    if isinstance(exc, ServerError):
        return QCoreApplication.translate(
            "Messages", "Der Server hat einen Fehler gemeldet. Bitte später erneut versuchen."
        )
    if isinstance(exc, ApiError):
        return QCoreApplication.translate("Messages", "Die Anfrage wurde abgelehnt ({code}).").format(
            code=exc.code or exc.status
        )
    return QCoreApplication.translate("Messages", "Ein unerwarteter Fehler ist aufgetreten.")
