"""The vault database's page format (SQLCipher settings) is recorded in the key file; old vaults keep theirs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine

from desktop.store.db import LEGACY_CIPHER, VAULT_CIPHER, CipherSettings, check_key, connect_sqlcipher
from desktop.store.errors import VaultCorruptError
from desktop.store.keyfile import KdfPolicy, read_key_file
from desktop.store.repositories import EntryRepository, VehicleRepository
from desktop.store.vault import KEY_FILE_NAME, Vault
from tests.desktop.store import test_no_plaintext as no_plaintext
from tests.desktop.store.conftest import PASSWORD, snapshot

VIN = "WVWZZZ1JZXW000001"
ENTRY = {"date": "2025-01-02", "type": "inspection", "performed_by": "specialist_workshop", "km": 1000}


def cipher_pragmas(engine: Engine) -> dict[str, str]:
    with engine.connect() as conn:
        return {
            name: str(conn.exec_driver_sql(f"PRAGMA {name}").scalar())
            for name in ("cipher_page_size", "cipher_hmac_algorithm", "cipher_use_hmac", "page_size")
        }


def key_file_body(folder: Path) -> dict[str, object]:
    body = json.loads((folder / KEY_FILE_NAME).read_text())
    assert isinstance(body, dict)
    return body


def test_new_vault_uses_hmac_sha256_pages_and_records_them(vault: Vault) -> None:
    assert VAULT_CIPHER == CipherSettings(page_size=4096, hmac_algorithm="HMAC_SHA256")
    assert vault.cipher == VAULT_CIPHER
    assert cipher_pragmas(vault.engine) == {
        "cipher_page_size": "4096",
        "cipher_hmac_algorithm": "HMAC_SHA256",
        "cipher_use_hmac": "1",
        "page_size": "4096",
    }
    body = key_file_body(vault.folder)
    assert body["version"] == 2
    assert body["database"] == {"cipher_page_size": 4096, "cipher_hmac_algorithm": "HMAC_SHA256"}


def test_new_vault_database_does_not_open_in_the_old_format(vault: Vault) -> None:
    vault.close()
    data_key = read_key_file(vault.folder / KEY_FILE_NAME).unwrap(PASSWORD)
    check_key(vault.layout.db_path, data_key, VAULT_CIPHER)
    with pytest.raises(VaultCorruptError):  # the HMAC of every page is checked with the recorded algorithm
        check_key(vault.layout.db_path, data_key, LEGACY_CIPHER)


def legacy_vault(folder: Path, kdf: KdfPolicy) -> Path:
    """A vault exactly as the app made it before key file version 2: version 1 key file, SQLCipher 4 defaults."""
    vault = Vault.create(folder, PASSWORD, kdf=kdf, cipher=LEGACY_CIPHER)
    vehicle = VehicleRepository(vault).add(VIN, nickname="Golf")
    EntryRepository(vault).add(vehicle.id, **ENTRY)  # type: ignore[arg-type]
    vault.close()
    body = key_file_body(folder)
    assert body["version"] == 1
    assert "database" not in body
    data_key = read_key_file(folder / KEY_FILE_NAME).unwrap(PASSWORD)
    conn = connect_sqlcipher(folder / "vault.db", data_key, LEGACY_CIPHER)
    try:  # SQLCipher 4's own defaults, as a connection without any cipher setting sees them
        assert conn.execute("PRAGMA cipher_default_hmac_algorithm").fetchone() == ("HMAC_SHA512",)
        assert conn.execute("PRAGMA cipher_hmac_algorithm").fetchone() == ("HMAC_SHA512",)
        assert conn.execute("SELECT count(*) FROM entries").fetchone() == (1,)
    finally:
        conn.close()
    return folder


def test_old_vault_opens_in_its_own_format_and_keeps_it(tmp_path: Path, tiny_kdf: KdfPolicy) -> None:
    folder = legacy_vault(tmp_path / "old", tiny_kdf)
    with Vault.unlock(folder, PASSWORD) as vault:
        assert vault.cipher == LEGACY_CIPHER
        assert cipher_pragmas(vault.engine)["cipher_hmac_algorithm"] == "HMAC_SHA512"
        vehicle = VehicleRepository(vault).list()[0]
        assert [e.km for e in EntryRepository(vault).list(vehicle.id)] == [1000]
        EntryRepository(vault).add(vehicle.id, **{**ENTRY, "km": 2000})  # type: ignore[arg-type]
    with Vault.unlock(folder, PASSWORD) as vault:
        assert sorted(e.km for e in EntryRepository(vault).list(VehicleRepository(vault).list()[0].id)) == [1000, 2000]


def test_password_change_of_an_old_vault_keeps_a_version_1_key_file(tmp_path: Path, tiny_kdf: KdfPolicy) -> None:
    folder = legacy_vault(tmp_path / "old", tiny_kdf)
    database = (folder / "vault.db").read_bytes()
    with Vault.unlock(folder, PASSWORD) as vault:
        vault.change_password(PASSWORD, "new password", kdf=tiny_kdf)
        assert vault.cipher == LEGACY_CIPHER
    body = key_file_body(folder)
    assert body["version"] == 1  # still readable by the app versions before the format was recorded
    assert "database" not in body
    assert (folder / "vault.db").read_bytes() == database
    with Vault.unlock(folder, "new password") as vault:
        assert vault.cipher == LEGACY_CIPHER


def test_wrong_password_on_an_old_vault_writes_nothing(tmp_path: Path, tiny_kdf: KdfPolicy) -> None:
    folder = legacy_vault(tmp_path / "old", tiny_kdf)
    before = snapshot(folder)
    with pytest.raises(Exception, match="wrong password"):
        Vault.unlock(folder, "not the password")
    assert snapshot(folder) == before


def test_key_file_naming_another_format_is_corrupt(tmp_path: Path, tiny_kdf: KdfPolicy) -> None:
    folder = legacy_vault(tmp_path / "old", tiny_kdf)
    body = key_file_body(folder)
    body.update(version=2, database={"cipher_page_size": 4096, "cipher_hmac_algorithm": "HMAC_SHA256"})
    (folder / KEY_FILE_NAME).write_text(json.dumps(body))
    before = snapshot(folder)
    with pytest.raises(VaultCorruptError):
        Vault.unlock(folder, PASSWORD)
    assert snapshot(folder) == before


def test_nothing_in_clear_in_an_old_format_vault(tmp_path: Path, tiny_kdf: KdfPolicy) -> None:
    no_plaintext.test_nothing_in_clear_under_the_vault_folder(
        Vault.create(tmp_path / "old", PASSWORD, kdf=tiny_kdf, cipher=LEGACY_CIPHER)
    )


@pytest.mark.parametrize(("page_size", "hmac"), [(1024, "HMAC_SHA256"), (4096, "HMAC_SHA1"), (4096, "x; DROP")])
def test_unknown_settings_are_refused(page_size: int, hmac: str) -> None:
    with pytest.raises(ValueError, match="unsupported"):
        CipherSettings(page_size=page_size, hmac_algorithm=hmac)
