"""Streamed multipart upload into the quarantine area (D15, SPEC §6.1): never held whole in memory.

The request body is parsed chunk by chunk; the ``file`` part is hashed (SHA-256) and counted as it
arrives and written to the blob store only once its first bytes are an allowed type. Past the size cap
the upload stops at once (413 ``too_large``); a wrong type (415) is refused after the body is read, so
that the order of ``shared.documents.check_upload`` holds. A refused upload leaves nothing behind.
The file name is only sanitised and returned, never logged.
"""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

import anyio.to_thread
from python_multipart.multipart import MultipartParser, parse_options_header

from shared.documents import (
    ALLOWED_EXTENSIONS,
    SNIFF_BYTES,
    ContentType,
    check_upload,
    sanitize_filename,
    sniff_content_type,
)
from shared.errors import DomainError, ErrorCode
from syncserver.blobstore import Area, BlobStore, BlobWriter

FILE_FIELD = "file"
#: Room for multipart framing and the small fields on top of the file size cap.
MULTIPART_OVERHEAD_BYTES = 64 * 1024
MAX_FIELD_BYTES = 1024
MAX_FIELDS = 16


@dataclass(frozen=True, slots=True)
class ReceivedUpload:
    """A file accepted into quarantine under ``key`` (the caller must delete it if it gives up)."""

    key: str
    size_bytes: int
    checksum_sha256: str
    content_type: ContentType
    filename: str
    fields: dict[str, str]


def _invalid(message: str) -> DomainError:
    return DomainError(ErrorCode.VALIDATION_FAILED, message=message)


def _disposition(headers: dict[str, bytes]) -> tuple[str, str | None]:
    _, options = parse_options_header(headers.get("content-disposition", b""))
    name = options.get(b"name", b"").decode("utf-8", "replace")
    if b"filename*" in options:  # RFC 5987: UTF-8''percent-encoded
        _, _, encoded = options[b"filename*"].decode("latin-1").partition("''")
        return name, unquote(encoded)
    raw = options.get(b"filename")
    return name, raw.decode("utf-8", "replace") if raw is not None else None


@dataclass
class _FilePart:
    filename: str
    hasher: Any = field(default_factory=hashlib.sha256)
    size: int = 0
    head: bytes = b""
    writer: BlobWriter | None = None
    discarding: bool = False


