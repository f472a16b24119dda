"""The VIN at rest (DECISIONS D11): AES-256-GCM envelope under a server key bound to the vehicle id, plus
the keyed pseudonym ``vin_hmac``. Keys are derived from LTC_SECRET_KEY with their own labels. No I/O."""

from __future__ import annotations

import hashlib
import hmac
import uuid

from shared.crypto import open_envelope, seal
from shared.vin import vin_hmac

#: Key id written into every envelope; a future key rotation adds a new id and keeps the old key readable.
VIN_KEY_ID = "vin1"


def _derive(secret: bytes, label: bytes) -> bytes:
    return hmac.new(secret, b"ltc-subkey:" + label, hashlib.sha256).digest()


class VinBox:
    """Seal, open and pseudonymise VINs. Never logs or stringifies a VIN."""

    def __init__(self, secret: bytes) -> None:
        self._enc_key = _derive(secret, b"vin-box")
        self._hmac_key = _derive(secret, b"vin-hmac")

    @staticmethod
    def _aad(vehicle_id: uuid.UUID) -> bytes:
        return b"ltc-vin:" + vehicle_id.bytes

    def seal(self, vehicle_id: uuid.UUID, vin: str) -> bytes:
        """Encrypt a normalised VIN for the row ``vehicle_id`` (the ciphertext cannot be moved to another row)."""
        return seal(self._enc_key, VIN_KEY_ID, vin.encode("ascii"), self._aad(vehicle_id))

    def open(self, vehicle_id: uuid.UUID, sealed: bytes) -> str:
        """Decrypt; raises on tampering or a foreign row."""
        return open_envelope({VIN_KEY_ID: self._enc_key}, sealed, self._aad(vehicle_id)).decode("ascii")

    def pseudonym(self, vin: str) -> str:
        """``vin_hmac``: HMAC-SHA256 over the normalised VIN (duplicate detection, export proof)."""
        return vin_hmac(self._hmac_key, vin)
