"""Document requests (SPEC §6.4-6.5, D9, D15-D17). No FastAPI; flushes only.

Reads answer 404 ``not_found`` when the caller may not even see the document; a caller that sees it
but may not download its content gets 403 ``forbidden`` (audited as a quarantine block).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from datetime import datetime

from sqlalchemy.orm import Session

import shared.documents as rules
from shared.documents import ApprovalStatus, DocumentState, PiiStatus, ScanStatus
from shared.errors import DomainError, ErrorCode
from shared.ids import uuid7
from syncserver.access.actor import Actor
from syncserver.audit import AuditAction, AuditResult, ReasonCode
from syncserver.blobstore import Area, BlobNotFound
from syncserver.context import ServerContext
from syncserver.documents import effects
from syncserver.documents.effects import JOB_PII, JOB_SCAN, audit
from syncserver.documents.repository import DocumentRepository
from syncserver.documents.state import apply_state, document_actor, state_of, uploader_actor
from syncserver.failures import RecordedFailure
from syncserver.intake.runtime import IntakeRuntime
from syncserver.intake.upload import ReceivedUpload
from syncserver.models.document import Document
from syncserver.vehicles.access import Capability, vehicle_access


class DocumentService:
    def __init__(self, session: Session, ctx: ServerContext, intake: IntakeRuntime) -> None:
        self.session = session
        self.ctx = ctx
        self.intake = intake
        self.repo = DocumentRepository(session)

    @property
    def now(self) -> datetime:
        return self.ctx.clock.now()

    # --- upload -----------------------------------------------------------------------------------
    def refused(self, actor: Actor, error: DomainError) -> RecordedFailure:
        """Audit a refused upload (nothing was stored) and return the error to raise (committed)."""
        audit(
            self.session,
            AuditAction.UPLOAD_REJECTED,
            None,
            at=self.now,
            actor=actor.audit,
            result=AuditResult.DENIED,
            reason=error.code.value,
        )
        return RecordedFailure(error.code, error.http_status)

    def _links(
        self, actor: Actor, vehicle_id: uuid.UUID | None, entry_id: uuid.UUID | None, folder_id: uuid.UUID | None
    ) -> uuid.UUID | None:
        """Check the attachment targets belong together and the caller may attach to them; the vehicle id."""
        vehicles: set[uuid.UUID] = {vehicle_id} if vehicle_id else set()
        if entry_id is not None:
            entry = self.repo.entry(entry_id)
            if entry is None or entry.deleted_at is not None:
                raise DomainError(ErrorCode.ENTRY_NOT_FOUND)
            vehicles.add(entry.vehicle_id)
        if folder_id is not None:
            folder = self.repo.trust_folder(folder_id)
            if folder is None:
                raise DomainError(ErrorCode.NOT_FOUND)
            vehicles.add(folder.vehicle_id)
        if len(vehicles) > 1:
            raise DomainError(ErrorCode.VALIDATION_FAILED, message="attachment targets of different vehicles")
        target = next(iter(vehicles), None)
        if target is not None:
            vehicle_access(self.session, actor, target, self.now, Capability.APPEND)
        return target

    def register_upload(
        self,
        actor: Actor,
        received: ReceivedUpload,
        *,
        vehicle_id: uuid.UUID | None = None,
        entry_id: uuid.UUID | None = None,
        trust_folder_id: uuid.UUID | None = None,
        replaces: Document | None = None,
        record_id: uuid.UUID | None = None,
    ) -> Document:
        """Create the QUARANTINED / PENDING / OK row for a file already in quarantine and queue its scan (under
        ``record_id`` when given: a sync client's id no document has)."""
        state = rules.new_document(uploader_actor(actor))
        target_vehicle = self._links(actor, vehicle_id, entry_id, trust_folder_id)
        now = self.now
        doc = Document(
            id=record_id or uuid7(),
            owner_user_id=replaces.owner_user_id if replaces is not None else actor.user_id,
            vehicle_id=target_vehicle,
            entry_id=entry_id,
            trust_folder_id=trust_folder_id,
            replaces_document_id=replaces.id if replaces is not None else None,
            filename=received.filename,
            content_type=received.content_type.value,
            size_bytes=received.size_bytes,
            checksum_sha256=received.checksum_sha256,
            storage_key=received.key,
            storage_area=Area.QUARANTINE.value,
            created_at=now,
            updated_at=now,
        )
        apply_state(doc, state, now)
        self.repo.add(doc)
        audit(self.session, AuditAction.UPLOAD_RECEIVED, doc, at=now, actor=actor.audit)
        audit(self.session, AuditAction.UPLOAD_QUARANTINED, doc, at=now, actor=actor.audit)
        effects.enqueue(self.session, self.ctx, JOB_SCAN, doc, now)
        effects.after_status_change(self.session, doc, now)
        return doc

    def replace(self, actor: Actor, document_id: uuid.UUID, received: ReceivedUpload) -> Document:
        """PII clean-up (D16): a cleaned replacement takes the old one's place; the old one is deleted."""
        old, who = self._load(actor, document_id, lock=True)
        rules.replace_document(state_of(old), who, self.now, "pending")  # permission + liveness first
        new = self.register_upload(
            actor,
            received,
            vehicle_id=old.vehicle_id,
            entry_id=old.entry_id,
            trust_folder_id=old.trust_folder_id,
            replaces=old,
        )
        self._apply(old, rules.replace_document(state_of(old), who, self.now, str(new.id)))
        effects.remove_content(self.intake.blobs, old)
        audit(
            self.session, AuditAction.DOCUMENT_REPLACED, old, at=self.now, actor=actor.audit, replacement_id=str(new.id)
        )
        effects.after_status_change(self.session, old, self.now)
        return new

    # --- reads ------------------------------------------------------------------------------------
    def _load(
        self, actor: Actor, document_id: uuid.UUID, *, lock: bool = False
    ) -> tuple[Document, rules.DocumentActor]:
        """The document if the caller may see it. Mutations (``lock``) on a deleted document the caller
        knows (its uploader, an admin) answer 409 ``document_deleted``; reads answer 404."""
        doc = self.repo.get(document_id, for_update=lock)
        if doc is None:
            raise DomainError(ErrorCode.NOT_FOUND)
        if doc.deleted_at is not None:
            if lock and (actor.is_admin or doc.owner_user_id == actor.user_id):
                raise DomainError(ErrorCode.DOCUMENT_DELETED)
            raise DomainError(ErrorCode.NOT_FOUND)
        who = document_actor(self.session, actor, doc, self.now)
        if not rules.can_view_metadata(who, state_of(doc)):
            if who.has_object_access:
                self._deny(actor, doc)
            raise DomainError(ErrorCode.NOT_FOUND)
        return doc, who

    def _deny(self, actor: Actor, doc: Document) -> RecordedFailure:
        audit(
            self.session,
            AuditAction.ACCESS_DENIED,
            doc,
            at=self.now,
            actor=actor.audit,
            result=AuditResult.DENIED,
            reason_code=ReasonCode.QUARANTINE_BLOCK,
        )
        raise RecordedFailure(ErrorCode.FORBIDDEN, 403)

    def get(self, actor: Actor, document_id: uuid.UUID) -> Document:
        return self._load(actor, document_id)[0]

    def download(self, actor: Actor, document_id: uuid.UUID) -> tuple[Document, Iterator[bytes]]:
        """The content for admins (any state) and for others only when it is valid evidence (D17)."""
        doc, who = self._load(actor, document_id)
        if not rules.can_download(who, state_of(doc)):
            self._deny(actor, doc)
        if doc.storage_key is None:
            raise DomainError(ErrorCode.NOT_FOUND)
        if doc.approval_status != ApprovalStatus.APPROVED:
            audit(self.session, AuditAction.DOCUMENT_DOWNLOADED, doc, at=self.now, actor=actor.audit)
        return doc, self._content(doc)

    def _content(self, doc: Document) -> Iterator[bytes]:
        assert doc.storage_key is not None  # checked by the caller
        first = effects.area_of(doc)
        for area in (first, *[a for a in Area if a != first]):  # a move may have outlived a rolled-back commit
            try:
                return self.intake.blobs.iter_chunks(area, doc.storage_key)
            except BlobNotFound:
                continue
        raise DomainError(ErrorCode.NOT_FOUND)

    def quarantine(self, limit: int = 100, offset: int = 0) -> Sequence[Document]:
        return self.repo.quarantined(limit, offset)

    def pipeline_counts(self) -> dict[str, dict[str, int]]:
        return self.repo.status_counts()

    # --- state changes ----------------------------------------------------------------------------
    def _apply(self, doc: Document, state: DocumentState) -> bool:
        return apply_state(doc, state, self.now)

    def set_scan(self, actor: Actor, document_id: uuid.UUID, result: ScanStatus) -> Document:
        """Admin sets (or re-sets) the scan result; INFECTED rejects automatically, CLEAN queues the PII check."""
        doc, who = self._load(actor, document_id, lock=True)
        before = doc.approval_status
        self._apply(doc, rules.rescan(state_of(doc), who, result, self.now))
        doc.scan_detail = "set_by_admin"
        doc.scanned_at = self.now
        self._scan_effects(doc, actor, before)
        return doc

    def _scan_effects(self, doc: Document, actor: Actor, before: str) -> None:
        now, who = self.now, actor.audit
        if doc.scan_status == ScanStatus.CLEAN:
            audit(self.session, AuditAction.UPLOAD_SCANNED_CLEAN, doc, at=now, actor=who)
            effects.enqueue(self.session, self.ctx, JOB_PII, doc, now)
        elif doc.scan_status == ScanStatus.INFECTED:
            audit(self.session, AuditAction.UPLOAD_SCANNED_SUSPICIOUS, doc, at=now, actor=who)
            if before != ApprovalStatus.REJECTED:
                audit(self.session, AuditAction.UPLOAD_REJECTED, doc, at=now, actor=who, reason="infected")
                effects.move_content(self.intake.blobs, doc, Area.QUARANTINE)
        elif doc.scan_status == ScanStatus.PENDING:
            effects.enqueue(self.session, self.ctx, JOB_SCAN, doc, now)
        else:
            audit(self.session, AuditAction.UPLOAD_SCAN_ERROR, doc, at=now, actor=who)
        effects.after_status_change(self.session, doc, now)

    def rescan(self, actor: Actor, document_id: uuid.UUID) -> Document:
        """Admin: run the real scan again (scan status back to PENDING until clamd answers)."""
        doc, who = self._load(actor, document_id, lock=True)
        self._apply(doc, rules.rescan(state_of(doc), who, ScanStatus.PENDING, self.now))
        doc.scan_detail = None
        audit(self.session, AuditAction.UPLOAD_RESCAN_REQUESTED, doc, at=self.now, actor=actor.audit)
        effects.enqueue(self.session, self.ctx, JOB_SCAN, doc, self.now)
        effects.after_status_change(self.session, doc, self.now)
        return doc

    def approve(self, actor: Actor, document_id: uuid.UUID) -> Document:
        doc, who = self._load(actor, document_id, lock=True)
        if self._apply(doc, rules.approve(state_of(doc), who, self.now)):
            effects.move_content(self.intake.blobs, doc, Area.APPROVED)
            audit(self.session, AuditAction.UPLOAD_APPROVED, doc, at=self.now, actor=actor.audit)
            effects.after_status_change(self.session, doc, self.now)
        return doc

    def reject(self, actor: Actor, document_id: uuid.UUID, reason: str | None) -> Document:
        doc, who = self._load(actor, document_id, lock=True)
        if self._apply(doc, rules.reject(state_of(doc), who, self.now, reason)):
            effects.move_content(self.intake.blobs, doc, Area.QUARANTINE)
            audit(self.session, AuditAction.UPLOAD_REJECTED, doc, at=self.now, actor=actor.audit, reason="admin")
            effects.after_status_change(self.session, doc, self.now)
        return doc

    def mark_pii(self, actor: Actor, document_id: uuid.UUID, status: PiiStatus, note: str | None) -> Document:
        """Owner (uploader) or admin marks PII; an admin setting OK is the audited override (D16)."""
        doc, who = self._load(actor, document_id, lock=True)
        state = state_of(doc)
        override = status == PiiStatus.OK and actor.is_admin
        new = (
            rules.override_pii(state, who, self.now) if override else rules.mark_pii(state, who, status, self.now, note)
        )
        if self._apply(doc, new):
            if override:
                action = AuditAction.DOCUMENT_PII_OVERRIDE
            else:
                action = AuditAction.DOCUMENT_PII_MARKED
            audit(self.session, action, doc, at=self.now, actor=actor.audit, pii_status=doc.pii_status)
            effects.after_status_change(self.session, doc, self.now)
        return doc

    def delete(self, actor: Actor, document_id: uuid.UUID) -> Document:
        doc, who = self._load(actor, document_id, lock=True)
        self._apply(doc, rules.soft_delete(state_of(doc), who, self.now))
        effects.remove_content(self.intake.blobs, doc)
        audit(self.session, AuditAction.DOCUMENT_DELETED, doc, at=self.now, actor=actor.audit, reason="deleted")
        effects.after_status_change(self.session, doc, self.now)
        return doc
