"""desktop.credentials: backends and the visible fallback (kept here because the vault is its first user)."""

from __future__ import annotations

import pytest
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail
from keyring.errors import KeyringError, PasswordDeleteError

from desktop.credentials import (
    KeyringSecretStore,
    MemorySecretStore,
    SecretStore,
    SecretStoreError,
    UnavailableSecretStore,
    insecure_reason,
    open_secret_store,
)


class DictKeyring(KeyringBackend):
    """A stand-in for an OS keyring: positive priority, secrets in a dict."""

    priority = 5

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.items: dict[tuple[str, str], str] = {}
        self.broken = False

    def get_password(self, service: str, username: str) -> str | None:
        if self.broken:
            raise KeyringError("D-Bus went away")
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        if self.broken:
            raise KeyringError("D-Bus went away")
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.items:
            raise PasswordDeleteError("missing")
        del self.items[(service, username)]


class PlaintextFileKeyring(DictKeyring):
    """Pretends to be keyrings.alt's plaintext file backend."""


PlaintextFileKeyring.__module__ = "keyrings.alt.file"


def test_memory_store_round_trip() -> None:
    store = MemorySecretStore()
    assert isinstance(store, SecretStore)
    assert store.is_secure
    assert store.fallback_reason is None
    store.set_secret("token", "abc")
    assert store.get_secret("token") == "abc"
    store.delete_secret("token")
    store.delete_secret("token")
    assert store.get_secret("token") is None


def test_unavailable_store_is_visible_and_refuses_writes() -> None:
    store = UnavailableSecretStore("no keyring")
    assert isinstance(store, SecretStore)
    assert not store.is_secure
    assert store.fallback_reason == "no keyring"
    assert store.get_secret("x") is None
    with pytest.raises(SecretStoreError):
        store.set_secret("x", "y")


def test_keyring_store_round_trip_on_a_secure_backend() -> None:
    backend = DictKeyring()
    store = open_secret_store(backend)
    assert isinstance(store, KeyringSecretStore)
    assert store.is_secure
    store.set_secret("refresh-token", "r1")
    assert store.get_secret("refresh-token") == "r1"
    assert backend.items == {("LifeTimeCircle Service Heft", "refresh-token"): "r1"}
    store.delete_secret("refresh-token")
    store.delete_secret("refresh-token")  # deleting a missing secret is not an error
    assert store.get_secret("refresh-token") is None


def test_keyring_failures_become_secret_store_errors() -> None:
    backend = DictKeyring()
    backend.broken = True
    store = KeyringSecretStore(backend)
    with pytest.raises(SecretStoreError):
        store.get_secret("x")
    with pytest.raises(SecretStoreError):
        store.set_secret("x", "y")


@pytest.mark.parametrize(
    ("backend", "reason_part"),
    [
        (
            fail.Keyring(),  # type: ignore[no-untyped-call]
            "keyring.backends.fail",
        ),
        (PlaintextFileKeyring(), "keyrings.alt.file"),
        (
            chainer.ChainerBackend(),  # type: ignore[no-untyped-call]
            "",
        ),
    ],
)
def test_insecure_backends_fall_back_visibly(backend: KeyringBackend, reason_part: str) -> None:
    store = open_secret_store(backend)
    assert isinstance(store, UnavailableSecretStore)
    assert store.fallback_reason is not None
    assert reason_part in store.fallback_reason


def test_an_insecure_keyring_store_refuses_to_write() -> None:
    store = KeyringSecretStore(PlaintextFileKeyring())
    assert not store.is_secure
    with pytest.raises(SecretStoreError, match="refusing"):
        store.set_secret("data-key", "secret")


class FakeChainer(DictKeyring):
    """Shaped like keyring's ChainerBackend: a ``backends`` list it delegates to."""

    def __init__(self, members: list[KeyringBackend]) -> None:
        super().__init__()
        self.backends = members


def test_chainer_is_secure_only_if_every_member_is() -> None:
    assert insecure_reason(FakeChainer([DictKeyring()])) is None
    assert insecure_reason(FakeChainer([DictKeyring(), PlaintextFileKeyring()])) is not None
    assert insecure_reason(FakeChainer([])) == "no OS keyring backend is available"
