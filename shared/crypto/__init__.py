"""Crypto helpers (SPEC §13.3, ARCHITECTURE "Local vault"): pure functions, no file or network I/O.

Randomness comes from ``os.urandom`` through an injectable ``rng`` parameter (keys, nonces,
salts, tokens only). Every failure is a :class:`CryptoError`.

Format bytes of the self-describing binary formats: 0x01 envelope, 0x02 chunked stream,
0x03 wrapped key.
"""

from __future__ import annotations

from shared.crypto._common import (
    KEY_BYTES,
    NONCE_BYTES,
    CryptoError,
    RandomSource,
    b64url_decode,
    b64url_encode,
)
from shared.crypto.digest import (
    constant_time_equals,
    email_hmac,
    hmac_sha256_hex,
    new_token,
    normalize_email,
    token_hash,
)
from shared.crypto.envelope import (
    ENVELOPE_ALG,
    ENVELOPE_V1,
    envelope_key_id,
    open_envelope,
    open_text_envelope,
    seal,
    seal_text,
)
from shared.crypto.kdf import (
    WRAP_V3,
    KdfParams,
    Measure,
    choose_kdf_params,
    clock_measure,
    derive_kek,
    new_data_key,
    new_kdf_salt,
    unwrap_key,
    wrap_key,
)
from shared.crypto.stream import (
    DEFAULT_CHUNK_SIZE,
    MAX_CHUNK_SIZE,
    STREAM_V2,
    decrypt_chunks,
    encrypt_chunks,
)

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "ENVELOPE_ALG",
    "ENVELOPE_V1",
    "KEY_BYTES",
    "MAX_CHUNK_SIZE",
    "NONCE_BYTES",
    "STREAM_V2",
    "WRAP_V3",
    "CryptoError",
    "KdfParams",
    "Measure",
    "RandomSource",
    "b64url_decode",
    "b64url_encode",
    "choose_kdf_params",
    "clock_measure",
    "constant_time_equals",
    "decrypt_chunks",
    "derive_kek",
    "email_hmac",
    "encrypt_chunks",
    "envelope_key_id",
    "hmac_sha256_hex",
    "new_data_key",
    "new_kdf_salt",
    "new_token",
    "normalize_email",
    "open_envelope",
    "open_text_envelope",
    "seal",
    "seal_text",
    "token_hash",
    "unwrap_key",
    "wrap_key",
]
