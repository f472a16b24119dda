"""The intake pipeline as background jobs (D15, D16): clamd scan -> PII check, the retention sweep; also the
periodic purge of retired public-token hashes (SPEC §8.5).

Each handler loads the document again (it may have changed since the job was queued), acts as the
system actor through ``shared.documents`` and writes its audit rows in the job's transaction.
No scanner configured or reachable: the scan stays PENDING with a ``scan_detail`` admins can read -
never CLEAN without a scan. Unreadable text: SUSPECTED (deny by default).
"""

from __future__ import annotations

import uuid

import shared.documents as rules
from shared.documents import SYSTEM_ACTOR, ApprovalStatus, ContentType, PiiStatus, ScanStatus
from shared.errors import DomainError
from syncserver.audit import AuditAction, AuditActor
from syncserver.context import ServerContext
from syncserver.documents import effects
from syncserver.documents.effects import JOB_PII, JOB_RETENTION, JOB_SCAN, audit
from syncserver.documents.repository import DocumentRepository
from syncserver.documents.state import apply_state, state_of
from syncserver.intake.clamd import ScannerError, ScannerUnavailable, Verdict
from syncserver.intake.pii import UNREADABLE_NOTE, detect, note_for
from syncserver.intake.runtime import IntakeRuntime
from syncserver.intake.text import TextUnavailable, extract_text
from syncserver.models.document import Document
from syncserver.public.history import (
    JOB_TOKEN_HISTORY_PURGE,
    TOKEN_HISTORY_PURGE_INTERVAL_SECONDS,
    purge_token_history,
)
from syncserver.worker.service import Handler, JobContext, JobRegistry, PeriodicJob, Retry

SYSTEM = AuditActor.system()
SCANNER_NOT_CONFIGURED = "scanner_not_configured"
SCANNER_UNREACHABLE = "scanner_unreachable"
#: Why a scan can be stuck at PENDING (``DocumentOut.scan_pending_reason`` for admins).
SCAN_PENDING_REASONS = frozenset({SCANNER_NOT_CONFIGURED, SCANNER_UNREACHABLE})
#: Periodic: scans that waited for a scanner are queued again once clamd answers.
JOB_SCAN_REQUEUE = "documents.scan_requeue"
SCAN_REQUEUE_INTERVAL_SECONDS = 300


def _document(job: JobContext) -> Document | None:
    raw = job.payload.get("document_id")
    doc = DocumentRepository(job.session).get(uuid.UUID(str(raw)), for_update=True) if raw else None
    return doc if doc is not None and doc.deleted_at is None else None


