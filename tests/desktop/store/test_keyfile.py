"""The key file: JSON round trip, strict parsing, wrapping, atomic replacement, KDF policies."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from desktop.store.db import LEGACY_CIPHER, VAULT_CIPHER, CipherSettings
from desktop.store.errors import VaultCorruptError, VaultNotFoundError, WrongPasswordError
from desktop.store.keyfile import (
    KdfPolicy,
    KeyFile,
    read_key_file,
    same_costs_policy,
    tuned_kdf_params,
    write_key_file,
)
from shared.crypto import KdfParams

NOW = datetime(2025, 11, 26, 12, 0, tzinfo=UTC)
DATA_KEY = bytes(range(100, 132))


@pytest.fixture
def key_file(tiny_kdf: KdfPolicy) -> KeyFile:
    return KeyFile.new("pw one", DATA_KEY, tiny_kdf, NOW)


def test_json_round_trip_and_unwrap(key_file: KeyFile, tmp_path: Path) -> None:
    path = tmp_path / "vault.key.json"
    write_key_file(path, key_file)
    loaded = read_key_file(path)
    assert loaded == key_file
    assert loaded.unwrap("pw one") == DATA_KEY
    body = json.loads(path.read_text())
    assert body["format"] == "lifetimecircle-vault-key"
    assert body["version"] == 2
    assert body["database"] == {"cipher_page_size": 4096, "cipher_hmac_algorithm": "HMAC_SHA256"}
    assert loaded.cipher == VAULT_CIPHER
    assert body["kdf"]["algorithm"] == "argon2id"
    assert body["created_at"] == "2025-11-26T12:00:00+00:00"
    assert [p.name for p in tmp_path.iterdir()] == ["vault.key.json"]
    if not sys.platform.startswith("win"):
        assert path.stat().st_mode & 0o777 == 0o600


def test_version_1_files_name_the_old_format_and_stay_version_1(key_file: KeyFile, tmp_path: Path) -> None:
    body = json.loads(key_file.to_json())
    del body["database"]
    body["version"] = 1  # as every key file was written before the database format was recorded
    path = tmp_path / "vault.key.json"
    path.write_text(json.dumps(body))
    loaded = read_key_file(path)
    assert loaded.cipher == LEGACY_CIPHER
    assert loaded.unwrap("pw one") == DATA_KEY
    rewritten = json.loads(loaded.rewrapped(DATA_KEY, "pw two", same_costs_policy(loaded.kdf), NOW).to_json())
    assert rewritten["version"] == 1
    assert "database" not in rewritten


def test_other_formats_round_trip(tiny_kdf: KdfPolicy, tmp_path: Path) -> None:
    cipher = CipherSettings(page_size=8192, hmac_algorithm="HMAC_SHA512")
    path = tmp_path / "vault.key.json"
    write_key_file(path, KeyFile.new("pw", DATA_KEY, tiny_kdf, NOW, cipher))
    assert read_key_file(path).cipher == cipher
    assert json.loads(path.read_text())["version"] == 2


def test_wrong_password(key_file: KeyFile) -> None:
    with pytest.raises(WrongPasswordError):
        key_file.unwrap("pw two")
    with pytest.raises(WrongPasswordError):
        key_file.unwrap("")


def test_rewrap_keeps_ids_and_key(key_file: KeyFile, tiny_kdf: KdfPolicy) -> None:
    later = datetime(2026, 1, 1, tzinfo=UTC)
    rewrapped = key_file.rewrapped(DATA_KEY, "pw two", tiny_kdf, later)
    assert (rewrapped.vault_id, rewrapped.key_id, rewrapped.created_at) == (
        key_file.vault_id,
        key_file.key_id,
        key_file.created_at,
    )
    assert rewrapped.updated_at == "2026-01-01T00:00:00+00:00"
    assert rewrapped.unwrap("pw two") == DATA_KEY
    with pytest.raises(WrongPasswordError):
        rewrapped.unwrap("pw one")


def test_same_costs_policy_changes_only_the_salt(key_file: KeyFile) -> None:
    params = same_costs_policy(key_file.kdf)()
    assert params.salt != key_file.kdf.salt
    assert (params.time_cost, params.memory_cost, params.parallelism) == (
        key_file.kdf.time_cost,
        key_file.kdf.memory_cost,
        key_file.kdf.parallelism,
    )


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(VaultNotFoundError):
        read_key_file(tmp_path / "nope.json")


def _set(name: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(body: dict[str, Any]) -> None:
        body[name] = value

    return change


def _drop(name: str) -> Callable[[dict[str, Any]], None]:
    def change(body: dict[str, Any]) -> None:
        del body[name]

    return change


def _database(name: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(body: dict[str, Any]) -> None:
        body["database"][name] = value

    return change


def _kdf(name: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(body: dict[str, Any]) -> None:
        body["kdf"][name] = value

    return change


@pytest.mark.parametrize(
    "damage",
    [
        _set("format", "something-else"),
        _set("version", 3),
        _set("version", "2"),
        _set("version", True),
        _drop("database"),
        _set("database", None),
        _database("cipher_hmac_algorithm", "HMAC_SHA1"),
        _database("cipher_hmac_algorithm", "HMAC_SHA256; PRAGMA cipher_use_hmac = OFF"),
        _database("cipher_page_size", 1000),
        _database("cipher_page_size", "4096"),
        _database("cipher_use_hmac", 0),
        _drop("vault_id"),
        _drop("kdf"),
        _set("kdf", "argon2id"),
        _set("wrapped_key", "AAAA"),
        _set("wrapped_key", "not base64 !"),
        _kdf("algorithm", "scrypt"),
        _kdf("time_cost", 0),
        _kdf("memory_cost_kib", 10**9),
        _kdf("salt", "c2hvcnQ"),
    ],
)
def test_malformed_key_files_are_corrupt(
    key_file: KeyFile, tmp_path: Path, damage: Callable[[dict[str, Any]], None]
) -> None:
    body = json.loads(key_file.to_json())
    damage(body)
    path = tmp_path / "vault.key.json"
    path.write_text(json.dumps(body))
    with pytest.raises(VaultCorruptError):
        read_key_file(path)


@pytest.mark.parametrize("raw", [b"", b"{", b"[]", b"\xff\xfe", b"null"])
def test_non_json_is_corrupt(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "vault.key.json"
    path.write_bytes(raw)
    with pytest.raises(VaultCorruptError):
        read_key_file(path)


def test_failed_write_keeps_the_old_file(key_file: KeyFile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "vault.key.json"
    write_key_file(path, key_file)
    before = path.read_bytes()

    def broken_replace(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("desktop.store.fsutil.os.replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        write_key_file(path, key_file)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["vault.key.json"]


def test_tuned_policy_targets_half_a_second(monkeypatch: pytest.MonkeyPatch, tiny_kdf: KdfPolicy) -> None:
    seen: dict[str, object] = {}
    tiny = tiny_kdf()

    def fake_choose(measure: object, target_seconds: float = 0.5) -> KdfParams:
        seen["target"] = target_seconds
        seen["measure"] = measure
        return tiny

    monkeypatch.setattr("desktop.store.keyfile.choose_kdf_params", fake_choose)
    assert tuned_kdf_params() is tiny
    assert seen["target"] == 0.5
    assert callable(seen["measure"])
