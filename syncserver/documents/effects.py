"""Side effects shared by the request service and the background jobs: audit rows, trust recompute,
job enqueueing and content removal. Audit rows carry ids and statuses only - never titles or names."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from syncserver.audit import AuditAction, AuditActor, AuditResult, AuditScope, ReasonCode, TargetType, record
from syncserver.audit.service import register_metadata_keys
from syncserver.blobstore import Area, BlobStore
from syncserver.context import ServerContext
from syncserver.documents.trust_link import status_changed
from syncserver.models.document import Document
from syncserver.worker.service import JobQueue, RetryPolicy

JOB_SCAN = "document.scan"
JOB_PII = "document.pii"
JOB_RETENTION = "documents.retention"

register_metadata_keys(
    "quarantine_status", "scan_status", "pii_status", "categories", "reason", "detail", "replacement_id", "replaces_id"
)


def audit(
    session: Session,
    action: AuditAction,
    doc: Document | None,
    *,
    at: datetime,
    actor: AuditActor | None,
    result: AuditResult = AuditResult.SUCCESS,
    reason_code: ReasonCode | None = None,
    scope: AuditScope = AuditScope.OWN,
    **metadata: Any,
) -> None:
    """One audit row about ``doc``: document_id, doc_type and quarantine status, plus codes."""
    meta: dict[str, Any] = dict(metadata)
    if doc is not None:
        meta.setdefault("doc_type", doc.content_type)
        meta.setdefault("quarantine_status", doc.approval_status)
    record(
        session,
        action,
        at=at,
        actor=actor,
        result=result,
        target_type=TargetType.DOCUMENT,
        target_id=doc.id if doc is not None else None,
        scope=scope,
        reason_code=reason_code,
        metadata=meta,
    )


def enqueue(session: Session, ctx: ServerContext, kind: str, doc: Document, now: datetime) -> None:
    JobQueue(session, RetryPolicy.from_settings(ctx.settings)).enqueue(
        kind, now, ref=str(doc.id), payload={"document_id": str(doc.id)}
    )


def after_status_change(session: Session, doc: Document, now: datetime) -> None:
    """Every status change ends here: the vehicle's trust is derived again (D18)."""
    status_changed(session, doc, now)


def area_of(doc: Document) -> Area:
    return Area(doc.storage_area) if doc.storage_area else Area.QUARANTINE


def move_content(blobs: BlobStore, doc: Document, target: Area) -> None:
    """Move the bytes between quarantine and approved (a missing object is left to the reader's fallback)."""
    if doc.storage_key is None or area_of(doc) == target:
        return
    if blobs.exists(area_of(doc), doc.storage_key):
        blobs.move(doc.storage_key, area_of(doc), target)
    doc.storage_area = target.value


def remove_content(blobs: BlobStore, doc: Document) -> None:
    """Delete the stored bytes and the confidential metadata; the row stays as a tombstone."""
    if doc.storage_key is not None:
        for area in Area:
            blobs.delete(area, doc.storage_key)
    doc.storage_key = None
    doc.storage_area = None
    doc.filename = None
    doc.pii_note = None
    doc.reject_reason = None
