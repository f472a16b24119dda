"""Collection names and the synced collection record (table-driven)."""

from __future__ import annotations

import pytest

from shared.collections import MAX_NAME_LENGTH, Collection, CollectionKind, clean_name, sorted_collections
from shared.errors import DomainError, ErrorCode


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Sammlung A", "Sammlung A"),
        ("  Flotte \t Nord \n", "Flotte Nord"),
        ("x" * MAX_NAME_LENGTH, "x" * MAX_NAME_LENGTH),
        ("Öl & Chrom", "Öl & Chrom"),
    ],
)
def test_clean_name(raw: str, clean: str) -> None:
    assert clean_name(raw) == clean


@pytest.mark.parametrize("raw", ["", "   ", "\t\n", "x" * (MAX_NAME_LENGTH + 1)])
def test_clean_name_refuses(raw: str) -> None:
    with pytest.raises(DomainError) as caught:
        clean_name(raw)
    assert caught.value.code is ErrorCode.VALIDATION_FAILED


@pytest.mark.parametrize(
    ("data", "kind", "ids"),
    [
        ({"id": "c1", "name": "A", "kind": "fleet", "vehicle_ids": ["v1", "v2"]}, CollectionKind.FLEET, ("v1", "v2")),
        ({"id": "c1", "name": "A", "kind": "collection"}, CollectionKind.COLLECTION, ()),
        ({"id": "c1", "name": "A", "kind": "garage", "vehicle_ids": None}, CollectionKind.COLLECTION, ()),
        ({"id": "c1", "name": "A"}, CollectionKind.COLLECTION, ()),
    ],
)
def test_from_data(data: dict[str, object], kind: CollectionKind, ids: tuple[str, ...]) -> None:
    collection = Collection.from_data(data)
    assert (collection.id, collection.name, collection.kind, collection.vehicle_ids) == ("c1", "A", kind, ids)
    assert collection.is_fleet is (kind is CollectionKind.FLEET)
    assert collection.contains("v1") is ("v1" in ids)


def test_sorted_by_name_case_insensitive() -> None:
    rows = [Collection(i, name, CollectionKind.COLLECTION, ()) for i, name in (("3", "b"), ("1", "B"), ("2", "a"))]
    assert [c.id for c in sorted_collections(rows)] == ["2", "1", "3"]
