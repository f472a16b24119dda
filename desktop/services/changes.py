"""Change-sets: what a mutation or a sync changed, so that each view decides how to refresh (CONVENTIONS item 4)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

VEHICLES = "vehicles"
ENTRIES = "entries"
DOCUMENTS = "documents"
TRUST = "trust"
FOLDERS = "folders"  # trust folders and their stages
PROBLEMS = "problems"
SYNC_STATE = "sync_state"
COLLECTIONS = "collections"  # the user's collections/fleets and their vehicles
ALL_KINDS = frozenset({VEHICLES, ENTRIES, DOCUMENTS, TRUST, FOLDERS, PROBLEMS, SYNC_STATE, COLLECTIONS})


@dataclass(frozen=True, slots=True)
class ChangeSet:
    """``kinds`` are the entity types touched; ``vehicle_ids`` the vehicles concerned (empty with ``kinds``: any).

    ``id_map`` carries client ids the server replaced (``client id -> server id``) so that open views can follow.
    """

    kinds: frozenset[str] = frozenset()
    vehicle_ids: frozenset[str] = frozenset()
    id_map: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, *kinds: str, vehicles: Iterable[str] = ()) -> ChangeSet:
        return cls(frozenset(kinds), frozenset(v for v in vehicles if v))

    @classmethod
    def everything(cls, id_map: Mapping[str, str] | None = None) -> ChangeSet:
        """After a sync that applied server changes: every kind, any vehicle."""
        return cls(ALL_KINDS, frozenset(), dict(id_map or {}))

    def touches(self, kind: str, vehicle_id: str | None = None) -> bool:
        """True if ``kind`` changed (for ``vehicle_id``, when given and the change-set names vehicles)."""
        if kind not in self.kinds:
            return False
        if vehicle_id is None or not self.vehicle_ids:
            return True
        return vehicle_id in self.vehicle_ids or self.id_map.get(vehicle_id) in self.vehicle_ids

    def follow(self, record_id: str) -> str:
        """The id to use from now on for ``record_id`` (the server's, if it replaced the client's)."""
        return self.id_map.get(record_id, record_id)
