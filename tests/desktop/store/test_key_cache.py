"""Caching the vault's data key in a secret store (in-memory backend; the OS keyring is not touched)."""

from __future__ import annotations

from desktop.credentials import MemorySecretStore, UnavailableSecretStore
from desktop.store.vault import Vault, change_password
from tests.desktop.store.conftest import PASSWORD, snapshot


def test_remembered_key_unlocks_without_password(vault: Vault) -> None:
    store = MemorySecretStore()
    assert vault.remember_key(store) is True
    assert store.names() == [f"vault-data-key:{vault.vault_id}"]
    vault.close()

    reopened = Vault.unlock_with_cached_key(vault.folder, store)
    assert reopened is not None
    reopened.close()


def test_no_cached_key_gives_none(vault: Vault) -> None:
    vault.close()
    assert Vault.unlock_with_cached_key(vault.folder, MemorySecretStore()) is None


def test_cache_survives_a_password_change(vault: Vault) -> None:
    store = MemorySecretStore()
    vault.remember_key(store)
    vault.close()
    change_password(vault.folder, PASSWORD, "new password")
    reopened = Vault.unlock_with_cached_key(vault.folder, store)
    assert reopened is not None  # the data key did not change, only its wrapping
    reopened.close()


def test_stale_cached_key_is_dropped(vault: Vault) -> None:
    store = MemorySecretStore()
    name = f"vault-data-key:{vault.vault_id}"
    store.set_secret(name, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")  # 32 zero bytes, not this vault's key
    vault.close()
    assert Vault.unlock_with_cached_key(vault.folder, store) is None
    assert store.get_secret(name) is None


def test_garbage_cached_key_is_dropped(vault: Vault) -> None:
    store = MemorySecretStore()
    name = f"vault-data-key:{vault.vault_id}"
    store.set_secret(name, "not base64url!")
    vault.close()
    assert Vault.unlock_with_cached_key(vault.folder, store) is None
    assert store.names() == []


def test_forget_key(vault: Vault) -> None:
    store = MemorySecretStore()
    vault.remember_key(store)
    vault.forget_key(store)
    assert store.names() == []


def test_insecure_store_is_never_written(vault: Vault) -> None:
    fallback = UnavailableSecretStore("no Secret Service on this machine")
    before = snapshot(vault.folder)
    assert vault.remember_key(fallback) is False
    assert fallback.fallback_reason == "no Secret Service on this machine"
    assert snapshot(vault.folder) == before  # and no clear-text substitute appears beside the vault
    vault.close()
    assert Vault.unlock_with_cached_key(vault.folder, fallback) is None
