"""The reason-code catalogue of the trust light (SPEC §7.2, DECISIONS D18) and its validation.

The light is derived only from this catalogue: every reason has a priority (lower = more
important), a severity (``block`` / ``cap`` / ``warn``) and a short German public hint. The
severity decides the colour a reason pulls the light down to. Hints are shown publicly and must
never carry digits, metrics or time spans; :func:`validate_catalogue` enforces that.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType


class Severity(StrEnum):
    """How hard a reason pulls the light down (SPEC §7.2)."""

    BLOCK = "block"
    CAP = "cap"
    WARN = "warn"


class TrustLight(StrEnum):
    """The four colours of the trust light; API values as in API_CONTRACT.md."""

    ROT = "rot"
    ORANGE = "orange"
    GELB = "gelb"
    GRUEN = "gruen"


#: The colour each severity forces (SPEC §7.2 mapping): block -> red, cap -> orange, warn -> yellow.
SEVERITY_LIGHT: Mapping[Severity, TrustLight] = MappingProxyType(
    {Severity.BLOCK: TrustLight.ROT, Severity.CAP: TrustLight.ORANGE, Severity.WARN: TrustLight.GELB}
)

#: Colours from worst to best; the light is the worst colour any reason forces.
LIGHT_ORDER: tuple[TrustLight, ...] = (TrustLight.ROT, TrustLight.ORANGE, TrustLight.GELB, TrustLight.GRUEN)


class ReasonCode(StrEnum):
    """Every reason code the derivation may emit (SPEC §7.2 table plus D18 ``history_missing``)."""

    HISTORY_MISSING = "history_missing"
    PUBLIC_EVIDENCE_INCOMPLETE = "public_evidence_incomplete"
    DOCUMENT_QUARANTINED_NOT_APPROVED = "document_quarantined_not_approved"
    ACCIDENT_STATUS_UNKNOWN_CAP_ORANGE = "accident_status_unknown_cap_orange"
    ACCIDENT_NOT_FREE_REQUIRES_COMPLETED_ACCIDENT_TRUST = "accident_not_free_requires_completed_accident_trust"
    ACCIDENT_TRUST_MISSING_EVIDENCE = "accident_trust_missing_evidence"
    PII_SUSPECTED_BLOCKS_T3 = "pii_suspected_blocks_t3"
    PII_CONFIRMED_BLOCKS_T3 = "pii_confirmed_blocks_t3"
    T3_REQUIRES_DOCUMENT_MISSING = "t3_requires_document_missing"
    T2_REQUIRES_PHYSICAL_SERVICEBOOK_MISSING = "t2_requires_physical_servicebook_missing"
    T1_PHYSICAL_SERVICEBOOK_NOT_PRESENT = "t1_physical_servicebook_not_present"
    TRUSTED_UPLOAD_HASH_MISSING = "trusted_upload_hash_missing"
    ENTRY_REQUIRED_FIELDS_MISSING = "entry_required_fields_missing"


@dataclass(frozen=True, slots=True)
class ReasonSpec:
    """One catalogue row.

    ``hint`` is the public German sentence (shown as to-do text too: the spec defines no separate
    to-do wording); ``hint_en`` is a developer translation; ``decision`` names the product decision
    the reason rests on.
    """

    code: str
    priority: int
    severity: Severity
    hint: str
    hint_en: str
    decision: str

    @property
    def light(self) -> TrustLight:
        """The colour this reason alone caps the light at."""
        return SEVERITY_LIGHT[self.severity]


#: Public hint when there are no reasons (green).
GREEN_FALLBACK_HINT = "Dokumentation ist vollständig nachweisbar."
GREEN_FALLBACK_HINT_EN = "Documentation is fully provable."


def _spec(code: ReasonCode, priority: int, severity: Severity, hint: str, hint_en: str, decision: str) -> ReasonSpec:
    return ReasonSpec(code.value, priority, severity, hint, hint_en, decision)


_R = ReasonCode
_ROWS: tuple[ReasonSpec, ...] = (
    _spec(
        _R.HISTORY_MISSING,
        5,
        Severity.BLOCK,
        "Es ist keine Servicehistorie vorhanden. Die Dokumentation fehlt.",
        "No service history exists. Documentation is missing.",
        "D18",
    ),
    _spec(
        _R.PUBLIC_EVIDENCE_INCOMPLETE,
        10,
        Severity.WARN,
        "Dokumentation vorhanden, aber Nachweise sind teilweise unvollständig.",
        "Documentation exists, but evidence is partly incomplete.",
        "MVP/Public",
    ),
    _spec(
        _R.DOCUMENT_QUARANTINED_NOT_APPROVED,
        20,
        Severity.CAP,
        "Dokumente sind noch nicht freigegeben. Nachweise zählen erst nach Prüfung.",
        "Documents are not yet approved. Evidence only counts after review.",
        "D-003/D-004",
    ),
    _spec(
        _R.ACCIDENT_STATUS_UNKNOWN_CAP_ORANGE,
        30,
        Severity.CAP,
        "Unfallstatus ist unbekannt. Trust ist begrenzt.",
        "Accident status is unknown. Trust is capped.",
        "D-021",
    ),
    _spec(
        _R.ACCIDENT_NOT_FREE_REQUIRES_COMPLETED_ACCIDENT_TRUST,
        40,
        Severity.CAP,
        "Bei Unfall braucht es vollständige Nachweise für eine hohe Trust-Stufe.",
        "After an accident, complete evidence is needed for a high trust level.",
        "D-021",
    ),
    _spec(
        _R.ACCIDENT_TRUST_MISSING_EVIDENCE,
        50,
        Severity.WARN,
        "Für Unfalltrust fehlen Nachweise für eine belastbare Bewertung.",
        "Accident trust lacks evidence for a reliable rating.",
        "D-021",
    ),
    _spec(
        _R.PII_SUSPECTED_BLOCKS_T3,
        60,
        Severity.BLOCK,
        "Offene Datenschutz-Prüfung blockiert die höchste Trust-Stufe.",
        "An open privacy check blocks the highest trust level.",
        "D-013/D-023",
    ),
    _spec(
        _R.PII_CONFIRMED_BLOCKS_T3,
        61,
        Severity.BLOCK,
        "Datenschutz-Befund blockiert die höchste Trust-Stufe bis zur Bereinigung.",
        "A privacy finding blocks the highest trust level until cleaned up.",
        "D-013/D-023",
    ),
    _spec(
        _R.T3_REQUIRES_DOCUMENT_MISSING,
        70,
        Severity.WARN,
        "Für die höchste Trust-Stufe ist ein Dokument als Nachweis erforderlich.",
        "The highest trust level requires a document as evidence.",
        "D-020",
    ),
    _spec(
        _R.T2_REQUIRES_PHYSICAL_SERVICEBOOK_MISSING,
        80,
        Severity.WARN,
        "Für eine mittlere Trust-Stufe ist ein physisches Serviceheft erforderlich.",
        "A medium trust level requires a physical service book.",
        "D-020",
    ),
    _spec(
        _R.T1_PHYSICAL_SERVICEBOOK_NOT_PRESENT,
        90,
        Severity.WARN,
        "Ein physisches Serviceheft ist nicht vorhanden. Trust bleibt begrenzt.",
        "No physical service book is present. Trust stays limited.",
        "D-020",
    ),
    _spec(
        _R.TRUSTED_UPLOAD_HASH_MISSING,
        100,
        Severity.WARN,
        "Ein Integritätssignal fehlt. Nachweise sind weniger belastbar.",
        "An integrity signal is missing. Evidence is less reliable.",
        "D-014",
    ),
    _spec(
        _R.ENTRY_REQUIRED_FIELDS_MISSING,
        110,
        Severity.WARN,
        "Pflichtangaben fehlen. Dokumentation ist nicht vollständig nachweisbar.",
        "Required data is missing. Documentation is not fully provable.",
        "D-019",
    ),
)


@dataclass(frozen=True, slots=True)
class CatalogueProblem:
    """One rule a catalogue breaks: the offending key (or ``""`` for the fallback) and the rule."""

    key: str
    rule: str


class CatalogueError(ValueError):
    """Raised by :func:`ensure_valid_catalogue`; ``problems`` lists every broken rule."""

    def __init__(self, problems: tuple[CatalogueProblem, ...]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{p.key or '<fallback>'}: {p.rule}" for p in problems))


#: Rule names reported in :class:`CatalogueProblem` (stable, tests branch on them).
RULE_KEY_MISMATCH = "key_differs_from_code"
RULE_DUPLICATE_CODE = "duplicate_code"
RULE_CODE_WHITESPACE = "code_contains_whitespace"
RULE_CODE_EMPTY = "code_empty"
RULE_PRIORITY = "priority_below_one_or_not_int"
RULE_SEVERITY = "unknown_severity"
RULE_HINT_EMPTY = "hint_empty"
RULE_HINT_DIGIT = "hint_contains_digit"
RULE_HINT_METRIC = "hint_contains_percent"
RULE_EMPTY_CATALOGUE = "catalogue_empty"

_WHITESPACE = re.compile(r"\s")


def hint_problems(hint: object) -> tuple[str, ...]:
    """The rules a public hint breaks: it must be non-empty text without digits or percent signs."""
    if not isinstance(hint, str) or not hint.strip():
        return (RULE_HINT_EMPTY,)
    rules: list[str] = []
    # isnumeric also catches non-ASCII digits, superscripts, fractions and numeral characters.
    if any(ch.isnumeric() for ch in hint):
        rules.append(RULE_HINT_DIGIT)
    if "%" in hint or "\u2030" in hint:
        rules.append(RULE_HINT_METRIC)
    return tuple(rules)


def validate_catalogue(
    catalogue: Mapping[str, ReasonSpec], fallback_hint: str = GREEN_FALLBACK_HINT
) -> tuple[CatalogueProblem, ...]:
    """Every rule of SPEC §7.2 the catalogue breaks; empty when it is valid.

    Rules: the key equals the code; codes are unique, non-empty and free of whitespace; the
    priority is an int of at least 1; the severity is a :class:`Severity`; hints (and the green
    fallback) are non-empty and contain no digits or percent signs.
    """
    problems: list[CatalogueProblem] = []
    if not catalogue:
        problems.append(CatalogueProblem("", RULE_EMPTY_CATALOGUE))
    seen: set[str] = set()
    for key, spec in catalogue.items():
        if key != spec.code:
            problems.append(CatalogueProblem(key, RULE_KEY_MISMATCH))
        if spec.code in seen:
            problems.append(CatalogueProblem(key, RULE_DUPLICATE_CODE))
        seen.add(spec.code)
        if not spec.code:
            problems.append(CatalogueProblem(key, RULE_CODE_EMPTY))
        elif _WHITESPACE.search(spec.code):
            problems.append(CatalogueProblem(key, RULE_CODE_WHITESPACE))
        if isinstance(spec.priority, bool) or not isinstance(spec.priority, int) or spec.priority < 1:
            problems.append(CatalogueProblem(key, RULE_PRIORITY))
        if not isinstance(spec.severity, Severity):
            problems.append(CatalogueProblem(key, RULE_SEVERITY))
        problems.extend(CatalogueProblem(key, rule) for rule in hint_problems(spec.hint))
    problems.extend(CatalogueProblem("", rule) for rule in hint_problems(fallback_hint))
    return tuple(problems)


def ensure_valid_catalogue(
    catalogue: Mapping[str, ReasonSpec], fallback_hint: str = GREEN_FALLBACK_HINT
) -> Mapping[str, ReasonSpec]:
    """Return ``catalogue`` unchanged if it is valid, else raise :class:`CatalogueError`."""
    problems = validate_catalogue(catalogue, fallback_hint)
    if problems:
        raise CatalogueError(problems)
    return catalogue


def build_catalogue(rows: Iterable[ReasonSpec], fallback_hint: str = GREEN_FALLBACK_HINT) -> Mapping[str, ReasonSpec]:
    """Key ``rows`` by code and validate them; a code given twice is a problem, not an overwrite."""
    catalogue: dict[str, ReasonSpec] = {}
    problems: list[CatalogueProblem] = []
    for row in rows:
        if row.code in catalogue:
            problems.append(CatalogueProblem(row.code, RULE_DUPLICATE_CODE))
        catalogue[row.code] = row
    problems.extend(validate_catalogue(catalogue, fallback_hint))
    if problems:
        raise CatalogueError(tuple(problems))
    return MappingProxyType(catalogue)


#: The shipped catalogue, keyed by code; validated at import so a broken edit fails loudly.
CATALOGUE: Mapping[str, ReasonSpec] = build_catalogue(_ROWS)


def reason_spec(code: str) -> ReasonSpec:
    """The catalogue row of ``code``; raises ``KeyError`` for a code not in the catalogue."""
    return CATALOGUE[code]


def sort_key(spec: ReasonSpec) -> tuple[int, str]:
    """Order of importance: lowest priority number first, ties broken by code alphabetically."""
    return (spec.priority, spec.code)
