"""E-mail normalisation and validation (SPEC §3.2); pure functions."""

from __future__ import annotations

import unicodedata

from email_validator import EmailNotValidError, validate_email

MAX_EMAIL_LENGTH = 254


def normalize_email(raw: str) -> str:
    """Trim, NFKC and lower-case an address (SPEC §3.2)."""
    return unicodedata.normalize("NFKC", raw.strip()).lower()


def is_valid_email(normalized: str) -> bool:
    """Syntax check only (no DNS); the address must already be normalised."""
    if not normalized or len(normalized) > MAX_EMAIL_LENGTH:
        return False
    try:
        validate_email(normalized, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True
