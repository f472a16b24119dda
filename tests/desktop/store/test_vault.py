"""Vault life cycle against the real sqlcipher3: create, unlock, wrong password, password change, key checks."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from desktop.store.errors import VaultCorruptError, VaultExistsError, VaultNotFoundError, WrongPasswordError
from desktop.store.keyfile import KdfPolicy, read_key_file
from desktop.store.models import Entry, SyncState, Vehicle
from desktop.store.vault import DB_FILE_NAME, KEY_FILE_NAME, Vault, change_password, vault_exists
from tests.desktop.store.conftest import PASSWORD, snapshot


def add_vehicle(vault: Vault, nickname: str = "Blue Golf") -> str:
    with vault.session() as session, session.begin():
        vehicle = Vehicle(vin="WVWZZZ1JZXW000001", vin_masked="WVW***0001", nickname=nickname)
        session.add(vehicle)
        session.flush()
        return vehicle.id


class TestCreateAndUnlock:
    def test_round_trip_keeps_rows_and_client_id(self, vault_dir: Path, tiny_kdf: KdfPolicy) -> None:
        with Vault.create(vault_dir, PASSWORD, kdf=tiny_kdf) as created:
            vehicle_id = add_vehicle(created)
            with created.session() as session:
                client_id = session.execute(select(SyncState.client_id)).scalar_one()
        assert vault_exists(vault_dir)

        for _ in range(2):  # reopen twice: unlocking is repeatable and changes nothing it should not
            with Vault.unlock(vault_dir, PASSWORD) as reopened, reopened.session() as session:
                assert session.get(Vehicle, vehicle_id) is not None
                assert session.execute(select(SyncState.client_id)).scalar_one() == client_id

    def test_vault_files_are_owner_only(self, vault: Vault) -> None:
        if sys.platform.startswith("win"):
            pytest.skip("POSIX permissions")
        assert (vault.folder / KEY_FILE_NAME).stat().st_mode & 0o077 == 0
        assert vault.folder.stat().st_mode & 0o077 == 0

    def test_create_refuses_an_existing_vault(self, vault: Vault, tiny_kdf: KdfPolicy) -> None:
        before = snapshot(vault.folder)
        with pytest.raises(VaultExistsError):
            Vault.create(vault.folder, "another password", kdf=tiny_kdf)
        assert snapshot(vault.folder) == before

    def test_create_refuses_an_empty_password(self, vault_dir: Path, tiny_kdf: KdfPolicy) -> None:
        with pytest.raises(ValueError, match="empty"):
            Vault.create(vault_dir, "", kdf=tiny_kdf)
        assert not vault_exists(vault_dir)

    def test_unlock_empty_folder_is_not_found(self, tmp_path: Path) -> None:
        with pytest.raises(VaultNotFoundError):
            Vault.unlock(tmp_path, PASSWORD)

    def test_unlock_without_database_is_not_found(self, vault: Vault) -> None:
        vault.close()
        (vault.folder / DB_FILE_NAME).unlink()
        with pytest.raises(VaultNotFoundError):
            Vault.unlock(vault.folder, PASSWORD)

    def test_closed_vault_refuses_sessions(self, vault: Vault) -> None:
        vault.close()
        assert vault.closed
        with pytest.raises(RuntimeError, match="closed"):
            vault.session()


class TestWrongPassword:
    def test_wrong_password_raises_and_leaves_every_byte(self, vault: Vault) -> None:
        add_vehicle(vault)
        vault.blobs.put_bytes(b"%PDF-1.4 some document")
        vault.close()
        before = snapshot(vault.folder)

        with pytest.raises(WrongPasswordError):
            Vault.unlock(vault.folder, "wrong password")
        with pytest.raises(WrongPasswordError):
            Vault.unlock(vault.folder, "")

        assert snapshot(vault.folder) == before

    def test_tampered_kdf_parameters_fail_like_a_wrong_password(self, vault: Vault) -> None:
        vault.close()
        key_path = vault.folder / KEY_FILE_NAME
        body = json.loads(key_path.read_text())
        body["kdf"]["time_cost"] = 2
        key_path.write_text(json.dumps(body))
        with pytest.raises(WrongPasswordError):
            Vault.unlock(vault.folder, PASSWORD)


class TestChangePassword:
    def test_old_fails_new_works_database_untouched(self, vault: Vault) -> None:
        vehicle_id = add_vehicle(vault)
        sha = vault.blobs.put_bytes(b"invoice").sha256
        vault.close()
        db_before = (vault.folder / DB_FILE_NAME).read_bytes()
        blobs_before = snapshot(vault.folder / "blobs")
        old_key_file = read_key_file(vault.folder / KEY_FILE_NAME)

        change_password(vault.folder, PASSWORD, "a much better passphrase")

        new_key_file = read_key_file(vault.folder / KEY_FILE_NAME)
        assert (vault.folder / DB_FILE_NAME).read_bytes() == db_before
        assert snapshot(vault.folder / "blobs") == blobs_before
        assert new_key_file.kdf.salt != old_key_file.kdf.salt
        assert new_key_file.wrapped_key != old_key_file.wrapped_key
        assert (new_key_file.vault_id, new_key_file.key_id) == (old_key_file.vault_id, old_key_file.key_id)
        with pytest.raises(WrongPasswordError):
            Vault.unlock(vault.folder, PASSWORD)
        with Vault.unlock(vault.folder, "a much better passphrase") as reopened:
            with reopened.session() as session:
                assert session.get(Vehicle, vehicle_id) is not None
            assert reopened.blobs.read_bytes(sha) == b"invoice"
        assert not list(vault.folder.glob(".*.tmp"))  # the atomic write left no temp file

    def test_on_an_open_vault_keeps_it_usable(self, vault: Vault, tiny_kdf: KdfPolicy) -> None:
        vault.change_password(PASSWORD, "second password", kdf=tiny_kdf)
        add_vehicle(vault)
        vault.close()
        with Vault.unlock(vault.folder, "second password"):
            pass

    def test_wrong_old_password_changes_nothing(self, vault: Vault) -> None:
        vault.close()
        before = snapshot(vault.folder)
        with pytest.raises(WrongPasswordError):
            change_password(vault.folder, "not it", "new password")
        assert snapshot(vault.folder) == before

    def test_empty_new_password_is_refused(self, vault: Vault) -> None:
        vault.close()
        before = snapshot(vault.folder)
        with pytest.raises(ValueError, match="empty"):
            change_password(vault.folder, PASSWORD, "")
        assert snapshot(vault.folder) == before


class TestKeyAndDatabaseChecks:
    def test_plain_sqlite_cannot_read_the_database(self, vault: Vault) -> None:
        add_vehicle(vault)
        vault.close()
        conn = sqlite3.connect(vault.folder / DB_FILE_NAME)
        try:
            with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
                conn.execute("SELECT * FROM sqlite_master").fetchall()
        finally:
            conn.close()

    def test_key_file_of_another_vault_is_corrupt(self, tmp_path: Path, tiny_kdf: KdfPolicy) -> None:
        Vault.create(tmp_path / "a", PASSWORD, kdf=tiny_kdf).close()
        Vault.create(tmp_path / "b", PASSWORD, kdf=tiny_kdf).close()
        (tmp_path / "b" / KEY_FILE_NAME).write_bytes((tmp_path / "a" / KEY_FILE_NAME).read_bytes())
        with pytest.raises(VaultCorruptError):
            Vault.unlock(tmp_path / "b", PASSWORD)

    def test_damaged_database_is_corrupt(self, vault: Vault) -> None:
        vault.close()
        db_path = vault.folder / DB_FILE_NAME
        data = bytearray(db_path.read_bytes())
        data[20:40] = bytes(20)  # inside page 1, after SQLCipher's 16-byte salt
        db_path.write_bytes(bytes(data))
        with pytest.raises(VaultCorruptError):
            Vault.unlock(vault.folder, PASSWORD)

    def test_garbled_key_file_is_corrupt(self, vault: Vault) -> None:
        vault.close()
        (vault.folder / KEY_FILE_NAME).write_text("{not json")
        with pytest.raises(VaultCorruptError):
            Vault.unlock(vault.folder, PASSWORD)

    def test_constraints_and_foreign_keys_are_enforced(self, vault: Vault) -> None:
        with pytest.raises(IntegrityError, match="FOREIGN KEY"), vault.session() as session, session.begin():
            session.add(
                Entry(
                    vehicle_id="no-such-vehicle",
                    entry_group_id="g",
                    date="2025-01-01",
                    type="Inspektion",
                    performed_by="Werkstatt",
                    km=10,
                )
            )


def test_store_modules_import_no_qt() -> None:
    code = (
        "import sys, desktop.store.vault, desktop.store.blobs, desktop.paths, desktop.credentials\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6') or m.startswith('syncserver')]\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
