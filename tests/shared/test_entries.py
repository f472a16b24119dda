"""Entry validation, taxonomies and revision rules (SPEC §5.1-5.4, §5.7, D8, D13, D14)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

from shared.entries import (
    DEFAULT_CURRENCY,
    MAX_COST_CENTS,
    MAX_KM,
    EntryDraft,
    EntryType,
    EntryValidationError,
    EntryVersion,
    PerformedBy,
    RevisionPlan,
    TrustLevel,
    coerce_entry_type,
    coerce_performed_by,
    cost_to_cents,
    derive_trust_level,
    entry_required_fields_missing,
    is_author,
    latest_per_group,
    missing_required_fields,
    parse_entry_type,
    parse_performed_by,
    plan_revision,
    validate_entry,
)
from shared.errors import DomainError, ErrorCode

GOOD = EntryDraft(date="2024-05-17", type="service", performed_by="Fachwerkstatt", km=120_000)


def test_trust_level_values_are_kept() -> None:
    assert [level.value for level in TrustLevel] == ["T1", "T2", "T3"]


def test_taxonomy_labels_match_the_spec() -> None:
    assert [p.label for p in PerformedBy] == [
        "Fachwerkstatt",
        "Händler",
        "Autohaus",
        "Reifenservice",
        "Tuning-Fachbetrieb",
        "Sonstiges",
        "Gesetzliches (TÜV / Gutachten / Wertgutachten)",
        "Eigenleistung",
    ]
    assert EntryType.OTHER.label == "Sonstiges"
    assert all(len(member.label) <= 64 for member in [*EntryType, *PerformedBy])


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("service", EntryType.SERVICE),
        ("  REPAIR ", EntryType.REPAIR),
        ("Wartung", EntryType.MAINTENANCE),
        ("hauptuntersuchung  (tüv/hu)", EntryType.INSPECTION),
        ("Sonstiges", EntryType.OTHER),
        ("Ölwechsel", None),
        ("", None),
    ],
)
def test_parse_entry_type(raw: str, expected: EntryType | None) -> None:
    assert parse_entry_type(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("specialist_workshop", PerformedBy.SPECIALIST_WORKSHOP),
        ("händler", PerformedBy.DEALER),
        ("Haendler", PerformedBy.DEALER),
        ("Gesetzliches (TÜV / Gutachten / Wertgutachten)", PerformedBy.STATUTORY),
        ("EIGENLEISTUNG", PerformedBy.OWN_WORK),
        ("Werkstatt Müller", None),
    ],
)
def test_parse_performed_by(raw: str, expected: PerformedBy | None) -> None:
    assert parse_performed_by(raw) == expected


@pytest.mark.parametrize(
    ("raw", "entry_type", "performed_by"),
    [
        ("Reparatur", EntryType.REPAIR, PerformedBy.OTHER),
        ("Autohaus", EntryType.OTHER, PerformedBy.CAR_DEALERSHIP),
        ("whatever", EntryType.OTHER, PerformedBy.OTHER),
    ],
)
def test_coerce_maps_unknown_legacy_text_to_sonstiges(
    raw: str, entry_type: EntryType, performed_by: PerformedBy
) -> None:
    assert coerce_entry_type(raw) is entry_type
    assert coerce_performed_by(raw) is performed_by


def test_validate_entry_returns_the_canonical_entry() -> None:
    entry = validate_entry(replace(GOOD, note="  Ölwechsel  ", cost_cents=12_950, trust_level="t2"))
    assert entry.date == date(2024, 5, 17)
    assert entry.type is EntryType.SERVICE
    assert entry.performed_by is PerformedBy.SPECIALIST_WORKSHOP
    assert entry.km == 120_000
    assert entry.note == "Ölwechsel"
    assert (entry.cost_cents, entry.currency) == (12_950, DEFAULT_CURRENCY)
    assert entry.trust_level is TrustLevel.T2
    assert entry.is_backfill is False


@pytest.mark.parametrize(
    ("changes", "field", "expected"),
    [
        ({"date": date(2020, 2, 29)}, "date", date(2020, 2, 29)),
        ({"date": " 2024-05-17 "}, "date", date(2024, 5, 17)),
        ({"km": 0}, "km", 0),
        ({"km": MAX_KM}, "km", MAX_KM),
        ({"note": "   "}, "note", None),
        ({"note": "x" * 4000}, "note", "x" * 4000),
        ({"cost_cents": 0}, "cost_cents", 0),
        ({"cost_cents": MAX_COST_CENTS}, "cost_cents", MAX_COST_CENTS),
        ({"cost_cents": 100, "currency": " chf "}, "currency", "CHF"),
        ({"currency": "USD"}, "currency", None),  # a currency without a cost is dropped
        ({"trust_level": "T1"}, "trust_level", TrustLevel.T1),
        ({"trust_level": None}, "trust_level", None),
        ({"is_backfill": True, "trust_level": "T1"}, "is_backfill", True),
    ],
)
def test_validate_entry_accepts(changes: dict[str, object], field: str, expected: object) -> None:
    entry = validate_entry(replace(GOOD, **changes))  # type: ignore[arg-type]
    assert getattr(entry, field) == expected


@pytest.mark.parametrize(
    ("changes", "fields"),
    [
        ({"date": None}, ("date",)),
        ({"date": "17.05.2024"}, ("date",)),
        ({"date": "2023-02-29"}, ("date",)),
        ({"date": "2024-5-7"}, ("date",)),
        ({"date": 20240517}, ("date",)),
        ({"type": None}, ("type",)),
        ({"type": "Ölwechsel"}, ("type",)),
        ({"type": ""}, ("type",)),
        ({"performed_by": "Werkstatt Müller"}, ("performed_by",)),
        ({"performed_by": None}, ("performed_by",)),
        ({"km": -1}, ("km",)),
        ({"km": None}, ("km",)),
        ({"km": 1.5}, ("km",)),
        ({"km": True}, ("km",)),
        ({"km": "100"}, ("km",)),
        ({"km": MAX_KM + 1}, ("km",)),
        ({"note": "x" * 4001}, ("note",)),
        ({"note": 5}, ("note",)),
        ({"cost_cents": -1}, ("cost",)),
        ({"cost_cents": MAX_COST_CENTS + 1}, ("cost",)),
        ({"cost_cents": 1.5}, ("cost",)),
        ({"cost_cents": 100, "currency": "EURO"}, ("currency",)),
        ({"cost_cents": 100, "currency": "€"}, ("currency",)),
        ({"currency": 978}, ("currency",)),
        ({"trust_level": "T3"}, ("trust_level",)),
        ({"trust_level": "T4"}, ("trust_level",)),
        ({"trust_level": 1}, ("trust_level",)),
        ({"is_backfill": True}, ("trust_level",)),
        ({"date": "x", "type": "x", "performed_by": "x", "km": -1}, ("date", "type", "performed_by", "km")),
    ],
)
def test_validate_entry_refuses_and_names_the_fields(changes: dict[str, object], fields: tuple[str, ...]) -> None:
    with pytest.raises(EntryValidationError) as info:
        validate_entry(replace(GOOD, **changes))  # type: ignore[arg-type]
    error = info.value
    assert isinstance(error, DomainError)
    assert (error.code, error.http_status, error.fields) == (ErrorCode.INVALID_ENTRY, 422, fields)
    assert error.message == "invalid_entry: " + ", ".join(fields)


def test_validation_message_never_contains_values() -> None:
    secret = "Max Mustermann, IBAN DE89370400440532013000"
    with pytest.raises(EntryValidationError) as info:
        validate_entry(replace(GOOD, note=secret * 200, performed_by=secret))
    assert "Mustermann" not in str(info.value)
    assert info.value.fields == ("performed_by", "note")


@pytest.mark.parametrize(
    ("entry_date", "today", "ok"),
    [(date(2024, 5, 17), date(2024, 5, 17), True), (date(2024, 5, 18), date(2024, 5, 17), False)],
)
def test_validate_entry_refuses_future_dates_when_today_is_given(entry_date: date, today: date, ok: bool) -> None:
    draft = replace(GOOD, date=entry_date)
    if ok:
        assert validate_entry(draft, today=today).date == entry_date
    else:
        with pytest.raises(EntryValidationError, match="date"):
            validate_entry(draft, today=today)


@pytest.mark.parametrize(
    ("amount", "cents"),
    [
        ("12.50", 1250),
        (" 0 ", 0),
        ("0.01", 1),
        (Decimal("9999999999.99"), MAX_COST_CENTS),
        (7, 700),
        ("1e2", 10_000),
        ("12.500", 1250),
    ],
)
def test_cost_to_cents(amount: Decimal | str | int, cents: int) -> None:
    assert cost_to_cents(amount) == cents


@pytest.mark.parametrize(
    "amount",
    ["-0.01", "12.345", "10000000000.00", "abc", "", "NaN", "sNaN", "Infinity", True, 1.5, None],
)
def test_cost_to_cents_refuses(amount: object) -> None:
    with pytest.raises(EntryValidationError) as info:
        cost_to_cents(amount)  # type: ignore[arg-type]
    assert info.value.fields == ("cost",)


@pytest.mark.parametrize(
    ("entry", "missing"),
    [
        ({"date": "2024-01-01", "type": "service", "performed_by": "Autohaus", "km": 0}, ()),
        ({"date": "2024-01-01", "type": "service", "performed_by": "Autohaus"}, ("km",)),
        ({"date": None, "type": " ", "performed_by": "", "km": None}, ("date", "type", "performed_by", "km")),
        ({}, ("date", "type", "performed_by", "km")),
        (SimpleNamespace(date=date(2024, 1, 1), type="repair", performed_by="x", km=5), ()),
        (SimpleNamespace(date=date(2024, 1, 1), type="repair"), ("performed_by", "km")),
    ],
)
def test_missing_required_fields(entry: object, missing: tuple[str, ...]) -> None:
    assert missing_required_fields(entry) == missing
    assert entry_required_fields_missing(entry) is bool(missing)


@pytest.mark.parametrize(
    ("declared", "evidence", "open_pii", "expected"),
    [
        (None, True, False, TrustLevel.T3),
        (TrustLevel.T1, True, False, TrustLevel.T3),
        (TrustLevel.T2, True, True, TrustLevel.T2),
        (TrustLevel.T1, False, False, TrustLevel.T1),
        (TrustLevel.T3, False, False, None),  # a claimed T3 without the facts is not kept
        (TrustLevel.T3, True, True, None),
        (None, False, False, None),
    ],
)
def test_derive_trust_level(
    declared: TrustLevel | None, evidence: bool, open_pii: bool, expected: TrustLevel | None
) -> None:
    assert derive_trust_level(declared, has_valid_evidence=evidence, has_open_pii=open_pii) == expected


PERSONAL = EntryVersion(entry_id="e2", entry_group_id="g1", version=2, is_latest=True, author_user_id="u1")
WORKSHOP = EntryVersion(
    entry_id="w1", entry_group_id="g2", version=1, is_latest=True, author_user_id="mech", author_org_id="org1"
)


@pytest.mark.parametrize(
    ("entry", "user", "org", "allowed"),
    [
        (PERSONAL, "u1", None, True),
        (PERSONAL, "u2", None, False),  # another user, e.g. an admin
        (PERSONAL, "u1", "org1", False),  # the author acting for an org is not the personal author
        (WORKSHOP, "mech", "org1", True),
        (WORKSHOP, "colleague", "org1", True),  # the org is the author (D8)
        (WORKSHOP, "mech", None, False),
        (WORKSHOP, "mech", "org2", False),
        (WORKSHOP, "owner", None, False),  # the vehicle owner cannot rewrite a workshop's record
    ],
)
def test_is_author(entry: EntryVersion, user: str, org: str | None, allowed: bool) -> None:
    assert is_author(entry, actor_user_id=user, actor_org_id=org) is allowed


def test_plan_revision_appends_the_next_version() -> None:
    assert plan_revision(PERSONAL, actor_user_id="u1") == RevisionPlan(
        entry_group_id="g1", version=3, supersedes_entry_id="e2"
    )
    assert plan_revision(WORKSHOP, actor_user_id="colleague", actor_org_id="org1").version == 2


@pytest.mark.parametrize(
    ("target", "user", "org", "code"),
    [
        (None, "u1", None, ErrorCode.ENTRY_NOT_FOUND),
        (replace(PERSONAL, is_latest=False), "u1", None, ErrorCode.ENTRY_NOT_FOUND),
        (replace(PERSONAL, deleted=True), "u1", None, ErrorCode.ENTRY_NOT_FOUND),
        (replace(PERSONAL, is_latest=False), "u2", None, ErrorCode.ENTRY_NOT_FOUND),  # 404 before 403
        (PERSONAL, "u2", None, ErrorCode.FORBIDDEN),
        (WORKSHOP, "owner", None, ErrorCode.FORBIDDEN),
    ],
)
def test_plan_revision_refuses(target: EntryVersion | None, user: str, org: str | None, code: ErrorCode) -> None:
    with pytest.raises(DomainError) as info:
        plan_revision(target, actor_user_id=user, actor_org_id=org)
    assert info.value.code is code
    assert info.value.http_status == {ErrorCode.ENTRY_NOT_FOUND: 404, ErrorCode.FORBIDDEN: 403}[code]


def test_latest_per_group_picks_the_highest_live_version_and_counts() -> None:
    v1 = EntryVersion(entry_id="a1", entry_group_id="A", version=1, is_latest=False, author_user_id="u")
    v3 = replace(v1, entry_id="a3", version=3, is_latest=True)
    v2 = replace(v1, entry_id="a2", version=2)
    b1 = replace(v1, entry_id="b1", entry_group_id="B", is_latest=True)
    gone = replace(v1, entry_id="c1", entry_group_id="C", deleted=True)
    result = latest_per_group([v1, v3, v2, b1, gone])
    assert {group: (row.entry_id, count) for group, (row, count) in result.items()} == {
        "A": ("a3", 3),
        "B": ("b1", 1),
    }
