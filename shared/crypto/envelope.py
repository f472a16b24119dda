"""AES-256-GCM envelopes with a key id (SPEC §13.3, D10, D11).

Binary format, version 1 (all lengths in bytes)::

    0x01 | L (1) | key id (L, ASCII) | nonce (12, random) | ciphertext || tag (16)

The header (everything before the ciphertext) is authenticated as associated data together with
the caller's ``aad``, so neither the version, the key id nor the nonce can be swapped unnoticed.
The text variant is the same bytes in base64url without padding. Opening picks the key by the key
id from a keyring, which makes key rotation a matter of adding a key and re-sealing lazily.
"""

from __future__ import annotations

from collections.abc import Mapping

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from shared.crypto._common import (
    NONCE_BYTES,
    TAG_BYTES,
    CryptoError,
    RandomSource,
    b64url_decode,
    b64url_encode,
    check_key,
    decode_key_id,
    default_rng,
    encode_key_id,
    lookup_key,
    random_bytes,
)

#: Format byte of a single-shot envelope.
ENVELOPE_V1 = 0x01
#: The ``alg`` label of these envelopes in API payloads.
ENVELOPE_ALG = "A256GCM"


def seal(key: bytes, key_id: str, plaintext: bytes, aad: bytes = b"", *, rng: RandomSource = default_rng) -> bytes:
    """Encrypt ``plaintext`` under the 256-bit ``key`` into a version-1 envelope.

    A fresh 96-bit random nonce per call (random nonces stay safe for far more than 2^32
    messages per key). Raises CryptoError for a bad key, key id or random source.
    """
    check_key(key)
    header = bytes([ENVELOPE_V1]) + encode_key_id(key_id) + random_bytes(rng, NONCE_BYTES)
    nonce = header[-NONCE_BYTES:]
    return header + AESGCM(key).encrypt(nonce, bytes(plaintext), header + bytes(aad))


def envelope_key_id(envelope: bytes) -> str:
    """The key id of an envelope without opening it (to pick or rotate keys)."""
    if not isinstance(envelope, bytes) or not envelope:
        raise CryptoError("empty envelope")
    if envelope[0] != ENVELOPE_V1:
        raise CryptoError("unsupported envelope version")
    key_id, _ = decode_key_id(envelope, 1)
    return key_id


def open_envelope(keyring: Mapping[str, bytes], envelope: bytes, aad: bytes = b"") -> bytes:
    """Decrypt and verify an envelope made by :func:`seal`.

    Raises CryptoError for an unknown version or key id, truncated input, a wrong key, wrong
    ``aad`` or any modified byte.
    """
    key_id = envelope_key_id(envelope)
    key = lookup_key(keyring, key_id)
    start = 2 + len(key_id)
    header_end = start + NONCE_BYTES
    if len(envelope) < header_end + TAG_BYTES:
        raise CryptoError("truncated envelope")
    header = envelope[:header_end]
    try:
        return AESGCM(key).decrypt(envelope[start:header_end], envelope[header_end:], header + bytes(aad))
    except InvalidTag:
        raise CryptoError("envelope authentication failed") from None


def seal_text(key: bytes, key_id: str, plaintext: bytes, aad: bytes = b"", *, rng: RandomSource = default_rng) -> str:
    """:func:`seal`, encoded as base64url text (for JSON fields such as ``ciphertext``)."""
    return b64url_encode(seal(key, key_id, plaintext, aad, rng=rng))


def open_text_envelope(keyring: Mapping[str, bytes], text: str, aad: bytes = b"") -> bytes:
    """:func:`open_envelope` for the text form; malformed base64url raises CryptoError."""
    return open_envelope(keyring, b64url_decode(text), aad)
