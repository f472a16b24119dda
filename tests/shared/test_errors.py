from __future__ import annotations

import re
from pathlib import Path

import pytest

from shared.errors import DEFAULT_STATUS, OBJECT_BODY_CODES, DomainError, ErrorCode

CONTRACT = Path(__file__).resolve().parents[3] / "shared" / "API_CONTRACT.md"


@pytest.mark.parametrize(
    ("code", "status", "body"),
    [
        (ErrorCode.UNAUTHORIZED, 401, {"detail": "unauthorized"}),
        (ErrorCode.CONSENT_REQUIRED, 403, {"detail": "consent_required"}),
        (ErrorCode.LOCKED, 429, {"detail": "LOCKED"}),
        (ErrorCode.INVALID_VIN_FORMAT, 422, {"detail": "invalid_vin_format"}),
        (ErrorCode.STAFF_LIMIT_REACHED, 409, {"detail": "staff_limit_reached"}),
        (ErrorCode.TOO_LARGE, 413, {"detail": "too_large"}),
        (ErrorCode.PAYWALL_REQUIRED, 403, {"detail": {"code": "paywall_required"}}),
        (ErrorCode.ADDON_NOT_AVAILABLE, 403, {"detail": {"code": "addon_not_available"}}),
        (ErrorCode.ADMIN_ONLY, 403, {"detail": {"code": "admin_only"}}),
    ],
)
def test_default_status_and_body(code: ErrorCode, status: int, body: dict[str, object]) -> None:
    error = DomainError(code)
    assert error.http_status == status
    assert error.body == body
    assert error.code is code


def test_status_can_be_overridden_for_codes_with_two_statuses() -> None:
    assert DomainError(ErrorCode.TOTP_REQUIRED).http_status == 403
    assert DomainError(ErrorCode.TOTP_REQUIRED, 401).http_status == 401


def test_message_defaults_to_code_and_repr_names_code() -> None:
    assert str(DomainError(ErrorCode.FORBIDDEN)) == "forbidden"
    assert DomainError(ErrorCode.FORBIDDEN, message="role check").message == "role check"
    assert repr(DomainError(ErrorCode.NOT_FOUND)) == "DomainError('not_found', 404)"


def test_every_code_has_a_status_and_object_codes_are_known() -> None:
    assert set(DEFAULT_STATUS) == set(ErrorCode)
    assert all(100 <= status <= 599 for status in DEFAULT_STATUS.values())
    assert OBJECT_BODY_CODES <= set(ErrorCode)


def test_every_contract_detail_string_is_a_code() -> None:
    if not CONTRACT.exists():
        pytest.skip(f"API contract not found at {CONTRACT}")
    text = CONTRACT.read_text(encoding="utf-8")
    details = set(re.findall(r"\d{3} `([A-Za-z_]+)`", text))
    details |= set(re.findall(r"([a-z_]+)", " ".join(re.findall(r"\{code: ([a-z_|]+)\}", text))))
    assert details, "no detail strings parsed from the contract"
    values = {code.value for code in ErrorCode}
    assert details - values == set()
    for status_code in re.findall(r"(\d{3}) `([A-Za-z_]+)`", text):
        status, code = int(status_code[0]), ErrorCode(status_code[1])
        if code is ErrorCode.TOTP_REQUIRED:
            assert status in {401, 403}
        else:
            assert DEFAULT_STATUS[code] == status, code
