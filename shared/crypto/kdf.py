"""Password-based key wrapping for the local vault (ARCHITECTURE "Local vault", D1).

The vault's random 256-bit data key is wrapped with a key-encryption key (KEK) derived from the
user's password by Argon2id; the parameters (:class:`KdfParams`) are stored beside the wrapped key,
so a password change only re-wraps the data key.

Wrapping uses AES-256-GCM rather than AES-KW (RFC 3394): it is the one primitive used everywhere
else here, has a 128-bit tag (AES-KW's integrity check is 64 bit) and lets us bind a label and the
format version as associated data. AES-KW's advantage, needing no nonce, does not matter for a
handful of wraps per KEK with 96-bit random nonces. Format::

    0x03 | nonce (12) | encrypted data key (32) || tag (16)     (61 bytes)
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from argon2.exceptions import HashingError
from argon2.low_level import ARGON2_VERSION, Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from shared.crypto._common import (
    KEY_BYTES,
    NONCE_BYTES,
    TAG_BYTES,
    CryptoError,
    RandomSource,
    b64url_decode,
    b64url_encode,
    check_key,
    default_rng,
    random_bytes,
)

#: Format byte of a wrapped key.
WRAP_V3 = 0x03
_WRAP_AAD = b"ltc-key-wrap-v3"
_WRAPPED_LEN = 1 + NONCE_BYTES + KEY_BYTES + TAG_BYTES
#: Salt length for new parameters.
SALT_BYTES = 16
#: Hard bounds for stored parameters, so a tampered parameter file cannot demand absurd work.
MAX_TIME_COST = 64
MAX_MEMORY_KIB = 4 * 1024 * 1024
MAX_PARALLELISM = 64


@dataclass(frozen=True, slots=True)
class KdfParams:
    """Argon2id parameters (RFC 9106). ``memory_cost`` is in KiB; the output is a 32-byte KEK."""

    time_cost: int
    memory_cost: int
    parallelism: int
    salt: bytes
    hash_len: int = KEY_BYTES

    def __post_init__(self) -> None:
        ints = (self.time_cost, self.memory_cost, self.parallelism, self.hash_len)
        if any(isinstance(v, bool) or not isinstance(v, int) for v in ints):
            raise CryptoError("KDF parameters must be integers")
        if not 1 <= self.time_cost <= MAX_TIME_COST or not 1 <= self.parallelism <= MAX_PARALLELISM:
            raise CryptoError("time_cost or parallelism out of range")
        if not 8 * self.parallelism <= self.memory_cost <= MAX_MEMORY_KIB:
            raise CryptoError("memory_cost out of range")
        if not isinstance(self.salt, bytes) or len(self.salt) < SALT_BYTES:
            raise CryptoError("salt must be at least 16 bytes")
        if self.hash_len != KEY_BYTES:
            raise CryptoError("hash_len must be 32")

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form, self-describing (algorithm and Argon2 version included)."""
        return {
            "algorithm": "argon2id",
            "version": ARGON2_VERSION,
            "time_cost": self.time_cost,
            "memory_cost_kib": self.memory_cost,
            "parallelism": self.parallelism,
            "salt": b64url_encode(self.salt),
            "hash_len": self.hash_len,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> KdfParams:
        """Inverse of :meth:`to_dict`; anything missing, unknown or out of range raises CryptoError."""
        if data.get("algorithm") != "argon2id" or data.get("version") != ARGON2_VERSION:
            raise CryptoError("unsupported KDF algorithm or version")
        salt = data.get("salt")
        if not isinstance(salt, str):
            raise CryptoError("KDF salt missing")
        fields = {}
        for name in ("time_cost", "memory_cost_kib", "parallelism", "hash_len"):
            value = data.get(name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise CryptoError(f"KDF field {name} missing or not an integer")
            fields[name] = value
        return cls(
            time_cost=fields["time_cost"],
            memory_cost=fields["memory_cost_kib"],
            parallelism=fields["parallelism"],
            salt=b64url_decode(salt),
            hash_len=fields["hash_len"],
        )


def new_kdf_salt(*, rng: RandomSource = default_rng) -> bytes:
    """A fresh random salt for new parameters (a new salt on every password change)."""
    return random_bytes(rng, SALT_BYTES)


def derive_kek(password: str, params: KdfParams) -> bytes:
    """Argon2id(password, params) -> 32-byte KEK. The password is NFKC-normalised (NIST 800-63B)."""
    if not isinstance(password, str) or not password:
        raise CryptoError("password must be a non-empty string")
    secret = unicodedata.normalize("NFKC", password).encode("utf-8")
    try:
        return hash_secret_raw(
            secret,
            params.salt,
            time_cost=params.time_cost,
            memory_cost=params.memory_cost,
            parallelism=params.parallelism,
            hash_len=params.hash_len,
            type=Type.ID,
            version=ARGON2_VERSION,
        )
    except HashingError as exc:  # e.g. memory allocation failure
        raise CryptoError("key derivation failed") from exc


def new_data_key(*, rng: RandomSource = default_rng) -> bytes:
    """A fresh random 256-bit data key."""
    return random_bytes(rng, KEY_BYTES)


def wrap_key(kek: bytes, data_key: bytes, *, rng: RandomSource = default_rng) -> bytes:
    """Encrypt ``data_key`` under ``kek`` (AES-256-GCM, see the module docstring for the format)."""
    check_key(kek, "KEK")
    check_key(data_key, "data key")
    header = bytes([WRAP_V3]) + random_bytes(rng, NONCE_BYTES)
    return header + AESGCM(kek).encrypt(header[1:], data_key, _WRAP_AAD + header)


def unwrap_key(kek: bytes, wrapped: bytes) -> bytes:
    """Inverse of :func:`wrap_key`; a wrong KEK (wrong password) or any change raises CryptoError."""
    check_key(kek, "KEK")
    if not isinstance(wrapped, bytes) or len(wrapped) != _WRAPPED_LEN:
        raise CryptoError("wrapped key has the wrong length")
    if wrapped[0] != WRAP_V3:
        raise CryptoError("unsupported wrapped-key version")
    header = wrapped[: 1 + NONCE_BYTES]
    try:
        return AESGCM(kek).decrypt(header[1:], wrapped[len(header) :], _WRAP_AAD + header)
    except InvalidTag:
        raise CryptoError("key unwrap failed (wrong password or modified data)") from None


#: A measurement of one derivation with the given parameters, in seconds.
Measure = Callable[[KdfParams], float]


def choose_kdf_params(
    measure: Measure,
    target_seconds: float = 0.5,
    *,
    salt: bytes | None = None,
    parallelism: int = 4,
    min_memory_kib: int = 64 * 1024,
    max_memory_kib: int = 1024 * 1024,
    min_time_cost: int = 3,
    max_time_cost: int = 16,
    rng: RandomSource = default_rng,
) -> KdfParams:
    """Tune Argon2id to about ``target_seconds`` on this machine (ARCHITECTURE: ~0.5 s).

    Starts at the floor (default RFC 9106's second recommendation: t=3, m=64 MiB, p=4) and never
    goes below it. Memory comes first (it is what makes GPU attacks expensive): it is doubled while
    a measurement stays within the target and ``max_memory_kib`` allows; then ``time_cost`` grows
    by one while that stays within the target. ``measure`` is injected, so the logic is testable
    without a clock; :func:`clock_measure` builds a real one.
    """
    if not target_seconds > 0:
        raise CryptoError("target_seconds must be positive")
    if not min_memory_kib <= max_memory_kib or not min_time_cost <= max_time_cost:
        raise CryptoError("inconsistent KDF tuning bounds")
    params = KdfParams(min_time_cost, min_memory_kib, parallelism, salt if salt is not None else new_kdf_salt(rng=rng))

    def fits(candidate: KdfParams) -> bool:
        seconds = measure(candidate)
        if not seconds >= 0 or seconds == float("inf"):
            raise CryptoError("measure returned an invalid duration")
        return seconds <= target_seconds

    if not fits(params):
        return params
    while params.memory_cost * 2 <= max_memory_kib:
        candidate = replace(params, memory_cost=params.memory_cost * 2)
        if not fits(candidate):
            break
        params = candidate
    while params.time_cost < max_time_cost:
        candidate = replace(params, time_cost=params.time_cost + 1)
        if not fits(candidate):
            break
        params = candidate
    return params


def clock_measure(clock: Callable[[], float], password: str = "calibration-password") -> Measure:
    """A :data:`Measure` that times :func:`derive_kek` with an injected clock (e.g. ``perf_counter``)."""

    def measure(params: KdfParams) -> float:
        start = clock()
        derive_kek(password, params)
        return clock() - start

    return measure
