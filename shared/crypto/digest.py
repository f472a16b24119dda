"""HMAC-SHA256 helpers, e-mail pseudonyms and random tokens (SPEC §3.2, §13.3; D1, D3, D20)."""

from __future__ import annotations

import hashlib
import hmac
import unicodedata

from shared.crypto._common import CryptoError, RandomSource, b64url_encode, default_rng, random_bytes

#: Shortest HMAC key accepted for pseudonyms (SPEC §13.3: an app secret of at least 16 chars).
MIN_PSEUDONYM_KEY_BYTES = 16
#: Default token size: 256 bit (D3).
DEFAULT_TOKEN_BYTES = 32
#: Smallest token size: 128 bit (SPEC §13.3 randomness rule).
MIN_TOKEN_BYTES = 16


def _as_bytes(data: bytes | str) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else bytes(data)


def hmac_sha256_hex(key: bytes, data: bytes | str) -> str:
    """HMAC-SHA256 of ``data`` (text is UTF-8 encoded) as 64 lower-case hex digits."""
    if not key:
        raise CryptoError("HMAC key must not be empty")
    return hmac.new(key, _as_bytes(data), hashlib.sha256).hexdigest()


def constant_time_equals(a: bytes | str, b: bytes | str) -> bool:
    """Compare two secrets (or their hashes) in time independent of where they differ."""
    return hmac.compare_digest(_as_bytes(a), _as_bytes(b))


def normalize_email(email: str) -> str:
    """SPEC §3.2: Unicode NFKC, trimmed, lower-cased (the form behind ``email_hmac``)."""
    return unicodedata.normalize("NFKC", email).strip().lower()


def email_hmac(key: bytes, email: str) -> str:
    """``email_hmac`` = HMAC-SHA256(app secret, normalised e-mail), hex; for logs, audit and limits."""
    if len(key) < MIN_PSEUDONYM_KEY_BYTES:
        raise CryptoError("pseudonym key must be at least 16 bytes")
    normalised = normalize_email(email)
    if not normalised:
        raise CryptoError("e-mail must not be empty")
    return hmac_sha256_hex(key, normalised)


def new_token(nbytes: int = DEFAULT_TOKEN_BYTES, *, rng: RandomSource = default_rng) -> str:
    """A random URL-safe token (base64url, no padding) of ``nbytes`` random bytes (>= 16)."""
    if isinstance(nbytes, bool) or not isinstance(nbytes, int) or nbytes < MIN_TOKEN_BYTES:
        raise CryptoError("tokens need at least 16 random bytes")
    return b64url_encode(random_bytes(rng, nbytes))


def token_hash(token: str) -> str:
    """SHA-256 hex of a token, the form stored on the server (D3: tokens stored hashed).

    Unkeyed is enough because tokens carry >= 128 bits of randomness and cannot be guessed;
    low-entropy secrets such as 6-digit codes must use :func:`hmac_sha256_hex` with a server key.
    """
    return hashlib.sha256(_as_bytes(token)).hexdigest()
