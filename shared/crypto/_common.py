"""Pieces shared by the crypto modules: the error type, the random source and base64url."""

from __future__ import annotations

import base64
import binascii
import os
from collections.abc import Callable, Mapping

#: A CSPRNG: ``rng(n)`` returns ``n`` random bytes. Injectable so tests can be deterministic.
RandomSource = Callable[[int], bytes]

#: AES-256 key length in bytes.
KEY_BYTES = 32
#: AES-GCM nonce length in bytes (96 bit).
NONCE_BYTES = 12
#: AES-GCM tag length in bytes.
TAG_BYTES = 16


class CryptoError(ValueError):
    """Any failure to seal, open, wrap, unwrap or parse: tampering, wrong key or password, wrong
    associated data, truncated or malformed input, unknown format version, bad parameters.

    Messages are for developers; they never contain key material or plaintext.
    """


def default_rng(n: int) -> bytes:
    """The operating system's CSPRNG."""
    return os.urandom(n)


def random_bytes(rng: RandomSource, n: int) -> bytes:
    """``n`` bytes from ``rng``, checked (a broken injected source must not yield short nonces)."""
    out = rng(n)
    if not isinstance(out, bytes) or len(out) != n:
        raise CryptoError("random source returned the wrong number of bytes")
    return out


def check_key(key: bytes, what: str = "key") -> bytes:
    """Raise unless ``key`` is a 256-bit key."""
    if not isinstance(key, bytes) or len(key) != KEY_BYTES:
        raise CryptoError(f"{what} must be {KEY_BYTES} bytes")
    return key


def b64url_encode(data: bytes) -> str:
    """base64url without padding (RFC 4648 §5)."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    """Inverse of :func:`b64url_encode`; strict alphabet, malformed input raises CryptoError."""
    if not isinstance(text, str):
        raise CryptoError("base64url input must be a string")
    try:
        raw = text.encode("ascii")
        if b"=" in raw or b"+" in raw or b"/" in raw or len(raw) % 4 == 1:
            raise ValueError("not base64url")
        return base64.b64decode(raw + b"=" * (-len(raw) % 4), altchars=b"-_", validate=True)
    except (UnicodeEncodeError, ValueError, binascii.Error):
        raise CryptoError("malformed base64url text") from None


_KEY_ID_CHARS = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._:-")
#: Longest key id (bytes); key ids are short labels such as ``vault-2025`` or ``srv:3``.
MAX_KEY_ID_BYTES = 64


def encode_key_id(key_id: str) -> bytes:
    """``len || key id`` for a header; key ids are 1..64 chars of ``A-Z a-z 0-9 . _ : -``."""
    raw = key_id.encode("ascii", "replace") if isinstance(key_id, str) else b""
    if not 1 <= len(raw) <= MAX_KEY_ID_BYTES or not set(raw) <= _KEY_ID_CHARS:
        raise CryptoError("key id must be 1..64 characters of A-Z a-z 0-9 . _ : -")
    return bytes([len(raw)]) + raw


def decode_key_id(data: bytes, offset: int) -> tuple[str, int]:
    """Read a length-prefixed key id at ``offset``; return it and the offset after it."""
    if offset >= len(data):
        raise CryptoError("truncated header")
    length = data[offset]
    raw = data[offset + 1 : offset + 1 + length]
    if length == 0 or len(raw) != length or not set(raw) <= _KEY_ID_CHARS:
        raise CryptoError("malformed key id in header")
    return raw.decode("ascii"), offset + 1 + length


def lookup_key(keyring: Mapping[str, bytes], key_id: str) -> bytes:
    """The key for ``key_id`` from a keyring; unknown ids and malformed keys raise CryptoError."""
    key = keyring.get(key_id)
    if key is None:
        raise CryptoError("unknown key id")
    if not isinstance(key, bytes):
        raise CryptoError("keyring entries must be bytes")
    return check_key(key)