class UploadReceiver:
    """Synchronous multipart state machine; :meth:`feed` takes raw body chunks in order."""

    def __init__(self, boundary: bytes, blobs: BlobStore, max_bytes: int) -> None:
        self.blobs = blobs
        self.max_bytes = max_bytes
        self.fields: dict[str, str] = {}
        self.file: _FilePart | None = None
        self._events: list[tuple[str, bytes]] = []
        self._headers: dict[str, bytes] = {}
        self._header_field = b""
        self._header_value = b""
        self._part: str | None = None  # "file", "field:<name>" or "skip"
        self._field_data = b""
        self._done = False
        self.parser = MultipartParser(boundary, self._callbacks())

    def _callbacks(self) -> Any:
        def event(name: str) -> Callable[..., None]:
            def callback(data: bytes | None = None, start: int = 0, end: int = 0) -> None:
                self._events.append((name, bytes(data[start:end]) if data is not None else b""))

            return callback

        names = ["part_begin", "part_data", "part_end", "header_field", "header_value", "header_end"]
        callbacks = {f"on_{n}": event(n) for n in [*names, "headers_finished", "end"]}
        return callbacks

    # --- chunk processing -------------------------------------------------------------------------
    def feed(self, chunk: bytes) -> None:
        self.parser.write(chunk)
        events, self._events = self._events, []
        for name, data in events:
            self._handle(name, data)

    def _handle(self, name: str, data: bytes) -> None:
        if name == "part_begin":
            self._headers, self._header_field, self._header_value, self._part = {}, b"", b"", None
        elif name == "header_field":
            self._header_field += data
        elif name == "header_value":
            self._header_value += data
        elif name == "header_end":
            self._headers[self._header_field.decode("latin-1").lower()] = self._header_value
            self._header_field, self._header_value = b"", b""
        elif name == "headers_finished":
            self._start_part()
        elif name == "part_data":
            self._part_data(data)
        elif name == "part_end":
            self._end_part()
        elif name == "end":
            self._done = True

    def _start_part(self) -> None:
        field_name, filename = _disposition(self._headers)
        if field_name == FILE_FIELD and filename is not None:
            if self.file is not None:
                raise _invalid("only one file per upload")
            self.file = _FilePart(filename=filename)
            self._part = "file"
        elif filename is None and field_name:
            if len(self.fields) >= MAX_FIELDS:
                raise _invalid("too many fields")
            self._part, self._field_data = f"field:{field_name}", b""
        else:
            self._part = "skip"

    def _part_data(self, data: bytes) -> None:
        if self._part == "file":
            self._file_data(data)
        elif self._part is not None and self._part.startswith("field:"):
            self._field_data += data
            if len(self._field_data) > MAX_FIELD_BYTES:
                raise _invalid("field too long")

    def _end_part(self) -> None:
        if self._part is not None and self._part.startswith("field:"):
            self.fields[self._part.removeprefix("field:")] = self._field_data.decode("utf-8", "replace").strip()
        elif self._part == "file" and self.file is not None and self.file.writer is None:
            self._decide_type(final=True)
        self._part = None

    def _file_data(self, data: bytes) -> None:
        part = self.file
        assert part is not None  # set by _start_part
        part.size += len(data)
        if part.size > self.max_bytes:
            raise DomainError(ErrorCode.TOO_LARGE)
        part.hasher.update(data)
        if part.writer is not None:
            part.writer.write(data)
        elif not part.discarding:
            part.head += data
            if len(part.head) >= SNIFF_BYTES:
                self._decide_type(final=False)

    def _decide_type(self, *, final: bool) -> None:
        part = self.file
        assert part is not None  # set by _start_part
        if sniff_content_type(part.head[:SNIFF_BYTES]) is None:
            part.discarding = True  # keep counting for the 413/415 order, store nothing
            return
        if not final or part.head:
            part.writer = self.blobs.writer(Area.QUARANTINE)
            part.writer.write(part.head)

    # --- outcome ------------------------------------------------------------------------------------
    def finish(self) -> ReceivedUpload:
        """Decide (413 / 415 / 422) and commit the blob; raises :class:`DomainError`."""
        self.parser.finalize()
        if not self._done or self.file is None:
            raise _invalid("a multipart body with a 'file' part is required")
        part = self.file
        content_type = check_upload(
            filename=part.filename, size_bytes=part.size, first_bytes=part.head[:SNIFF_BYTES], max_bytes=self.max_bytes
        )
        filename = sanitize_filename(part.filename)
        stem, dot, ext = filename.rpartition(".")
        declared = ALLOWED_EXTENSIONS.get(ext.lower()) if dot and stem else None
        if declared is not None and declared != content_type:
            raise DomainError(ErrorCode.MIME_NOT_ALLOWED, message="name and bytes disagree")
        if part.writer is None:
            raise DomainError(ErrorCode.MIME_NOT_ALLOWED)
        part.writer.commit()
        key = part.writer.key
        part.writer = None
        return ReceivedUpload(key, part.size, part.hasher.hexdigest(), content_type, filename, dict(self.fields))

    def abort(self) -> None:
        if self.file is not None and self.file.writer is not None:
            self.file.writer.abort()
            self.file.writer = None


def boundary_of(content_type_header: str | None) -> bytes:
    kind, options = parse_options_header(content_type_header or "")
    boundary = options.get(b"boundary")
    if kind != b"multipart/form-data" or not boundary:
        raise _invalid("multipart/form-data with a boundary is required")
    return boundary


async def receive_upload(
    body: AsyncIterator[bytes],
    *,
    content_type_header: str | None,
    content_length: int | None,
    blobs: BlobStore,
    max_bytes: int,
) -> ReceivedUpload:
    """Stream ``body`` into quarantine; blocking work (parse, hash, write) runs in worker threads.

    Raises 413 ``too_large`` before reading when the declared length is already too big.
    """
    if content_length is not None and content_length > max_bytes + MULTIPART_OVERHEAD_BYTES:
        raise DomainError(ErrorCode.TOO_LARGE)
    receiver = UploadReceiver(boundary_of(content_type_header), blobs, max_bytes)
    try:
        async for chunk in body:
            if chunk:
                await anyio.to_thread.run_sync(receiver.feed, chunk)
        return await anyio.to_thread.run_sync(receiver.finish)
    except BaseException:
        receiver.abort()
        raise
