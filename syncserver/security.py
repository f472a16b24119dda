"""Keyed hashes, random tokens and secret boxes derived from LTC_SECRET_KEY (SPEC §13.3). No I/O.

Every purpose gets its own sub-key (HMAC of the app secret with a label), so an HMAC of one kind can
never be replayed as another kind.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

TOKEN_BYTES = 32  # 256 bit (D3)
_NONCE_BYTES = 12


def new_token() -> str:
    """A URL-safe random token of 256 bits."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def new_otp() -> str:
    """A uniformly random 6-digit code."""
    return f"{secrets.randbelow(1_000_000):06d}"


class Keys:
    """All keyed primitives of the server; construct once per app from the settings' secret."""

    def __init__(self, secret: bytes) -> None:
        self._email = self._derive(secret, b"email")
        self._token = self._derive(secret, b"token")
        self._otp = self._derive(secret, b"otp")
        self._ip = self._derive(secret, b"ip")
        self._backup = self._derive(secret, b"backup-code")
        self._box = AESGCM(self._derive(secret, b"secret-box"))

    @staticmethod
    def _derive(secret: bytes, label: bytes) -> bytes:
        return hmac.new(secret, b"ltc-subkey:" + label, hashlib.sha256).digest()

    @staticmethod
    def _mac(key: bytes, value: str) -> str:
        return hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()

    def email_hmac(self, normalized_email: str) -> str:
        return self._mac(self._email, normalized_email)

    def token_hash(self, token: str) -> str:
        return self._mac(self._token, token)

    def otp_hash(self, otp: str, challenge_id: str) -> str:
        return self._mac(self._otp, otp + challenge_id)

    def ip_hmac(self, ip: str) -> str:
        return self._mac(self._ip, ip)[:32]

    def backup_code_hash(self, user_id: str, code: str) -> str:
        return self._mac(self._backup, f"{user_id}:{code}")

    def seal(self, plaintext: bytes) -> bytes:
        """AES-256-GCM encrypt (random 96-bit nonce prepended)."""
        nonce = secrets.token_bytes(_NONCE_BYTES)
        return nonce + self._box.encrypt(nonce, plaintext, b"ltc-secret-box")

    def unseal(self, sealed: bytes) -> bytes:
        return self._box.decrypt(sealed[:_NONCE_BYTES], sealed[_NONCE_BYTES:], b"ltc-secret-box")


def equal(a: str, b: str) -> bool:
    """Constant-time string comparison."""
    return hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))
