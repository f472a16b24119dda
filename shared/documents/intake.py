"""Upload intake: type sniffing by magic bytes, size limit, file-name sanitising (SPEC §6.1, §6.3, D15)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from enum import StrEnum

from shared.errors import DomainError, ErrorCode

#: Upload size limit (D15: "20 MB", read as 20 MiB). A file of exactly this size is accepted.
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
#: Stored file-name length (SPEC §6.3).
MAX_FILENAME_CHARS = 180


class ContentType(StrEnum):
    PDF = "application/pdf"
    JPEG = "image/jpeg"
    PNG = "image/png"


#: Leading bytes of each allowed type; ``sniff_content_type`` needs at most ``SNIFF_BYTES`` of them.
MAGIC_BYTES: Mapping[bytes, ContentType] = {
    b"%PDF-": ContentType.PDF,
    b"\xff\xd8\xff": ContentType.JPEG,
    b"\x89PNG\r\n\x1a\n": ContentType.PNG,
}
SNIFF_BYTES = max(len(magic) for magic in MAGIC_BYTES)
#: File-name extensions allowed on an upload (a name without an extension is fine too).
ALLOWED_EXTENSIONS: Mapping[str, ContentType] = {
    "pdf": ContentType.PDF,
    "jpg": ContentType.JPEG,
    "jpeg": ContentType.JPEG,
    "png": ContentType.PNG,
}


def sniff_content_type(first_bytes: bytes) -> ContentType | None:
    """The allowed type the bytes start with, or None. Names and client headers are never consulted."""
    for magic, content_type in MAGIC_BYTES.items():
        if first_bytes.startswith(magic):
            return content_type
    return None


def check_upload(
    *, filename: str, size_bytes: int, first_bytes: bytes, max_bytes: int = MAX_UPLOAD_BYTES
) -> ContentType:
    """Accept or refuse an upload: 413 ``too_large``, then 415 ``mime_not_allowed`` (bytes), then
    415 ``ext_not_allowed`` (a name extension outside the allowlist). Returns the sniffed type."""
    if size_bytes > max_bytes:
        raise DomainError(ErrorCode.TOO_LARGE)
    content_type = sniff_content_type(first_bytes)
    if size_bytes <= 0 or content_type is None:
        raise DomainError(ErrorCode.MIME_NOT_ALLOWED)
    extension = _extension(sanitize_filename(filename))
    if extension is not None and extension not in ALLOWED_EXTENSIONS:
        raise DomainError(ErrorCode.EXT_NOT_ALLOWED)
    return content_type


def _extension(name: str) -> str | None:
    stem, dot, ext = name.rpartition(".")
    return ext.lower() if dot and stem and ext else None


_PATH_SEPARATORS = re.compile(r"[/\\]")
_RESERVED_CHARS = re.compile(r'[<>:"|?*]')
_WHITESPACE = re.compile(r"\s+")
_MAX_KEPT_EXTENSION = 10


def sanitize_filename(name: str, fallback: str = "document") -> str:
    """A display-only file name: last path part, no control/format characters, no characters that
    are reserved on Windows, single spaces, no leading/trailing dots or spaces, at most 180 chars
    (the extension is kept when it is short). Empty results become ``fallback``."""
    text = unicodedata.normalize("NFC", name)
    text = _PATH_SEPARATORS.split(text)[-1]
    text = "".join(ch for ch in text if not unicodedata.category(ch).startswith("C"))
    text = _RESERVED_CHARS.sub("_", text)
    text = _WHITESPACE.sub(" ", text).strip(" .")
    if len(text) > MAX_FILENAME_CHARS:
        stem, _, ext = text.rpartition(".")
        if stem and 0 < len(ext) <= _MAX_KEPT_EXTENSION:
            text = stem[: MAX_FILENAME_CHARS - len(ext) - 1].rstrip(" .") + "." + ext
        else:
            text = text[:MAX_FILENAME_CHARS].rstrip(" .")
    return text or fallback
