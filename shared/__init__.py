"""Pure domain code shared by the desktop app and the sync server (no I/O, no clock reads)."""

from __future__ import annotations

__version__ = "0.1.0"

#: Version of the sync wire protocol; bumped on incompatible changes.
PROTOCOL_VERSION = 1
#: Version of the synced record schema; a mismatch forces a full resync.
SCHEMA_VERSION = 1
