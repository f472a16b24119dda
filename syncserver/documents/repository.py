"""All SQL of documents."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from shared.documents import ApprovalStatus, PiiStatus, ScanStatus
from syncserver.models.addon import TrustFolder
from syncserver.models.document import Document
from syncserver.models.entry import VehicleEntry


class DocumentRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, document: Document) -> Document:
        self.session.add(document)
        self.session.flush()
        return document

    def get(self, document_id: uuid.UUID, *, for_update: bool = False) -> Document | None:
        stmt = select(Document).where(Document.id == document_id)
        if for_update:
            stmt = stmt.with_for_update()
        return self.session.scalars(stmt.execution_options(populate_existing=True)).first()

    def quarantined(self, limit: int, offset: int) -> Sequence[Document]:
        """Live QUARANTINED documents, newest first."""
        stmt = (
            select(Document)
            .where(Document.approval_status == ApprovalStatus.QUARANTINED.value, Document.deleted_at.is_(None))
            .order_by(Document.created_at.desc(), Document.id.desc())
            .limit(limit)
            .offset(offset)
        )
        return self.session.scalars(stmt).all()

    def for_vehicle(self, vehicle_id: uuid.UUID) -> Sequence[Document]:
        """Every document of the vehicle, tombstones included (the trust engine skips deleted ones)."""
        return self.session.scalars(select(Document).where(Document.vehicle_id == vehicle_id)).all()

    def waiting_for_scanner(self, reasons: Sequence[str]) -> Sequence[Document]:
        """Live documents whose scan is PENDING because no scanner was configured or reachable."""
        stmt = select(Document).where(
            Document.deleted_at.is_(None),
            Document.scan_status == ScanStatus.PENDING.value,
            Document.scan_detail.in_(list(reasons)),
            Document.storage_key.is_not(None),
        )
        return self.session.scalars(stmt.order_by(Document.created_at)).all()

    def retention_candidates(self, now: datetime, pii_days: int, rejected_days: int) -> Sequence[uuid.UUID]:
        """Ids of live documents rejected, or with confirmed PII, longer ago than the retention periods."""
        rejected = and_(
            Document.approval_status == ApprovalStatus.REJECTED.value,
            Document.rejected_at < now - timedelta(days=rejected_days),
        )
        confirmed = and_(
            Document.pii_status == PiiStatus.CONFIRMED.value,
            Document.pii_marked_at < now - timedelta(days=pii_days),
        )
        stmt = select(Document.id).where(Document.deleted_at.is_(None), or_(rejected, confirmed))
        return self.session.scalars(stmt.order_by(Document.created_at)).all()

    def status_counts(self) -> dict[str, dict[str, int]]:
        """Live documents per approval, scan and PII status (monitoring, SPEC §11.4; no PII)."""
        counts: dict[str, dict[str, int]] = {}
        for column in (Document.approval_status, Document.scan_status, Document.pii_status):
            stmt = select(column, func.count()).where(Document.deleted_at.is_(None)).group_by(column)
            counts[column.key] = {str(value): int(n) for value, n in self.session.execute(stmt).all()}
        return counts

    def entry(self, entry_id: uuid.UUID) -> VehicleEntry | None:
        return self.session.get(VehicleEntry, entry_id)

    def trust_folder(self, folder_id: uuid.UUID) -> TrustFolder | None:
        return self.session.get(TrustFolder, folder_id)
