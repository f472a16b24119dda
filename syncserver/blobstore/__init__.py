"""Blob storage behind one small interface; the local filesystem is the embedded default."""

from __future__ import annotations

from syncserver.blobstore.base import Area, BlobNotFound, BlobStore, BlobWriter, new_key, validate_key
from syncserver.blobstore.local import LocalBlobStore

__all__ = ["Area", "BlobNotFound", "BlobStore", "BlobWriter", "LocalBlobStore", "new_key", "validate_key"]
