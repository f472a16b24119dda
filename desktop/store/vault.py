"""The encrypted local vault: create, unlock, change the password, cache the key in the OS keyring.

A vault is a folder::

    vault.key.json   Argon2id parameters + the data key wrapped under the password, the database's page
                     format (desktop.store.keyfile)
    vault.db         SQLCipher 4 database keyed with the raw 256-bit data key (desktop.store.db)
    blobs/           encrypted document files (desktop.store.blobs)
    backups/         copies of vault.db made before local migrations (still encrypted)

Contracts:

- A wrong password raises :class:`WrongPasswordError` and writes nothing (every file stays byte-identical).
- ``change_password`` rewrites only the key file (atomically); the database and blobs are untouched, so
  the data key, backups and a keyring-cached key stay valid.
- Opening runs the local migrations after a backup copy (see :func:`desktop.store.db.migrate`).
- Calls block (Argon2id takes ~0.5 s by design): run them on the DB worker, never the GUI thread.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from desktop.credentials import SecretStore, SecretStoreError
from desktop.store.blobs import BlobStore
from desktop.store.db import (
    DEFAULT_KEEP_BACKUPS,
    VAULT_CIPHER,
    CipherSettings,
    MigrationResult,
    check_key,
    migrate,
    sqlcipher_engine,
)
from desktop.store.errors import VaultCorruptError, VaultExistsError, VaultNotFoundError
from desktop.store.keyfile import (
    KdfPolicy,
    KeyFile,
    read_key_file,
    same_costs_policy,
    tuned_kdf_params,
    write_key_file,
)
from desktop.store.models import SyncState
from shared.crypto import CryptoError, b64url_decode, b64url_encode, new_data_key

KEY_FILE_NAME = "vault.key.json"
DB_FILE_NAME = "vault.db"
BLOB_DIR_NAME = "blobs"
BACKUP_DIR_NAME = "backups"
KEYRING_PREFIX = "vault-data-key:"


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class VaultLayout:
    """The file names inside a vault folder."""

    folder: Path

    @property
    def key_path(self) -> Path:
        return self.folder / KEY_FILE_NAME

    @property
    def db_path(self) -> Path:
        return self.folder / DB_FILE_NAME

    @property
    def blob_dir(self) -> Path:
        return self.folder / BLOB_DIR_NAME

    @property
    def backup_dir(self) -> Path:
        return self.folder / BACKUP_DIR_NAME


@dataclass(frozen=True, slots=True)
class OpenOptions:
    """How a vault is opened: backups to keep, the migrations to run (tests swap them), the clock."""

    keep_backups: int = DEFAULT_KEEP_BACKUPS
    script_location: Path | None = None
    now: Callable[[], datetime] = _utcnow


def vault_exists(folder: Path) -> bool:
    """True when ``folder`` holds a vault key file (the file written last by :meth:`Vault.create`)."""
    return VaultLayout(Path(folder)).key_path.is_file()


def _keyring_name(vault_id: str) -> str:
    return KEYRING_PREFIX + vault_id


class Vault:
    """An unlocked vault. Holds the data key in memory until :meth:`close`."""

    def __init__(self, layout: VaultLayout, key_file: KeyFile, data_key: bytes, options: OpenOptions) -> None:
        # VaultCorruptError: the key file does not belong to this DB
        check_key(layout.db_path, data_key, key_file.cipher)
        self._layout = layout
        self._key_file = key_file
        self._data_key = data_key
        self._options = options
        self._engine: Engine | None = sqlcipher_engine(layout.db_path, data_key, cipher=key_file.cipher)
        try:
            self.migration: MigrationResult = migrate(
                self._engine,
                layout.db_path,
                layout.backup_dir,
                keep_backups=options.keep_backups,
                script_location=options.script_location,
                now=options.now,
            )
        except BaseException:
            self._engine.dispose()
            raise
        self._sessions = sessionmaker(bind=self._engine, expire_on_commit=False)
        self.blobs = BlobStore(layout.blob_dir, data_key, key_file.key_id)
        self.blobs.cleanup_temp()

    # -- opening -------------------------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        folder: Path,
        password: str,
        *,
        kdf: KdfPolicy = tuned_kdf_params,
        options: OpenOptions | None = None,
        cipher: CipherSettings = VAULT_CIPHER,
    ) -> Vault:
        """Make a new vault in ``folder`` (created if missing) and return it unlocked; its database gets the
        page format ``cipher`` (recorded in the key file; tests pass :data:`LEGACY_CIPHER` for an old vault).

        Raises :class:`VaultExistsError` if the folder already holds a vault key file or database, and
        ``ValueError`` for an empty password. The key file is written last, so an interrupted creation
        never leaves a key file that points at no database.
        """
        if not password:
            raise ValueError("the vault password must not be empty")
        options = options or OpenOptions()
        layout = VaultLayout(Path(folder))
        if layout.key_path.exists() or layout.db_path.exists():
            raise VaultExistsError(f"a vault already exists in {layout.folder}")
        layout.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        data_key = new_data_key()
        key_file = KeyFile.new(password, data_key, kdf, options.now(), cipher)
        engine = sqlcipher_engine(layout.db_path, data_key, cipher=key_file.cipher)
        try:
            migrate(engine, layout.db_path, layout.backup_dir, script_location=options.script_location, now=options.now)
            with Session(engine) as session, session.begin():
                session.add(SyncState(id=1))  # the install's client_id is born with the vault
        except BaseException:
            engine.dispose()
            layout.db_path.unlink(missing_ok=True)
            raise
        engine.dispose()
        write_key_file(layout.key_path, key_file)
        return cls(layout, key_file, data_key, options)

    @classmethod
    def unlock(cls, folder: Path, password: str, *, options: OpenOptions | None = None) -> Vault:
        """Open an existing vault with the user's password.

        Raises :class:`VaultNotFoundError` (no key file / no database), :class:`WrongPasswordError`
        (nothing written), :class:`VaultCorruptError` (unreadable key file, or a database that the
        unwrapped key does not open) and ``VaultTooNewError`` (schema from a newer app).
        """
        layout = VaultLayout(Path(folder))
        key_file = read_key_file(layout.key_path)
        if not layout.db_path.is_file():
            raise VaultNotFoundError(f"the vault in {layout.folder} has no database file")
        data_key = key_file.unwrap(password)
        return cls(layout, key_file, data_key, options or OpenOptions())

    @classmethod
    def unlock_with_cached_key(
        cls, folder: Path, store: SecretStore, *, options: OpenOptions | None = None
    ) -> Vault | None:
        """Open with the data key cached in ``store``; ``None`` when there is no (valid) cached key.

        A cached key that no longer opens the database (e.g. the vault was recreated) is removed.
        """
        layout = VaultLayout(Path(folder))
        key_file = read_key_file(layout.key_path)
        if not layout.db_path.is_file():
            raise VaultNotFoundError(f"the vault in {layout.folder} has no database file")
        name = _keyring_name(key_file.vault_id)
        try:
            cached = store.get_secret(name)
        except SecretStoreError:
            return None
        if not cached:
            return None
        try:
            data_key = b64url_decode(cached)
            if len(data_key) != 32:
                raise CryptoError("cached key has the wrong length")
            check_key(layout.db_path, data_key, key_file.cipher)
        except (CryptoError, VaultCorruptError):
            with contextlib.suppress(SecretStoreError):
                store.delete_secret(name)
            return None
        return cls(layout, key_file, data_key, options or OpenOptions())

    # -- using ---------------------------------------------------------------------------------------

    @property
    def folder(self) -> Path:
        return self._layout.folder

    @property
    def layout(self) -> VaultLayout:
        return self._layout

    @property
    def vault_id(self) -> str:
        return self._key_file.vault_id

    @property
    def key_id(self) -> str:
        return self._key_file.key_id

    @property
    def cipher(self) -> CipherSettings:
        """The database's page format, as the key file records it."""
        return self._key_file.cipher

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            raise RuntimeError("the vault is closed")
        return self._engine

    @property
    def closed(self) -> bool:
        return self._engine is None

    def session(self) -> Session:
        """A new ORM session (the caller owns the transaction: ``with vault.session() as s, s.begin():``)."""
        if self._engine is None:
            raise RuntimeError("the vault is closed")
        return self._sessions()

    def change_password(self, old_password: str, new_password: str, *, kdf: KdfPolicy | None = None) -> None:
        """Rewrap the data key under ``new_password`` (see :func:`change_password`)."""
        change_password(self.folder, old_password, new_password, kdf=kdf, now=self._options.now)
        self._key_file = read_key_file(self._layout.key_path)

    def remember_key(self, store: SecretStore) -> bool:
        """Cache the data key in ``store`` (the OS keyring). ``False``, and nothing stored, if it is not secure."""
        if not store.is_secure:
            return False
        try:
            store.set_secret(_keyring_name(self.vault_id), b64url_encode(self._data_key))
        except SecretStoreError:
            return False
        return True

    def forget_key(self, store: SecretStore) -> None:
        """Remove this vault's cached key from ``store`` (e.g. "lock on exit", sign-out)."""
        store.delete_secret(_keyring_name(self.vault_id))

    def close(self) -> None:
        """Close every connection and drop the key reference; further use raises."""
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
        self.blobs.close()
        self._data_key = b""

    def __enter__(self) -> Vault:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def change_password(
    folder: Path,
    old_password: str,
    new_password: str,
    *,
    kdf: KdfPolicy | None = None,
    now: Callable[[], datetime] = _utcnow,
) -> None:
    """Rewrap the data key under ``new_password``; only the key file is replaced (atomically).

    ``kdf`` makes the new parameters; by default the current costs are kept with a fresh salt.
    Raises :class:`WrongPasswordError` for a wrong ``old_password`` (nothing written),
    ``ValueError`` for an empty new password, :class:`VaultNotFoundError` / :class:`VaultCorruptError`.
    """
    if not new_password:
        raise ValueError("the vault password must not be empty")
    layout = VaultLayout(Path(folder))
    key_file = read_key_file(layout.key_path)
    data_key = key_file.unwrap(old_password)
    policy = kdf if kdf is not None else same_costs_policy(key_file.kdf)
    write_key_file(layout.key_path, key_file.rewrapped(data_key, new_password, policy, now()))
