"""Wire shapes of /documents/* (API_CONTRACT "Documents")."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, Field

from shared.documents import MAX_REASON_CHARS, PiiStatus, ScanStatus
from syncserver.models.document import Document


class DocumentOut(BaseModel):
    """DocumentOut; ``status`` repeats ``approval_status``. ``scan_detail`` (why a scan is still pending,
    the signature found) is shown to admins only."""

    id: uuid.UUID
    status: str
    approval_status: str
    scan_status: str
    pii_status: str
    checksum_sha256: str | None
    owner_user_id: uuid.UUID
    vehicle_id: uuid.UUID | None
    entry_id: uuid.UUID | None
    trust_folder_id: uuid.UUID | None
    size_bytes: int
    content_type: str
    filename: str | None
    created_at: datetime
    updated_at: datetime
    approved_at: datetime | None
    rejected_at: datetime | None
    reject_reason: str | None
    pii_note: str | None
    pii_marked_at: datetime | None
    scan_detail: str | None = None
    #: Admins only: why the scan is still PENDING (``scanner_not_configured`` / ``scanner_unreachable``).
    scan_pending_reason: str | None = None
    replaces_document_id: uuid.UUID | None
    replaced_by_document_id: uuid.UUID | None

    @classmethod
    def of(cls, doc: Document, *, admin: bool) -> DocumentOut:
        return cls(
            id=doc.id,
            status=doc.approval_status,
            approval_status=doc.approval_status,
            scan_status=doc.scan_status,
            pii_status=doc.pii_status,
            checksum_sha256=doc.checksum_sha256,
            owner_user_id=doc.owner_user_id,
            vehicle_id=doc.vehicle_id,
            entry_id=doc.entry_id,
            trust_folder_id=doc.trust_folder_id,
            size_bytes=doc.size_bytes,
            content_type=doc.content_type,
            filename=doc.filename,
            created_at=doc.created_at,
            updated_at=doc.updated_at,
            approved_at=doc.approved_at,
            rejected_at=doc.rejected_at,
            reject_reason=doc.reject_reason,
            pii_note=doc.pii_note,
            pii_marked_at=doc.pii_marked_at,
            scan_detail=doc.scan_detail if admin else None,
            scan_pending_reason=_pending_reason(doc) if admin else None,
            replaces_document_id=doc.replaces_document_id,
            replaced_by_document_id=doc.replaced_by_document_id,
        )


class ScanIn(BaseModel):
    scan_status: ScanStatus


class RejectIn(BaseModel):
    reason: str | None = Field(default=None, max_length=MAX_REASON_CHARS)


class PiiIn(BaseModel):
    pii_status: PiiStatus
    note: str | None = Field(default=None, max_length=MAX_REASON_CHARS)


class PipelineOut(BaseModel):
    """Live documents per status (SPEC §11.4 monitoring) and jobs per state; counts only."""

    approval_status: dict[str, int]
    scan_status: dict[str, int]
    pii_status: dict[str, int]
    jobs: dict[str, int]


def _pending_reason(doc: Document) -> str | None:
    if doc.scan_status == ScanStatus.PENDING and doc.scan_detail in ("scanner_not_configured", "scanner_unreachable"):
        return doc.scan_detail
    return None
