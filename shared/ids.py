"""Record ids (ARCHITECTURE "Ids"): a UUID version 7 (RFC 9562), made where the record is created.

The first 48 bits are the Unix time in milliseconds, so ids made later sort later: a table's primary key
index (and every index led by an id) grows at its right edge instead of at random leaves, on the server and
in each replica the records are pulled into. The other 74 bits are random. Not for secrets (tokens, session
ids): the time is readable and fewer bits are random than in a version 4 UUID.
"""

from __future__ import annotations

import os
import time
import uuid

_MILLIS = (1 << 48) - 1
_RANDOM = (1 << 80) - 1


def uuid7() -> uuid.UUID:
    """A new version 7 UUID."""
    value = ((time.time_ns() // 1_000_000) & _MILLIS) << 80 | int.from_bytes(os.urandom(10), "big") & _RANDOM
    value = (value & ~(0xF << 76)) | (0x7 << 76)  # version 7
    value = (value & ~(0x3 << 62)) | (0x2 << 62)  # RFC 9562 variant
    return uuid.UUID(int=value)
