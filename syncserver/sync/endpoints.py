"""/sync/* routes (ARCHITECTURE "Sync protocol"): thin wrappers over the sync services.

Consent-gated product routes (moderator 403). Every route checks the client's protocol and schema
versions (headers ``X-LTC-Protocol-Version`` / ``X-LTC-Schema-Version`` or the same-named query
parameters) and answers 409 ``protocol_mismatch`` when they differ from the server's.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query, Request, Response
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from shared import PROTOCOL_VERSION, SCHEMA_VERSION
from shared.sync.protocol import (
    MAX_BLOB_CHUNK,
    PROTOCOL_HEADER,
    SCHEMA_HEADER,
    BlobStatus,
    ChangesPage,
    PushRequest,
    PushResponse,
    SyncMeta,
)
from shared.sync.rules import check_versions, parse_version
from syncserver.access import Actor, Policy, require
from syncserver.deps import ContextDep, SessionDep
from syncserver.documents.endpoints import IntakeDep
from syncserver.sync.blobs import BlobService, parse_range
from syncserver.sync.service import SyncService

SYNC = Policy.product("sync")
SyncActor = Annotated[Actor, Depends(require(SYNC))]


def check_client_versions(
    protocol_header: Annotated[str | None, Header(alias=PROTOCOL_HEADER)] = None,
    schema_header: Annotated[str | None, Header(alias=SCHEMA_HEADER)] = None,
    protocol_version: Annotated[str | None, Query()] = None,
    schema_version: Annotated[str | None, Query()] = None,
) -> None:
    """409 ``protocol_mismatch`` when the client announces other versions than the server's."""
    check_versions(
        parse_version(protocol_header if protocol_header is not None else protocol_version),
        parse_version(schema_header if schema_header is not None else schema_version),
        server_protocol=PROTOCOL_VERSION,
        server_schema=SCHEMA_VERSION,
    )


router = APIRouter(prefix="/sync", tags=["sync"], dependencies=[Depends(check_client_versions)])
_RESYNC: dict[int | str, dict[str, Any]] = {409: {"description": "protocol_mismatch / full_resync_required"}}
_BLOB: dict[int | str, dict[str, Any]] = {
    404: {"description": "not_found"},
    409: {"description": "conflict"},
    413: {"description": "too_large"},
}


@router.get("/meta", response_model=SyncMeta, responses=_RESYNC)
def meta(actor: SyncActor, session: SessionDep, ctx: ContextDep) -> SyncMeta:
    """Handshake: protocol and schema version, limits and the server time."""
    return SyncService(session, ctx).meta()


@router.post("/push", response_model=PushResponse, responses=_RESYNC)
def push(body: PushRequest, actor: SyncActor, session: SessionDep, ctx: ContextDep, intake: IntakeDep) -> Response:
    """Apply intent mutations in order; one applied/duplicate/rejected result per mutation."""
    answer = SyncService(session, ctx, intake).push(actor, body)
    return Response(content=answer.model_dump_json(), media_type="application/json")  # built once, not re-validated


@router.get("/changes", response_model=ChangesPage, responses=_RESYNC)
def changes(
    actor: SyncActor,
    session: SessionDep,
    ctx: ContextDep,
    cursor: Annotated[str | None, Query(max_length=64)] = None,
    limit: Annotated[int | None, Query(ge=1)] = None,
) -> Response:
    """Visible changes after the cursor in server order, with tombstones and remove ops."""
    body = SyncService(session, ctx).changes_json(actor, cursor, limit)
    return Response(content=body, media_type="application/json")  # encoded once, not re-validated per row


@router.put("/blobs/{sha256}", response_model=BlobStatus, responses=_BLOB)
async def put_blob_chunk(
    sha256: str,
    request: Request,
    actor: SyncActor,
    session: SessionDep,
    ctx: ContextDep,
    intake: IntakeDep,
    offset: Annotated[int | None, Query(ge=0)] = None,
    total: Annotated[int | None, Query(ge=1)] = None,
) -> BlobStatus:
    """Upload one chunk (``Content-Range`` or ``offset``/``total``); the hash is verified at the end."""
    chunk = bytearray()
    async for data in request.stream():
        chunk += data
        if len(chunk) > MAX_BLOB_CHUNK:
            break
    where = parse_range(request.headers.get("content-range"), offset, total, len(chunk))
    service = BlobService(session, ctx, intake)
    return await run_in_threadpool(service.put_chunk, actor, sha256, bytes(chunk), where)


@router.get("/blobs/{sha256}/status", response_model=BlobStatus, responses=_BLOB)
def blob_status(sha256: str, actor: SyncActor, session: SessionDep, ctx: ContextDep, intake: IntakeDep) -> BlobStatus:
    """How far the caller's upload of this blob got."""
    return BlobService(session, ctx, intake).status(actor, sha256)


@router.head("/blobs/{sha256}", responses=_BLOB)
def blob_head(sha256: str, actor: SyncActor, session: SessionDep, ctx: ContextDep, intake: IntakeDep) -> Response:
    """Upload progress in headers: ``Upload-Offset``, ``Upload-Length`` and ``Upload-Complete``."""
    status = BlobService(session, ctx, intake).status(actor, sha256)
    headers = {"Upload-Offset": str(status.received), "Upload-Complete": "1" if status.complete else "0"}
    if status.total is not None:
        headers["Upload-Length"] = str(status.total)
    return Response(status_code=200, headers=headers)


@router.get("/blobs/{sha256}", response_class=StreamingResponse, responses=_BLOB)
def get_blob(sha256: str, actor: SyncActor, session: SessionDep, ctx: ContextDep, intake: IntakeDep) -> Response:
    """Download content: valid evidence within object access, own uploads, everything for admins."""
    chunks: Iterator[bytes] = BlobService(session, ctx, intake).download(actor, sha256)
    return StreamingResponse(chunks, media_type="application/octet-stream")
