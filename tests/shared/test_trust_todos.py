"""To-dos per role (SPEC §5.8): VIP and dealer see the top three, other account roles all."""

from __future__ import annotations

import itertools

import pytest

from shared.roles import Role
from shared.trust.catalogue import CATALOGUE, ReasonCode, Severity
from shared.trust.derivation import derive_trust_summary
from shared.trust.facts import AccidentStatus, EntryFacts, VehicleTrustFacts
from shared.trust.todos import TODO_TOP_N_VIP, Todo, build_todos, sort_reason_codes, todo_codes_for_role

R = ReasonCode
# Five reasons, deliberately out of order: priorities 110, 30, 90, 5, 80.
FIVE = [
    R.ENTRY_REQUIRED_FIELDS_MISSING.value,
    R.ACCIDENT_STATUS_UNKNOWN_CAP_ORANGE.value,
    R.T1_PHYSICAL_SERVICEBOOK_NOT_PRESENT.value,
    R.HISTORY_MISSING.value,
    R.T2_REQUIRES_PHYSICAL_SERVICEBOOK_MISSING.value,
]
FIVE_SORTED = (
    "history_missing",
    "accident_status_unknown_cap_orange",
    "t2_requires_physical_servicebook_missing",
    "t1_physical_servicebook_not_present",
    "entry_required_fields_missing",
)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.VIP, FIVE_SORTED[:3]),
        (Role.DEALER, FIVE_SORTED[:3]),
        (Role.USER, FIVE_SORTED),
        (Role.ADMIN, FIVE_SORTED),
        (Role.SUPERADMIN, FIVE_SORTED),
        (Role.MODERATOR, ()),
        (Role.PUBLIC, ()),
    ],
)
def test_todo_codes_per_role(role: Role, expected: tuple[str, ...]) -> None:
    assert todo_codes_for_role(FIVE, role) == expected


def test_top_n_is_three() -> None:
    assert TODO_TOP_N_VIP == 3


@pytest.mark.parametrize("role", [Role.VIP, Role.USER])
def test_fewer_reasons_than_top_n_are_all_shown(role: Role) -> None:
    assert todo_codes_for_role([R.T3_REQUIRES_DOCUMENT_MISSING.value], role) == ("t3_requires_document_missing",)


@pytest.mark.parametrize("role", [Role.VIP, Role.USER])
def test_green_has_no_todos(role: Role) -> None:
    assert todo_codes_for_role([], role) == ()


def test_order_is_deterministic_for_every_input_order() -> None:
    results = {sort_reason_codes(perm) for perm in itertools.permutations(FIVE)}
    assert results == {FIVE_SORTED}


def test_duplicates_collapse() -> None:
    assert sort_reason_codes(["history_missing", "history_missing"]) == ("history_missing",)


def test_unknown_code_is_refused() -> None:
    with pytest.raises(KeyError):
        todo_codes_for_role(["no_such_code"], Role.USER)


@pytest.mark.parametrize(
    ("notes", "expected_note"),
    [
        (None, None),
        ({}, None),
        ({"history_missing": "  Serviceheft suchen  "}, "Serviceheft suchen"),
        ({"history_missing": "   "}, None),
        ({"entry_required_fields_missing": "nicht sichtbar"}, None),
    ],
)
def test_build_todos_carries_reason_and_owner_note(notes: dict[str, str] | None, expected_note: str | None) -> None:
    todos = build_todos(FIVE, Role.VIP, notes)
    assert [t.reason_code for t in todos] == list(FIVE_SORTED[:3])
    first = todos[0]
    spec = CATALOGUE["history_missing"]
    assert first == Todo("history_missing", spec.priority, Severity.BLOCK, spec.hint, expected_note)


def test_build_todos_for_moderator_is_empty() -> None:
    assert build_todos(FIVE, Role.MODERATOR, {"history_missing": "x"}) == ()


@pytest.mark.parametrize(("role", "count"), [(Role.VIP, 3), (Role.DEALER, 3), (Role.USER, 5)])
def test_summary_todos_follow_the_viewer_role(role: Role, count: int) -> None:
    vehicle = VehicleTrustFacts(
        AccidentStatus.NICHT_UNFALLFREI, False, (EntryFacts(None, required_fields_present=False),)
    )
    summary = derive_trust_summary(vehicle, role)
    assert len(summary.reason_codes) == 4
    assert summary.todo_codes == summary.reason_codes[: min(count, 4)]
    assert set(summary.todo_codes) <= set(summary.reason_codes)
