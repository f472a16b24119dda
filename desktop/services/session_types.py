"""Value types and pure rules of the sign-in flow: steps, the password policy, the server address."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from urllib.parse import urlsplit

MIN_PASSWORD_LENGTH = 10


class Step(StrEnum):
    SERVER = "server"
    EMAIL = "email"
    CODE = "code"
    PASSWORD = "password"
    CONSENT = "consent"
    UNLOCK = "unlock"
    DONE = "done"


class InvalidServerAddress(ValueError):
    """The server address is not an http(s) URL."""


class PasswordPolicyError(ValueError):
    """The new password breaks the policy; ``reason`` is ``too_short``, ``is_email`` or ``mismatch``."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


class VaultPasswordMismatch(Exception):
    """A vault already exists here and the entered password does not open it."""


def check_password(password: str, repeat: str, email: str) -> None:
    """The password policy of the contract (>= 10 characters, not the e-mail), plus the repeat field."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise PasswordPolicyError("too_short")
    if password.strip().casefold() == email.strip().casefold():
        raise PasswordPolicyError("is_email")
    if password != repeat:
        raise PasswordPolicyError("mismatch")


def normalize_server_url(text: str) -> str:
    """``host:port`` -> ``http://host:port``; refuses anything that is not http(s) with a host."""
    text = text.strip()
    if "://" not in text:
        text = "http://" + text
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidServerAddress(text)
    return text.rstrip("/")


@dataclass(frozen=True, slots=True)
class LocalStatus:
    """What the status bar shows about the local vault."""

    pending_changes: int
    last_sync_at: datetime | None
