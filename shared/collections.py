"""Collections and fleets (SPEC §4.4): named groups of a user's own vehicles; a vehicle may be in several.

Both sides need the same rules: the server checks and stores the name, the desktop validates it before the
REST call and reads the synced ``collection`` records (``data`` as ``CollectionOut`` shows it) back as
:class:`Collection`. Names are compared after collapsing whitespace; upper/lower case is kept and counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from shared.errors import DomainError, ErrorCode

#: Longest name (the server column is ``String(120)``).
MAX_NAME_LENGTH = 120


class CollectionKind(StrEnum):
    COLLECTION = "collection"
    FLEET = "fleet"


def clean_name(raw: str) -> str:
    """The stored form of a name: whitespace runs collapsed to one space, trimmed.

    Raises ``validation_failed`` for an empty or too long name."""
    clean = " ".join(raw.split())
    if not clean or len(clean) > MAX_NAME_LENGTH:
        raise DomainError(ErrorCode.VALIDATION_FAILED, message="collection name empty or too long")
    return clean


@dataclass(frozen=True, slots=True)
class Collection:
    """One collection or fleet with the ids of its (live, visible) vehicles in the order they were added."""

    id: str
    name: str
    kind: CollectionKind
    vehicle_ids: tuple[str, ...]

    @property
    def is_fleet(self) -> bool:
        return self.kind is CollectionKind.FLEET

    def contains(self, vehicle_id: str) -> bool:
        return vehicle_id in self.vehicle_ids

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Collection:
        """A synced ``collection`` record's ``data`` (or a REST ``CollectionOut`` body); unknown kinds read as
        plain collections."""
        try:
            kind = CollectionKind(str(data.get("kind") or CollectionKind.COLLECTION.value))
        except ValueError:
            kind = CollectionKind.COLLECTION
        ids = data.get("vehicle_ids") or ()
        return cls(
            id=str(data["id"]),
            name=str(data.get("name") or ""),
            kind=kind,
            vehicle_ids=tuple(str(v) for v in ids),
        )


def sorted_collections(collections: Iterable[Collection]) -> list[Collection]:
    """Display order: by name (case-insensitive), then id (names are unique per user, so ties are rare)."""
    return sorted(collections, key=lambda c: (c.name.casefold(), c.name, c.id))
