"""The vault's key file: Argon2id parameters and the wrapped data key, stored as JSON beside the database.

Format (``version`` 2)::

    {
      "format": "lifetimecircle-vault-key",
      "version": 2,
      "vault_id": "<uuid>",              # names the vault, e.g. for the keyring cache entry
      "key_id": "vault-<hex>",           # id of the data key inside encrypted blobs
      "kdf": {...},                      # shared.crypto.KdfParams.to_dict(): argon2id, costs, salt
      "wrapped_key": "<base64url>",      # shared.crypto.wrap_key(derive_kek(password, kdf), data_key)
      "database": {                      # the SQLCipher page format of vault.db (desktop.store.db.CipherSettings)
        "cipher_page_size": 4096,
        "cipher_hmac_algorithm": "HMAC_SHA256"
      },
      "created_at": "<ISO 8601 UTC>",
      "updated_at": "<ISO 8601 UTC>"
    }

Version 1 is the same without ``database``: its vault.db has SQLCipher 4's default format (HMAC-SHA512,
:data:`~desktop.store.db.LEGACY_CIPHER`) and keeps it. A key file is written back in the version its vault
needs: version 1 for a vault in the old format (a password change leaves it readable by older app versions),
version 2 otherwise.

The file holds nothing secret in clear: the data key is only present wrapped under the password's KEK.
It is always replaced atomically (temp file + fsync + rename), so a crash leaves the old or the new
file, never a mix.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from desktop.store.db import LEGACY_CIPHER, VAULT_CIPHER, CipherSettings
from desktop.store.errors import VaultCorruptError, VaultNotFoundError, WrongPasswordError
from desktop.store.fsutil import atomic_write_bytes
from shared.crypto import (
    KEY_BYTES,
    NONCE_BYTES,
    WRAP_V3,
    CryptoError,
    KdfParams,
    b64url_decode,
    b64url_encode,
    choose_kdf_params,
    clock_measure,
    derive_kek,
    new_kdf_salt,
    unwrap_key,
    wrap_key,
)

FORMAT = "lifetimecircle-vault-key"
#: Version 1: no ``database`` field (the vault has LEGACY_CIPHER); version 2: ``database`` names the format.
VERSION = 2
LEGACY_VERSION = 1
WRAPPED_KEY_BYTES = 1 + NONCE_BYTES + KEY_BYTES + 16  # shared.crypto.kdf's wrapped-key format v3
TARGET_UNLOCK_SECONDS = 0.5

#: Makes the Argon2id parameters for a new wrap; must return a fresh random salt on every call.
KdfPolicy = Callable[[], KdfParams]


def tuned_kdf_params() -> KdfParams:
    """Argon2id parameters tuned on this machine to about 0.5 s (takes a few derivations to find)."""
    return choose_kdf_params(clock_measure(time.perf_counter), TARGET_UNLOCK_SECONDS)


def fixed_kdf_policy(time_cost: int, memory_cost_kib: int, parallelism: int = 1) -> KdfPolicy:
    """A policy with fixed costs and a fresh salt per call (tests use tiny costs; never for real vaults)."""

    def policy() -> KdfParams:
        return KdfParams(time_cost, memory_cost_kib, parallelism, new_kdf_salt())

    return policy


def same_costs_policy(params: KdfParams) -> KdfPolicy:
    """Keep ``params``' costs, new salt: the default on a password change (no re-tuning delay)."""

    def policy() -> KdfParams:
        return replace(params, salt=new_kdf_salt())

    return policy


