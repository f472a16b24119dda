"""Documents: statuses, the state machine, valid evidence, visibility, retention and intake checks.

SPEC §6.1-6.6 with DECISIONS D9 and D15-D17. Every function is pure: the caller passes ``now``,
persists the returned state and writes the audit events.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Protocol

from shared.errors import DomainError, ErrorCode
from shared.roles import ADMIN_ROLES, Role


class ApprovalStatus(StrEnum):
    QUARANTINED = "QUARANTINED"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"


class ScanStatus(StrEnum):
    PENDING = "PENDING"
    CLEAN = "CLEAN"
    INFECTED = "INFECTED"
    ERROR = "ERROR"


class PiiStatus(StrEnum):
    OK = "OK"
    SUSPECTED = "SUSPECTED"
    CONFIRMED = "CONFIRMED"


# --- constants (each number lives here once; server settings may override the defaults) ---

#: Upload size limit (D15: "20 MB", read as 20 MiB). A file of exactly this size is accepted.
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
#: Stored file-name length (SPEC §6.3).
MAX_FILENAME_CHARS = 180
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


class ActorKind(StrEnum):
    SYSTEM = "system"  # scanner, PII detector, retention job
    ADMIN = "admin"  # admin or superadmin
    UPLOADER = "uploader"  # the document's owner/uploader (created_by_user_id), role user/vip/dealer


class DeleteReason(StrEnum):
    DELETED = "deleted"
    REPLACED = "replaced"
    RETENTION_PII = "retention_pii"
    RETENTION_REJECTED = "retention_rejected"


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

_CLIENT_ROLES: frozenset[Role] = frozenset({Role.USER, Role.VIP, Role.DEALER})
_UPLOAD_ROLES: frozenset[Role] = _CLIENT_ROLES | ADMIN_ROLES


@dataclass(frozen=True, slots=True)
class DocumentActor:
    """Who acts, relative to one document. ``role=None`` is the system (scanner, detector, jobs)."""

    role: Role | None = None
    user_id: str | None = None
    is_uploader: bool = False
    is_vehicle_owner: bool = False
    is_org_member: bool = False
    is_shared_with: bool = False

    @property
    def kinds(self) -> frozenset[ActorKind]:
        if self.role is None:
            return frozenset({ActorKind.SYSTEM})
        kinds: set[ActorKind] = set()
        if self.role in ADMIN_ROLES:
            kinds.add(ActorKind.ADMIN)
        if self.is_uploader and self.role in _UPLOAD_ROLES:
            kinds.add(ActorKind.UPLOADER)
        return frozenset(kinds)

    @property
    def has_object_access(self) -> bool:
        """A user/vip/dealer with an object-level link to the document (SPEC §6.5)."""
        links = self.is_uploader or self.is_vehicle_owner or self.is_org_member or self.is_shared_with
        return self.role in _CLIENT_ROLES and links


SYSTEM_ACTOR = DocumentActor()


class EvidenceFacts(Protocol):
    """The four facts that decide whether a document is valid evidence (read-only view)."""

    @property
    def approval_status(self) -> ApprovalStatus: ...

    @property
    def scan_status(self) -> ScanStatus: ...

    @property
    def pii_status(self) -> PiiStatus: ...

    @property
    def deleted_at(self) -> datetime | None: ...


@dataclass(frozen=True, slots=True)
class DocumentState:
    """The status part of a document (SPEC §6.3). Defaults are the state right after upload."""

    approval_status: ApprovalStatus = ApprovalStatus.QUARANTINED
    scan_status: ScanStatus = ScanStatus.PENDING
    pii_status: PiiStatus = PiiStatus.OK
    approved_by_user_id: str | None = None
    approved_at: datetime | None = None
    rejected_by_user_id: str | None = None
    rejected_at: datetime | None = None
    reject_reason: str | None = None
    pii_marked_by_user_id: str | None = None
    pii_marked_at: datetime | None = None
    pii_note: str | None = None
    pii_override_by_user_id: str | None = None
    pii_override_at: datetime | None = None
    replaced_by_document_id: str | None = None
    deleted_at: datetime | None = None
    deleted_reason: DeleteReason | None = None


def is_valid_evidence(doc: EvidenceFacts) -> bool:
    """SPEC §6.6: approved, scanned clean, PII OK and not deleted - all four, nothing else."""
    return (
        doc.deleted_at is None
        and doc.approval_status == ApprovalStatus.APPROVED
        and doc.scan_status == ScanStatus.CLEAN
        and doc.pii_status == PiiStatus.OK
    )


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
    if actor.role not in _UPLOAD_ROLES:
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


# --- visibility (SPEC §6.5, D17) -----------------------------------------------------------------


def can_view_metadata(actor: DocumentActor, doc: EvidenceFacts) -> bool:
    """Admins: every live document. The uploader: own uploads in any state (D17, status only).

    Other users with object access (vehicle owner, org member, shared partner): APPROVED and PII OK.
    Public, moderator and the system actor: never. Deleted documents: nobody (reads are 404).
    """
    if doc.deleted_at is not None or actor.role is None:
        return False
    if actor.role in ADMIN_ROLES:
        return True
    if not actor.has_object_access:
        return False
    if actor.is_uploader:
        return True
    return doc.approval_status == ApprovalStatus.APPROVED and doc.pii_status == PiiStatus.OK


def can_download(actor: DocumentActor, doc: EvidenceFacts) -> bool:
    """Admins: every live document (review). Others with object access: valid evidence only."""
    if doc.deleted_at is not None or actor.role is None:
        return False
    if actor.role in ADMIN_ROLES:
        return True
    return actor.has_object_access and is_valid_evidence(doc)


# --- intake: type sniffing, size, file names (SPEC §6.1, §6.3, D15) ------------------------------


class ContentType(StrEnum):
    PDF = "application/pdf"
    JPEG = "image/jpeg"
    PNG = "image/png"


#: Leading bytes of each allowed type; ``sniff_content_type`` needs at most ``SNIFF_BYTES`` of them.
MAGIC_BYTES: Mapping[bytes, ContentType] = {
    b"%PDF-": ContentType.PDF,
    b"\xff\xd8\xff": ContentType.JPEG,
    b"\x89PNG\r\n\x1a\n": ContentType.PNG,
}
SNIFF_BYTES = max(len(magic) for magic in MAGIC_BYTES)
#: File-name extensions allowed on an upload (a name without an extension is fine too).
ALLOWED_EXTENSIONS: Mapping[str, ContentType] = {
    "pdf": ContentType.PDF,
    "jpg": ContentType.JPEG,
    "jpeg": ContentType.JPEG,
    "png": ContentType.PNG,
}


def sniff_content_type(first_bytes: bytes) -> ContentType | None:
    """The allowed type the bytes start with, or None. Names and client headers are never consulted."""
    for magic, content_type in MAGIC_BYTES.items():
        if first_bytes.startswith(magic):
            return content_type
    return None


def check_upload(
    *, filename: str, size_bytes: int, first_bytes: bytes, max_bytes: int = MAX_UPLOAD_BYTES
) -> ContentType:
    """Accept or refuse an upload: 413 ``too_large``, then 415 ``mime_not_allowed`` (bytes), then
    415 ``ext_not_allowed`` (a name extension outside the allowlist). Returns the sniffed type."""
    if size_bytes > max_bytes:
        raise DomainError(ErrorCode.TOO_LARGE)
    content_type = sniff_content_type(first_bytes)
    if size_bytes <= 0 or content_type is None:
        raise DomainError(ErrorCode.MIME_NOT_ALLOWED)
    extension = _extension(sanitize_filename(filename))
    if extension is not None and extension not in ALLOWED_EXTENSIONS:
        raise DomainError(ErrorCode.EXT_NOT_ALLOWED)
    return content_type


def _extension(name: str) -> str | None:
    stem, dot, ext = name.rpartition(".")
    return ext.lower() if dot and stem and ext else None


_PATH_SEPARATORS = re.compile(r"[/\\]")
_RESERVED_CHARS = re.compile(r'[<>:"|?*]')
_WHITESPACE = re.compile(r"\s+")
_MAX_KEPT_EXTENSION = 10


def sanitize_filename(name: str, fallback: str = "document") -> str:
    """A display-only file name: last path part, no control/format characters, no characters that
    are reserved on Windows, single spaces, no leading/trailing dots or spaces, at most 180 chars
    (the extension is kept when it is short). Empty results become ``fallback``."""
    text = unicodedata.normalize("NFC", name)
    text = _PATH_SEPARATORS.split(text)[-1]
    text = _WHITESPACE.sub(" ", text)  # before dropping control characters: tabs and newlines are both
    text = "".join(ch for ch in text if not unicodedata.category(ch).startswith("C"))
    text = _RESERVED_CHARS.sub("_", text).strip(" .")
    if len(text) > MAX_FILENAME_CHARS:
        stem, _, ext = text.rpartition(".")
        if stem and 0 < len(ext) <= _MAX_KEPT_EXTENSION:
            text = stem[: MAX_FILENAME_CHARS - len(ext) - 1].rstrip(" .") + "." + ext
        else:
            text = text[:MAX_FILENAME_CHARS].rstrip(" .")
    return text or fallback
