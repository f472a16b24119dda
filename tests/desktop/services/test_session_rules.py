"""Pure rules of the sign-in flow: password policy and server address."""

from __future__ import annotations

import pytest

from desktop.services.session_types import (
    InvalidServerAddress,
    PasswordPolicyError,
    check_password,
    normalize_server_url,
)


@pytest.mark.parametrize(
    ("password", "repeat", "reason"),
    [
        ("kurz", "kurz", "too_short"),
        ("123456789", "123456789", "too_short"),
        ("erika@example.org", "erika@example.org", "is_email"),
        ("ERIKA@example.org", "ERIKA@example.org", "is_email"),
        ("ein-langes-passwort", "ein-anderes-passwort", "mismatch"),
    ],
)
def test_password_policy_refuses(password: str, repeat: str, reason: str) -> None:
    with pytest.raises(PasswordPolicyError) as caught:
        check_password(password, repeat, "erika@example.org")
    assert caught.value.reason == reason


def test_password_policy_accepts_ten_characters() -> None:
    check_password("0123456789", "0123456789", "erika@example.org")


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("127.0.0.1:8765", "http://127.0.0.1:8765"),
        (" https://service.example.de/ ", "https://service.example.de"),
        ("http://localhost:8765/api", "http://localhost:8765/api"),
    ],
)
def test_server_address_is_normalised(text: str, url: str) -> None:
    assert normalize_server_url(text) == url


@pytest.mark.parametrize("text", ["", "ftp://example.de", "http://", "   "])
def test_bad_server_address(text: str) -> None:
    with pytest.raises(InvalidServerAddress):
        normalize_server_url(text)
