"""Argon2id password hashing (argon2-cffi) with a dummy-hash path for unknown accounts."""

from __future__ import annotations

from functools import lru_cache

import argon2
from argon2.exceptions import InvalidHashError, VerificationError

from shared.errors import DomainError, ErrorCode

_hasher = argon2.PasswordHasher()  # Argon2id, library defaults (RFC 9106 low-memory profile)
MAX_PASSWORD_LENGTH = 1024


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return _hasher.hash("ltc-dummy-password-for-timing-equalisation")


class PasswordHasher:
    @staticmethod
    def hash(password: str) -> str:
        return _hasher.hash(password)

    @staticmethod
    def verify(stored_hash: str | None, password: str) -> bool:
        """Check a password; with no stored hash it still spends one Argon2 verification (anti-enumeration)."""
        try:
            return _hasher.verify(stored_hash or _dummy_hash(), password) and stored_hash is not None
        except (VerificationError, InvalidHashError):
            return False

    @staticmethod
    def needs_rehash(stored_hash: str) -> bool:
        try:
            return _hasher.check_needs_rehash(stored_hash)
        except InvalidHashError:
            return True

    @staticmethod
    def check_policy(password: str, normalized_email: str, min_length: int) -> None:
        """Length >= ``min_length`` and not the e-mail address (or its local part); 400 ``weak_password``."""
        folded = password.strip().casefold()
        local_part = normalized_email.split("@", 1)[0]
        if (
            len(password) < min_length
            or len(password) > MAX_PASSWORD_LENGTH
            or folded == normalized_email.casefold()
            or folded == local_part.casefold()
        ):
            raise DomainError(ErrorCode.WEAK_PASSWORD)
