"""Deterministic derivation of the trust light (SPEC §7.3 v1 baseline, extended by DECISIONS D18).

Facts in, reason codes out; the light, the hint and the indicators follow from the reason codes
and the catalogue alone (SPEC §7.2). Nothing here reads a clock, a database or a setting.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from shared.documents import PiiStatus
from shared.entries import TrustLevel
from shared.roles import Role
from shared.trust.catalogue import (
    CATALOGUE,
    GREEN_FALLBACK_HINT,
    LIGHT_ORDER,
    ReasonCode,
    ReasonSpec,
    TrustLight,
    sort_key,
)
from shared.trust.facts import AccidentStatus, DocumentFacts, EntryFacts, VehicleTrustFacts
from shared.trust.summary import Presence, TrustSummary, VerificationLevel
from shared.trust.todos import sort_reason_codes, todo_codes_for_role

_LEVEL_RANK: dict[TrustLevel, int] = {TrustLevel.T1: 1, TrustLevel.T2: 2, TrustLevel.T3: 3}
_VERIFICATION: dict[TrustLevel | None, VerificationLevel] = {
    TrustLevel.T3: VerificationLevel.HOCH,
    TrustLevel.T2: VerificationLevel.MITTEL,
    TrustLevel.T1: VerificationLevel.NIEDRIG,
    None: VerificationLevel.NIEDRIG,
}


def top_trust_level(entries: Iterable[EntryFacts]) -> TrustLevel | None:
    """The highest T-level among the entries (T3 > T2 > T1), ``None`` if no entry has one."""
    levels = [TrustLevel(entry.trust_level) for entry in entries if entry.trust_level is not None]
    return max(levels, key=_LEVEL_RANK.__getitem__, default=None)


def verification_level(top: TrustLevel | None) -> VerificationLevel:
    """T3 -> hoch, T2 -> mittel, otherwise niedrig (SPEC §7.3)."""
    return _VERIFICATION[top]


def history_status(entries: Iterable[EntryFacts]) -> Presence:
    """``vorhanden`` if there is at least one entry."""
    return Presence.VORHANDEN if any(True for _ in entries) else Presence.NICHT_VORHANDEN


def evidence_status(top: TrustLevel | None) -> Presence:
    """``vorhanden`` if the top level is T2 or T3 (paper service book or document, SPEC §7.3)."""
    return Presence.VORHANDEN if top in (TrustLevel.T2, TrustLevel.T3) else Presence.NICHT_VORHANDEN


def _history_reasons(entries: tuple[EntryFacts, ...], top: TrustLevel | None) -> set[ReasonCode]:
    if not entries:
        # v1 keeps ``public_evidence_incomplete``; D18 adds the block so "no history" is red.
        return {ReasonCode.HISTORY_MISSING, ReasonCode.PUBLIC_EVIDENCE_INCOMPLETE}
    reasons: set[ReasonCode] = set()
    if top == TrustLevel.T2:
        reasons.add(ReasonCode.T3_REQUIRES_DOCUMENT_MISSING)
    elif top != TrustLevel.T3:
        # T1 or no level at all: no paper service book is declared (v1 plus D18).
        reasons.add(ReasonCode.T1_PHYSICAL_SERVICEBOOK_NOT_PRESENT)
        reasons.add(ReasonCode.T2_REQUIRES_PHYSICAL_SERVICEBOOK_MISSING)
    if any(not entry.required_fields_present for entry in entries):
        reasons.add(ReasonCode.ENTRY_REQUIRED_FIELDS_MISSING)
    return reasons


def accident_reasons(status: AccidentStatus, completed: bool, top: TrustLevel | None) -> set[ReasonCode]:
    """SPEC §7.4: unknown caps orange; after an accident green needs completed accident trust plus T3."""
    status = AccidentStatus(status)
    if status == AccidentStatus.UNBEKANNT:
        return {ReasonCode.ACCIDENT_STATUS_UNKNOWN_CAP_ORANGE}
    if status == AccidentStatus.UNFALLFREI:
        return set()
    if not completed:
        return {ReasonCode.ACCIDENT_NOT_FREE_REQUIRES_COMPLETED_ACCIDENT_TRUST}
    if top != TrustLevel.T3:
        return {ReasonCode.ACCIDENT_TRUST_MISSING_EVIDENCE}
    return set()


def _document_reasons(documents: tuple[DocumentFacts, ...]) -> set[ReasonCode]:
    reasons: set[ReasonCode] = set()
    for document in documents:
        if document.in_review:
            reasons.add(ReasonCode.DOCUMENT_QUARANTINED_NOT_APPROVED)
        pii = document.open_pii
        if pii == PiiStatus.SUSPECTED:
            reasons.add(ReasonCode.PII_SUSPECTED_BLOCKS_T3)
        elif pii == PiiStatus.CONFIRMED:
            reasons.add(ReasonCode.PII_CONFIRMED_BLOCKS_T3)
        if document.is_valid_evidence and not document.has_sha256:
            reasons.add(ReasonCode.TRUSTED_UPLOAD_HASH_MISSING)
    return reasons


def derive_reason_codes(facts: VehicleTrustFacts) -> tuple[str, ...]:
    """Every reason that applies to the vehicle, most important first (priority, then code)."""
    top = top_trust_level(facts.entries)
    reasons = _history_reasons(facts.entries, top)
    reasons |= accident_reasons(facts.accident_status, facts.accident_trust_completed, top)
    reasons |= _document_reasons(facts.documents)
    return sort_reason_codes(code.value for code in reasons)


def light_for(reason_codes: Iterable[str], catalogue: Mapping[str, ReasonSpec] = CATALOGUE) -> TrustLight:
    """SPEC §7.2: any block -> rot, else any cap -> orange, else any warn -> gelb, none -> gruen."""
    return worst_light(catalogue[code].light for code in reason_codes)


def worst_light(lights: Iterable[TrustLight]) -> TrustLight:
    """The worst of ``lights`` (gruen for none); a provisional desktop light is capped this way."""
    return min(lights, key=LIGHT_ORDER.index, default=TrustLight.GRUEN)


def hint_for(reason_codes: Iterable[str], catalogue: Mapping[str, ReasonSpec] = CATALOGUE) -> str:
    """The hint of the top reason (lowest priority, ties by code), or the green fallback."""
    specs = [catalogue[code] for code in reason_codes]
    if not specs:
        return GREEN_FALLBACK_HINT
    return min(specs, key=sort_key).hint


def derive_trust_summary(facts: VehicleTrustFacts, viewer_role: Role) -> TrustSummary:
    """The trust summary of SPEC §7.7 for a viewer with ``viewer_role`` (only the to-dos depend on it)."""
    top = top_trust_level(facts.entries)
    reason_codes = derive_reason_codes(facts)
    accident_status = AccidentStatus(facts.accident_status)
    return TrustSummary(
        trust_light=light_for(reason_codes),
        hint=hint_for(reason_codes),
        reason_codes=reason_codes,
        todo_codes=todo_codes_for_role(reason_codes, viewer_role),
        verification_level=verification_level(top),
        accident_status=accident_status,
        accident_status_label=accident_status.label,
        history_status=history_status(facts.entries),
        evidence_status=evidence_status(top),
        top_trust_level=top,
    )
