"""Encrypted, content-addressed file store for documents, outside the database.

- Content address: SHA-256 of the plaintext (what the server and the ``documents`` table use).
- Name on disk: ``HMAC-SHA256(name key, sha256)`` in hex, sharded by its first two characters. The name
  key is derived from the data key (HKDF), so a file name reveals neither the content hash nor the
  user's file name, and cannot be linked to a known document without the key.
- Content: ``shared.crypto.encrypt_chunks`` (AES-256-GCM in 64 KiB records) under the data key, read
  and written as streams, so a 20 MB PDF never has to sit in memory.
- Writes go to a temp file in ``.tmp/`` and are renamed into place after fsync: a crash leaves either
  no blob or the complete blob. Equal content is stored once.

Contract: one :class:`BlobStore` may be used from one thread at a time (the DB worker); different
blobs may be written concurrently by different stores on the same folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import BinaryIO

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from desktop.store.errors import BlobCorruptError, BlobNotFoundError
from desktop.store.fsutil import fsync_dir
from shared.crypto import CryptoError, decrypt_chunks, encrypt_chunks

READ_SIZE = 64 * 1024
_BLOB_AAD = b"ltc-vault-blob-v1"
_NAME_KEY_INFO = b"ltc-vault-blob-names-v1"
_TMP_DIR = ".tmp"


@dataclass(frozen=True, slots=True)
class BlobInfo:
    """A stored blob: plaintext SHA-256 (hex) and size in bytes."""

    sha256: str
    size: int


def _check_sha256(sha256: str) -> bytes:
    try:
        raw = bytes.fromhex(sha256)
    except ValueError:
        raw = b""
    if len(raw) != 32 or sha256 != sha256.lower():
        raise ValueError("sha256 must be 64 lower-case hex characters")
    return raw


class BlobStore:
    """Encrypted files under ``root``, keyed by the vault's data key (see the module docstring)."""

    def __init__(self, root: Path, data_key: bytes, key_id: str) -> None:
        self._root = root
        self._key = bytes(data_key)
        self._key_id = key_id
        self._name_key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_NAME_KEY_INFO).derive(self._key)

    @property
    def root(self) -> Path:
        return self._root

    def close(self) -> None:
        """Drop the key references; every later call raises ``RuntimeError``."""
        self._key = b""
        self._name_key = b""

    def _keys(self) -> tuple[bytes, bytes]:
        if not self._key:
            raise RuntimeError("the blob store is closed")
        return self._key, self._name_key

    def path_for(self, sha256: str) -> Path:
        """Where the blob with this plaintext SHA-256 lives (whether or not it exists)."""
        name = hmac.new(self._keys()[1], _check_sha256(sha256), hashlib.sha256).hexdigest()
        return self._root / name[:2] / name

    def exists(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def put(self, source: BinaryIO) -> BlobInfo:
        """Encrypt everything ``source`` yields (read in 64 KiB pieces) into the store; return its address.

        Equal content already stored is not written again. Raises ``OSError`` on I/O failure (no partial
        blob remains).
        """
        key, _ = self._keys()
        digest = hashlib.sha256()
        size = 0

        def plaintext() -> Iterator[bytes]:
            nonlocal size
            while piece := source.read(READ_SIZE):
                digest.update(piece)
                size += len(piece)
                yield piece

        tmp_dir = self._root / _TMP_DIR
        tmp_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp_name = tempfile.mkstemp(prefix="blob-", suffix=".tmp", dir=tmp_dir)
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as out:
                for record in encrypt_chunks(key, self._key_id, plaintext(), _BLOB_AAD):
                    out.write(record)
                out.flush()
                os.fsync(out.fileno())
            info = BlobInfo(digest.hexdigest(), size)
            target = self.path_for(info.sha256)
            if target.is_file():
                tmp.unlink()
                return info
            target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            os.replace(tmp, target)
            fsync_dir(target.parent)
            return info
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
            raise

    def put_bytes(self, data: bytes) -> BlobInfo:
        """:meth:`put` for data already in memory."""
        return self.put(BytesIO(data))

    def open_chunks(self, sha256: str) -> Iterator[bytes]:
        """Stream the plaintext of a blob, chunk by chunk.

        Raises :class:`BlobNotFoundError` now if the blob is missing. While iterating, raises
        :class:`BlobCorruptError` for a modified, reordered or truncated file, or when the decrypted
        content does not hash to ``sha256``. Chunks already yielded are authenticated individually, but
        the file as a whole is only verified when the iterator ends without error: consumers that keep
        the output (e.g. an export) must write to a temp file and commit it only then.
        """
        key, _ = self._keys()
        path = self.path_for(sha256)
        try:
            handle = path.open("rb")
        except FileNotFoundError:
            raise BlobNotFoundError(f"no blob {sha256[:12]}...") from None
        return self._decrypt(handle, sha256, {self._key_id: key})

    def _decrypt(self, handle: BinaryIO, sha256: str, keyring: dict[str, bytes]) -> Iterator[bytes]:
        digest = hashlib.sha256()
        with handle:
            pieces = iter(lambda: handle.read(READ_SIZE), b"")
            try:
                for chunk in decrypt_chunks(keyring, pieces, _BLOB_AAD):
                    digest.update(chunk)
                    yield chunk
            except CryptoError as exc:
                raise BlobCorruptError(f"blob {sha256[:12]}... failed authentication: {exc}") from None
        if not hmac.compare_digest(digest.hexdigest(), sha256):
            raise BlobCorruptError(f"blob {sha256[:12]}... does not match its SHA-256")

    def copy_to(self, sha256: str, target: BinaryIO) -> int:
        """Write the verified plaintext to ``target``; returns the byte count (see :meth:`open_chunks`)."""
        written = 0
        for chunk in self.open_chunks(sha256):
            target.write(chunk)
            written += len(chunk)
        return written

    def read_bytes(self, sha256: str) -> bytes:
        """The whole plaintext, verified, in memory (small files only)."""
        return b"".join(self.open_chunks(sha256))

    def delete(self, sha256: str) -> bool:
        """Remove the blob; ``False`` if it was not there."""
        path = self.path_for(sha256)
        try:
            path.unlink()
        except FileNotFoundError:
            return False
        return True  # the (at most 256) shard folders stay: removing them would race with a concurrent put

    def cleanup_temp(self) -> int:
        """Remove temp files left by an interrupted write (call at vault open); returns how many."""
        removed = 0
        tmp_dir = self._root / _TMP_DIR
        if tmp_dir.is_dir():
            for leftover in tmp_dir.glob("blob-*.tmp"):
                leftover.unlink(missing_ok=True)
                removed += 1
        return removed
