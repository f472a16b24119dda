"""Service entries (SPEC §5, DECISIONS D8, D13, D14): taxonomies, validation, revisions.

Pure rules shared by the desktop (before an intent is queued) and the server (authoritative).
Error messages name fields, never values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from shared.errors import DomainError, ErrorCode


class TrustLevel(StrEnum):
    """Verification level of an entry (DECISIONS D14): T3 is only ever derived by the server."""

    T1 = "T1"
    T2 = "T2"
    T3 = "T3"


#: Levels an author may declare (D14): T3 is derived from valid evidence by the server.
DECLARABLE_TRUST_LEVELS: frozenset[TrustLevel] = frozenset({TrustLevel.T1, TrustLevel.T2})


class EntryType(StrEnum):
    """The closed list of entry types (D13), from the examples of SPEC §5.1, plus the catch-all."""

    SERVICE = "service"
    MAINTENANCE = "maintenance"
    REPAIR = "repair"
    MODIFICATION = "modification"
    INSPECTION = "inspection"
    ACCIDENT = "accident"
    DIAGNOSIS = "diagnosis"
    OTHER = "other"

    @property
    def label(self) -> str:
        """German UI label."""
        return _ENTRY_TYPE_LABELS[self]


_ENTRY_TYPE_LABELS: Mapping[EntryType, str] = {
    EntryType.SERVICE: "Service",
    EntryType.MAINTENANCE: "Wartung",
    EntryType.REPAIR: "Reparatur",
    EntryType.MODIFICATION: "Umbau/Modifikation",
    EntryType.INSPECTION: "Hauptuntersuchung (TÜV/HU)",
    EntryType.ACCIDENT: "Unfall",
    EntryType.DIAGNOSIS: "Diagnose",
    EntryType.OTHER: "Sonstiges",
}


class PerformedBy(StrEnum):
    """Who performed the work: the fixed taxonomy of SPEC §5.3 (D-018)."""

    SPECIALIST_WORKSHOP = "specialist_workshop"
    DEALER = "dealer"
    CAR_DEALERSHIP = "car_dealership"
    TYRE_SERVICE = "tyre_service"
    TUNING_SPECIALIST = "tuning_specialist"
    OTHER = "other"
    STATUTORY = "statutory"
    OWN_WORK = "own_work"

    @property
    def label(self) -> str:
        """German UI label, exactly as in SPEC §5.3."""
        return _PERFORMED_BY_LABELS[self]


_PERFORMED_BY_LABELS: Mapping[PerformedBy, str] = {
    PerformedBy.SPECIALIST_WORKSHOP: "Fachwerkstatt",
    PerformedBy.DEALER: "Händler",
    PerformedBy.CAR_DEALERSHIP: "Autohaus",
    PerformedBy.TYRE_SERVICE: "Reifenservice",
    PerformedBy.TUNING_SPECIALIST: "Tuning-Fachbetrieb",
    PerformedBy.OTHER: "Sonstiges",
    PerformedBy.STATUTORY: "Gesetzliches (TÜV / Gutachten / Wertgutachten)",
    PerformedBy.OWN_WORK: "Eigenleistung",
}

# --- limits (SPEC §5.1, §5.2, §13.6) ---
MAX_TEXT_CHARS = 64
MAX_NOTE_CHARS = 4000
#: Cost: at most 12 digits with 2 decimals, i.e. 9 999 999 999.99 -> in cents:
MAX_COST_CENTS = 10**12 - 1
#: Upper bound for the odometer, so every value fits a 32-bit integer column.
MAX_KM = 2**31 - 1
DEFAULT_CURRENCY = "EUR"
_CURRENCY = re.compile(r"[A-Z]{3}", re.ASCII)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
#: The D-019 required fields, in message order.
REQUIRED_FIELDS: tuple[str, ...] = ("date", "type", "performed_by", "km")


class EntryValidationError(DomainError):
    """422 ``invalid_entry``; ``fields`` names every offending field (never a value)."""

    def __init__(self, fields: Iterable[str]) -> None:
        self.fields: tuple[str, ...] = tuple(fields)
        super().__init__(ErrorCode.INVALID_ENTRY, message="invalid_entry: " + ", ".join(self.fields))


def _lookup_key(raw: str) -> str:
    return " ".join(raw.split()).casefold()


def _lookup(enum_labels: Mapping[EntryType, str] | Mapping[PerformedBy, str]) -> dict[str, str]:
    table: dict[str, str] = {}
    for member, label in enum_labels.items():
        table[_lookup_key(member.value)] = member.value
        table[_lookup_key(label)] = member.value
    return table


_ENTRY_TYPE_LOOKUP = _lookup(_ENTRY_TYPE_LABELS)
_PERFORMED_BY_LOOKUP = _lookup(_PERFORMED_BY_LABELS)
_PERFORMED_BY_LOOKUP[_lookup_key("Haendler")] = PerformedBy.DEALER.value


def parse_entry_type(raw: str) -> EntryType | None:
    """The entry type for its key or German label (case- and spacing-insensitive), else None."""
    value = _ENTRY_TYPE_LOOKUP.get(_lookup_key(raw))
    return EntryType(value) if value else None


def parse_performed_by(raw: str) -> PerformedBy | None:
    """The performed-by value for its key or German label (case- and spacing-insensitive), else None."""
    value = _PERFORMED_BY_LOOKUP.get(_lookup_key(raw))
    return PerformedBy(value) if value else None


def coerce_entry_type(raw: str) -> EntryType:
    """Lenient mapping for imported legacy text: anything unknown becomes ``Sonstiges``."""
    return parse_entry_type(raw) or EntryType.OTHER


def coerce_performed_by(raw: str) -> PerformedBy:
    """Lenient mapping for imported legacy text: anything unknown becomes ``Sonstiges``."""
    return parse_performed_by(raw) or PerformedBy.OTHER


def cost_to_cents(amount: Decimal | str | int) -> int:
    """A cost amount (``"12.50"``, ``Decimal``, whole ``int``) as integer cents; >= 0, at most 2
    decimals and 12 digits. Raises ``invalid_entry`` (field ``cost``) otherwise."""
    if isinstance(amount, bool) or not isinstance(amount, Decimal | str | int):
        raise EntryValidationError(["cost"])
    try:
        value = Decimal(amount.strip() if isinstance(amount, str) else amount)
    except InvalidOperation:
        raise EntryValidationError(["cost"]) from None
    if not value.is_finite():
        raise EntryValidationError(["cost"])
    cents = value * 100
    if cents != cents.to_integral_value() or not 0 <= cents <= MAX_COST_CENTS:
        raise EntryValidationError(["cost"])
    return int(cents)


@dataclass(frozen=True, slots=True)
class EntryDraft:
    """What a client sends to create or revise an entry (loosely typed: values are checked)."""

    date: date | str | None
    type: str | None
    performed_by: str | None
    km: int | None
    note: str | None = None
    cost_cents: int | None = None
    currency: str | None = None
    trust_level: str | None = None
    is_backfill: bool = False


@dataclass(frozen=True, slots=True)
class ValidEntry:
    """A validated entry: every field in its canonical form."""

    date: date
    type: EntryType
    performed_by: PerformedBy
    km: int
    note: str | None
    cost_cents: int | None
    currency: str | None
    trust_level: TrustLevel | None
    is_backfill: bool


def _parse_date(raw: object) -> date | None:
    if isinstance(raw, date):
        return raw
    if not isinstance(raw, str) or not _ISO_DATE.fullmatch(raw.strip()):
        return None
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        return None


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def validate_entry(draft: EntryDraft, today: date | None = None) -> ValidEntry:
    """Check a draft (SPEC §5.1-5.2, §5.7, D13, D14) and return it canonical, or raise
    :class:`EntryValidationError` naming every bad field.

    Rules: ``date`` ISO ``YYYY-MM-DD`` (not after ``today`` when given); ``type`` and ``performed_by``
    from their closed lists; ``km`` integer 0..MAX_KM; ``note`` <= 4000 characters (blank -> None);
    ``cost_cents`` integer 0..MAX_COST_CENTS; ``currency`` three letters, ISO 4217 style (default EUR,
    kept only with a cost); ``trust_level`` T1/T2 only (T3 is never accepted from a client); a backfilled
    historic entry must declare its level (§5.7).
    """
    bad: list[str] = []
    entry_date = _parse_date(draft.date)
    if entry_date is None or (today is not None and entry_date > today):
        bad.append("date")
    entry_type = parse_entry_type(draft.type) if isinstance(draft.type, str) else None
    if entry_type is None:
        bad.append("type")
    performed_by = parse_performed_by(draft.performed_by) if isinstance(draft.performed_by, str) else None
    if performed_by is None:
        bad.append("performed_by")
    if not _is_int(draft.km) or not 0 <= int(draft.km or 0) <= MAX_KM:
        bad.append("km")
    note = draft.note.strip() if isinstance(draft.note, str) else None
    if draft.note is not None and (note is None or len(note) > MAX_NOTE_CHARS):
        bad.append("note")
    cost = draft.cost_cents
    if cost is not None and (not _is_int(cost) or not 0 <= cost <= MAX_COST_CENTS):
        bad.append("cost")
    raw_currency = DEFAULT_CURRENCY if draft.currency is None else draft.currency
    currency = raw_currency.strip().upper() if isinstance(raw_currency, str) else ""
    if not _CURRENCY.fullmatch(currency):
        bad.append("currency")
    trust_level: TrustLevel | None = None
    if draft.trust_level is not None:
        raw_level = draft.trust_level.strip().upper() if isinstance(draft.trust_level, str) else ""
        if raw_level in DECLARABLE_TRUST_LEVELS:
            trust_level = TrustLevel(raw_level)
        else:
            bad.append("trust_level")
    elif draft.is_backfill:
        bad.append("trust_level")
    if bad or entry_date is None or entry_type is None or performed_by is None or draft.km is None:
        raise EntryValidationError(bad)
    return ValidEntry(
        date=entry_date,
        type=entry_type,
        performed_by=performed_by,
        km=draft.km,
        note=note or None,
        cost_cents=cost,
        currency=currency if cost is not None else None,
        trust_level=trust_level,
        is_backfill=bool(draft.is_backfill),
    )


def missing_required_fields(entry: Mapping[str, object] | object) -> tuple[str, ...]:
    """The D-019 required fields an (imported) entry lacks: absent, ``None`` or blank text.

    Accepts a mapping or any object with the attributes ``date``, ``type``, ``performed_by``, ``km``.
    """
    missing = []
    for field in REQUIRED_FIELDS:
        value = entry.get(field) if isinstance(entry, Mapping) else getattr(entry, field, None)
        if value is None or (isinstance(value, str) and not value.strip()):
            missing.append(field)
    return tuple(missing)


def entry_required_fields_missing(entry: Mapping[str, object] | object) -> bool:
    """True when the reason code ``entry_required_fields_missing`` applies to this entry (D18)."""
    return bool(missing_required_fields(entry))


def derive_trust_level(
    declared: TrustLevel | None, *, has_valid_evidence: bool, has_open_pii: bool
) -> TrustLevel | None:
    """The server-side level (D14): T3 when valid evidence is attached and no PII finding is open;
    otherwise the author's T1/T2 declaration (a stored T3 is never kept without the facts)."""
    if has_valid_evidence and not has_open_pii:
        return TrustLevel.T3
    return declared if declared in DECLARABLE_TRUST_LEVELS else None


