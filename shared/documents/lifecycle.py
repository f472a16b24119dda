"""The document state machine and retention (SPEC §6.4, D9, D15, D16).

Each transition is a pure function ``(state, actor, ..., now) -> new state`` that raises
:class:`DomainError` when the event is not allowed; the caller persists the state and audits.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime, timedelta
from enum import StrEnum

from shared.documents.status import (
    UPLOAD_ROLES,
    ActorKind,
    ApprovalStatus,
    DeleteReason,
    DocumentActor,
    DocumentState,
    PiiStatus,
    ScanStatus,
)
from shared.errors import DomainError, ErrorCode

#: Reject reason and PII note length (SPEC §6.3).
MAX_REASON_CHARS = 500
#: Confirmed, uncleaned PII is deleted after this many days (D16).
PII_CONFIRMED_RETENTION_DAYS = 30
#: Rejected documents are hard-deleted after this many days (D16).
REJECTED_RETENTION_DAYS = 30
#: ``reject_reason`` written when a scan finds malware (SPEC §6.4).
INFECTED_AUTO_REJECT_REASON = "infected_auto_reject"


class DocumentEvent(StrEnum):
    """Everything that may happen to a document (SPEC §6.4)."""

    UPLOAD = "upload"
    SCAN_RESULT = "scan_result"
    RESCAN = "rescan"
    APPROVE = "approve"
    REJECT = "reject"
    MARK_PII = "mark_pii"
    PII_OVERRIDE = "pii_override"
    REPLACE = "replace"
    SOFT_DELETE = "soft_delete"
    RETENTION_PURGE = "retention_purge"


#: Who may trigger each event. Upload is open to every non-moderator account role (see ``new_document``).
EVENT_ACTORS: Mapping[DocumentEvent, frozenset[ActorKind]] = {
    DocumentEvent.UPLOAD: frozenset({ActorKind.UPLOADER, ActorKind.ADMIN}),
    DocumentEvent.SCAN_RESULT: frozenset({ActorKind.SYSTEM, ActorKind.ADMIN}),
    DocumentEvent.RESCAN: frozenset({ActorKind.ADMIN}),
    DocumentEvent.APPROVE: frozenset({ActorKind.ADMIN}),
    DocumentEvent.REJECT: frozenset({ActorKind.ADMIN}),
    DocumentEvent.MARK_PII: frozenset({ActorKind.SYSTEM, ActorKind.UPLOADER, ActorKind.ADMIN}),
    DocumentEvent.PII_OVERRIDE: frozenset({ActorKind.ADMIN}),
    DocumentEvent.REPLACE: frozenset({ActorKind.UPLOADER, ActorKind.ADMIN}),
    DocumentEvent.SOFT_DELETE: frozenset({ActorKind.UPLOADER, ActorKind.ADMIN}),
    DocumentEvent.RETENTION_PURGE: frozenset({ActorKind.SYSTEM}),
}

#: Scan results the scanner may report from each scan status (ERROR may be retried).
SCAN_RESULT_TRANSITIONS: Mapping[ScanStatus, frozenset[ScanStatus]] = {
    ScanStatus.PENDING: frozenset({ScanStatus.CLEAN, ScanStatus.INFECTED, ScanStatus.ERROR}),
    ScanStatus.ERROR: frozenset({ScanStatus.CLEAN, ScanStatus.INFECTED, ScanStatus.ERROR}),
    ScanStatus.CLEAN: frozenset(),
    ScanStatus.INFECTED: frozenset(),
}

#: PII markings: only ever stronger. Back to OK only by replacement or an admin override (D16).
PII_MARK_TRANSITIONS: Mapping[PiiStatus, frozenset[PiiStatus]] = {
    PiiStatus.OK: frozenset({PiiStatus.SUSPECTED, PiiStatus.CONFIRMED}),
    PiiStatus.SUSPECTED: frozenset({PiiStatus.CONFIRMED}),
    PiiStatus.CONFIRMED: frozenset(),
}
#: The automatic PII detector only ever suspects (D15).
SYSTEM_PII_TARGETS: frozenset[PiiStatus] = frozenset({PiiStatus.SUSPECTED})

# --- transitions -------------------------------------------------------------------------------


def _require_actor(event: DocumentEvent, actor: DocumentActor) -> None:
    if not EVENT_ACTORS[event] & actor.kinds:
        raise DomainError(ErrorCode.FORBIDDEN, message=f"{event.value}: actor not allowed")


def _require_live(state: DocumentState) -> None:
    if state.deleted_at is not None:
        raise DomainError(ErrorCode.DOCUMENT_DELETED)


def _check_text(field: str, value: str | None) -> str | None:
    if value is None:
        return None
    text = value.strip()
    if len(text) > MAX_REASON_CHARS:
        raise DomainError(ErrorCode.VALIDATION_FAILED, message=f"{field} too long")
    return text or None


def _as_rejected(state: DocumentState, by: str | None, now: datetime, reason: str | None) -> DocumentState:
    return replace(
        state,
        approval_status=ApprovalStatus.REJECTED,
        approved_by_user_id=None,
        approved_at=None,
        rejected_by_user_id=by,
        rejected_at=now,
        reject_reason=reason,
    )


def new_document(actor: DocumentActor) -> DocumentState:
    """Upload: QUARANTINED / PENDING / OK (D15). Any account role but moderator may upload."""
    if actor.role not in UPLOAD_ROLES:
        raise DomainError(ErrorCode.FORBIDDEN, message="upload: role not allowed")
    return DocumentState()


def _set_scan(state: DocumentState, result: ScanStatus, now: datetime) -> DocumentState:
    new = replace(state, scan_status=result)
    if result == ScanStatus.INFECTED and state.approval_status != ApprovalStatus.REJECTED:
        new = _as_rejected(new, None, now, INFECTED_AUTO_REJECT_REASON)
    return new


def record_scan_result(state: DocumentState, actor: DocumentActor, result: ScanStatus, now: datetime) -> DocumentState:
    """Scanner result for a PENDING (or ERROR, retried) document; INFECTED rejects automatically."""
    _require_actor(DocumentEvent.SCAN_RESULT, actor)
    _require_live(state)
    if result not in SCAN_RESULT_TRANSITIONS[state.scan_status]:
        raise DomainError(ErrorCode.INVALID_TRANSITION, message=f"scan {state.scan_status} -> {result}")
    return _set_scan(state, result, now)


def rescan(state: DocumentState, actor: DocumentActor, result: ScanStatus, now: datetime) -> DocumentState:
    """Admin rescan: any scan status while not deleted. A rejection stays final whatever the result."""
    _require_actor(DocumentEvent.RESCAN, actor)
    _require_live(state)
    return _set_scan(state, result, now)


def approve(state: DocumentState, actor: DocumentActor, now: datetime) -> DocumentState:
    """Admin approval; preconditions in contract order, then a no-op for an APPROVED document."""
    _require_actor(DocumentEvent.APPROVE, actor)
    _require_live(state)
    if state.approval_status == ApprovalStatus.REJECTED:
        raise DomainError(ErrorCode.DOCUMENT_REJECTED)
    if state.scan_status != ScanStatus.CLEAN:
        raise DomainError(ErrorCode.NOT_SCANNED_CLEAN)
    if state.pii_status != PiiStatus.OK:
        raise DomainError(ErrorCode.PII_NOT_CLEARED)
    if state.approval_status == ApprovalStatus.APPROVED:
        return state
    return replace(
        state,
        approval_status=ApprovalStatus.APPROVED,
        approved_by_user_id=actor.user_id,
        approved_at=now,
        rejected_by_user_id=None,
        rejected_at=None,
        reject_reason=None,
    )


def reject(state: DocumentState, actor: DocumentActor, now: datetime, reason: str | None = None) -> DocumentState:
    """Admin rejection of any live document; final. Rejecting a REJECTED document is a no-op."""
    _require_actor(DocumentEvent.REJECT, actor)
    _require_live(state)
    text = _check_text("reject_reason", reason)
    if state.approval_status == ApprovalStatus.REJECTED:
        return state
    return _as_rejected(state, actor.user_id, now, text)


def mark_pii(
    state: DocumentState, actor: DocumentActor, status: PiiStatus, now: datetime, note: str | None = None
) -> DocumentState:
    """Set SUSPECTED or CONFIRMED (never weaker, never back to OK). Re-marking the same status is a no-op."""
    _require_actor(DocumentEvent.MARK_PII, actor)
    _require_live(state)
    text = _check_text("pii_note", note)
    if actor.kinds == {ActorKind.SYSTEM} and status not in SYSTEM_PII_TARGETS:
        raise DomainError(ErrorCode.INVALID_TRANSITION, message=f"system pii -> {status}")
    if status == state.pii_status and status != PiiStatus.OK:
        return state
    if status not in PII_MARK_TRANSITIONS[state.pii_status]:
        raise DomainError(ErrorCode.INVALID_TRANSITION, message=f"pii {state.pii_status} -> {status}")
    return replace(state, pii_status=status, pii_marked_by_user_id=actor.user_id, pii_marked_at=now, pii_note=text)


def override_pii(state: DocumentState, actor: DocumentActor, now: datetime) -> DocumentState:
    """Admin override of a PII finding back to OK (D16); the caller audits it. No-op when already OK."""
    _require_actor(DocumentEvent.PII_OVERRIDE, actor)
    _require_live(state)
    if state.pii_status == PiiStatus.OK:
        return state
    return replace(state, pii_status=PiiStatus.OK, pii_override_by_user_id=actor.user_id, pii_override_at=now)


def _delete(state: DocumentState, now: datetime, reason: DeleteReason) -> DocumentState:
    return replace(state, deleted_at=now, deleted_reason=reason)


def replace_document(
    state: DocumentState, actor: DocumentActor, now: datetime, replacement_document_id: str
) -> DocumentState:
    """PII cleanup by a cleaned replacement (D16): the replaced document is deleted."""
    _require_actor(DocumentEvent.REPLACE, actor)
    _require_live(state)
    if not replacement_document_id:
        raise DomainError(ErrorCode.VALIDATION_FAILED, message="replacement_document_id missing")
    return replace(_delete(state, now, DeleteReason.REPLACED), replaced_by_document_id=replacement_document_id)


def soft_delete(state: DocumentState, actor: DocumentActor, now: datetime) -> DocumentState:
    """Owner/uploader or admin deletion; afterwards every mutation answers ``document_deleted``."""
    _require_actor(DocumentEvent.SOFT_DELETE, actor)
    _require_live(state)
    return _delete(state, now, DeleteReason.DELETED)


# --- retention ---------------------------------------------------------------------------------


def pii_retention_due(state: DocumentState, now: datetime, days: int = PII_CONFIRMED_RETENTION_DAYS) -> bool:
    """Confirmed PII, not cleaned up (no replacement, no override) for more than ``days``."""
    return (
        state.deleted_at is None
        and state.pii_status == PiiStatus.CONFIRMED
        and state.pii_marked_at is not None
        and now - state.pii_marked_at > timedelta(days=days)
    )


def rejected_retention_due(state: DocumentState, now: datetime, days: int = REJECTED_RETENTION_DAYS) -> bool:
    """Rejected for more than ``days``."""
    return (
        state.deleted_at is None
        and state.approval_status == ApprovalStatus.REJECTED
        and state.rejected_at is not None
        and now - state.rejected_at > timedelta(days=days)
    )


def retention_reason(state: DocumentState, now: datetime) -> DeleteReason | None:
    """Why the retention job must delete this document now, or None."""
    if rejected_retention_due(state, now):
        return DeleteReason.RETENTION_REJECTED
    if pii_retention_due(state, now):
        return DeleteReason.RETENTION_PII
    return None


def purge_for_retention(state: DocumentState, actor: DocumentActor, now: datetime) -> DocumentState:
    """Retention job: delete a document whose retention is due, else ``invalid_transition``."""
    _require_actor(DocumentEvent.RETENTION_PURGE, actor)
    _require_live(state)
    reason = retention_reason(state, now)
    if reason is None:
        raise DomainError(ErrorCode.INVALID_TRANSITION, message="retention not due")
    return _delete(state, now, reason)
