"""Argon2id password hashing (argon2-cffi) with a dummy-hash path for unknown accounts.

Parameters are server settings (``LTC_ARGON2_*``, docs/operations.md "Password hashing"); the default is
OWASP's Argon2id profile m=19 MiB, t=2, p=1. A hash made with other parameters verifies as before and is
re-hashed with the current ones at the next successful login (``needs_rehash``).

Memory is bounded per process: at most ``argon2_max_concurrent`` hash computations run at once (a
semaphore), so 50 parallel logins need ``max_concurrent x memory`` (4 x 19 MiB by default), not
``50 x memory``; the others wait their turn, which also keeps each computation at full speed.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache

import argon2
from argon2.exceptions import InvalidHashError, VerificationError

from shared.errors import DomainError, ErrorCode

MAX_PASSWORD_LENGTH = 1024


@dataclass(frozen=True, slots=True)
class Argon2Params:
    """Argon2id cost: ``memory_kib`` KiB, ``time_cost`` passes, ``parallelism`` lanes."""

    memory_kib: int = 19 * 1024
    time_cost: int = 2
    parallelism: int = 1
    max_concurrent: int = 4


#: The default (OWASP Password Storage Cheat Sheet: Argon2id m=19 MiB, t=2, p=1).
DEFAULT_PARAMS = Argon2Params()


@lru_cache(maxsize=8)
def _hasher(params: Argon2Params) -> argon2.PasswordHasher:
    return argon2.PasswordHasher(
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        type=argon2.Type.ID,
    )


@lru_cache(maxsize=8)
def _gate(max_concurrent: int) -> threading.BoundedSemaphore:
    return threading.BoundedSemaphore(max_concurrent)


@lru_cache(maxsize=8)
def _dummy_hash(params: Argon2Params) -> str:
    """A hash with the current parameters, so an unknown address costs what a known one costs."""
    return _hasher(params).hash("ltc-dummy-password-for-timing-equalisation")


class PasswordHasher:
    @staticmethod
    def hash(password: str, params: Argon2Params = DEFAULT_PARAMS) -> str:
        with _gate(params.max_concurrent):
            return _hasher(params).hash(password)

    @staticmethod
    def verify(stored_hash: str | None, password: str, params: Argon2Params = DEFAULT_PARAMS) -> bool:
        """Check a password; with no stored hash it still spends one Argon2 verification (anti-enumeration)."""
        candidate = stored_hash or _dummy_hash(params)
        try:
            with _gate(params.max_concurrent):
                return _hasher(params).verify(candidate, password) and stored_hash is not None
        except (VerificationError, InvalidHashError):
            return False

    @staticmethod
    def needs_rehash(stored_hash: str, params: Argon2Params = DEFAULT_PARAMS) -> bool:
        """True when ``stored_hash`` was made with other parameters than ``params`` (or is not Argon2id)."""
        try:
            return _hasher(params).check_needs_rehash(stored_hash)
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
