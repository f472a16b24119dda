"""VIN normalise / validate / mask / HMAC (SPEC §4.1, D11)."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from shared.errors import DomainError, ErrorCode
from shared.vin import (
    MASK,
    VinParts,
    is_valid_vin,
    mask_from_parts,
    mask_vin,
    normalise_vin,
    parse_vin,
    vin_hmac,
    vin_hmac_matches,
    vin_parts,
)

KEY = b"k" * 32
VIN17 = "WVWZZZ1JZXW000001"
VIN11 = "ABCDEFGH123"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  wvwzzz1jzxw000001  ", VIN17),
        ("WVW ZZZ 1JZ XW0 00001", VIN17),
        ("wvw\tzzz\n1jzxw000001", VIN17),
        ("ab-cd", "AB-CD"),  # dashes are not part of the normalisation (SPEC §4.1, contract)
        ("", ""),
    ],
)
def test_normalise_vin(raw: str, expected: str) -> None:
    assert normalise_vin(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (VIN17, VIN17),
        (VIN11, VIN11),
        (" abcdefgh123 ", VIN11),
        ("abc defgh 123", VIN11),
        ("12345678901", "12345678901"),
        ("ABCDEFGHJKLMNPRST", "ABCDEFGHJKLMNPRST"),
    ],
)
def test_parse_vin_accepts(raw: str, expected: str) -> None:
    assert parse_vin(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        "ABCDEFGH12",  # 10 characters
        "WVWZZZ1JZXW0000012",  # 18 characters
        "WVWZZZ1JZXW00000I",  # I
        "WVWZZZ1JZXW00000O",  # O
        "WVWZZZ1JZXW00000Q",  # Q
        "WVW-ZZZ1JZXW00001",  # dash
        "WVWZZZ1JZXW0000.1",
        "WVWZZZ1JZXW00001\u017f",  # long s would upper-case to S
        "ＷＶＷＺＺＺ１ＪＺＸＷ０００００１",  # full-width
        "WVWZZZ1JZX\x00W00001",
        "A" * 65,
    ],
)
def test_parse_vin_refuses_without_leaking(raw: str) -> None:
    with pytest.raises(DomainError) as info:
        parse_vin(raw)
    assert info.value.code is ErrorCode.INVALID_VIN_FORMAT
    assert info.value.http_status == 422
    assert info.value.message == "invalid_vin_format"


@pytest.mark.parametrize(("vin", "valid"), [(VIN17, True), (VIN11, True), ("abcdefgh123", False), ("I" * 11, False)])
def test_is_valid_vin_checks_the_normalised_form(vin: str, valid: bool) -> None:
    assert is_valid_vin(vin) is valid


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        (VIN17, "WVW***0001"),
        (VIN11, "ABC***H123"),
        ("abc defgh 123", "ABC***H123"),
        ("12345678", "123***5678"),  # 8 characters: parts overlap-free, shown
        ("1234567", MASK),  # 7 or fewer: mask only
        ("123", MASK),
        ("", MASK),
    ],
)
def test_mask_vin(value: str, masked: str) -> None:
    assert mask_vin(value) == masked


@pytest.mark.parametrize(
    ("raw", "prefix3", "last4"),
    [(VIN17, "WVW", "0001"), (VIN11, "ABC", "H123"), (" wvw zzz1jzxw000001", "WVW", "0001")],
)
def test_vin_parts_are_the_stored_clear_parts(raw: str, prefix3: str, last4: str) -> None:
    parts = vin_parts(raw)
    assert parts == VinParts(prefix3=prefix3, last4=last4)
    assert parts.masked == mask_vin(raw)


def test_vin_parts_refuses_an_invalid_vin() -> None:
    with pytest.raises(DomainError) as info:
        vin_parts("SHORT")
    assert info.value.code is ErrorCode.INVALID_VIN_FORMAT


@pytest.mark.parametrize(
    ("prefix3", "last4", "masked"),
    [("WVW", "1234", "WVW***1234"), (None, "1234", MASK), ("WVW", None, MASK), ("", "", MASK)],
)
def test_mask_from_parts(prefix3: str | None, last4: str | None, masked: str) -> None:
    assert mask_from_parts(prefix3, last4) == masked


def test_vin_hmac_is_hmac_sha256_hex_of_the_normalised_vin() -> None:
    expected = hmac.new(KEY, VIN17.encode(), hashlib.sha256).hexdigest()
    assert vin_hmac(KEY, " wvw zzz1jzxw000001 ") == expected
    assert vin_hmac(b"x" * 32, VIN17) != expected


@pytest.mark.parametrize(
    ("candidate", "stored_vin", "matches"),
    [
        (VIN17, VIN17, True),
        ("wvw zzz 1jz xw0 00001", VIN17, True),
        (VIN11, VIN17, False),
        ("not a vin", VIN17, False),
    ],
)
def test_vin_hmac_matches(candidate: str, stored_vin: str, matches: bool) -> None:
    stored = vin_hmac(KEY, stored_vin)
    assert vin_hmac_matches(KEY, candidate, stored) is matches
    assert vin_hmac_matches(KEY, candidate, stored.upper()) is matches


def test_vin_hmac_matches_refuses_non_ascii_stored_value() -> None:
    assert vin_hmac_matches(KEY, VIN17, "ä" * 64) is False


def test_vin_hmac_refuses_short_key_and_invalid_vin() -> None:
    with pytest.raises(ValueError, match="too short"):
        vin_hmac(b"short", VIN17)
    with pytest.raises(DomainError):
        vin_hmac(KEY, "WVWZZZ1JZXW00000I")