class IntakeJobs:
    """Handlers bound to one :class:`IntakeRuntime` (blob store, scanner, OCR settings)."""

    def __init__(self, runtime: IntakeRuntime) -> None:
        self.runtime = runtime

    def scan(self, job: JobContext) -> Retry | None:
        doc = _document(job)
        if doc is None or doc.scan_status not in (ScanStatus.PENDING, ScanStatus.ERROR) or doc.storage_key is None:
            return None
        scanner = self.runtime.scanner
        if scanner is None:
            self._defer(job, doc, SCANNER_NOT_CONFIGURED)
            return None  # nothing to retry until an admin configures clamd and asks for a rescan
        try:
            result = scanner.scan_stream(self.runtime.blobs.iter_chunks(effects.area_of(doc), doc.storage_key))
        except ScannerUnavailable as exc:
            self._defer(job, doc, exc.reason)
            return Retry(exc.reason)
        except ScannerError as exc:
            apply_state(doc, rules.record_scan_result(state_of(doc), SYSTEM_ACTOR, ScanStatus.ERROR, job.now), job.now)
            doc.scan_detail = exc.reason
            audit(job.session, AuditAction.UPLOAD_SCAN_ERROR, doc, at=job.now, actor=SYSTEM, detail=exc.reason)
            effects.after_status_change(job.session, doc, job.now)
            return Retry(exc.reason)
        status = ScanStatus.CLEAN if result.verdict == Verdict.CLEAN else ScanStatus.INFECTED
        before = doc.approval_status
        apply_state(doc, rules.record_scan_result(state_of(doc), SYSTEM_ACTOR, status, job.now), job.now)
        doc.scanned_at = job.now
        doc.scan_detail = f"signature:{result.signature}"[:64] if result.signature else "clamd"
        if status == ScanStatus.CLEAN:
            audit(job.session, AuditAction.UPLOAD_SCANNED_CLEAN, doc, at=job.now, actor=SYSTEM)
            effects.enqueue(job.session, job.ctx, JOB_PII, doc, job.now)
        else:
            audit(job.session, AuditAction.UPLOAD_SCANNED_SUSPICIOUS, doc, at=job.now, actor=SYSTEM)
            if before != ApprovalStatus.REJECTED:
                audit(job.session, AuditAction.UPLOAD_REJECTED, doc, at=job.now, actor=SYSTEM, reason="infected")
        effects.after_status_change(job.session, doc, job.now)
        return None

    def _defer(self, job: JobContext, doc: Document, reason: str) -> None:
        """The scan could not run: the document stays PENDING and admins see why."""
        if doc.scan_detail != reason:
            doc.scan_detail = reason
            doc.updated_at = job.now
            audit(job.session, AuditAction.UPLOAD_SCAN_DEFERRED, doc, at=job.now, actor=SYSTEM, detail=reason)

    def pii(self, job: JobContext) -> Retry | None:
        doc = _document(job)
        if doc is None or doc.scan_status != ScanStatus.CLEAN or doc.storage_key is None:
            return None  # only scanned-clean content is opened by the text tools
        if doc.pii_status != PiiStatus.OK or doc.pii_override_at is not None:
            return None  # already flagged, or an admin's override stands
        try:
            with self.runtime.blobs.materialize(effects.area_of(doc), doc.storage_key) as path:
                text = extract_text(path, ContentType(doc.content_type), self.runtime.text)
            categories = detect(text.text)
            note = note_for(categories) if categories else None
            detail = text.method
        except TextUnavailable as exc:
            categories, note, detail = frozenset(), UNREADABLE_NOTE, exc.reason
        doc.pii_checked_at = job.now
        doc.updated_at = job.now
        if note is None:
            audit(job.session, AuditAction.UPLOAD_PII_CHECKED, doc, at=job.now, actor=SYSTEM, detail=detail)
            return None
        state = rules.mark_pii(state_of(doc), SYSTEM_ACTOR, PiiStatus.SUSPECTED, job.now, note)
        apply_state(doc, state, job.now)
        names = sorted(c.value for c in categories) or ["unreadable"]
        audit(
            job.session,
            AuditAction.DOCUMENT_PII_MARKED,
            doc,
            at=job.now,
            actor=SYSTEM,
            pii_status=doc.pii_status,
            categories=names,
            detail=detail,
        )
        effects.after_status_change(job.session, doc, job.now)
        return None

    def requeue_waiting_scans(self, job: JobContext) -> Retry | None:
        """Queue a scan again for every live document left PENDING for want of a scanner, once clamd answers.

        Covers uploads made while no scanner was configured (their scan job ended without a retry) and
        scans whose retries ran out while clamd was unreachable (their job is dead). A document with an
        open scan job keeps that job (the queue deduplicates).
        """
        scanner = self.runtime.scanner
        if scanner is None or not scanner.ping():
            return None
        repo = DocumentRepository(job.session)
        for doc in repo.waiting_for_scanner(sorted(SCAN_PENDING_REASONS)):
            effects.enqueue(job.session, job.ctx, JOB_SCAN, doc, job.now)
        return None

    def retention(self, job: JobContext) -> Retry | None:
        """Delete confirmed, uncleaned PII and rejected documents past their retention (D16).

        The periods are shared's ``PII_CONFIRMED_RETENTION_DAYS`` / ``REJECTED_RETENTION_DAYS`` (30 days, D16),
        the single source: ``rules.purge_for_retention`` re-checks each document against those same
        constants, so a server setting could not shorten or lengthen them without the two disagreeing.
        """
        repo = DocumentRepository(job.session)
        days_pii, days_rejected = rules.PII_CONFIRMED_RETENTION_DAYS, rules.REJECTED_RETENTION_DAYS
        for document_id in repo.retention_candidates(job.now, days_pii, days_rejected):
            doc = repo.get(document_id, for_update=True)
            if doc is None or doc.deleted_at is not None:
                continue
            try:
                state = rules.purge_for_retention(state_of(doc), SYSTEM_ACTOR, job.now)
            except DomainError:
                continue  # not due after all (e.g. exactly at the boundary)
            apply_state(doc, state, job.now)
            effects.remove_content(self.runtime.blobs, doc)
            reason = doc.deleted_reason or "retention"
            audit(job.session, AuditAction.DOCUMENT_RETENTION_PURGED, doc, at=job.now, actor=SYSTEM, reason=reason)
            effects.after_status_change(job.session, doc, job.now)
        return None


def _purge_token_history(job: JobContext) -> Retry | None:
    """SPEC §8.5: retired public-token hashes are kept for 180 days, then deleted."""
    purge_token_history(job.session, job.now)
    return None


def build_registry(ctx: ServerContext, runtime: IntakeRuntime | None = None) -> JobRegistry:
    """Every job kind of the server and the periodic ones."""
    jobs = IntakeJobs(runtime or IntakeRuntime.from_settings(ctx.settings))
    handlers: dict[str, Handler] = {
        JOB_SCAN: jobs.scan,
        JOB_PII: jobs.pii,
        JOB_RETENTION: jobs.retention,
        JOB_SCAN_REQUEUE: jobs.requeue_waiting_scans,
        JOB_TOKEN_HISTORY_PURGE: _purge_token_history,
    }
    periodic = (
        PeriodicJob(JOB_RETENTION, ctx.settings.retention_interval_seconds),
        PeriodicJob(JOB_SCAN_REQUEUE, SCAN_REQUEUE_INTERVAL_SECONDS),
        PeriodicJob(JOB_TOKEN_HISTORY_PURGE, TOKEN_HISTORY_PURGE_INTERVAL_SECONDS),
    )
    return JobRegistry(handlers=handlers, periodic=periodic)
