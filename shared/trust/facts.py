"""Input facts of the trust derivation: what the server knows about a vehicle, as frozen values.

The server (or an importer) maps its rows to these dataclasses; the derivation never sees ORM
objects, ids or PII. Only the latest revision of each entry group is passed in (SPEC §5.4), and
each entry's ``trust_level`` is the level the server derived under DECISIONS D14 (a client never
claims T3).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from shared.documents import ApprovalStatus, PiiStatus, ScanStatus, is_valid_evidence
from shared.entries import TrustLevel


class AccidentStatus(StrEnum):
    """The accident badge values (SPEC §7.4; API values from API_CONTRACT.md)."""

    UNFALLFREI = "unfallfrei"
    NICHT_UNFALLFREI = "nicht_unfallfrei"
    UNBEKANNT = "unbekannt"

    @property
    def label(self) -> str:
        """The German public label of the badge."""
        return _ACCIDENT_LABELS[self]


_ACCIDENT_LABELS: dict[AccidentStatus, str] = {
    AccidentStatus.UNFALLFREI: "Unfallfrei",
    AccidentStatus.NICHT_UNFALLFREI: "Nicht unfallfrei",
    AccidentStatus.UNBEKANNT: "Unbekannt",
}


def parse_accident_status(raw: object) -> AccidentStatus:
    """Read the free-form ``meta.accident_status``; anything missing or unrecognised is unknown.

    Unknown is the conservative reading: it caps the light at orange (SPEC §7.4), so a typo can
    never make a vehicle look better.
    """
    if isinstance(raw, str):
        try:
            return AccidentStatus(raw.strip().lower())
        except ValueError:
            return AccidentStatus.UNBEKANNT
    return AccidentStatus.UNBEKANNT


@dataclass(frozen=True, slots=True)
class EntryFacts:
    """The latest revision of one entry group.

    ``trust_level`` is ``None`` when no level is set; ``required_fields_present`` is false when the
    entry (typically an imported one) lacks a D-019 required field (date, type, performed by, km).
    """

    trust_level: TrustLevel | None
    required_fields_present: bool = True


@dataclass(frozen=True, slots=True)
class DocumentFacts:
    """One document of the vehicle (attached to the vehicle or one of its entries).

    ``is_evidence`` is true for documents uploaded as proof (the default); ``has_sha256`` says
    whether a checksum was stored (D-014); ``deleted_at`` is the soft-delete time (``None`` = live);
    ``pii_override`` is an audited admin override of the PII block (SPEC §6.4, D16).
    """

    approval_status: ApprovalStatus
    scan_status: ScanStatus
    pii_status: PiiStatus
    is_evidence: bool = True
    has_sha256: bool = True
    deleted_at: datetime | None = None
    pii_override: bool = False

    @property
    def deleted(self) -> bool:
        """Soft-deleted documents are no evidence and block nothing (SPEC §6.4 item 7)."""
        return self.deleted_at is not None

    @property
    def is_valid_evidence(self) -> bool:
        """An evidence document that is valid evidence under SPEC §6.6 (``shared.documents.is_valid_evidence``)."""
        return self.is_evidence and is_valid_evidence(self)

    @property
    def in_review(self) -> bool:
        """An evidence document still waiting for approval (quarantined, not deleted)."""
        return self.is_evidence and not self.deleted and self.approval_status == ApprovalStatus.QUARANTINED

    @property
    def open_pii(self) -> PiiStatus | None:
        """The PII finding that blocks T3, or ``None`` (deleted and overridden documents block nothing)."""
        if self.deleted or self.pii_override or self.pii_status == PiiStatus.OK:
            return None
        return PiiStatus(self.pii_status)


@dataclass(frozen=True, slots=True)
class VehicleTrustFacts:
    """Everything the derivation reads about one vehicle (SPEC §7.3 inputs, extended by D18)."""

    accident_status: AccidentStatus = AccidentStatus.UNBEKANNT
    accident_trust_completed: bool = False
    entries: tuple[EntryFacts, ...] = ()
    documents: tuple[DocumentFacts, ...] = ()
