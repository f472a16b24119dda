"""A pulled change page as plain data: the body of ``GET /sync/changes`` read with ``pydantic_core.from_json``.

A page carries up to thousands of changes; building a :class:`shared.sync.protocol.ChangesPage` (a model and
a validated ``data`` dict per change) cost about a quarter of the client's apply time. :meth:`PulledPage.parse`
checks the same shape (field names, op and type values, ids as UUIDs, ``data`` an object) on plain dicts.
Ids are kept as their canonical strings, the form the replica stores.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any

from pydantic_core import from_json

from shared.sync.protocol import ChangeOp, ChangesPage, RecordType

_OPS = frozenset(op.value for op in ChangeOp)
_TYPES = frozenset(t.value for t in RecordType)
_FIELDS = frozenset(("seq", "op", "type", "id", "vehicle_id", "data"))
_PAGE_FIELDS = frozenset(("cursor", "has_more", "changes", "counts"))
_CANONICAL = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


class MalformedPage(ValueError):
    """The body is not a change page of this protocol version."""


@dataclass(frozen=True, slots=True)
class PulledPage:
    """``changes``: dicts ``{seq, op, type, id, vehicle_id, data}`` with str ids and ``data`` a dict or ``None``."""

    cursor: str
    has_more: bool
    changes: list[dict[str, Any]]
    counts: dict[str, int] | None = None

    @classmethod
    def parse(cls, body: bytes) -> PulledPage:
        """Parse and check a page body; raises :class:`MalformedPage`."""
        try:
            raw = from_json(body)
        except ValueError as exc:
            raise MalformedPage(f"not JSON: {exc}") from None
        if not isinstance(raw, dict) or raw.keys() - _PAGE_FIELDS:
            raise MalformedPage("not a change page")
        cursor, has_more, changes = raw.get("cursor"), raw.get("has_more"), raw.get("changes")
        counts = raw.get("counts")
        if not isinstance(cursor, str) or not isinstance(has_more, bool) or not isinstance(changes, list):
            raise MalformedPage("cursor, has_more and changes are required")
        if counts is not None and not (
            isinstance(counts, dict) and all(type(n) is int and isinstance(k, str) for k, n in counts.items())
        ):
            raise MalformedPage("counts must map types to integers")
        for change in changes:
            _check(change)
        return cls(cursor, has_more, changes, counts)

    @classmethod
    def of(cls, page: ChangesPage) -> PulledPage:
        """The same page from the wire model (tests and the benchmark hold those)."""
        changes = [
            {
                "seq": c.seq,
                "op": c.op.value,
                "type": c.type.value,
                "id": str(c.id),
                "vehicle_id": None if c.vehicle_id is None else str(c.vehicle_id),
                "data": c.data,
            }
            for c in page.changes
        ]
        return cls(page.cursor, page.has_more, changes, None if page.counts is None else dict(page.counts))


def _uuid_text(value: Any) -> str:
    """The canonical form of an id (the server sends it already; anything else is normalised or refused)."""
    if isinstance(value, str) and _CANONICAL.fullmatch(value):
        return value
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        raise MalformedPage("an id is not a UUID") from None


def _check(change: Any) -> None:
    if not isinstance(change, dict) or not change.keys() <= _FIELDS:
        raise MalformedPage("a change is not an object of seq, op, type, id, vehicle_id, data")
    if type(change.get("seq")) is not int or change.get("op") not in _OPS or change.get("type") not in _TYPES:
        raise MalformedPage("a change has no integer seq or an unknown op or type")
    change["id"] = _uuid_text(change.get("id"))
    vehicle = change.get("vehicle_id")
    change["vehicle_id"] = None if vehicle is None else _uuid_text(vehicle)
    data = change.setdefault("data", None)
    if data is not None and not isinstance(data, dict):
        raise MalformedPage("a change's data must be an object")
