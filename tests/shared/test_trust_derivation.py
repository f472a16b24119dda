"""Derivation of reason codes, light, hint and indicators (SPEC §7.2-7.4, DECISIONS D18)."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import UTC, datetime
from typing import cast

import pytest

from shared.documents import ApprovalStatus, PiiStatus, ScanStatus
from shared.entries import TrustLevel
from shared.roles import Role
from shared.trust.catalogue import CATALOGUE, GREEN_FALLBACK_HINT, ReasonCode, ReasonSpec, Severity, TrustLight
from shared.trust.derivation import (
    accident_reasons,
    derive_reason_codes,
    derive_trust_summary,
    evidence_status,
    hint_for,
    history_status,
    light_for,
    top_trust_level,
    verification_level,
    worst_light,
)
from shared.trust.facts import AccidentStatus, DocumentFacts, EntryFacts, VehicleTrustFacts
from shared.trust.summary import Presence, VerificationLevel

R = ReasonCode
DELETED_AT = datetime(2026, 1, 1, tzinfo=UTC)

T1 = EntryFacts(TrustLevel.T1)
T2 = EntryFacts(TrustLevel.T2)
T3 = EntryFacts(TrustLevel.T3)
NO_LEVEL = EntryFacts(None)
INCOMPLETE = EntryFacts(TrustLevel.T3, required_fields_present=False)

VALID = DocumentFacts(ApprovalStatus.APPROVED, ScanStatus.CLEAN, PiiStatus.OK)
VALID_NO_HASH = DocumentFacts(ApprovalStatus.APPROVED, ScanStatus.CLEAN, PiiStatus.OK, has_sha256=False)
QUARANTINED = DocumentFacts(ApprovalStatus.QUARANTINED, ScanStatus.PENDING, PiiStatus.OK)
QUARANTINED_SCAN_ERROR = DocumentFacts(ApprovalStatus.QUARANTINED, ScanStatus.ERROR, PiiStatus.OK)
QUARANTINED_DELETED = DocumentFacts(ApprovalStatus.QUARANTINED, ScanStatus.PENDING, PiiStatus.OK, deleted_at=DELETED_AT)
QUARANTINED_NOT_EVIDENCE = DocumentFacts(
    ApprovalStatus.QUARANTINED, ScanStatus.PENDING, PiiStatus.OK, is_evidence=False
)
REJECTED = DocumentFacts(ApprovalStatus.REJECTED, ScanStatus.INFECTED, PiiStatus.OK)
PII_SUSPECTED = DocumentFacts(ApprovalStatus.QUARANTINED, ScanStatus.CLEAN, PiiStatus.SUSPECTED, is_evidence=False)
PII_CONFIRMED = DocumentFacts(ApprovalStatus.REJECTED, ScanStatus.CLEAN, PiiStatus.CONFIRMED)
PII_DELETED = DocumentFacts(ApprovalStatus.APPROVED, ScanStatus.CLEAN, PiiStatus.CONFIRMED, deleted_at=DELETED_AT)
PII_OVERRIDDEN = DocumentFacts(ApprovalStatus.APPROVED, ScanStatus.CLEAN, PiiStatus.SUSPECTED, pii_override=True)
APPROVED_UNSCANNED_NO_HASH = DocumentFacts(ApprovalStatus.APPROVED, ScanStatus.PENDING, PiiStatus.OK, has_sha256=False)
DELETED_NO_HASH = DocumentFacts(
    ApprovalStatus.APPROVED, ScanStatus.CLEAN, PiiStatus.OK, has_sha256=False, deleted_at=DELETED_AT
)
NOT_EVIDENCE_NO_HASH = DocumentFacts(
    ApprovalStatus.APPROVED, ScanStatus.CLEAN, PiiStatus.OK, has_sha256=False, is_evidence=False
)

FREE = AccidentStatus.UNFALLFREI
NOT_FREE = AccidentStatus.NICHT_UNFALLFREI
UNKNOWN = AccidentStatus.UNBEKANNT


def facts(
    *entries: EntryFacts,
    accident: AccidentStatus = FREE,
    completed: bool = False,
    docs: tuple[DocumentFacts, ...] = (),
) -> VehicleTrustFacts:
    return VehicleTrustFacts(accident, completed, tuple(entries), docs)


# (facts, expected reason codes in order, light, hint code or None for the green fallback)
CASES = [
    pytest.param(
        facts(accident=UNKNOWN),
        [R.HISTORY_MISSING, R.PUBLIC_EVIDENCE_INCOMPLETE, R.ACCIDENT_STATUS_UNKNOWN_CAP_ORANGE],
        TrustLight.ROT,
        R.HISTORY_MISSING,
        id="empty-vehicle-is-red",
    ),
    pytest.param(
        facts(), [R.HISTORY_MISSING, R.PUBLIC_EVIDENCE_INCOMPLETE], TrustLight.ROT, R.HISTORY_MISSING, id="no-entries"
    ),
    pytest.param(facts(T3, docs=(VALID,)), [], TrustLight.GRUEN, None, id="t3-accident-free-green"),
    pytest.param(facts(T2), [R.T3_REQUIRES_DOCUMENT_MISSING], TrustLight.GELB, R.T3_REQUIRES_DOCUMENT_MISSING, id="t2"),
    pytest.param(
        facts(T1),
        [R.T2_REQUIRES_PHYSICAL_SERVICEBOOK_MISSING, R.T1_PHYSICAL_SERVICEBOOK_NOT_PRESENT],
        TrustLight.GELB,
        R.T2_REQUIRES_PHYSICAL_SERVICEBOOK_MISSING,
        id="t1-emits-both-servicebook-codes",
    ),
    pytest.param(
        facts(NO_LEVEL),
        [R.T2_REQUIRES_PHYSICAL_SERVICEBOOK_MISSING, R.T1_PHYSICAL_SERVICEBOOK_NOT_PRESENT],
        TrustLight.GELB,
        R.T2_REQUIRES_PHYSICAL_SERVICEBOOK_MISSING,
        id="no-level-counts-as-t1",
    ),
    pytest.param(facts(T1, T3, T2), [], TrustLight.GRUEN, None, id="top-level-wins"),
    pytest.param(
        facts(T3, accident=UNKNOWN),
        [R.ACCIDENT_STATUS_UNKNOWN_CAP_ORANGE],
        TrustLight.ORANGE,
        R.ACCIDENT_STATUS_UNKNOWN_CAP_ORANGE,
        id="accident-unknown-caps-orange",
    ),
    pytest.param(
        facts(T3, accident=NOT_FREE),
        [R.ACCIDENT_NOT_FREE_REQUIRES_COMPLETED_ACCIDENT_TRUST],
        TrustLight.ORANGE,
        R.ACCIDENT_NOT_FREE_REQUIRES_COMPLETED_ACCIDENT_TRUST,
        id="accident-open",
    ),
    pytest.param(facts(T3, accident=NOT_FREE, completed=True), [], TrustLight.GRUEN, None, id="accident-closed-t3"),
    pytest.param(
        facts(T2, accident=NOT_FREE, completed=True),
        [R.ACCIDENT_TRUST_MISSING_EVIDENCE, R.T3_REQUIRES_DOCUMENT_MISSING],
        TrustLight.GELB,
        R.ACCIDENT_TRUST_MISSING_EVIDENCE,
        id="accident-closed-without-t3",
    ),
    pytest.param(
        facts(T3, completed=True), [], TrustLight.GRUEN, None, id="completed-flag-irrelevant-when-accident-free"
    ),
    pytest.param(
        facts(T3, docs=(QUARANTINED,)),
        [R.DOCUMENT_QUARANTINED_NOT_APPROVED],
        TrustLight.ORANGE,
        R.DOCUMENT_QUARANTINED_NOT_APPROVED,
        id="document-in-review",
    ),
    pytest.param(
        facts(T3, docs=(QUARANTINED_SCAN_ERROR,)),
        [R.DOCUMENT_QUARANTINED_NOT_APPROVED],
        TrustLight.ORANGE,
        R.DOCUMENT_QUARANTINED_NOT_APPROVED,
        id="scan-error-still-in-review",
    ),
    pytest.param(facts(T3, docs=(QUARANTINED_DELETED,)), [], TrustLight.GRUEN, None, id="deleted-not-in-review"),
    pytest.param(facts(T3, docs=(QUARANTINED_NOT_EVIDENCE,)), [], TrustLight.GRUEN, None, id="non-evidence-ignored"),
    pytest.param(facts(T3, docs=(REJECTED,)), [], TrustLight.GRUEN, None, id="rejected-is-not-in-review"),
    pytest.param(
        facts(T3, docs=(PII_SUSPECTED,)),
        [R.PII_SUSPECTED_BLOCKS_T3],
        TrustLight.ROT,
        R.PII_SUSPECTED_BLOCKS_T3,
        id="pii-suspected-any-document",
    ),
    pytest.param(
        facts(T3, docs=(PII_CONFIRMED,)),
        [R.PII_CONFIRMED_BLOCKS_T3],
        TrustLight.ROT,
        R.PII_CONFIRMED_BLOCKS_T3,
        id="pii-confirmed",
    ),
    pytest.param(
        facts(T3, docs=(PII_CONFIRMED, PII_SUSPECTED)),
        [R.PII_SUSPECTED_BLOCKS_T3, R.PII_CONFIRMED_BLOCKS_T3],
        TrustLight.ROT,
        R.PII_SUSPECTED_BLOCKS_T3,
        id="pii-both-suspected-first",
    ),
    pytest.param(facts(T3, docs=(PII_DELETED,)), [], TrustLight.GRUEN, None, id="pii-cleaned-by-deletion"),
    pytest.param(facts(T3, docs=(PII_OVERRIDDEN,)), [], TrustLight.GRUEN, None, id="pii-admin-override"),
    pytest.param(
        facts(T3, docs=(VALID_NO_HASH,)),
        [R.TRUSTED_UPLOAD_HASH_MISSING],
        TrustLight.GELB,
        R.TRUSTED_UPLOAD_HASH_MISSING,
        id="valid-evidence-without-hash",
    ),
    pytest.param(
        facts(T3, docs=(APPROVED_UNSCANNED_NO_HASH, DELETED_NO_HASH, NOT_EVIDENCE_NO_HASH)),
        [],
        TrustLight.GRUEN,
        None,
        id="hash-only-matters-for-valid-evidence",
    ),
    pytest.param(
        facts(INCOMPLETE),
        [R.ENTRY_REQUIRED_FIELDS_MISSING],
        TrustLight.GELB,
        R.ENTRY_REQUIRED_FIELDS_MISSING,
        id="required-fields-missing",
    ),
    pytest.param(
        facts(T1, INCOMPLETE, accident=NOT_FREE, docs=(QUARANTINED, PII_SUSPECTED, VALID_NO_HASH)),
        [
            R.DOCUMENT_QUARANTINED_NOT_APPROVED,
            R.ACCIDENT_NOT_FREE_REQUIRES_COMPLETED_ACCIDENT_TRUST,
            R.PII_SUSPECTED_BLOCKS_T3,
            R.TRUSTED_UPLOAD_HASH_MISSING,
            R.ENTRY_REQUIRED_FIELDS_MISSING,
        ],
        TrustLight.ROT,
        R.DOCUMENT_QUARANTINED_NOT_APPROVED,
        id="many-reasons-sorted-red-hint-from-top-priority",
    ),
]


@pytest.mark.parametrize(("vehicle", "codes", "light", "hint_code"), CASES)
def test_derivation(
    vehicle: VehicleTrustFacts, codes: list[ReasonCode], light: TrustLight, hint_code: ReasonCode | None
) -> None:
    summary = derive_trust_summary(vehicle, Role.USER)
    assert summary.reason_codes == tuple(code.value for code in codes)
    assert summary.trust_light is light
    assert summary.hint == (GREEN_FALLBACK_HINT if hint_code is None else CATALOGUE[hint_code].hint)
    assert derive_reason_codes(vehicle) == summary.reason_codes


def test_cases_reach_every_reason_code_and_every_colour() -> None:
    codes = {code for case in CASES for code in cast("list[ReasonCode]", case.values[1])}
    lights = {case.values[2] for case in CASES}
    assert codes == set(ReasonCode)
    assert lights == set(TrustLight)


@pytest.mark.parametrize(
    ("entries", "top", "verification", "evidence", "history"),
    [
        ((), None, VerificationLevel.NIEDRIG, Presence.NICHT_VORHANDEN, Presence.NICHT_VORHANDEN),
        ((NO_LEVEL,), None, VerificationLevel.NIEDRIG, Presence.NICHT_VORHANDEN, Presence.VORHANDEN),
        ((T1,), TrustLevel.T1, VerificationLevel.NIEDRIG, Presence.NICHT_VORHANDEN, Presence.VORHANDEN),
        ((T1, T2), TrustLevel.T2, VerificationLevel.MITTEL, Presence.VORHANDEN, Presence.VORHANDEN),
        ((T3, T1, NO_LEVEL), TrustLevel.T3, VerificationLevel.HOCH, Presence.VORHANDEN, Presence.VORHANDEN),
    ],
)
def test_indicators(
    entries: tuple[EntryFacts, ...],
    top: TrustLevel | None,
    verification: VerificationLevel,
    evidence: Presence,
    history: Presence,
) -> None:
    assert top_trust_level(entries) == top
    assert verification_level(top) is verification
    assert evidence_status(top) is evidence
    assert history_status(entries) is history
    summary = derive_trust_summary(facts(*entries), Role.USER)
    assert (summary.top_trust_level, summary.verification_level) == (top, verification)
    assert (summary.evidence_status, summary.history_status) == (evidence, history)


@pytest.mark.parametrize(
    ("status", "label"),
    [(FREE, "Unfallfrei"), (NOT_FREE, "Nicht unfallfrei"), (UNKNOWN, "Unbekannt")],
)
def test_accident_badge(status: AccidentStatus, label: str) -> None:
    summary = derive_trust_summary(facts(T3, accident=status, completed=True), Role.USER)
    assert (summary.accident_status, summary.accident_status_label) == (status, label)


@pytest.mark.parametrize(
    ("status", "completed", "top", "expected"),
    [
        (UNKNOWN, True, TrustLevel.T3, {R.ACCIDENT_STATUS_UNKNOWN_CAP_ORANGE}),
        (FREE, False, None, set()),
        (NOT_FREE, False, TrustLevel.T3, {R.ACCIDENT_NOT_FREE_REQUIRES_COMPLETED_ACCIDENT_TRUST}),
        (NOT_FREE, True, TrustLevel.T2, {R.ACCIDENT_TRUST_MISSING_EVIDENCE}),
        (NOT_FREE, True, None, {R.ACCIDENT_TRUST_MISSING_EVIDENCE}),
        (NOT_FREE, True, TrustLevel.T3, set()),
    ],
)
def test_accident_rules(
    status: AccidentStatus, completed: bool, top: TrustLevel | None, expected: set[ReasonCode]
) -> None:
    assert accident_reasons(status, completed, top) == expected


@pytest.mark.parametrize(
    ("codes", "light"),
    [
        ([], TrustLight.GRUEN),
        ([R.T1_PHYSICAL_SERVICEBOOK_NOT_PRESENT], TrustLight.GELB),
        ([R.T1_PHYSICAL_SERVICEBOOK_NOT_PRESENT, R.ACCIDENT_STATUS_UNKNOWN_CAP_ORANGE], TrustLight.ORANGE),
        (
            [R.ENTRY_REQUIRED_FIELDS_MISSING, R.PII_CONFIRMED_BLOCKS_T3, R.DOCUMENT_QUARANTINED_NOT_APPROVED],
            TrustLight.ROT,
        ),
    ],
)
def test_light_mapping(codes: list[ReasonCode], light: TrustLight) -> None:
    assert light_for(codes) is light


@pytest.mark.parametrize(
    ("lights", "worst"),
    [
        ([], TrustLight.GRUEN),
        ([TrustLight.GRUEN, TrustLight.GELB], TrustLight.GELB),
        ([TrustLight.GELB, TrustLight.ORANGE, TrustLight.GRUEN], TrustLight.ORANGE),
        ([TrustLight.ORANGE, TrustLight.ROT], TrustLight.ROT),
    ],
)
def test_worst_light_caps_a_provisional_light(lights: list[TrustLight], worst: TrustLight) -> None:
    assert worst_light(lights) is worst


def test_hint_tie_break_is_alphabetical_by_code() -> None:
    catalogue = {
        "zeta": ReasonSpec("zeta", 5, Severity.WARN, "Hinweis Zeta.", "Zeta.", "test"),
        "alpha": ReasonSpec("alpha", 5, Severity.WARN, "Hinweis Alpha.", "Alpha.", "test"),
        "later": ReasonSpec("later", 9, Severity.BLOCK, "Hinweis Später.", "Later.", "test"),
    }
    assert hint_for(["zeta", "later", "alpha"], catalogue) == "Hinweis Alpha."
    assert hint_for(["later"], catalogue) == "Hinweis Später."
    assert hint_for([], catalogue) == GREEN_FALLBACK_HINT
    assert light_for(["zeta", "later"], catalogue) is TrustLight.ROT


def test_unknown_code_is_refused() -> None:
    with pytest.raises(KeyError):
        light_for(["not_a_code"])


ENTRY_OPTIONS = [(), (T1,), (T2,), (T3,), (NO_LEVEL, INCOMPLETE), (T2, INCOMPLETE)]
DOC_OPTIONS = [(), (VALID,), (VALID_NO_HASH,), (QUARANTINED,), (PII_SUSPECTED,), (PII_CONFIRMED, REJECTED)]
GRID = [
    VehicleTrustFacts(accident, completed, entries, docs)
    for accident, completed, entries, docs in itertools.product(
        AccidentStatus, (False, True), ENTRY_OPTIONS, DOC_OPTIONS
    )
]


def test_grid_properties_hold_for_every_combination() -> None:
    seen_lights: set[TrustLight] = set()
    seen_codes: set[str] = set()
    for vehicle in GRID:
        summary = derive_trust_summary(vehicle, Role.USER)
        seen_lights.add(summary.trust_light)
        seen_codes.update(summary.reason_codes)
        assert not any(ch.isnumeric() for ch in summary.hint)
        assert summary.trust_light is light_for(summary.reason_codes)
        assert summary.hint == hint_for(summary.reason_codes)
        assert list(summary.reason_codes) == sorted(summary.reason_codes, key=lambda c: (CATALOGUE[c].priority, c))
        assert (summary.trust_light is TrustLight.GRUEN) == (summary.reason_codes == ())
        if not vehicle.entries:
            assert summary.trust_light is TrustLight.ROT
        if vehicle.accident_status is UNKNOWN:
            assert summary.trust_light in (TrustLight.ROT, TrustLight.ORANGE)
    assert seen_lights == set(TrustLight)
    assert seen_codes == {code.value for code in ReasonCode}


@pytest.mark.parametrize("extra", [QUARANTINED, PII_SUSPECTED, PII_CONFIRMED, VALID_NO_HASH, VALID, REJECTED])
def test_adding_a_document_never_removes_a_reason(extra: DocumentFacts) -> None:
    for vehicle in GRID:
        before = set(derive_reason_codes(vehicle))
        after = set(derive_reason_codes(replace(vehicle, documents=(*vehicle.documents, extra))))
        assert before <= after
