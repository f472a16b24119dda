"""The user's collections and fleets in the replica (synced ``collection`` records, SPEC §4.4).

Contracts:

- Thread: blocking; run on the single DB worker (CONVENTIONS item 3).
- Records arrive through the generic page apply into ``replica_records``; ``collection_members`` follows
  them by trigger (local migration ``20251129_0100``). Reads return :class:`shared.collections.Collection`.
- Changes are online only (the server's sync push has no collection mutations): the desktop calls the REST
  API and writes the answer here with :func:`store_answer` / :func:`forget`, exactly as a later pull would.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select

from desktop.store import replica
from desktop.store.models import CollectionMember, ReplicaRecord
from desktop.store.vault import Vault
from shared.collections import Collection, sorted_collections
from shared.sync.protocol import RecordType

KIND = RecordType.COLLECTION.value


def list_collections(vault: Vault) -> list[Collection]:
    """Every collection/fleet of the user, sorted by name."""
    with vault.session() as session:
        stmt = select(ReplicaRecord.data, ReplicaRecord.local_data).where(ReplicaRecord.type == KIND)
        found = [Collection.from_data(local or data) for data, local in session.execute(stmt) if local or data]
    return sorted_collections(found)


def by_vehicle(session: Any, vehicle_id: str | None = None) -> dict[str, tuple[tuple[str, str], ...]]:
    """``vehicle id -> ((collection id, name), ...)`` by name, in the caller's session (one query over the
    derived member table; for the vehicle list rows, or only ``vehicle_id``'s for its file)."""
    shown = func.coalesce(func.nullif(ReplicaRecord.local_data, "null"), ReplicaRecord.data)  # JSON None is 'null'
    name = func.json_extract(shown, "$.name")
    stmt = (
        select(CollectionMember.vehicle_id, CollectionMember.collection_id, name)
        .join(ReplicaRecord, (ReplicaRecord.type == KIND) & (ReplicaRecord.id == CollectionMember.collection_id))
        .order_by(CollectionMember.vehicle_id, func.lower(name), CollectionMember.collection_id)
    )
    if vehicle_id is not None:
        stmt = stmt.where(CollectionMember.vehicle_id == vehicle_id)
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for vehicle_id, collection_id, collection_name in session.execute(stmt):
        out[vehicle_id].append((collection_id, str(collection_name or "")))
    return {k: tuple(v) for k, v in out.items()}


def names_of(vault: Vault, vehicle_id: str) -> tuple[str, ...]:
    """The names of the collections/fleets ``vehicle_id`` is in, by name."""
    with vault.session() as session:
        return tuple(name for _, name in by_vehicle(session, vehicle_id).get(vehicle_id, ()))


def store_answer(vault: Vault, data: Mapping[str, Any]) -> Collection:
    """Keep a collection the server answered with (REST create/rename/add/remove) as the server's row."""
    with vault.session() as session, session.begin():
        record_id = str(data["id"])
        replica.upsert_rows(session, [(KIND, record_id, None, None, dict(data))], replica.utcnow())
    return Collection.from_data(data)


def forget(vault: Vault, collection_id: str) -> None:
    """The server deleted the collection: drop it (its member rows go by trigger)."""
    with vault.session() as session, session.begin():
        replica.delete_record(session, KIND, collection_id)