def _utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class KeyFile:
    """Parsed content of the key file (contains no secret in clear)."""

    vault_id: str
    key_id: str
    kdf: KdfParams
    wrapped_key: bytes
    created_at: str
    updated_at: str
    #: The page format of the vault's database (version 1 files: SQLCipher 4's defaults).
    cipher: CipherSettings = LEGACY_CIPHER

    @classmethod
    def new(
        cls, password: str, data_key: bytes, kdf: KdfPolicy, now: datetime, cipher: CipherSettings = VAULT_CIPHER
    ) -> KeyFile:
        """A key file for a fresh vault: new ids, the data key wrapped under the password, the page format."""
        vault_id = str(uuid.uuid4())
        params = kdf()
        stamp = _utc_text(now)
        return cls(
            vault_id=vault_id,
            key_id=f"vault-{uuid.uuid4().hex[:16]}",
            kdf=params,
            wrapped_key=wrap_key(derive_kek(password, params), data_key),
            created_at=stamp,
            updated_at=stamp,
            cipher=cipher,
        )

    def unwrap(self, password: str) -> bytes:
        """The data key; :class:`WrongPasswordError` when the password does not unwrap it."""
        if not password:
            raise WrongPasswordError("the password is empty")
        try:
            kek = derive_kek(password, self.kdf)
        except CryptoError as exc:  # parameters passed validation, so this is e.g. out of memory
            raise VaultCorruptError(f"key derivation failed: {exc}") from None
        try:
            return unwrap_key(kek, self.wrapped_key)
        except CryptoError:
            raise WrongPasswordError("wrong password") from None

    def rewrapped(self, data_key: bytes, new_password: str, kdf: KdfPolicy, now: datetime) -> KeyFile:
        """The same vault and data key, wrapped under ``new_password`` with new parameters/salt."""
        params = kdf()
        return replace(
            self,
            kdf=params,
            wrapped_key=wrap_key(derive_kek(new_password, params), data_key),
            updated_at=_utc_text(now),
        )

    def to_json(self) -> bytes:
        legacy = self.cipher == LEGACY_CIPHER
        body: dict[str, object] = {
            "format": FORMAT,
            "version": LEGACY_VERSION if legacy else VERSION,
            "vault_id": self.vault_id,
            "key_id": self.key_id,
            "kdf": self.kdf.to_dict(),
            "wrapped_key": b64url_encode(self.wrapped_key),
        }
        if not legacy:
            body["database"] = {
                "cipher_page_size": self.cipher.page_size,
                "cipher_hmac_algorithm": self.cipher.hmac_algorithm,
            }
        body.update(created_at=self.created_at, updated_at=self.updated_at)
        return (json.dumps(body, indent=2, sort_keys=False) + "\n").encode("utf-8")

    @classmethod
    def from_json(cls, raw: bytes) -> KeyFile:
        """Parse and validate; anything malformed or of an unknown version raises :class:`VaultCorruptError`."""
        try:
            body = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise VaultCorruptError("the key file is not valid JSON") from None
        if not isinstance(body, dict) or body.get("format") != FORMAT:
            raise VaultCorruptError("not a vault key file")
        version = body.get("version")
        if type(version) is not int or version not in (LEGACY_VERSION, VERSION):
            raise VaultCorruptError(f"unsupported key file version {version!r}")
        texts = {}
        for name in ("vault_id", "key_id", "wrapped_key", "created_at", "updated_at"):
            value = body.get(name)
            if not isinstance(value, str) or not value:
                raise VaultCorruptError(f"key file field {name!r} missing")
            texts[name] = value
        kdf = body.get("kdf")
        if not isinstance(kdf, dict):
            raise VaultCorruptError("key file field 'kdf' missing")
        try:
            params = KdfParams.from_dict(kdf)
            wrapped = b64url_decode(texts["wrapped_key"])
        except CryptoError as exc:
            raise VaultCorruptError(f"key file unreadable: {exc}") from None
        if len(wrapped) != WRAPPED_KEY_BYTES or wrapped[0] != WRAP_V3:
            raise VaultCorruptError("the wrapped key has an unknown format")
        return cls(
            vault_id=texts["vault_id"],
            key_id=texts["key_id"],
            kdf=params,
            wrapped_key=wrapped,
            created_at=texts["created_at"],
            updated_at=texts["updated_at"],
            cipher=LEGACY_CIPHER if version == LEGACY_VERSION else _cipher_settings(body.get("database")),
        )


def _cipher_settings(database: object) -> CipherSettings:
    if not isinstance(database, dict) or database.keys() != {"cipher_page_size", "cipher_hmac_algorithm"}:
        raise VaultCorruptError("key file field 'database' missing or malformed")
    page_size, hmac = database["cipher_page_size"], database["cipher_hmac_algorithm"]
    if type(page_size) is not int or not isinstance(hmac, str):
        raise VaultCorruptError("key file field 'database' malformed")
    try:
        return CipherSettings(page_size=page_size, hmac_algorithm=hmac)
    except ValueError as exc:
        raise VaultCorruptError(f"key file field 'database': {exc}") from None


def read_key_file(path: Path) -> KeyFile:
    """Read and parse; :class:`VaultNotFoundError` if missing, :class:`VaultCorruptError` if malformed."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise VaultNotFoundError(f"no vault key file at {path}") from None
    return KeyFile.from_json(raw)


def write_key_file(path: Path, key_file: KeyFile) -> None:
    """Replace the key file atomically (temp file + fsync + rename), owner-only permissions."""
    atomic_write_bytes(path, key_file.to_json())
