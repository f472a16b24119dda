"""Document statuses, actors, valid evidence and visibility (SPEC §6.3-6.6, D9, D17). Pure code."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

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


class ActorKind(StrEnum):
    SYSTEM = "system"  # scanner, PII detector, retention job
    ADMIN = "admin"  # admin or superadmin
    UPLOADER = "uploader"  # the document's owner/uploader (created_by_user_id), role user/vip/dealer


class DeleteReason(StrEnum):
    DELETED = "deleted"
    REPLACED = "replaced"
    RETENTION_PII = "retention_pii"
    RETENTION_REJECTED = "retention_rejected"


CLIENT_ROLES: frozenset[Role] = frozenset({Role.USER, Role.VIP, Role.DEALER})
UPLOAD_ROLES: frozenset[Role] = CLIENT_ROLES | ADMIN_ROLES


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
        if self.is_uploader and self.role in UPLOAD_ROLES:
            kinds.add(ActorKind.UPLOADER)
        return frozenset(kinds)

    @property
    def has_object_access(self) -> bool:
        """A user/vip/dealer with an object-level link to the document (SPEC §6.5)."""
        links = self.is_uploader or self.is_vehicle_owner or self.is_org_member or self.is_shared_with
        return self.role in CLIENT_ROLES and links


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
