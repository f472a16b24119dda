"""Secrets (tokens, the vault's data key) through a small keyring interface with a visible fallback.

Backends:

- :class:`KeyringSecretStore`: the OS keyring through the ``keyring`` library (Windows Credential Manager,
  macOS Keychain, Secret Service / KWallet on Linux).
- :class:`MemorySecretStore`: a dict, for tests (and a session-only cache).
- :class:`UnavailableSecretStore`: what :func:`open_secret_store` returns when no secure backend exists.
  It stores nothing, its ``is_secure`` is false and ``fallback_reason`` says why, so the UI can show
  "your key cannot be remembered on this machine". Nothing is ever written in clear to a file instead.
- :class:`DeferredSecretStore`: opens the store on first use, so that the app's start neither imports
  ``keyring`` (with its helpers, ~50 ms) nor discovers the OS backend on the GUI thread.

Contract: every method may be called from any thread, but the OS backends can be slow (D-Bus): call them
on the DB worker, never on the GUI thread. Failures of the OS keyring raise :class:`SecretStoreError`.
``keyring`` is imported where it is used, not with this module.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

SERVICE_NAME = "LifeTimeCircle Service Heft"

# Backends that are present but do not keep secrets safely (or at all).
_INSECURE_MODULE_PREFIXES = (
    "keyring.backends.fail",
    "keyring.backends.null",
    "keyrings.alt",  # plaintext / "encrypted" files that prompt on a terminal: neither fits a desktop app
)


class SecretStoreError(Exception):
    """The secret store failed or is not available for writing."""


@runtime_checkable
class SecretStore(Protocol):
    """Named string secrets. ``get_secret`` answers ``None`` for a missing name."""

    @property
    def is_secure(self) -> bool: ...

    @property
    def fallback_reason(self) -> str | None: ...

    def get_secret(self, name: str) -> str | None: ...

    def set_secret(self, name: str, value: str) -> None: ...

    def delete_secret(self, name: str) -> None: ...


class MemorySecretStore:
    """Process memory only; ``is_secure`` is true because nothing reaches the disk."""

    def __init__(self) -> None:
        self._items: dict[str, str] = {}

    @property
    def is_secure(self) -> bool:
        return True

    @property
    def fallback_reason(self) -> str | None:
        return None

    def get_secret(self, name: str) -> str | None:
        return self._items.get(name)

    def set_secret(self, name: str, value: str) -> None:
        self._items[name] = value

    def delete_secret(self, name: str) -> None:
        self._items.pop(name, None)

    def names(self) -> list[str]:
        """The stored names (for tests and diagnostics; never the values)."""
        return sorted(self._items)


class UnavailableSecretStore:
    """No secure backend: remembers nothing, refuses writes, and says why."""

    def __init__(self, reason: str) -> None:
        self._reason = reason

    @property
    def is_secure(self) -> bool:
        return False

    @property
    def fallback_reason(self) -> str | None:
        return self._reason

    def get_secret(self, name: str) -> str | None:
        return None

    def set_secret(self, name: str, value: str) -> None:
        raise SecretStoreError(f"no secure secret store: {self._reason}")

    def delete_secret(self, name: str) -> None:
        return None


class KeyringSecretStore:
    """The OS keyring; every secret is filed under ``service`` with the given name."""

    def __init__(self, backend: KeyringBackend | None = None, service: str = SERVICE_NAME) -> None:
        if backend is None:
            import keyring  # noqa: PLC0415 - see the module docstring

            backend = keyring.get_keyring()
        self._backend = backend
        self._service = service

    @property
    def backend_name(self) -> str:
        return f"{type(self._backend).__module__}.{type(self._backend).__name__}"

    @property
    def is_secure(self) -> bool:
        return insecure_reason(self._backend) is None

    @property
    def fallback_reason(self) -> str | None:
        return insecure_reason(self._backend)

    def get_secret(self, name: str) -> str | None:
        from keyring.errors import KeyringError  # noqa: PLC0415

        try:
            return self._backend.get_password(self._service, name)
        except KeyringError as exc:
            raise SecretStoreError(f"keyring read failed: {exc}") from exc

    def set_secret(self, name: str, value: str) -> None:
        from keyring.errors import KeyringError  # noqa: PLC0415

        reason = insecure_reason(self._backend)
        if reason is not None:
            raise SecretStoreError(f"refusing to store a secret: {reason}")
        try:
            self._backend.set_password(self._service, name, value)
        except KeyringError as exc:
            raise SecretStoreError(f"keyring write failed: {exc}") from exc

    def delete_secret(self, name: str) -> None:
        from keyring.errors import KeyringError, PasswordDeleteError  # noqa: PLC0415

        try:
            self._backend.delete_password(self._service, name)
        except PasswordDeleteError:
            return None  # already gone
        except KeyringError as exc:
            raise SecretStoreError(f"keyring delete failed: {exc}") from exc


def insecure_reason(backend: KeyringBackend) -> str | None:
    """Why ``backend`` must not hold secrets, or ``None`` when it is an acceptable OS keyring."""
    module = type(backend).__module__
    name = f"{module}.{type(backend).__name__}"
    if module.startswith(_INSECURE_MODULE_PREFIXES):
        return f"keyring backend {name} is not a secure OS keyring"
    children = getattr(backend, "backends", None)
    if children is not None:  # keyring's ChainerBackend: secure only if every member is
        members = list(children)
        if not members:
            return "no OS keyring backend is available"
        for member in members:
            reason = insecure_reason(member)
            if reason is not None:
                return reason
        return None
    try:
        priority = float(backend.priority)
    except Exception:  # a backend's priority may probe the system and fail
        return f"keyring backend {name} is not usable"
    if priority <= 0:
        return f"keyring backend {name} is not usable (priority {priority:g})"
    return None


def open_secret_store(backend: KeyringBackend | None = None) -> SecretStore:
    """The OS keyring when it is secure, else an :class:`UnavailableSecretStore` naming the reason."""
    try:
        if backend is None:
            import keyring  # noqa: PLC0415 - see the module docstring

            backend = keyring.get_keyring()
        chosen = backend
    except Exception as exc:  # keyring's backend discovery can fail on broken D-Bus setups
        return UnavailableSecretStore(f"keyring could not be initialised: {exc}")
    reason = insecure_reason(chosen)
    if reason is not None:
        return UnavailableSecretStore(reason)
    return KeyringSecretStore(chosen)


class DeferredSecretStore:
    """A :class:`SecretStore` opened by ``opener`` on first use (once, from whichever thread asks first).

    The app starts with ``DeferredSecretStore(open_secret_store)``: the keyring loads on the DB worker when the
    cached key or the refresh token is first needed, or when a screen asks ``is_secure``.
    """

    def __init__(self, opener: Callable[[], SecretStore]) -> None:
        self._opener = opener
        self._store: SecretStore | None = None
        self._lock = threading.Lock()

    @property
    def store(self) -> SecretStore:
        with self._lock:
            if self._store is None:
                self._store = self._opener()
            return self._store

    @property
    def is_secure(self) -> bool:
        return self.store.is_secure

    @property
    def fallback_reason(self) -> str | None:
        return self.store.fallback_reason

    def get_secret(self, name: str) -> str | None:
        return self.store.get_secret(name)

    def set_secret(self, name: str, value: str) -> None:
        self.store.set_secret(name, value)

    def delete_secret(self, name: str) -> None:
        self.store.delete_secret(name)
