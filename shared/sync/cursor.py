"""The opaque ``since`` cursor of ``GET /sync/changes`` and the pure rules around it.

A cursor names a position in the server's change sequence (``seq``) within one log ``epoch``; the server
bumps the epoch when it can no longer answer from an old position (log compaction, restore), and every
older cursor then means "full resync". Clients store the cursor string verbatim and never parse it.
"""

from __future__ import annotations

from dataclasses import dataclass

from shared.errors import DomainError, ErrorCode
from shared.sync.protocol import DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT

CURSOR_PREFIX = "c1"


class CursorError(ValueError):
    """The cursor string is not one this protocol version wrote."""


@dataclass(frozen=True, slots=True, order=True)
class Cursor:
    epoch: int
    seq: int

    def encode(self) -> str:
        return f"{CURSOR_PREFIX}.{self.epoch}.{self.seq}"

    def advance(self, seq: int) -> Cursor:
        """The cursor after a page whose last change has ``seq`` (never moves backwards)."""
        return Cursor(self.epoch, max(self.seq, seq))


def start(epoch: int) -> Cursor:
    """The position before the first change of ``epoch``."""
    return Cursor(epoch, 0)


def decode(raw: str) -> Cursor:
    """Parse a cursor string; raises :class:`CursorError` for anything malformed."""
    parts = raw.split(".")
    if len(parts) != 3 or parts[0] != CURSOR_PREFIX:
        raise CursorError("unknown cursor format")
    epoch_raw, seq_raw = parts[1], parts[2]
    if not (epoch_raw.isdigit() and seq_raw.isdigit()) or len(epoch_raw) > 18 or len(seq_raw) > 18:
        raise CursorError("cursor fields must be small non-negative integers")
    return Cursor(int(epoch_raw), int(seq_raw))


def resume_point(raw: str | None, *, epoch: int, horizon: int, head: int) -> Cursor:
    """Where a pull continues, or 409 ``full_resync_required``.

    ``horizon`` is the lowest seq the server can still answer after (older changes were compacted);
    ``head`` the highest seq handed out. No cursor starts at the beginning of the current epoch; a cursor
    of another epoch, below the horizon, beyond the head or unparsable demands a full resync.
    """
    if raw is None or raw == "":
        return start(epoch)
    try:
        cursor = decode(raw)
    except CursorError as exc:
        raise DomainError(ErrorCode.FULL_RESYNC_REQUIRED, message=str(exc)) from exc
    if cursor.epoch != epoch:
        raise DomainError(ErrorCode.FULL_RESYNC_REQUIRED, message="cursor of another epoch")
    if cursor.seq < horizon:
        raise DomainError(ErrorCode.FULL_RESYNC_REQUIRED, message="cursor expired")
    if cursor.seq > head:
        raise DomainError(ErrorCode.FULL_RESYNC_REQUIRED, message="cursor unknown")
    return cursor


def page_limit(requested: int | None) -> int:
    """The page size to use: the default when none was asked for, clamped to ``1..MAX_PAGE_LIMIT``."""
    if requested is None:
        return DEFAULT_PAGE_LIMIT
    return max(1, min(MAX_PAGE_LIMIT, requested))
