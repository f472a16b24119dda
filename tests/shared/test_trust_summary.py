"""The trust-summary contract shape, its JSON round trip and the input-fact helpers."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from shared.documents import ApprovalStatus, PiiStatus, ScanStatus
from shared.entries import TrustLevel
from shared.roles import Role
from shared.trust import (
    AccidentStatus,
    DocumentFacts,
    EntryFacts,
    TrustSummary,
    VehicleTrustFacts,
    derive_trust_summary,
    parse_accident_status,
)
from shared.trust.summary import SUMMARY_KEYS

CONTRACT_KEYS = {
    "trust_light",
    "hint",
    "reason_codes",
    "todo_codes",
    "verification_level",
    "accident_status",
    "accident_status_label",
    "history_status",
    "evidence_status",
    "top_trust_level",
}

T2_OPEN_ACCIDENT = VehicleTrustFacts(AccidentStatus.NICHT_UNFALLFREI, False, (EntryFacts(TrustLevel.T2),))


def test_to_dict_has_exactly_the_contract_keys_and_plain_values() -> None:
    body = derive_trust_summary(T2_OPEN_ACCIDENT, Role.USER).to_dict()
    assert set(body) == CONTRACT_KEYS
    assert tuple(body) == SUMMARY_KEYS
    assert body == {
        "trust_light": "orange",
        "hint": "Bei Unfall braucht es vollständige Nachweise für eine hohe Trust-Stufe.",
        "reason_codes": ["accident_not_free_requires_completed_accident_trust", "t3_requires_document_missing"],
        "todo_codes": ["accident_not_free_requires_completed_accident_trust", "t3_requires_document_missing"],
        "verification_level": "mittel",
        "accident_status": "nicht_unfallfrei",
        "accident_status_label": "Nicht unfallfrei",
        "history_status": "vorhanden",
        "evidence_status": "vorhanden",
        "top_trust_level": "T2",
    }
    assert json.loads(json.dumps(body)) == body


@pytest.mark.parametrize(
    "vehicle",
    [VehicleTrustFacts(), T2_OPEN_ACCIDENT, VehicleTrustFacts(AccidentStatus.UNFALLFREI, False, (EntryFacts(None),))],
)
def test_from_dict_round_trips(vehicle: VehicleTrustFacts) -> None:
    summary = derive_trust_summary(vehicle, Role.VIP)
    assert TrustSummary.from_dict(json.loads(json.dumps(summary.to_dict()))) == summary


def _body(**changes: object) -> dict[str, object]:
    body = derive_trust_summary(T2_OPEN_ACCIDENT, Role.USER).to_dict()
    body.update(changes)
    return body


def _without(key: str) -> dict[str, object]:
    body = _body()
    del body[key]
    return body


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(_without("hint"), id="missing-key"),
        pytest.param(_body(score=97), id="extra-key"),
        pytest.param(_body(trust_light="blau"), id="unknown-light"),
        pytest.param(_body(trust_light=1), id="light-not-a-string"),
        pytest.param(_body(reason_codes="history_missing"), id="codes-not-a-list"),
        pytest.param(_body(reason_codes=["made_up"]), id="unknown-code"),
        pytest.param(_body(todo_codes=["history_missing"]), id="todo-not-a-reason"),
        pytest.param(_body(hint=None), id="hint-not-a-string"),
        pytest.param(_body(accident_status_label="Unfallfrei"), id="label-mismatch"),
        pytest.param(_body(verification_level="sehr hoch"), id="unknown-verification"),
        pytest.param(_body(top_trust_level="T4"), id="unknown-level"),
        pytest.param(_body(history_status="ja"), id="unknown-presence"),
    ],
)
def test_from_dict_refuses_bad_input(body: dict[str, object]) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - enum lookups raise plain ValueError too
        TrustSummary.from_dict(body)


def test_summary_is_frozen() -> None:
    summary = derive_trust_summary(VehicleTrustFacts(), Role.USER)
    with pytest.raises(AttributeError):
        summary.hint = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("unfallfrei", AccidentStatus.UNFALLFREI),
        (" Nicht_Unfallfrei ", AccidentStatus.NICHT_UNFALLFREI),
        ("unbekannt", AccidentStatus.UNBEKANNT),
        ("accident_free", AccidentStatus.UNBEKANNT),
        ("", AccidentStatus.UNBEKANNT),
        (None, AccidentStatus.UNBEKANNT),
        (True, AccidentStatus.UNBEKANNT),
    ],
)
def test_parse_accident_status_falls_back_to_unknown(raw: object, expected: AccidentStatus) -> None:
    assert parse_accident_status(raw) is expected


@pytest.mark.parametrize(
    ("document", "valid", "in_review", "open_pii"),
    [
        (DocumentFacts(ApprovalStatus.APPROVED, ScanStatus.CLEAN, PiiStatus.OK), True, False, None),
        (DocumentFacts(ApprovalStatus.APPROVED, ScanStatus.CLEAN, PiiStatus.OK, is_evidence=False), False, False, None),
        (
            DocumentFacts(
                ApprovalStatus.APPROVED, ScanStatus.CLEAN, PiiStatus.OK, deleted_at=datetime(2026, 1, 1, tzinfo=UTC)
            ),
            False,
            False,
            None,
        ),
        (DocumentFacts(ApprovalStatus.APPROVED, ScanStatus.ERROR, PiiStatus.OK), False, False, None),
        (DocumentFacts(ApprovalStatus.QUARANTINED, ScanStatus.CLEAN, PiiStatus.OK), False, True, None),
        (
            DocumentFacts(ApprovalStatus.QUARANTINED, ScanStatus.CLEAN, PiiStatus.SUSPECTED),
            False,
            True,
            PiiStatus.SUSPECTED,
        ),
        (
            DocumentFacts(ApprovalStatus.REJECTED, ScanStatus.CLEAN, PiiStatus.CONFIRMED),
            False,
            False,
            PiiStatus.CONFIRMED,
        ),
        (
            DocumentFacts(ApprovalStatus.APPROVED, ScanStatus.CLEAN, PiiStatus.CONFIRMED, pii_override=True),
            False,
            False,
            None,
        ),
    ],
)
def test_document_fact_predicates(
    document: DocumentFacts, valid: bool, in_review: bool, open_pii: PiiStatus | None
) -> None:
    assert document.is_valid_evidence is valid
    assert document.in_review is in_review
    assert document.open_pii == open_pii
