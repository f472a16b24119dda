"""Small filesystem helpers: atomic replace with fsync, temp files beside their target."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


def fsync_dir(path: Path) -> None:
    """Flush a directory entry (after a rename) where the OS supports it; a no-op on Windows."""
    if os.name == "nt":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_writer(target: Path, mode: int = 0o600) -> Iterator[BinaryIO]:
    """Write ``target`` through a temp file in the same folder, then fsync and rename over it.

    On an exception the temp file is removed and ``target`` is untouched (old content or absent).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)  # mkstemp already made it owner-only; this applies a caller's wider mode
        os.replace(tmp, target)
        fsync_dir(target.parent)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


def atomic_write_bytes(target: Path, data: bytes, mode: int = 0o600) -> None:
    """Replace ``target`` with ``data`` atomically (temp file + fsync + rename)."""
    with atomic_writer(target, mode) as handle:
        handle.write(data)


def atomic_copy(source: Path, target: Path, chunk_size: int = 1 << 20) -> None:
    """Copy ``source`` to ``target`` atomically; the copy keeps owner-only permissions."""
    with source.open("rb") as src, atomic_writer(target) as dst:
        while chunk := src.read(chunk_size):
            dst.write(chunk)
