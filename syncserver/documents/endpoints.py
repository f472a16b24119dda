"""/documents/* routes (API_CONTRACT "Documents", SPEC §6.4-6.5); thin: parse, call the service, shape."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from functools import partial
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from shared.errors import DomainError, ErrorCode
from syncserver.access import Actor, Policy, require
from syncserver.blobstore import Area
from syncserver.context import ServerContext
from syncserver.deps import ContextDep, SessionDep
from syncserver.documents.schemas import DocumentOut, PiiIn, PipelineOut, RejectIn, ScanIn
from syncserver.documents.service import DocumentService
from syncserver.intake.runtime import IntakeRuntime
from syncserver.intake.upload import ReceivedUpload, receive_upload
from syncserver.models.document import Document
from syncserver.worker.main import start_in_process
from syncserver.worker.repository import JobRepository

UPLOAD = Policy.product("document_upload")
READ = Policy.product("document_read")
DOWNLOAD = Policy.product("document_download")
PII = Policy.product("document_pii")
QUARANTINE = Policy.admin("document_quarantine")
REVIEW = Policy.admin("document_review")

Uploader = Annotated[Actor, Depends(require(UPLOAD))]
Reader = Annotated[Actor, Depends(require(READ))]
Downloader = Annotated[Actor, Depends(require(DOWNLOAD))]
PiiActor = Annotated[Actor, Depends(require(PII))]
QuarantineAdmin = Annotated[Actor, Depends(require(QUARANTINE))]
Reviewer = Annotated[Actor, Depends(require(REVIEW))]


def get_intake(request: Request) -> IntakeRuntime:
    """The app's intake collaborators (built once from its settings)."""
    runtime: IntakeRuntime | None = getattr(request.app.state, "ltc_intake", None)
    if runtime is None:
        ctx: ServerContext = request.app.state.ctx
        runtime = IntakeRuntime.from_settings(ctx.settings)
        request.app.state.ltc_intake = runtime
    return runtime


IntakeDep = Annotated[IntakeRuntime, Depends(get_intake)]


