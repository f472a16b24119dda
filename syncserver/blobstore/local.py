"""The embedded default blob store: files under ``<root>/<area>/<k[:2]>/<key>``, mode 0600.

Partial writes go to ``<root>/<area>/.partial`` and become visible with one atomic rename, so a
crash or an aborted upload never leaves a half object under a real key.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from syncserver.blobstore.base import READ_CHUNK_BYTES, Area, BlobNotFound, new_key, validate_key

_PARTIAL = ".partial"
_FILE_MODE = 0o600
_DIR_MODE = 0o700


class LocalBlobWriter:
    def __init__(self, store: LocalBlobStore, area: Area) -> None:
        self.key = new_key()
        self._store = store
        self._area = area
        self._partial = store.root / area.value / _PARTIAL / f"{self.key}.part"
        self._partial.parent.mkdir(mode=_DIR_MODE, parents=True, exist_ok=True)
        fd = os.open(self._partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _FILE_MODE)
        self._file: BinaryIO | None = os.fdopen(fd, "wb")

    def write(self, data: bytes) -> None:
        if self._file is None:
            raise RuntimeError("blob writer already closed")
        self._file.write(data)

    def commit(self) -> None:
        if self._file is None:
            raise RuntimeError("blob writer already closed")
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        self._file = None
        target = self._store.path(self._area, self.key)
        target.parent.mkdir(mode=_DIR_MODE, parents=True, exist_ok=True)
        os.replace(self._partial, target)

    def abort(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        with contextlib.suppress(FileNotFoundError):
            self._partial.unlink()

    def __enter__(self) -> LocalBlobWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._file is not None:
            self.abort()


class LocalBlobStore:
    """Files on the local disk (embedded deployment)."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def path(self, area: Area, key: str) -> Path:
        validate_key(key)
        return self.root / area.value / key[:2] / key

    def writer(self, area: Area) -> LocalBlobWriter:
        return LocalBlobWriter(self, area)

    def _existing(self, area: Area, key: str) -> Path:
        path = self.path(area, key)
        if not path.is_file():
            raise BlobNotFound(key)
        return path

    def iter_chunks(self, area: Area, key: str, chunk_bytes: int = READ_CHUNK_BYTES) -> Iterator[bytes]:
        path = self._existing(area, key)

        def chunks() -> Iterator[bytes]:
            with path.open("rb") as handle:
                while chunk := handle.read(chunk_bytes):
                    yield chunk

        return chunks()

    @contextlib.contextmanager
    def materialize(self, area: Area, key: str) -> Iterator[Path]:
        yield self._existing(area, key)

    def move(self, key: str, source: Area, target: Area) -> None:
        if source == target:
            self._existing(source, key)
            return
        origin = self._existing(source, key)
        destination = self.path(target, key)
        destination.parent.mkdir(mode=_DIR_MODE, parents=True, exist_ok=True)
        os.replace(origin, destination)

    def delete(self, area: Area, key: str) -> bool:
        try:
            self.path(area, key).unlink()
        except FileNotFoundError:
            return False
        return True

    def exists(self, area: Area, key: str) -> bool:
        return self.path(area, key).is_file()

    def count(self, area: Area) -> int:
        base = self.root / area.value
        if not base.is_dir():
            return 0
        return sum(1 for p in base.rglob("*") if p.is_file())

    def files(self) -> list[Path]:
        """Every file under the root, partial writes included (tests: "nothing left on disk")."""
        return [p for p in self.root.rglob("*") if p.is_file()] if self.root.is_dir() else []
