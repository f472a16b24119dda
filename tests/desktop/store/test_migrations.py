"""Local migrations: schema matches the models, backup before migrating, none when up to date."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from desktop.store.db import (
    MIGRATIONS_DIR,
    VaultTooNewError,
    head_revision,
    list_backups,
    make_backup,
    migrate,
    plain_sqlite_engine,
    sqlcipher_engine,
)
from desktop.store.keyfile import read_key_file
from desktop.store.models import Base, Vehicle
from desktop.store.vault import KEY_FILE_NAME, OpenOptions, Vault
from tests.desktop.store.conftest import PASSWORD

EXTRA_REVISION = '''"""Test-only revision: adds vehicles.colour.

Revision ID: 29990101_0000
Revises: {down}
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "29990101_0000"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("vehicles") as batch:
        batch.add_column(sa.Column("colour", sa.String(32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("vehicles") as batch:
        batch.drop_column("colour")
'''


@pytest.fixture
def newer_migrations(tmp_path: Path) -> Path:
    """The app's migrations plus one more revision, as a next app version would ship them."""
    target = tmp_path / "migrations-next"
    shutil.copytree(MIGRATIONS_DIR, target, ignore=shutil.ignore_patterns("__pycache__"))
    down = head_revision()
    (target / "versions" / "29990101_0000_add_vehicle_colour.py").write_text(EXTRA_REVISION.format(down=down))
    return target


def test_migrations_build_exactly_the_models(tmp_path: Path) -> None:
    engine = plain_sqlite_engine(tmp_path / "schema.db")
    migrate(engine, tmp_path / "schema.db", tmp_path / "backups")
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()


def test_new_vault_is_at_head_without_backup(vault: Vault) -> None:
    assert vault.migration.to_revision == head_revision()
    assert list_backups(vault.layout.backup_dir, "vault") == []


def test_up_to_date_database_makes_no_backup(vault: Vault) -> None:
    vault.close()
    with Vault.unlock(vault.folder, PASSWORD) as reopened:
        assert not reopened.migration.changed
        assert reopened.migration.backup is None
    assert list_backups(vault.layout.backup_dir, "vault") == []


def test_migration_runs_after_a_backup(vault: Vault, newer_migrations: Path) -> None:
    with vault.session() as session, session.begin():
        session.add(Vehicle(vin_masked="WVW***0001", nickname="kept"))
    old_revision = vault.migration.to_revision
    vault.close()
    db_before = vault.layout.db_path.read_bytes()

    options = OpenOptions(script_location=newer_migrations)
    with Vault.unlock(vault.folder, PASSWORD, options=options) as migrated:
        result = migrated.migration
        assert (result.from_revision, result.to_revision) == (old_revision, "29990101_0000")
        assert result.backup is not None
        assert result.backup.read_bytes() == db_before  # the copy is of the file before any change
        with migrated.engine.connect() as conn:
            assert "colour" in {c["name"] for c in inspect(conn).get_columns("vehicles")}
            assert conn.execute(text("SELECT nickname FROM vehicles")).scalar_one() == "kept"

    # the backup is still encrypted, and opens with the vault's data key
    with closing(sqlite3.connect(result.backup)) as plain, pytest.raises(sqlite3.DatabaseError, match="not a database"):
        plain.execute("SELECT * FROM sqlite_master").fetchall()
    data_key = read_key_file(vault.folder / KEY_FILE_NAME).unwrap(PASSWORD)
    backup_engine = sqlcipher_engine(result.backup, data_key)
    with backup_engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == old_revision
    backup_engine.dispose()

    # migrating again: already at head, so no second backup
    with Vault.unlock(vault.folder, PASSWORD, options=options) as again:
        assert again.migration.backup is None
    assert len(list_backups(vault.layout.backup_dir, "vault")) == 1


def test_database_from_a_newer_app_is_refused(vault: Vault) -> None:
    with vault.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffffffff_9999'"))
    vault.close()
    before = vault.layout.db_path.read_bytes()
    with pytest.raises(VaultTooNewError):
        Vault.unlock(vault.folder, PASSWORD)
    assert vault.layout.db_path.read_bytes() == before
    assert list_backups(vault.layout.backup_dir, "vault") == []


def test_only_the_newest_backups_are_kept(tmp_path: Path) -> None:
    db_path = tmp_path / "vault.db"
    backup_dir = tmp_path / "backups"
    start = datetime(2025, 1, 1, tzinfo=UTC)
    for day in range(5):
        db_path.write_bytes(f"version {day}".encode())
        make_backup(db_path, backup_dir, f"rev{day}", start + timedelta(days=day), keep=3)
    kept = list_backups(backup_dir, "vault")
    assert [p.read_bytes() for p in kept] == [b"version 2", b"version 3", b"version 4"]
