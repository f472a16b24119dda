"""Mailer implementations. Contract: ``send`` raises ``MailError`` on failure; callers decide what to do.

Nothing here logs an address, a subject or a body (SPEC §13.2).
"""

from __future__ import annotations

import logging
import os
import smtplib
import ssl
import tempfile
import threading
import uuid
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from typing import Protocol
from urllib.parse import parse_qs, unquote, urlsplit

from syncserver.config import Settings

SMTP_TIMEOUT_SECONDS = 15
log = logging.getLogger("ltc.mail")


class MailError(Exception):
    """Sending failed (message text never contains the recipient)."""


class Mailer(Protocol):
    def send(self, message: EmailMessage) -> None: ...


def compose(sender: str, to: str, subject: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(usegmt=True)
    message["Message-ID"] = make_msgid(domain="ltc.local")
    message.set_content(body)
    return message


class SpoolMailer:
    """Writes each message as ``<uuid>.eml`` into a folder (atomic rename; a mail relay or a human reads it)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def send(self, message: EmailMessage) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        name = f"{uuid.uuid4().hex}.eml"
        fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".tmp-", suffix=".eml")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(message.as_bytes())
            os.chmod(tmp, 0o600)
            os.replace(tmp, self.directory / name)
        except OSError as exc:
            Path(tmp).unlink(missing_ok=True)
            raise MailError("spool write failed") from exc


class MemoryMailer:
    """Keeps messages in a list (tests and embedding)."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self._lock = threading.Lock()

    def send(self, message: EmailMessage) -> None:
        with self._lock:
            self.messages.append(message)


class SmtpMailer:
    """SMTP submission. ``smtp://user:pass@host:587`` uses STARTTLS (required unless ``?starttls=off``);
    ``smtps://host:465`` uses implicit TLS. ``ca_file`` adds a trusted CA (private relays, tests)."""

    def __init__(self, url: str, ca_file: Path | None = None) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps"):
            raise ValueError("LTC_SMTP_URL must start with smtp:// or smtps://")
        self.implicit_tls = parts.scheme == "smtps"
        self.host = parts.hostname or "localhost"
        self.port = parts.port or (465 if self.implicit_tls else 587)
        self.username = unquote(parts.username) if parts.username else None
        self.password = unquote(parts.password) if parts.password else None
        starttls = parse_qs(parts.query).get("starttls", ["required"])[0].lower()
        if starttls not in ("required", "off"):
            raise ValueError("starttls must be 'required' or 'off'")
        self.starttls = starttls == "required" and not self.implicit_tls
        self.context = ssl.create_default_context(cafile=str(ca_file) if ca_file else None)

    def send(self, message: EmailMessage) -> None:
        try:
            if self.implicit_tls:
                client: smtplib.SMTP = smtplib.SMTP_SSL(
                    self.host, self.port, timeout=SMTP_TIMEOUT_SECONDS, context=self.context
                )
            else:
                client = smtplib.SMTP(self.host, self.port, timeout=SMTP_TIMEOUT_SECONDS)
            with client:
                client.ehlo()
                if self.starttls:
                    client.starttls(context=self.context)
                    client.ehlo()
                if self.username:
                    client.login(self.username, self.password or "")
                client.send_message(message)
        except (OSError, smtplib.SMTPException) as exc:
            raise MailError(f"smtp delivery failed: {type(exc).__name__}") from exc


def build_mailer(settings: Settings) -> Mailer:
    """SMTP when LTC_SMTP_URL is set, else the spool folder in the data directory."""
    if settings.smtp_url:
        return SmtpMailer(settings.smtp_url, settings.smtp_ca_file)
    return SpoolMailer(settings.mail_spool_dir)


def deliver(mailer: Mailer, message: EmailMessage) -> None:
    """Send and swallow failures after logging them without any address (used as a background task)."""
    try:
        mailer.send(message)
    except MailError as exc:
        log.warning("mail_delivery_failed", extra={"event_type": "mail_delivery_failed", "error": type(exc).__name__})
