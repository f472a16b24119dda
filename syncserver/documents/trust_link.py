"""The documents' side of the trust engine (D18): a document source for ``syncserver.trust`` and the
one call made after every status change of a document attached to a vehicle."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy.orm import Session

from shared.documents import ApprovalStatus, PiiStatus, ScanStatus
from shared.trust import DocumentFacts
from syncserver.documents.repository import DocumentRepository
from syncserver.models.document import Document
from syncserver.trust.service import recompute_trust
from syncserver.trust.sources import VehicleDocument, register_document_source


def facts_of(doc: Document) -> DocumentFacts:
    return DocumentFacts(
        approval_status=ApprovalStatus(doc.approval_status),
        scan_status=ScanStatus(doc.scan_status),
        pii_status=PiiStatus(doc.pii_status),
        has_sha256=bool(doc.checksum_sha256),
        deleted_at=doc.deleted_at,
        pii_override=doc.pii_override_at is not None,
    )


def document_source(session: Session, vehicle_id: uuid.UUID) -> Iterable[VehicleDocument]:
    return [VehicleDocument(doc.entry_id, facts_of(doc)) for doc in DocumentRepository(session).for_vehicle(vehicle_id)]


register_document_source(document_source)


def status_changed(session: Session, doc: Document, now: datetime) -> None:
    """Recompute the vehicle's trust after a status change (same transaction, flush only)."""
    if doc.vehicle_id is None:
        return
    session.flush()
    recompute_trust(session, doc.vehicle_id, now)
