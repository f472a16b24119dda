"""DeferredSecretStore: the secret store opens on first use, once, whichever thread asks first."""

from __future__ import annotations

import threading

import pytest

from desktop.credentials import (
    DeferredSecretStore,
    MemorySecretStore,
    SecretStore,
    SecretStoreError,
    UnavailableSecretStore,
)


def test_opens_on_first_use_and_only_once() -> None:
    opened: list[SecretStore] = []

    def opener() -> SecretStore:
        store = MemorySecretStore()
        opened.append(store)
        return store

    deferred = DeferredSecretStore(opener)
    assert opened == []  # making it opens nothing
    deferred.set_secret("a", "1")
    assert deferred.get_secret("a") == "1"
    assert deferred.is_secure
    assert deferred.fallback_reason is None
    deferred.delete_secret("a")
    assert deferred.get_secret("a") is None
    assert len(opened) == 1
    assert isinstance(deferred, SecretStore)


def test_concurrent_first_uses_open_one_store() -> None:
    calls: list[int] = []
    gate = threading.Event()

    def opener() -> SecretStore:
        calls.append(1)
        gate.wait(0.2)
        return MemorySecretStore()

    deferred = DeferredSecretStore(opener)
    seen: list[SecretStore] = []
    threads = [threading.Thread(target=lambda: seen.append(deferred.store)) for _ in range(4)]
    for thread in threads:
        thread.start()
    gate.set()
    for thread in threads:
        thread.join()
    assert len(calls) == 1
    assert len({id(store) for store in seen}) == 1


def test_an_unavailable_store_stays_visible_through_it() -> None:
    deferred = DeferredSecretStore(lambda: UnavailableSecretStore("no keyring"))
    assert not deferred.is_secure
    assert deferred.fallback_reason == "no keyring"
    with pytest.raises(SecretStoreError):
        deferred.set_secret("a", "1")
