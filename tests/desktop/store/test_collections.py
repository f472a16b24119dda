"""Collections in the replica: the generic page apply stores them, ``collection_members`` follows by trigger
(upsert, rename, membership change, tombstone, full resync), reads return shared ``Collection`` objects and
the vehicle list rows carry their collections."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from desktop.store import collections, queries, replica
from desktop.store.models import CollectionMember
from desktop.store.repositories import VehicleRepository
from desktop.store.vault import Vault
from shared.collections import Collection, CollectionKind

VIN1 = "WVWZZZ1JZXW000001"
VIN2 = "WVWZZZ1JZXW000002"


def _data(cid: str, name: str, vehicle_ids: list[str], kind: str = "collection") -> dict[str, Any]:
    return {"id": cid, "name": name, "kind": kind, "vehicle_ids": vehicle_ids, "created_at": "", "updated_at": ""}


def _apply(vault: Vault, *rows: dict[str, Any], deleted: tuple[str, ...] = ()) -> None:
    """What ``SyncEngine.apply_page`` does with a page's upserts and tombstones."""
    with vault.session() as session, session.begin():
        replica.upsert_rows(session, [("collection", r["id"], None, 7, r) for r in rows], replica.utcnow())
        for cid in deleted:
            replica.delete_record(session, "collection", cid)


def _members(vault: Vault) -> set[tuple[str, str]]:
    with vault.session() as session:
        return {(c, v) for c, v in session.execute(select(CollectionMember.collection_id, CollectionMember.vehicle_id))}


def test_page_apply_keeps_members_and_rows(vault: Vault) -> None:
    golf = VehicleRepository(vault).add(VIN1, nickname="Golf").id
    bus = VehicleRepository(vault).add(VIN2, nickname="Bulli").id
    _apply(vault, _data("c-a", "Sammlung A", [golf]), _data("c-n", "Flotte Nord", [golf, bus], "fleet"))

    assert collections.list_collections(vault) == [
        Collection("c-n", "Flotte Nord", CollectionKind.FLEET, (golf, bus)),
        Collection("c-a", "Sammlung A", CollectionKind.COLLECTION, (golf,)),
    ]
    assert _members(vault) == {("c-a", golf), ("c-n", golf), ("c-n", bus)}
    rows = {r.id: r for r in queries.vehicle_rows(vault)}
    assert rows[golf].collections == (("c-n", "Flotte Nord"), ("c-a", "Sammlung A"))
    assert rows[golf].collection == "Flotte Nord, Sammlung A"
    assert rows[bus].in_collection("c-n")
    assert not rows[bus].in_collection("c-a")

    # rename and membership change arrive as a new upsert of the same record
    _apply(vault, _data("c-a", "Oldtimer", [bus]))
    assert _members(vault) == {("c-a", bus), ("c-n", golf), ("c-n", bus)}
    rows = {r.id: r for r in queries.vehicle_rows(vault)}
    assert rows[bus].collection == "Flotte Nord, Oldtimer"

    # a tombstone drops the collection and its members
    _apply(vault, deleted=("c-n",))
    assert [c.id for c in collections.list_collections(vault)] == ["c-a"]
    assert _members(vault) == {("c-a", bus)}
    assert {r.id: r.collection for r in queries.vehicle_rows(vault)} == {golf: "", bus: "Oldtimer"}


def test_full_resync_and_vehicle_remove(vault: Vault) -> None:
    golf = VehicleRepository(vault).add(VIN1).id
    _apply(vault, _data("c-a", "A", [golf, "not-here"]))
    with vault.session() as session, session.begin():
        replica.drop_vehicle(session, golf)  # a vehicle remove leaves the user's collections alone
    assert [c.vehicle_ids for c in collections.list_collections(vault)] == [(golf, "not-here")]
    with vault.session() as session, session.begin():
        replica.drop_server_data(session)
    assert collections.list_collections(vault) == []
    assert _members(vault) == set()


def test_rest_answer_and_forget(vault: Vault) -> None:
    golf = VehicleRepository(vault).add(VIN1).id
    made = collections.store_answer(vault, _data("c-x", "Werkstatt", [golf], "fleet"))
    assert made == Collection("c-x", "Werkstatt", CollectionKind.FLEET, (golf,))
    assert collections.list_collections(vault) == [made]
    assert _members(vault) == {("c-x", golf)}
    collections.forget(vault, "c-x")
    assert collections.list_collections(vault) == []
    assert _members(vault) == set()
