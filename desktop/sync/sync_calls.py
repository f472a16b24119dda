"""The ``/sync/*`` calls of :class:`desktop.sync.client.ApiClient` (wire models of ``shared.sync.protocol``).

Every call carries the protocol and schema version headers; errors are the typed errors of
``desktop.sync.errors`` (``FullResyncRequired``, ``ProtocolMismatch``, ``NetworkError``, ``ServerError``...).
Blocking; run on a worker thread.
"""

from __future__ import annotations

from typing import Any

import httpx

from desktop.sync.errors import ApiError, NotFound, error_for
from desktop.sync.pages import PulledPage
from shared import PROTOCOL_VERSION, SCHEMA_VERSION
from shared.sync.protocol import (
    PROTOCOL_HEADER,
    SCHEMA_HEADER,
    BlobStatus,
    ChangesPage,
    PushRequest,
    PushResponse,
    SyncMeta,
)

VERSION_HEADERS = {PROTOCOL_HEADER: str(PROTOCOL_VERSION), SCHEMA_HEADER: str(SCHEMA_VERSION)}


class SyncCalls:
    """Mixin: needs ``_authed_response`` of the client (auth, one refresh on 401, typed transport errors)."""

    def _authed_response(self, method: str, path: str, body: Any = None, **extra: Any) -> httpx.Response:
        raise NotImplementedError

    def _sync(self, method: str, path: str, body: Any = None, **extra: Any) -> httpx.Response:
        headers = {**VERSION_HEADERS, **extra.pop("headers", {})}
        response = self._authed_response(method, path, body, headers=headers, **extra)
        if response.status_code >= 400:
            try:
                detail = response.json()
            except ValueError:
                detail = None
            raise error_for(response.status_code, detail)
        return response

    def sync_meta(self) -> SyncMeta:
        """``GET /sync/meta``: the server's versions and limits."""
        return SyncMeta.model_validate_json(self._sync("GET", "/sync/meta").content)

    def sync_push(self, request: PushRequest) -> PushResponse:
        """``POST /sync/push``: one result per mutation, in order."""
        body = request.model_dump(mode="json")
        return PushResponse.model_validate_json(self._sync("POST", "/sync/push", body).content)

    def sync_changes(self, cursor: str | None, limit: int | None = None) -> ChangesPage:
        """``GET /sync/changes``: the page after ``cursor`` (``None``: from the beginning)."""
        return ChangesPage.model_validate_json(self._changes_body(cursor, limit))

    def sync_page(self, cursor: str | None, limit: int | None = None) -> PulledPage:
        """:meth:`sync_changes` as plain checked data (no model per change): what the sync engine applies."""
        return PulledPage.parse(self._changes_body(cursor, limit))

    def _changes_body(self, cursor: str | None, limit: int | None) -> bytes:
        params: dict[str, Any] = {}
        if cursor:
            params["cursor"] = cursor
        if limit is not None:
            params["limit"] = limit
        return self._sync("GET", "/sync/changes", params=params).content

    def blob_status(self, sha256: str) -> BlobStatus | None:
        """How far an upload of ours got; ``None`` when the server has none."""
        try:
            return BlobStatus.model_validate_json(self._sync("GET", f"/sync/blobs/{sha256}/status").content)
        except NotFound:
            return None

    def blob_put_chunk(self, sha256: str, data: bytes, offset: int, total: int) -> BlobStatus:
        """``PUT /sync/blobs/{sha256}`` of ``data`` at ``offset`` of a ``total``-byte blob."""
        end = offset + len(data) - 1
        headers = {"Content-Range": f"bytes {offset}-{end}/{total}", "Content-Type": "application/octet-stream"}
        response = self._sync("PUT", f"/sync/blobs/{sha256}", headers=headers, content=data)
        try:
            return BlobStatus.model_validate_json(response.content)
        except ValueError:
            return BlobStatus(
                sha256=sha256, received=offset + len(data), total=total, complete=offset + len(data) == total
            )

    def blob_download(self, sha256: str) -> bytes:
        """The content of a blob we may read (our own upload, or an approved document)."""
        return self._sync("GET", f"/sync/blobs/{sha256}").content


__all__ = ["SyncCalls", "ApiError"]
