"""PII detection on extracted text: e-mail addresses, phone numbers, IBANs (mod-97 checksum) and
payment card numbers (Luhn). Pure functions: the result names categories, never the values found."""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum


class PiiCategory(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    IBAN = "iban"
    PAYMENT_CARD = "payment_card"


#: Note written to ``pii_note`` when the text of a document cannot be read (deny by default).
UNREADABLE_NOTE = "pii_check: text_unreadable"

_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+\s?@\s?[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
# International (+49 / 0049) or national (0 + area code) numbers; separators space / - . ( )
_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)[1-9]\d{0,2}[\s./-]?(?:\(0\)[\s./-]?)?|0)"
    r"\(?\d{2,5}\)?(?:[\s./-]?\d{2,}){1,4}(?!\w)"
)
_MIN_PHONE_DIGITS = 7
_MAX_PHONE_DIGITS = 15
_DATE_LIKE = re.compile(r"^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$")
# Country code, 2 check digits, then 11..30 alphanumerics, possibly in groups separated by spaces.
_IBAN = re.compile(r"\b[A-Z]{2}\s?\d{2}(?:\s?[A-Z0-9]){11,30}\b")
_IBAN_MIN, _IBAN_MAX = 15, 34
_CARD = re.compile(r"(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)")
_CARD_PREFIXES = ("2", "3", "4", "5", "6")


def iban_valid(candidate: str) -> bool:
    """ISO 13616 check: length 15..34, letters/digits only, mod 97 == 1."""
    text = re.sub(r"\s+", "", candidate).upper()
    if not (_IBAN_MIN <= len(text) <= _IBAN_MAX) or not text[:2].isalpha() or not text[2:4].isdigit():
        return False
    if not text.isalnum():
        return False
    rearranged = text[4:] + text[:4]
    digits = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(digits) % 97 == 1


def luhn_valid(candidate: str) -> bool:
    digits = [int(ch) for ch in candidate if ch.isdigit()]
    if not 13 <= len(digits) <= 19:
        return False
    total = 0
    for index, digit in enumerate(reversed(digits)):
        if index % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def _iban_candidates(text: str) -> Iterable[str]:
    for match in _IBAN.finditer(text.upper()):
        compact = re.sub(r"\s+", "", match.group(0))
        # OCR or layout may glue trailing words on: try every prefix of a plausible length.
        for end in range(min(len(compact), _IBAN_MAX), _IBAN_MIN - 1, -1):
            yield compact[:end]


def _phone_hit(match: str) -> bool:
    digits = sum(ch.isdigit() for ch in match)
    if not _MIN_PHONE_DIGITS <= digits <= _MAX_PHONE_DIGITS:
        return False
    return not _DATE_LIKE.match(match.strip())


def detect(text: str) -> frozenset[PiiCategory]:
    """The PII categories found in ``text`` (empty when none)."""
    found: set[PiiCategory] = set()
    if _EMAIL.search(text):
        found.add(PiiCategory.EMAIL)
    if any(iban_valid(c) for c in _iban_candidates(text)):
        found.add(PiiCategory.IBAN)
    for match in _CARD.finditer(text):
        value = match.group(0)
        if value.lstrip().startswith(_CARD_PREFIXES) and luhn_valid(value):
            found.add(PiiCategory.PAYMENT_CARD)
            break
    # account and card numbers are not phone numbers: blank them out first
    rest = _CARD.sub(lambda m: " " if luhn_valid(m.group(0)) else m.group(0), _IBAN.sub(" ", text.upper()))
    if any(_phone_hit(m.group(0)) for m in _PHONE.finditer(rest)):
        found.add(PiiCategory.PHONE)
    return frozenset(found)


def note_for(categories: Iterable[PiiCategory]) -> str:
    """``pii_note`` naming the categories (sorted), never the values."""
    return "pii_check: " + ",".join(sorted(c.value for c in categories))
