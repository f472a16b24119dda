"""Document statuses (SPEC §6.4). The state machine and the valid-evidence rule extend this module."""

from __future__ import annotations

from enum import StrEnum


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
