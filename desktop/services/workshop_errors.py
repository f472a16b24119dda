"""The workshop page's errors, in a module without zxing-cpp or qrcode so that message texts can name them
without loading the decoders at start-up."""

from __future__ import annotations


class StickerNotFound(ValueError):
    """No LifeTimeCircle QR code was found in the image."""


class InvalidCode(ValueError):
    """The typed code cannot be a sticker code (too short or too long)."""


class NoWorkshop(LookupError):
    """The signed-in account is not an approved member of a workshop organisation."""
