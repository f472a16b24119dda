"""The blob-store interface: write-once objects under random keys, in a quarantine or an approved area.

A scaled deployment plugs in an S3-compatible implementation of the same protocol; nothing outside
``syncserver.blobstore`` knows where bytes live. Keys are random (never derived from user input).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from contextlib import AbstractContextManager
from enum import StrEnum
from pathlib import Path
from typing import Protocol

#: Random object keys: 128 bit as 32 lowercase hex digits.
KEY_BYTES = 16
_KEY = re.compile(r"^[0-9a-f]{32}$")
READ_CHUNK_BYTES = 64 * 1024


class Area(StrEnum):
    """Quarantined uploads and approved files live apart (ARCHITECTURE "Document intake")."""

    QUARANTINE = "quarantine"
    APPROVED = "approved"


class BlobNotFound(LookupError):
    """No object under that key in that area."""


def new_key() -> str:
    return secrets.token_hex(KEY_BYTES)


def validate_key(key: str) -> str:
    """Refuse anything but a key made by :func:`new_key` (no path tricks can reach the store)."""
    if not _KEY.match(key):
        raise ValueError("invalid blob key")
    return key


class BlobWriter(Protocol):
    """One object being written. Nothing is visible under ``key`` before :meth:`commit`;
    :meth:`abort` (or an exception inside the ``with`` block) leaves nothing behind."""

    key: str

    def write(self, data: bytes) -> None: ...

    def commit(self) -> None: ...

    def abort(self) -> None: ...

    def __enter__(self) -> BlobWriter: ...

    def __exit__(self, *exc: object) -> None: ...


class BlobStore(Protocol):
    """Write-once objects. Every method is thread-safe and blocking (call it off the event loop)."""

    def writer(self, area: Area) -> BlobWriter:
        """Start a new object under a fresh random key."""
        ...

    def iter_chunks(self, area: Area, key: str, chunk_bytes: int = READ_CHUNK_BYTES) -> Iterator[bytes]:
        """Stream an object; raises :class:`BlobNotFound`."""
        ...

    def materialize(self, area: Area, key: str) -> AbstractContextManager[Path]:
        """A local, read-only file with the object's bytes for external tools (scanner, OCR)."""
        ...

    def move(self, key: str, source: Area, target: Area) -> None:
        """Move an object between areas (approval); raises :class:`BlobNotFound`."""
        ...

    def delete(self, area: Area, key: str) -> bool:
        """Remove an object; idempotent, True when something was removed."""
        ...

    def exists(self, area: Area, key: str) -> bool: ...

    def count(self, area: Area) -> int:
        """Objects stored in ``area`` (monitoring, tests)."""
        ...
