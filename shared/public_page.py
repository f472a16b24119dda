"""The public QR mini-check page as a pure projection (SPEC §8.2-8.4, DECISIONS D21).

:func:`project_public_page` builds exactly the public keys of API_CONTRACT.md from the vehicle's
public descriptors and the server's trust summary, and nothing else: no reason or to-do codes,
no T-levels, no counts, ids, documents or owner data (SPEC §8.3). Descriptor values that do not
fit their slot are dropped (``None``), never echoed: a page that shows less is safe, one that
leaks is not. In particular ``vin_masked`` must already be masked (first 3 + ``***`` + last 4,
or ``***`` alone); anything else, such as a full VIN, is withheld.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from shared.trust.catalogue import CATALOGUE, GREEN_FALLBACK_HINT, hint_problems
from shared.trust.summary import TrustSummary

#: SPEC §8.4, verbatim (plain-text form, without the typographic quotes around it). Never alter.
PUBLIC_DISCLAIMER = (
    "Die Trust-Ampel bewertet ausschließlich die Dokumentations- und Nachweisqualität. "
    "Sie ist keine Aussage über den technischen Zustand des Fahrzeugs."
)

#: Exactly the public JSON keys (API_CONTRACT.md, SPEC §8.2), in contract order.
PUBLIC_PAGE_KEYS: tuple[str, ...] = (
    "trust_light",
    "hint",
    "history_status",
    "evidence_status",
    "verification_level",
    "accident_status",
    "accident_status_label",
    "disclaimer",
    "vehicle_class",
    "make",
    "model",
    "year",
    "engine",
    "vin_masked",
)

#: Longest descriptor text shown publicly ("coarse only", SPEC §8.2).
MAX_DESCRIPTOR_LENGTH = 64

_MASKED_VIN = re.compile(r"[A-HJ-NPR-Z0-9]{3}\*\*\*[A-HJ-NPR-Z0-9]{4}")
#: Marks of an e-mail address or a URL: PII or links never belong on the public page.
_FORBIDDEN_MARKS = ("@", "://", "www.")
_PUBLIC_HINTS: frozenset[str] = frozenset({spec.hint for spec in CATALOGUE.values()} | {GREEN_FALLBACK_HINT})


@dataclass(frozen=True, slots=True)
class VehiclePublicFacts:
    """The vehicle descriptors the public page may show (SPEC §8.2); every field is optional."""

    vehicle_class: str | None = None
    make: str | None = None
    model: str | None = None
    year: int | None = None
    engine: str | None = None
    vin_masked: str | None = None


def is_masked_vin(value: object) -> bool:
    """True for the masked VIN forms of SPEC §4.1: ``WVW***1234`` or ``***`` (short VINs)."""
    return isinstance(value, str) and (value == "***" or _MASKED_VIN.fullmatch(value) is not None)


def public_descriptor(value: object) -> str | None:
    """A trimmed, single-line descriptor text, or ``None`` if it is empty, too long or looks like PII."""
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    if not text or len(text) > MAX_DESCRIPTOR_LENGTH or not text.isprintable():
        return None
    lowered = text.lower()
    if any(mark in lowered for mark in _FORBIDDEN_MARKS):
        return None
    return text


def public_year(value: object) -> int | None:
    """The year of construction if it is a plain four-digit year, else ``None``."""
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if 1000 <= value <= 9999 else None


def public_hint(summary: TrustSummary) -> str:
    """The summary's hint, checked: it must be a catalogue hint (or the green fallback) without digits.

    Raises ``ValueError`` otherwise; a hint from anywhere else is a programming error, not data.
    """
    if summary.hint not in _PUBLIC_HINTS or hint_problems(summary.hint):
        raise ValueError("public hint is not a catalogue hint")
    return summary.hint


def project_public_page(vehicle: VehiclePublicFacts, summary: TrustSummary) -> dict[str, object]:
    """The public page body: exactly :data:`PUBLIC_PAGE_KEYS`, the disclaimer verbatim, nothing of §8.3."""
    return {
        "trust_light": summary.trust_light.value,
        "hint": public_hint(summary),
        "history_status": summary.history_status.value,
        "evidence_status": summary.evidence_status.value,
        "verification_level": summary.verification_level.value,
        "accident_status": summary.accident_status.value,
        "accident_status_label": summary.accident_status.label,
        "disclaimer": PUBLIC_DISCLAIMER,
        "vehicle_class": public_descriptor(vehicle.vehicle_class),
        "make": public_descriptor(vehicle.make),
        "model": public_descriptor(vehicle.model),
        "year": public_year(vehicle.year),
        "engine": public_descriptor(vehicle.engine),
        "vin_masked": vehicle.vin_masked if is_masked_vin(vehicle.vin_masked) else None,
    }