# --- revisions (SPEC §5.4, D8) ---


@dataclass(frozen=True, slots=True)
class EntryVersion:
    """The facts of a stored entry row that the revision rules need."""

    entry_id: str
    entry_group_id: str
    version: int
    is_latest: bool
    author_user_id: str
    author_org_id: str | None = None
    deleted: bool = False


@dataclass(frozen=True, slots=True)
class RevisionPlan:
    """Where a new revision goes: same group, next version, superseding the previous row."""

    entry_group_id: str
    version: int
    supersedes_entry_id: str


def is_author(entry: EntryVersion, *, actor_user_id: str, actor_org_id: str | None) -> bool:
    """D8: an org-authored entry belongs to its org (any member acting for it); a personal
    entry to its user acting personally. Neither the owner nor an admin is the author."""
    if entry.author_org_id is not None:
        return actor_org_id == entry.author_org_id
    return actor_org_id is None and actor_user_id == entry.author_user_id


def plan_revision(target: EntryVersion | None, *, actor_user_id: str, actor_org_id: str | None = None) -> RevisionPlan:
    """Check a revision request against the row it references.

    404 ``entry_not_found`` when the row is unknown, deleted or not the latest of its group;
    403 ``forbidden`` when the actor is not the author (D8).
    """
    if target is None or target.deleted or not target.is_latest:
        raise DomainError(ErrorCode.ENTRY_NOT_FOUND)
    if not is_author(target, actor_user_id=actor_user_id, actor_org_id=actor_org_id):
        raise DomainError(ErrorCode.FORBIDDEN, message="only the author may revise an entry")
    return RevisionPlan(
        entry_group_id=target.entry_group_id, version=target.version + 1, supersedes_entry_id=target.entry_id
    )


def latest_per_group(rows: Iterable[EntryVersion]) -> dict[str, tuple[EntryVersion, int]]:
    """Per group id: the highest non-deleted version and the group's version count (``revision_count``)."""
    result: dict[str, tuple[EntryVersion, int]] = {}
    for row in rows:
        if row.deleted:
            continue
        current = result.get(row.entry_group_id)
        if current is None:
            result[row.entry_group_id] = (row, 1)
        else:
            best = row if row.version > current[0].version else current[0]
            result[row.entry_group_id] = (best, current[1] + 1)
    return result
