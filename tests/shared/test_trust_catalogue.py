"""The reason-code catalogue: shipped content, validation rules and refusal of broken catalogues."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from shared.trust import catalogue as cat
from shared.trust.catalogue import (
    CATALOGUE,
    GREEN_FALLBACK_HINT,
    CatalogueError,
    CatalogueProblem,
    ReasonCode,
    ReasonSpec,
    Severity,
    TrustLight,
    build_catalogue,
    ensure_valid_catalogue,
    hint_problems,
    reason_spec,
    sort_key,
    validate_catalogue,
)

SPEC_PATH = Path("/work/shared/SPEC.md")

EXPECTED_ROWS = [
    ("history_missing", 5, Severity.BLOCK),
    ("public_evidence_incomplete", 10, Severity.WARN),
    ("document_quarantined_not_approved", 20, Severity.CAP),
    ("accident_status_unknown_cap_orange", 30, Severity.CAP),
    ("accident_not_free_requires_completed_accident_trust", 40, Severity.CAP),
    ("accident_trust_missing_evidence", 50, Severity.WARN),
    ("pii_suspected_blocks_t3", 60, Severity.BLOCK),
    ("pii_confirmed_blocks_t3", 61, Severity.BLOCK),
    ("t3_requires_document_missing", 70, Severity.WARN),
    ("t2_requires_physical_servicebook_missing", 80, Severity.WARN),
    ("t1_physical_servicebook_not_present", 90, Severity.WARN),
    ("trusted_upload_hash_missing", 100, Severity.WARN),
    ("entry_required_fields_missing", 110, Severity.WARN),
]


def _row(
    code: str = "some_code", priority: int = 7, severity: Severity = Severity.WARN, hint: str = "Ein Hinweis."
) -> ReasonSpec:
    return ReasonSpec(code, priority, severity, hint, "A hint.", "test")


class TestShippedCatalogue:
    def test_validates_without_problems(self) -> None:
        assert validate_catalogue(CATALOGUE) == ()
        assert ensure_valid_catalogue(CATALOGUE) is CATALOGUE

    def test_holds_exactly_the_reason_codes(self) -> None:
        assert set(CATALOGUE) == {code.value for code in ReasonCode}
        assert len(CATALOGUE) == len(EXPECTED_ROWS)

    @pytest.mark.parametrize(("code", "priority", "severity"), EXPECTED_ROWS)
    def test_row_attributes(self, code: str, priority: int, severity: Severity) -> None:
        spec = reason_spec(code)
        assert (spec.code, spec.priority, spec.severity) == (code, priority, severity)

    @pytest.mark.parametrize(
        ("severity", "light"),
        [(Severity.BLOCK, TrustLight.ROT), (Severity.CAP, TrustLight.ORANGE), (Severity.WARN, TrustLight.GELB)],
    )
    def test_severity_decides_colour(self, severity: Severity, light: TrustLight) -> None:
        rows = [spec for spec in CATALOGUE.values() if spec.severity is severity]
        assert rows
        assert {spec.light for spec in rows} == {light}

    @pytest.mark.parametrize("code", sorted(CATALOGUE))
    def test_no_hint_contains_a_digit(self, code: str) -> None:
        hint = CATALOGUE[code].hint
        assert hint.strip()
        assert not re.search(r"\d", hint)
        assert not any(ch.isnumeric() for ch in hint)

    def test_green_fallback_has_no_digit(self) -> None:
        assert GREEN_FALLBACK_HINT == "Dokumentation ist vollständig nachweisbar."
        assert hint_problems(GREEN_FALLBACK_HINT) == ()

    def test_catalogue_is_read_only(self) -> None:
        with pytest.raises(TypeError):
            CATALOGUE["x"] = _row("x")  # type: ignore[index]

    def test_unknown_code_is_a_key_error(self) -> None:
        with pytest.raises(KeyError):
            reason_spec("no_such_code")

    def test_sort_key_breaks_priority_ties_by_code(self) -> None:
        rows = [_row("b_code", 5), _row("a_code", 5), _row("c_code", 1)]
        assert [r.code for r in sorted(rows, key=sort_key)] == ["c_code", "a_code", "b_code"]


def _spec_table() -> dict[str, tuple[int, str, str]]:
    text = SPEC_PATH.read_text(encoding="utf-8")
    section = text.split("### 7.2", 1)[1].split("### 7.3", 1)[0]
    rows: dict[str, tuple[int, str, str]] = {}
    for match in re.finditer(r"^\| (\d+) \| `([a-z0-9_]+)` \| (\w+) \| [^|]+ \| „(.+?)“ \|", section, re.MULTILINE):
        rows[match.group(2)] = (int(match.group(1)), match.group(3), match.group(4))
    return rows


@pytest.mark.skipif(not SPEC_PATH.exists(), reason="SPEC.md not available at /work/shared; parity check skipped")
def test_rows_match_the_spec_table() -> None:
    table = _spec_table()
    assert len(table) == 12
    for code, (priority, severity, hint) in table.items():
        spec = CATALOGUE[code]
        assert (spec.priority, spec.severity.value, spec.hint) == (priority, severity, hint)
    assert set(CATALOGUE) - set(table) == {"history_missing"}


BROKEN = [
    pytest.param({"a_code": _row("b_code")}, "a_code", cat.RULE_KEY_MISMATCH, id="key-differs-from-code"),
    pytest.param(
        {"a_code": _row("a_code"), "b_code": _row("a_code")}, "b_code", cat.RULE_DUPLICATE_CODE, id="duplicate-code"
    ),
    pytest.param({"a code": _row("a code")}, "a code", cat.RULE_CODE_WHITESPACE, id="code-with-space"),
    pytest.param({"a\tcode": _row("a\tcode")}, "a\tcode", cat.RULE_CODE_WHITESPACE, id="code-with-tab"),
    pytest.param({"": _row("")}, "", cat.RULE_CODE_EMPTY, id="code-empty"),
    pytest.param({"a": _row("a", priority=0)}, "a", cat.RULE_PRIORITY, id="priority-zero"),
    pytest.param({"a": _row("a", priority=-3)}, "a", cat.RULE_PRIORITY, id="priority-negative"),
    pytest.param({"a": _row("a", priority=True)}, "a", cat.RULE_PRIORITY, id="priority-bool"),
    pytest.param({"a": _row("a", priority="10")}, "a", cat.RULE_PRIORITY, id="priority-str"),  # type: ignore[arg-type]
    pytest.param({"a": _row("a", severity="fatal")}, "a", cat.RULE_SEVERITY, id="unknown-severity"),  # type: ignore[arg-type]
    pytest.param({"a": _row("a", hint="")}, "a", cat.RULE_HINT_EMPTY, id="hint-empty"),
    pytest.param({"a": _row("a", hint="   ")}, "a", cat.RULE_HINT_EMPTY, id="hint-blank"),
    pytest.param({"a": _row("a", hint="Seit 6 Monaten keine Pflege.")}, "a", cat.RULE_HINT_DIGIT, id="hint-digit"),
    pytest.param({"a": _row("a", hint="Nachweise zu ¾ vorhanden.")}, "a", cat.RULE_HINT_DIGIT, id="hint-fraction"),
    pytest.param({"a": _row("a", hint="Nachweise hoch².")}, "a", cat.RULE_HINT_DIGIT, id="hint-superscript"),
    pytest.param({"a": _row("a", hint="Nachweise ٣ fehlen.")}, "a", cat.RULE_HINT_DIGIT, id="hint-arabic-digit"),
    pytest.param({"a": _row("a", hint="Viel % fehlt.")}, "a", cat.RULE_HINT_METRIC, id="hint-percent"),
    pytest.param({}, "", cat.RULE_EMPTY_CATALOGUE, id="empty-catalogue"),
]


@pytest.mark.parametrize(("catalogue", "key", "rule"), BROKEN)
def test_broken_catalogue_is_refused(catalogue: dict[str, ReasonSpec], key: str, rule: str) -> None:
    problems = validate_catalogue(catalogue)
    assert CatalogueProblem(key, rule) in problems
    with pytest.raises(CatalogueError) as excinfo:
        ensure_valid_catalogue(catalogue)
    assert CatalogueProblem(key, rule) in excinfo.value.problems


@pytest.mark.parametrize(
    ("fallback", "rule"),
    [("Alles gut in 2024.", cat.RULE_HINT_DIGIT), ("", cat.RULE_HINT_EMPTY), ("Zu 100 %.", cat.RULE_HINT_METRIC)],
)
def test_broken_fallback_is_refused(fallback: str, rule: str) -> None:
    assert CatalogueProblem("", rule) in validate_catalogue(CATALOGUE, fallback)


def test_valid_custom_catalogue_passes() -> None:
    rows = [_row("a_code", 1), _row("b_code", 1, Severity.BLOCK)]
    built = build_catalogue(rows)
    assert list(built) == ["a_code", "b_code"]
    assert validate_catalogue(built) == ()


def test_build_refuses_a_code_given_twice() -> None:
    with pytest.raises(CatalogueError) as excinfo:
        build_catalogue([_row("a_code", 1), _row("a_code", 2)])
    assert excinfo.value.problems == (CatalogueProblem("a_code", cat.RULE_DUPLICATE_CODE),)
    assert "a_code: duplicate_code" in str(excinfo.value)


def test_error_message_names_every_problem() -> None:
    with pytest.raises(CatalogueError) as excinfo:
        ensure_valid_catalogue({"x y": _row("x y", priority=0, hint="9")}, fallback_hint="1")
    message = str(excinfo.value)
    for fragment in ("x y: code_contains_whitespace", "priority", "x y: hint_contains_digit", "<fallback>"):
        assert fragment in message


def test_non_string_hint_counts_as_empty() -> None:
    assert hint_problems(None) == (cat.RULE_HINT_EMPTY,)
