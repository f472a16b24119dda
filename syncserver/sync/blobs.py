"""Resumable, content-addressed blob uploads and lazy downloads (ARCHITECTURE "Sync protocol": Blobs).

A chunk is stored as its own quarantine object; when the last byte arrives the chunks are joined into one
object while hashing, and the SHA-256 must equal the address, else everything is dropped (422). A verified
blob is handed to the documents intake by a ``document.attach`` mutation (as a quarantined upload).
Downloads follow D17 / SPEC §6.5: valid evidence to those with object access, anything to its uploader
and to admins; other content never leaves the server.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy.orm import Session

import shared.documents as document_rules
from shared.documents import SNIFF_BYTES, sanitize_filename
from shared.errors import DomainError, ErrorCode
from shared.sync.protocol import MAX_BLOB_CHUNK, BlobStatus
from syncserver.access.actor import Actor
from syncserver.blobstore import Area
from syncserver.context import ServerContext
from syncserver.documents.state import document_actor, state_of
from syncserver.intake.runtime import IntakeRuntime
from syncserver.intake.upload import ReceivedUpload
from syncserver.models.document import Document
from syncserver.models.sync import SyncBlobUpload
from syncserver.sync.repository import SyncRepository

_SHA = re.compile(r"^[0-9a-f]{64}$")
_RANGE = re.compile(r"^bytes (\d+)-(\d+)/(\d+)$")


def check_sha(sha256: str) -> str:
    if not _SHA.match(sha256):
        raise DomainError(ErrorCode.VALIDATION_FAILED, message="sha256 must be 64 lower-case hex digits")
    return sha256


@dataclass(frozen=True, slots=True)
class ChunkRange:
    start: int
    total: int


def parse_range(content_range: str | None, offset: int | None, total: int | None, length: int) -> ChunkRange:
    """The chunk's place from ``Content-Range: bytes s-e/total`` or the ``offset``/``total`` query."""
    if content_range:
        found = _RANGE.match(content_range.strip())
        if found is None:
            raise DomainError(ErrorCode.VALIDATION_FAILED, message="bad Content-Range")
        start, end, whole = (int(g) for g in found.groups())
        if end - start + 1 != length or end >= whole:
            raise DomainError(ErrorCode.VALIDATION_FAILED, message="Content-Range does not match the body")
        return ChunkRange(start, whole)
    if offset is None or total is None:
        raise DomainError(ErrorCode.VALIDATION_FAILED, message="Content-Range or offset and total required")
    if offset + length > total:
        raise DomainError(ErrorCode.VALIDATION_FAILED, message="chunk beyond total")
    return ChunkRange(offset, total)


