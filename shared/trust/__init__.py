"""Trust engine: reason-code catalogue, derivation of the trust light, to-dos (SPEC §7, D18)."""

from __future__ import annotations

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
    validate_catalogue,
)
from shared.trust.derivation import derive_reason_codes, derive_trust_summary, hint_for, light_for, worst_light
from shared.trust.facts import AccidentStatus, DocumentFacts, EntryFacts, VehicleTrustFacts, parse_accident_status
from shared.trust.summary import Presence, TrustSummary, VerificationLevel
from shared.trust.todos import TODO_TOP_N_VIP, Todo, build_todos, todo_codes_for_role

__all__ = [
    "CATALOGUE",
    "GREEN_FALLBACK_HINT",
    "TODO_TOP_N_VIP",
    "AccidentStatus",
    "CatalogueError",
    "CatalogueProblem",
    "DocumentFacts",
    "EntryFacts",
    "Presence",
    "ReasonCode",
    "ReasonSpec",
    "Severity",
    "Todo",
    "TrustLight",
    "TrustSummary",
    "VehicleTrustFacts",
    "VerificationLevel",
    "build_catalogue",
    "build_todos",
    "derive_reason_codes",
    "derive_trust_summary",
    "ensure_valid_catalogue",
    "hint_for",
    "light_for",
    "parse_accident_status",
    "todo_codes_for_role",
    "validate_catalogue",
    "worst_light",
]
