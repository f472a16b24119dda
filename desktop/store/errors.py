"""Errors of the local vault. The UI branches on the type, never on the message."""

from __future__ import annotations


class VaultError(Exception):
    """Base of every vault error."""


class VaultNotFoundError(VaultError):
    """The folder holds no vault (no key file or no database)."""


class VaultExistsError(VaultError):
    """``create`` was asked to overwrite an existing vault."""


class WrongPasswordError(VaultError):
    """The password does not unwrap the data key. Nothing on disk was changed."""


class VaultCorruptError(VaultError):
    """The key file is unreadable, or the database does not open with the unwrapped key."""


class BlobNotFoundError(VaultError):
    """No encrypted file is stored for that SHA-256."""


class BlobCorruptError(VaultError):
    """An encrypted file failed authentication, is truncated, or its content does not match its SHA-256."""
