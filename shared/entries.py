"""Service entries (SPEC §5). Validation and revision rules extend this module."""

from __future__ import annotations

from enum import StrEnum


class TrustLevel(StrEnum):
    """Verification level of an entry (DECISIONS D14): T3 is only ever derived by the server."""

    T1 = "T1"
    T2 = "T2"
    T3 = "T3"
