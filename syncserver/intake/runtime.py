"""The intake collaborators built from settings: blob store, scanner (or None) and OCR settings."""

from __future__ import annotations

from dataclasses import dataclass

from syncserver.blobstore import BlobStore, LocalBlobStore
from syncserver.config import Settings
from syncserver.intake.clamd import ClamdClient
from syncserver.intake.text import TextSettings


@dataclass(frozen=True, slots=True)
class IntakeRuntime:
    blobs: BlobStore
    scanner: ClamdClient | None
    text: TextSettings
    max_upload_bytes: int

    @classmethod
    def from_settings(cls, settings: Settings) -> IntakeRuntime:
        scanner = ClamdClient(settings.clamd, settings.clamd_timeout_seconds) if settings.clamd else None
        text = TextSettings(settings.ocr_languages, settings.ocr_timeout_seconds, settings.ocr_max_pages)
        return cls(LocalBlobStore(settings.resolved_blob_dir), scanner, text, settings.upload_max_bytes)
