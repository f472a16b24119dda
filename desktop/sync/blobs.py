"""Blob transfer: resumable chunked upload before the mutation that needs it, lazy download on demand.

Contracts:

- :meth:`BlobTransfer.upload` asks the server how far an earlier upload got and continues from that offset;
  a blob the server already has completely is not sent again. Chunks are read from the encrypted local
  store as a stream (a 20 MB file never sits in memory whole).
- :meth:`BlobTransfer.ensure_local` downloads a document's content only when asked, checks its SHA-256 and
  stores it encrypted; the document row then records the local blob.
- Network/5xx errors are retried by the engine's backoff (``retry``); cancellation raises from ``retry``.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any, TypeVar

from sqlalchemy import select, update

from desktop.store.errors import BlobCorruptError
from desktop.store.models import Document
from desktop.store.vault import Vault
from desktop.sync.client import ApiClient
from desktop.sync.errors import ApiError
from shared.sync.protocol import BlobStatus

T = TypeVar("T")
CHUNK = 1024 * 1024
Retry = Callable[[Callable[[], Any]], Any]


class BlobTransfer:
    def __init__(self, vault: Vault, client: ApiClient, retry: Retry, chunk_size: int = CHUNK) -> None:
        self.vault = vault
        self.client = client
        self._retry = retry
        self.chunk_size = chunk_size

    def _size(self, sha256: str) -> int:
        with self.vault.session() as session:
            size = session.scalar(select(Document.size_bytes).where(Document.local_blob_sha256 == sha256).limit(1))
        if size:
            return int(size)
        return sum(len(c) for c in self.vault.blobs.open_chunks(sha256))

    def _pieces(self, sha256: str, offset: int) -> Iterator[bytes]:
        """The plaintext from ``offset`` on, in pieces of ``chunk_size``."""
        skipped = 0
        buffer = bytearray()
        for chunk in self.vault.blobs.open_chunks(sha256):
            if skipped < offset:
                take = min(len(chunk), offset - skipped)
                skipped += take
                chunk = chunk[take:]
            buffer.extend(chunk)
            while len(buffer) >= self.chunk_size:
                yield bytes(buffer[: self.chunk_size])
                del buffer[: self.chunk_size]
        if buffer:
            yield bytes(buffer)

    def upload(
        self, sha256: str, cancel: threading.Event, emit: Callable[[str, int, int | None], None] | None = None
    ) -> int:
        """Make sure the server holds the blob; returns the bytes sent now (0 when it was there already)."""
        status: BlobStatus | None = self._retry(lambda: self.client.blob_status(sha256))
        if status is not None and status.complete:
            return 0
        total = self._size(sha256)
        offset = status.received if status is not None else 0
        sent = 0
        for restart in range(3):
            try:
                for piece in self._pieces(sha256, offset):
                    if cancel.is_set():
                        from desktop.sync.engine import SyncCancelled  # late import: engine imports this module

                        raise SyncCancelled()
                    at = offset
                    status = self._retry(partial(self.client.blob_put_chunk, sha256, piece, at, total))
                    offset += len(piece)
                    sent += len(piece)
                    if emit is not None:
                        emit("upload", offset, total)
                return sent
            except ApiError as exc:
                if exc.status not in (409, 416) or restart == 2:
                    raise
                status = self._retry(lambda: self.client.blob_status(sha256))  # the server's offset wins
                if status is not None and status.complete:
                    return sent
                offset = status.received if status is not None else 0
        return sent

    def ensure_local(self, document_id: str) -> str:
        """The SHA-256 of the document's content, downloading it first when the vault lacks it.

        Raises ``KeyError`` for an unknown document, :class:`BlobCorruptError` when the bytes do not match,
        and the client's errors (e.g. 403/404 while the document is still in review on another device).
        """
        with self.vault.session() as session:
            row = session.get(Document, document_id)
            if row is None:
                raise KeyError(document_id)
            sha256 = row.checksum_sha256
        if self.vault.blobs.exists(sha256):
            self._remember(document_id, sha256)
            return sha256
        content: bytes = self._retry(lambda: self.client.blob_download(sha256))
        if hashlib.sha256(content).hexdigest() != sha256:
            raise BlobCorruptError(f"downloaded content does not match {sha256[:12]}...")
        self.vault.blobs.put_bytes(content)
        self._remember(document_id, sha256)
        return sha256

    def _remember(self, document_id: str, sha256: str) -> None:
        with self.vault.session() as session, session.begin():
            session.execute(update(Document).where(Document.id == document_id).values(local_blob_sha256=sha256))
