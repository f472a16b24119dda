"""SQLCipher engine for the vault and the start-up migration with a backup copy first.

The database is SQLCipher 4 (``sqlcipher3``) keyed with the raw 256-bit data key
(``PRAGMA key = "x'<hex>'"``): SQLCipher's own passphrase KDF is skipped, the password KDF lives in the
key file (``desktop.store.keyfile``). SQLAlchemy gets connections from a ``creator`` so the key never
appears in a URL, log line or ``repr``.

Page format (:class:`CipherSettings`, recorded in the key file): AES-256-CBC with an HMAC over every page
(``cipher_use_hmac`` is never turned off). Vaults made since key file version 2 use HMAC-SHA256
(:data:`VAULT_CIPHER`); older vaults keep SQLCipher 4's defaults, HMAC-SHA512 (:data:`LEGACY_CIPHER`), and
are opened with them. HMAC-SHA256 with the 256-bit HMAC key SQLCipher derives from the data key is as
strong an integrity check as a page needs, and costs about a quarter less per page (x86 has SHA-256
instructions, not SHA-512 ones); a full pull writes ~20,000 pages.

Threading: the engine may be used from any thread, but the app funnels all DB work through one worker
(CONVENTIONS item 3). Journal mode is WAL (``vault.db-wal``, encrypted by SQLCipher like the database;
``-shm`` holds only the WAL index). When the last connection closes, SQLite checkpoints and removes the WAL,
so with every connection closed (backups dispose the engine first) the single ``vault.db`` file is complete.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlcipher3
from sqlalchemy import Engine, create_engine, event, inspect

from desktop.store.driver_guard import protect_none
from desktop.store.errors import VaultCorruptError, VaultError
from desktop.store.fsutil import atomic_copy
from desktop.store.revisions import script_head, stored_revisions

if TYPE_CHECKING:
    from alembic.config import Config

KEY_BYTES = 32
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
DEFAULT_KEEP_BACKUPS = 5
BACKUP_SUFFIX = ".db"
#: Page cache per connection in KiB (SQLite's default is 2 MiB): a pulled page rewrites index pages all over the
#: replica, and every page read back after eviction is decrypted again.
CACHE_KIB = 16 * 1024


class VaultTooNewError(VaultError):
    """The database was migrated by a newer app version; this version must not touch it."""


#: HMAC algorithms a vault may use (SQLCipher's names); SHA-1 is never written nor accepted.
HMAC_ALGORITHMS = ("HMAC_SHA256", "HMAC_SHA512")
PAGE_SIZES = (4096, 8192, 16384)


@dataclass(frozen=True, slots=True)
class CipherSettings:
    """The SQLCipher page format of one vault database; it must be known to open the database."""

    page_size: int
    hmac_algorithm: str

    def __post_init__(self) -> None:
        # both end up in PRAGMA statements: only known values
        if self.page_size not in PAGE_SIZES:
            raise ValueError(f"unsupported cipher page size {self.page_size!r}")
        if self.hmac_algorithm not in HMAC_ALGORITHMS:
            raise ValueError(f"unsupported cipher HMAC algorithm {self.hmac_algorithm!r}")

    def pragmas(self) -> tuple[str, ...]:
        """Run after ``cipher_compatibility = 4`` (which resets every cipher setting to SQLCipher 4's)."""
        return (
            f"PRAGMA cipher_page_size = {self.page_size}",
            f"PRAGMA cipher_hmac_algorithm = {self.hmac_algorithm}",
        )


#: SQLCipher 4's defaults: every vault made before key file version 2.
LEGACY_CIPHER = CipherSettings(page_size=4096, hmac_algorithm="HMAC_SHA512")
#: What a new vault gets. 4 KiB pages stay: with 8 or 16 KiB pages a full pull writes about as many bytes
#: (fewer, larger pages) and its apply cost the same within 3%, encrypted or not (bench/README, "SQLCipher
#: page format").
VAULT_CIPHER = CipherSettings(page_size=4096, hmac_algorithm="HMAC_SHA256")


def _unchanged(value: Any) -> Any:
    return value


def _direct_binding(module: Any) -> None:
    """Bind ``None`` and ``bool`` parameters without the driver's adaptation probe.

    Both drivers bind only exact int/float/str/bytearray values directly; any other value (``None``, ``True``)
    first goes through the PEP 246 adapter lookup, which in ``sqlcipher3`` raises and formats two
    AttributeErrors per value: ~1 us per value there, ~0.35 us in the stdlib driver, ~0.15 us with an adapter
    (measured). A pulled entry binds 8 such values (NULLs, flags), 400,000 in a full pull. A registered
    adapter is found first; it binds what the driver would bind anyway (NULL, 0/1). Idempotent; module-wide
    for ``module``, which the desktop uses for its own databases only.
    """
    module.register_adapter(type(None), _unchanged)
    module.register_adapter(bool, int)


def _key_pragma(key: bytes) -> str:
    if len(key) != KEY_BYTES:
        raise ValueError("the SQLCipher key must be 32 bytes")
    return f"PRAGMA key = \"x'{key.hex()}'\""


def _common_pragmas(conn: Any) -> None:
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA temp_store = MEMORY")  # no temporary files beside the vault
    # WAL with synchronous=NORMAL: a commit appends its pages to the WAL without an fsync (checkpoints sync);
    # a crash or kill -9 keeps every committed transaction, a power cut at most the last ones, never consistency
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")


def connect_sqlcipher(path: Path, key: bytes, cipher: CipherSettings = VAULT_CIPHER) -> sqlcipher3.Connection:
    """A raw ``sqlcipher3`` connection keyed with ``key`` (SQLCipher 4 format, no KDF) and ``cipher``'s page format.

    Keying cannot fail by itself; the first read raises ``sqlcipher3.DatabaseError`` for a wrong key or a
    database written with another page format.
    """
    protect_none()  # sqlcipher3 leaks references to None on Python < 3.12 (see driver_guard)
    _direct_binding(sqlcipher3)
    conn = sqlcipher3.connect(str(path), check_same_thread=False)
    try:
        conn.execute(_key_pragma(key))
        conn.execute("PRAGMA cipher_compatibility = 4")
        for pragma in cipher.pragmas():
            conn.execute(pragma)
        _common_pragmas(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def check_key(path: Path, key: bytes, cipher: CipherSettings = VAULT_CIPHER) -> None:
    """Raise :class:`VaultCorruptError` unless ``key`` (with ``cipher``'s page format) opens the database."""
    try:
        conn = connect_sqlcipher(path, key, cipher)
    except sqlcipher3.DatabaseError as exc:
        raise VaultCorruptError(f"cannot open the vault database: {exc}") from None
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as exc:
        raise VaultCorruptError(f"the vault database does not open with its key: {exc}") from None
    finally:
        conn.close()


def _sqlite_begin_fix(engine: Engine) -> None:
    """Let SQLAlchemy, not the driver, emit BEGIN, so transactions (and DDL in them) behave as written."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, connection_record: Any) -> None:
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN")


def sqlcipher_engine(path: Path, key: bytes, *, cipher: CipherSettings = VAULT_CIPHER, echo: bool = False) -> Engine:
    """An engine on the encrypted database at ``path`` (created on first write if missing, in ``cipher``'s
    page format: pass the vault's own, see :class:`CipherSettings`)."""
    key = bytes(key)
    _key_pragma(key)  # validate now, not on first connect

    def creator() -> sqlcipher3.Connection:
        return connect_sqlcipher(path, key, cipher)

    engine = create_engine("sqlite://", creator=creator, module=sqlcipher3, echo=echo)
    _sqlite_begin_fix(engine)
    return engine


def plain_sqlite_engine(path: Path, *, page_size: int | None = None, echo: bool = False) -> Engine:
    """An unencrypted engine with the same pragmas and parameter binding (benchmarks and comparisons only; never
    for user data). ``page_size`` applies to a new database (compare with a vault of that cipher page size)."""
    _direct_binding(sqlite3)

    def creator() -> sqlite3.Connection:
        conn = sqlite3.connect(str(path), check_same_thread=False)
        if page_size is not None:
            conn.execute(f"PRAGMA page_size = {int(page_size)}")  # before WAL: fixed once the file is written
        _common_pragmas(conn)
        return conn

    engine = create_engine("sqlite://", creator=creator, echo=echo)
    _sqlite_begin_fix(engine)
    return engine


@dataclass(frozen=True, slots=True)
class MigrationResult:
    """What :func:`migrate` did: revisions before/after, and the backup it made (``None``: none needed)."""

    from_revision: str | None
    to_revision: str | None
    backup: Path | None

    @property
    def changed(self) -> bool:
        return self.from_revision != self.to_revision


def alembic_config(script_location: Path | None = None) -> Config:
    from alembic.config import Config  # noqa: PLC0415 - Alembic loads only when a migration is due

    cfg = Config()
    cfg.set_main_option("script_location", str(script_location or MIGRATIONS_DIR))
    return cfg


def head_revision(script_location: Path | None = None) -> str | None:
    from alembic.script import ScriptDirectory  # noqa: PLC0415

    return ScriptDirectory.from_config(alembic_config(script_location)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext  # noqa: PLC0415

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _has_user_tables(engine: Engine) -> bool:
    with engine.connect() as conn:
        return any(name != "alembic_version" for name in inspect(conn).get_table_names())


def make_backup(db_path: Path, backup_dir: Path, label: str, now: datetime, keep: int) -> Path:
    """Copy the (closed) database file to ``backup_dir`` and drop all but the newest ``keep`` backups.

    The copy is still SQLCipher-encrypted with the same key: a backup needs the same password.
    """
    backup_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = backup_dir / f"{db_path.stem}-{stamp}-{label}{BACKUP_SUFFIX}"
    atomic_copy(db_path, target)
    prune_backups(backup_dir, db_path.stem, keep)
    return target


def list_backups(backup_dir: Path, stem: str) -> list[Path]:
    """Backups of ``stem``, oldest first (names carry a sortable UTC timestamp)."""
    if not backup_dir.is_dir():
        return []
    return sorted(p for p in backup_dir.glob(f"{stem}-*{BACKUP_SUFFIX}") if p.is_file())


def prune_backups(backup_dir: Path, stem: str, keep: int) -> None:
    backups = list_backups(backup_dir, stem)
    for old in backups[: max(len(backups) - max(keep, 1), 0)]:
        old.unlink(missing_ok=True)


def migrate(
    engine: Engine,
    db_path: Path,
    backup_dir: Path,
    *,
    keep_backups: int = DEFAULT_KEEP_BACKUPS,
    script_location: Path | None = None,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> MigrationResult:
    """Bring the database to the newest local schema; back the file up first when it holds data.

    - already at head: nothing is written, no backup;
    - brand-new (empty) database: migrated without a backup;
    - otherwise: every pooled connection is closed, the file is copied to ``backup_dir``, then the
      migrations run in one transaction (SQLite DDL is transactional), and old backups are pruned.

    Raises :class:`VaultTooNewError` when the database's revision is unknown to this app version.

    The up-to-date case is answered without importing Alembic (see :mod:`desktop.store.revisions`); Alembic
    is loaded only when the stored revision is not the head of the shipped revision files, or when that
    head cannot be read with certainty.
    """
    head = script_head(script_location or MIGRATIONS_DIR)
    if head is not None and stored_revisions(engine) == (head,):
        return MigrationResult(head, head, None)
    return _migrate_with_alembic(engine, db_path, backup_dir, keep_backups, script_location, now)


def _migrate_with_alembic(
    engine: Engine,
    db_path: Path,
    backup_dir: Path,
    keep_backups: int,
    script_location: Path | None,
    now: Callable[[], datetime],
) -> MigrationResult:
    from alembic import command  # noqa: PLC0415 - Alembic loads only when a migration is due
    from alembic.script import ScriptDirectory  # noqa: PLC0415
    from alembic.util import CommandError  # noqa: PLC0415

    cfg = alembic_config(script_location)
    script = ScriptDirectory.from_config(cfg)
    head = script.get_current_head()
    current = current_revision(engine)
    if current == head:
        return MigrationResult(current, head, None)
    if current is not None:
        try:
            script.get_revision(current)
        except CommandError:
            raise VaultTooNewError(f"the vault schema {current!r} is newer than this app") from None

    backup: Path | None = None
    if current is not None or _has_user_tables(engine):
        engine.dispose()  # all connections closed: the file on disk is complete
        backup = make_backup(db_path, backup_dir, current or "unversioned", now(), keep_backups)

    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return MigrationResult(current, head, backup)
