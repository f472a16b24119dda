"""Document statuses (SPEC §6.4). The state machine and the valid-evidence rule extend this module."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Protocol


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


def is_valid_evidence(doc: EvidenceFacts) -> bool:
    """SPEC §6.6: approved, scanned clean, PII OK and not deleted - all four, nothing else."""
    return (
        doc.deleted_at is None
        and doc.approval_status == ApprovalStatus.APPROVED
        and doc.scan_status == ScanStatus.CLEAN
        and doc.pii_status == PiiStatus.OK
    )
