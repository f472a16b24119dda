"""Outgoing mail: SMTP with STARTTLS (LTC_SMTP_URL) or, on the embedded default, a spool folder of .eml files."""

from __future__ import annotations

from syncserver.mail.mailer import (
    Mailer,
    MailError,
    MemoryMailer,
    SmtpMailer,
    SpoolMailer,
    build_mailer,
    compose,
    deliver,
)

__all__ = ["MailError", "Mailer", "MemoryMailer", "SmtpMailer", "SpoolMailer", "build_mailer", "compose", "deliver"]
