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


def _t(text: str) -> str:
    return QCoreApplication.translate("Messages", text)


def error_text(exc: BaseException) -> str:
    """The sentence shown to the user for ``exc``."""
    if isinstance(exc, PasswordPolicyError):
        if exc.reason == "too_short":
            return _t("Das Passwort muss mindestens 10 Zeichen lang sein.")
        if exc.reason == "is_email":
            return _t("Das Passwort darf nicht Ihre E-Mail-Adresse sein.")
        return _t("Die beiden Passwörter stimmen nicht überein.")
    if isinstance(exc, InvalidServerAddress):
        return _t("Bitte eine gültige Server-Adresse eingeben, z. B. https://service.example.de.")
    if isinstance(exc, WrongPasswordError):
        return _t("Das Passwort ist falsch. Bitte erneut versuchen.")
    if isinstance(exc, VaultPasswordMismatch):
        return _t(
            "Auf diesem Computer gibt es bereits einen Tresor mit einem anderen Passwort. "
            "Bitte das bisherige Passwort verwenden."
        )
    if isinstance(exc, VaultCorruptError | VaultNotFoundError):
        return _t("Der lokale Tresor ist beschädigt oder unvollständig.")
    if isinstance(exc, CodeExpired):
        return _t("Der Code ist abgelaufen. Bitte einen neuen Code anfordern.")
    if isinstance(exc, InvalidCode):
        return _t("Der Code ist falsch. Bitte prüfen Sie die E-Mail und versuchen Sie es erneut.")
    if isinstance(exc, Locked):
        return _t("Zu viele falsche Codes. Bitte fordern Sie einen neuen Code an.")
    if isinstance(exc, RateLimited):
        return _t("Zu viele Versuche. Bitte warten Sie einige Minuten.")
    if isinstance(exc, InvalidCredentials):
        return _t("E-Mail-Adresse oder Passwort ist falsch.")
    if isinstance(exc, TotpRequired):
        return _t("Für dieses Konto ist ein Bestätigungscode aus der Authenticator-App nötig.")
    if isinstance(exc, WeakPassword):
        return _t("Der Server lehnt das Passwort ab: mindestens 10 Zeichen und nicht die E-Mail-Adresse.")
    if isinstance(exc, ConsentRequired | InvalidConsent):
        return _t("Bitte stimmen Sie den aktuellen Nutzungsbedingungen und dem Datenschutz zu.")
    if isinstance(exc, AuthExpired):
        return _t("Ihre Anmeldung ist abgelaufen. Bitte melden Sie sich erneut an.")
    if isinstance(exc, NetworkError):
        return _t("Der Server ist nicht erreichbar. Bitte Adresse und Verbindung prüfen.")
    if isinstance(exc, ServerError):
        return _t("Der Server hat einen Fehler gemeldet. Bitte später erneut versuchen.")
    if isinstance(exc, ApiError):
        return _t("Die Anfrage wurde abgelehnt ({code}).").format(code=exc.code or exc.status)
    return _t("Ein unerwarteter Fehler ist aufgetreten.")
