"""VIN handling (SPEC §4.1, DECISIONS D11): normalise, validate, mask, pseudonymise.

The raw VIN never appears in an error message; ``invalid_vin_format`` is all a caller learns.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass

from shared.errors import DomainError, ErrorCode

#: 11 to 17 characters from A-Z and 0-9 without I, O and Q (applied to the normalised form).
VIN_PATTERN = re.compile(r"[A-HJ-NPR-Z0-9]{11,17}", re.ASCII)
VIN_MIN_LENGTH = 11
VIN_MAX_LENGTH = 17
#: Raw input longer than this is refused before any processing.
MAX_RAW_VIN_CHARS = 64
VIN_PREFIX_LENGTH = 3
VIN_SUFFIX_LENGTH = 4
MASK = "***"
#: Values of this length or shorter are masked as ``***`` only (SPEC §4.1 [impl]).
MASK_ONLY_MAX_LENGTH = 7
#: Shortest HMAC key accepted (SPEC §13.6: secrets for HMAC >= 16 characters).
MIN_HMAC_KEY_BYTES = 16


def normalise_vin(raw: str) -> str:
    """Trim, upper-case and drop every whitespace character. Does not validate; dashes are kept."""
    return "".join(raw.split()).upper()


def is_valid_vin(vin: str) -> bool:
    """True when the *normalised* value is a valid VIN."""
    return VIN_PATTERN.fullmatch(vin) is not None


def parse_vin(raw: str) -> str:
    """Normalise and validate; returns the normalised VIN or raises 422 ``invalid_vin_format``.

    Non-ASCII input is refused before upper-casing, so no Unicode case mapping can turn a
    foreign letter into an allowed one (e.g. the long s becoming ``S``).
    """
    if not isinstance(raw, str) or len(raw) > MAX_RAW_VIN_CHARS or not raw.isascii():
        raise DomainError(ErrorCode.INVALID_VIN_FORMAT)
    vin = normalise_vin(raw)
    if not is_valid_vin(vin):
        raise DomainError(ErrorCode.INVALID_VIN_FORMAT)
    return vin


@dataclass(frozen=True, slots=True)
class VinParts:
    """What is stored in clear for display: the first 3 and the last 4 characters."""

    prefix3: str
    last4: str

    @property
    def masked(self) -> str:
        return f"{self.prefix3}{MASK}{self.last4}"


def vin_parts(raw: str) -> VinParts:
    """The stored clear parts of a valid VIN (raises ``invalid_vin_format`` otherwise)."""
    vin = parse_vin(raw)
    return VinParts(prefix3=vin[:VIN_PREFIX_LENGTH], last4=vin[-VIN_SUFFIX_LENGTH:])


def mask_vin(value: str) -> str:
    """``WVW***1234``: first 3 + ``***`` + last 4 of the normalised value; 7 characters or fewer -> ``***``.

    Works on any string (also an invalid one) and never fails, so it is safe for display paths.
    """
    vin = normalise_vin(value)
    if len(vin) <= MASK_ONLY_MAX_LENGTH:
        return MASK
    return f"{vin[:VIN_PREFIX_LENGTH]}{MASK}{vin[-VIN_SUFFIX_LENGTH:]}"


def mask_from_parts(prefix3: str | None, last4: str | None) -> str:
    """The masked form from stored parts; ``***`` when a part is missing."""
    if not prefix3 or not last4:
        return MASK
    return VinParts(prefix3=prefix3, last4=last4).masked


def vin_hmac(key: bytes, vin: str) -> str:
    """HMAC-SHA256 over the normalised, valid VIN, lower-case hex (duplicate detection, export proof)."""
    if len(key) < MIN_HMAC_KEY_BYTES:
        raise ValueError("HMAC key too short")
    return hmac.new(key, parse_vin(vin).encode("ascii"), hashlib.sha256).hexdigest()


def vin_hmac_matches(key: bytes, vin: str, stored_hmac: str) -> bool:
    """Constant-time check whether ``vin`` has the stored pseudonym; an invalid VIN never matches."""
    if not stored_hmac.isascii():
        return False
    try:
        candidate = vin_hmac(key, vin)
    except DomainError:
        return False
    return hmac.compare_digest(candidate, stored_hmac.lower())