@asynccontextmanager
async def worker_lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Embedded default: run the job worker on a thread of this process (once per app)."""
    ctx: ServerContext = app.state.ctx
    started = None
    if ctx.settings.runs_worker_in_process and getattr(app.state, "ltc_worker", None) is None:
        started = app.state.ltc_worker = start_in_process(ctx)
    try:
        yield
    finally:
        if started is not None:
            await run_in_threadpool(started.stop)
            app.state.ltc_worker = None


router = APIRouter(prefix="/documents", tags=["documents"], lifespan=worker_lifespan)


def _service(session: SessionDep, ctx: ContextDep, intake: IntakeDep) -> DocumentService:
    return DocumentService(session, ctx, intake)


ServiceDep = Annotated[DocumentService, Depends(_service)]


def _uuid(fields: dict[str, str], name: str) -> uuid.UUID | None:
    raw = fields.get(name) or None
    if raw is None:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError as exc:
        raise DomainError(ErrorCode.VALIDATION_FAILED, message=f"{name} is not a UUID") from exc


async def _receive(request: Request, service: DocumentService, actor: Actor) -> ReceivedUpload:
    length = request.headers.get("content-length")
    try:
        return await receive_upload(
            request.stream(),
            content_type_header=request.headers.get("content-type"),
            content_length=int(length) if length and length.isdigit() else None,
            blobs=service.intake.blobs,
            max_bytes=service.intake.max_upload_bytes,
        )
    except DomainError as exc:
        if exc.code in (ErrorCode.TOO_LARGE, ErrorCode.MIME_NOT_ALLOWED, ErrorCode.EXT_NOT_ALLOWED):
            raise await run_in_threadpool(service.refused, actor, exc) from None
        raise


async def _register(service: DocumentService, received: ReceivedUpload, call: Callable[[], Document]) -> DocumentOut:
    """Create the row; on any failure the already stored quarantine file is removed again."""
    try:
        doc = await run_in_threadpool(call)
    except BaseException:
        await run_in_threadpool(service.intake.blobs.delete, Area.QUARANTINE, received.key)
        raise
    return DocumentOut.of(doc, admin=False)


@router.post("/upload", response_model=DocumentOut)
async def upload(request: Request, service: ServiceDep, actor: Uploader) -> DocumentOut:
    """Upload a PDF/JPEG/PNG (multipart ``file``; optional ``vehicle_id``, ``entry_id``, ``trust_folder_id``)."""
    received = await _receive(request, service, actor)
    fields = received.fields

    def register() -> Document:
        return service.register_upload(
            actor,
            received,
            vehicle_id=_uuid(fields, "vehicle_id"),
            entry_id=_uuid(fields, "entry_id"),
            trust_folder_id=_uuid(fields, "trust_folder_id"),
        )

    return await _register(service, received, register)


@router.post("/{document_id}/replace", response_model=DocumentOut)
async def replace(document_id: uuid.UUID, request: Request, service: ServiceDep, actor: Uploader) -> DocumentOut:
    """Upload a cleaned replacement (D16); the replaced document is deleted."""
    received = await _receive(request, service, actor)
    return await _register(service, received, partial(service.replace, actor, document_id, received))


@router.get("/admin/quarantine", response_model=list[DocumentOut])
def quarantine(
    service: ServiceDep,
    _: QuarantineAdmin,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[DocumentOut]:
    """All QUARANTINED documents, newest first (admins)."""
    return [DocumentOut.of(doc, admin=True) for doc in service.quarantine(limit, offset)]


@router.get("/admin/pipeline", response_model=PipelineOut)
def pipeline(service: ServiceDep, session: SessionDep, _: QuarantineAdmin) -> PipelineOut:
    """Counts per document status and job state, to spot a stuck pipeline (admins)."""
    counts = service.pipeline_counts()
    return PipelineOut(
        approval_status=counts.get("approval_status", {}),
        scan_status=counts.get("scan_status", {}),
        pii_status=counts.get("pii_status", {}),
        jobs=JobRepository(session).counts(),
    )


@router.get("/{document_id}", response_model=DocumentOut)
def get_document(document_id: uuid.UUID, service: ServiceDep, actor: Reader) -> DocumentOut:
    """Document metadata (SPEC §6.5, D17)."""
    return DocumentOut.of(service.get(actor, document_id), admin=actor.is_admin)


@router.get("/{document_id}/download", response_class=StreamingResponse)
def download(document_id: uuid.UUID, service: ServiceDep, actor: Downloader) -> StreamingResponse:
    """The content: admins any state, others valid evidence only (D17)."""
    doc, chunks = service.download(actor, document_id)
    headers = {
        "Content-Disposition": f'attachment; filename="document-{doc.id}"',
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "no-store",
        "Content-Length": str(doc.size_bytes),
    }
    return StreamingResponse(chunks, media_type=doc.content_type, headers=headers)


@router.delete("/{document_id}", response_model=DocumentOut)
def delete_document(document_id: uuid.UUID, service: ServiceDep, actor: PiiActor) -> DocumentOut:
    """Delete a document (its uploader or an admin); content and file name are removed."""
    return DocumentOut.of(service.delete(actor, document_id), admin=actor.is_admin)


@router.post("/{document_id}/scan", response_model=DocumentOut)
def set_scan(document_id: uuid.UUID, body: ScanIn, service: ServiceDep, actor: Reviewer) -> DocumentOut:
    """Set the scan result (admins); INFECTED rejects automatically."""
    return DocumentOut.of(service.set_scan(actor, document_id, body.scan_status), admin=True)


@router.post("/{document_id}/rescan", response_model=DocumentOut)
def rescan(document_id: uuid.UUID, service: ServiceDep, actor: Reviewer) -> DocumentOut:
    """Queue a real clamd scan again (admins)."""
    return DocumentOut.of(service.rescan(actor, document_id), admin=True)


@router.post("/{document_id}/approve", response_model=DocumentOut)
def approve(document_id: uuid.UUID, service: ServiceDep, actor: Reviewer) -> DocumentOut:
    """Approve (admins): 409 document_deleted, document_rejected, not_scanned_clean, pii_not_cleared."""
    return DocumentOut.of(service.approve(actor, document_id), admin=True)


@router.post("/{document_id}/reject", response_model=DocumentOut)
def reject(document_id: uuid.UUID, service: ServiceDep, actor: Reviewer, body: RejectIn | None = None) -> DocumentOut:
    """Reject (admins); final."""
    return DocumentOut.of(service.reject(actor, document_id, body.reason if body else None), admin=True)


@router.post("/{document_id}/pii", response_model=DocumentOut)
def mark_pii(document_id: uuid.UUID, body: PiiIn, service: ServiceDep, actor: PiiActor) -> DocumentOut:
    """Mark PII (uploader or admin, D16); an admin setting OK overrides the finding (audited)."""
    return DocumentOut.of(service.mark_pii(actor, document_id, body.pii_status, body.note), admin=actor.is_admin)