class BlobService:
    def __init__(self, session: Session, ctx: ServerContext, intake: IntakeRuntime) -> None:
        self.session = session
        self.ctx = ctx
        self.intake = intake
        self.repo = SyncRepository(session)

    @staticmethod
    def _status(sha256: str, upload: SyncBlobUpload | None) -> BlobStatus:
        if upload is None:
            return BlobStatus(sha256=sha256, received=0, total=None, complete=False)
        return BlobStatus(
            sha256=sha256, received=upload.received, total=upload.total, complete=upload.completed_at is not None
        )

    def status(self, actor: Actor, sha256: str) -> BlobStatus:
        return self._status(sha256, self.repo.upload(actor.user_id, check_sha(sha256)))

    def put_chunk(self, actor: Actor, sha256: str, chunk: bytes, where: ChunkRange) -> BlobStatus:
        """Store one chunk; resending bytes already held is a no-op, a gap is 409 ``conflict``.

        413 ``too_large`` beyond the upload limit; 422 ``validation_failed`` when the joined bytes do not
        hash to ``sha256`` (the partial upload is dropped, start again).
        """
        check_sha(sha256)
        if where.total > self.intake.max_upload_bytes:
            raise DomainError(ErrorCode.TOO_LARGE)
        if len(chunk) > MAX_BLOB_CHUNK:
            raise DomainError(ErrorCode.TOO_LARGE, message="chunk too large")
        now = self.ctx.clock.now()
        upload = self.repo.upload(actor.user_id, sha256, lock=True)
        if upload is None or (upload.total != where.total and upload.completed_at is None):
            if upload is not None:
                self._drop(upload)
            upload = SyncBlobUpload(
                user_id=actor.user_id, sha256=sha256, total=where.total, received=0, chunk_keys=[],
                created_at=now, updated_at=now,
            )  # fmt: skip
            self.repo.add(upload)
        if upload.completed_at is not None or where.start + len(chunk) <= upload.received:
            return self._status(sha256, upload)
        if where.start > upload.received:
            raise DomainError(ErrorCode.CONFLICT, message=f"expected offset {upload.received}")
        tail = chunk[upload.received - where.start :]
        with self.intake.blobs.writer(Area.QUARANTINE) as writer:
            writer.write(tail)
            writer.commit()
        upload.chunk_keys = [*upload.chunk_keys, writer.key]
        upload.received += len(tail)
        upload.updated_at = now
        if upload.received == upload.total:
            self._finish(upload)
        self.repo.flush()
        return self._status(sha256, upload)

    def _finish(self, upload: SyncBlobUpload) -> None:
        hasher = hashlib.sha256()
        with self.intake.blobs.writer(Area.QUARANTINE) as writer:
            for key in upload.chunk_keys:
                for data in self.intake.blobs.iter_chunks(Area.QUARANTINE, key):
                    hasher.update(data)
                    writer.write(data)
            if hasher.hexdigest() != upload.sha256:
                writer.abort()
                self._drop(upload)
                raise DomainError(ErrorCode.VALIDATION_FAILED, message="content does not match its sha256")
            writer.commit()
        for key in upload.chunk_keys:
            self.intake.blobs.delete(Area.QUARANTINE, key)
        upload.chunk_keys = []
        upload.storage_key = writer.key
        upload.completed_at = self.ctx.clock.now()

    def _drop(self, upload: SyncBlobUpload) -> None:
        for key in [*upload.chunk_keys, *([upload.storage_key] if upload.storage_key else [])]:
            self.intake.blobs.delete(Area.QUARANTINE, key)
        self.repo.delete_upload(upload)

    def take_for_document(self, actor: Actor, sha256: str, filename: str) -> ReceivedUpload:
        """A private copy of the caller's verified blob for the intake (type and size checked: 413/415)."""
        upload = self.repo.upload(actor.user_id, check_sha(sha256))
        if upload is None or upload.completed_at is None or upload.storage_key is None:
            raise DomainError(ErrorCode.NOT_FOUND, message="blob not uploaded (or not complete)")
        head = b""
        with self.intake.blobs.writer(Area.QUARANTINE) as writer:
            for data in self.intake.blobs.iter_chunks(Area.QUARANTINE, upload.storage_key):
                if len(head) < SNIFF_BYTES:
                    head += data[: SNIFF_BYTES - len(head)]
                writer.write(data)
            content_type = document_rules.check_upload(
                filename=filename or "document", size_bytes=upload.total, first_bytes=head,
                max_bytes=self.intake.max_upload_bytes,
            )  # fmt: skip
            writer.commit()
        return ReceivedUpload(writer.key, upload.total, sha256, content_type, sanitize_filename(filename), {})

    def download(self, actor: Actor, sha256: str) -> Iterator[bytes]:
        """The content if the caller may have it; 404 ``not_found`` otherwise (existence is not revealed)."""
        check_sha(sha256)
        own = self.repo.upload(actor.user_id, sha256)
        if own is not None and own.storage_key is not None:
            return self.intake.blobs.iter_chunks(Area.QUARANTINE, own.storage_key)
        for doc in self.repo.documents_by_hash(sha256):
            if self._may_download(actor, doc) and doc.storage_key is not None:
                for area in (Area.APPROVED, Area.QUARANTINE):
                    if self.intake.blobs.exists(area, doc.storage_key):
                        return self.intake.blobs.iter_chunks(area, doc.storage_key)
        raise DomainError(ErrorCode.NOT_FOUND)

    def _may_download(self, actor: Actor, doc: Document) -> bool:
        if doc.owner_user_id == actor.user_id:
            return True  # D17: back to the uploader, who already holds it
        who = document_actor(self.session, actor, doc, self.ctx.clock.now())
        return document_rules.can_download(who, state_of(doc))
