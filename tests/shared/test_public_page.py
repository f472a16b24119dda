"""The public QR page projection (SPEC §8.2-8.4, DECISIONS D21)."""

from __future__ import annotations

import dataclasses
import itertools
import re
import unicodedata
from pathlib import Path

import pytest

from shared.entries import TrustLevel
from shared.public_page import (
    PUBLIC_DISCLAIMER,
    PUBLIC_PAGE_KEYS,
    VehiclePublicFacts,
    is_masked_vin,
    project_public_page,
    public_descriptor,
    public_year,
)
from shared.roles import Role
from shared.trust.catalogue import TrustLight
from shared.trust.derivation import derive_trust_summary
from shared.trust.facts import AccidentStatus, EntryFacts, VehicleTrustFacts

SPEC_PATH = Path("/work/shared/SPEC.md")
CONTRACT_KEYS = {
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
}
NEVER_PUBLIC = {"reason_codes", "todo_codes", "top_trust_level", "vin", "owner_user_id", "documents", "id"}

VEHICLE = VehiclePublicFacts("Alltag", "Volkswagen", "Golf", 2012, "Diesel", "WVW***1234")
SUMMARY = derive_trust_summary(
    VehicleTrustFacts(AccidentStatus.NICHT_UNFALLFREI, True, (EntryFacts(TrustLevel.T2),)), Role.VIP
)


def test_page_has_exactly_the_contract_keys() -> None:
    page = project_public_page(VEHICLE, SUMMARY)
    assert set(page) == CONTRACT_KEYS
    assert tuple(page) == PUBLIC_PAGE_KEYS
    assert not NEVER_PUBLIC & set(page)


def test_page_values() -> None:
    assert project_public_page(VEHICLE, SUMMARY) == {
        "trust_light": "gelb",
        "hint": "Für Unfalltrust fehlen Nachweise für eine belastbare Bewertung.",
        "history_status": "vorhanden",
        "evidence_status": "vorhanden",
        "verification_level": "mittel",
        "accident_status": "nicht_unfallfrei",
        "accident_status_label": "Nicht unfallfrei",
        "disclaimer": PUBLIC_DISCLAIMER,
        "vehicle_class": "Alltag",
        "make": "Volkswagen",
        "model": "Golf",
        "year": 2012,
        "engine": "Diesel",
        "vin_masked": "WVW***1234",
    }


def test_disclaimer_constant() -> None:
    assert PUBLIC_DISCLAIMER == (
        "Die Trust-Ampel bewertet ausschließlich die Dokumentations- und Nachweisqualität. "
        "Sie ist keine Aussage über den technischen Zustand des Fahrzeugs."
    )
    assert unicodedata.is_normalized("NFC", PUBLIC_DISCLAIMER)


@pytest.mark.skipif(not SPEC_PATH.exists(), reason="SPEC.md not available at /work/shared; verbatim check skipped")
def test_disclaimer_is_verbatim_from_spec() -> None:
    section = SPEC_PATH.read_text(encoding="utf-8").split("### 8.4", 1)[1].split("###", 1)[0]
    match = re.search(r"^„(.+)“$", section, re.MULTILINE)
    assert match is not None
    assert match.group(1) == PUBLIC_DISCLAIMER


@pytest.mark.parametrize(
    ("vin", "shown"),
    [
        ("WVW***1234", "WVW***1234"),
        ("***", "***"),
        ("WVWZZZ1JZXW000001", None),
        ("WVW1234", None),
        ("wvw***1234", None),
        ("WVW**1234", None),
        ("WVW***12345", None),
        ("IOQ***1234", None),
        (" WVW***1234", None),
        ("WVW***1234\n", None),
        ("", None),
        (None, None),
    ],
)
def test_vin_must_arrive_masked(vin: str | None, shown: str | None) -> None:
    page = project_public_page(dataclasses.replace(VEHICLE, vin_masked=vin), SUMMARY)
    assert page["vin_masked"] == shown
    assert is_masked_vin(vin) is (shown is not None)


def test_non_string_vin_is_withheld() -> None:
    assert is_masked_vin(12345) is False


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("  Golf   GTI ", "Golf GTI"),
        ("911", "911"),
        ("", None),
        ("   ", None),
        (None, None),
        (42, None),
        ("x" * 65, None),
        ("x" * 64, "x" * 64),
        ("max@example.org", None),
        ("https://example.org/doc.pdf", None),
        ("www.example.org", None),
        ("Golf\x00", None),
    ],
)
def test_descriptor_texts(value: object, shown: str | None) -> None:
    assert public_descriptor(value) == shown


@pytest.mark.parametrize(
    ("value", "shown"), [(2012, 2012), (1886, 1886), (999, None), (10000, None), (True, None), ("2012", None)]
)
def test_year(value: object, shown: int | None) -> None:
    assert public_year(value) == shown


@pytest.mark.parametrize("hint", ["Seit 6 Monaten keine Pflege.", "Ein frei erfundener Hinweis."])
def test_hint_outside_the_catalogue_is_refused(hint: str) -> None:
    with pytest.raises(ValueError, match="catalogue"):
        project_public_page(VEHICLE, dataclasses.replace(SUMMARY, hint=hint))


def test_no_digit_appears_anywhere_but_year_and_vin() -> None:
    lights: set[str] = set()
    levels = [None, TrustLevel.T1, TrustLevel.T2, TrustLevel.T3]
    for accident, completed, level in itertools.product(AccidentStatus, (False, True), levels):
        entries = () if level is None else (EntryFacts(level),)
        summary = derive_trust_summary(VehicleTrustFacts(accident, completed, entries), Role.USER)
        page = project_public_page(VehiclePublicFacts(), summary)
        lights.add(str(page["trust_light"]))
        assert page["disclaimer"] == PUBLIC_DISCLAIMER
        for key, value in page.items():
            assert value is None or not any(ch.isnumeric() for ch in str(value)), key
    assert lights == {light.value for light in TrustLight}
