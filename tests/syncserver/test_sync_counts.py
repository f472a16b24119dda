"""The count check's live counts are computed once per user and log head, and follow every logged change."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from syncserver.sync.counts import CountsCache
from syncserver.sync.repository import SyncRepository
from tests.syncserver.support import sign_in
from tests.syncserver.test_sync_support import ENTRY, VIN, Device


def _counts(client: TestClient, device: Device) -> Any:
    response = client.get("/sync/changes", params={"cursor": device.cursor}, headers=device.user.headers)
    assert response.status_code == 200, response.text
    return response.json()["counts"]


def test_no_op_pulls_at_one_head_count_once(client: TestClient, app: FastAPI, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[uuid.UUID] = []
    original = SyncRepository.live_counts

    def counted(self: SyncRepository, user_id: uuid.UUID) -> dict[str, int]:
        calls.append(user_id)
        return original(self, user_id)

    monkeypatch.setattr(SyncRepository, "live_counts", counted)
    owner = Device(client, sign_in(app))
    vehicle_id = owner.one("vehicle.create", id=str(uuid.uuid4()), vin=VIN)["rows"][0]["id"]
    owner.one("entry.create", id=str(uuid.uuid4()), vehicle_id=vehicle_id, **ENTRY)
    owner.pull_all()
    calls.clear()
    for _ in range(3):
        assert _counts(client, owner) == {"vehicle": 1, "entry": 1}
    assert len(calls) <= 1  # the pull's last page may already have counted at this head
    owner.one("entry.create", id=str(uuid.uuid4()), vehicle_id=vehicle_id, **{**ENTRY, "km": 13000})
    owner.pull_all()
    assert _counts(client, owner) == {"vehicle": 1, "entry": 2}  # a new head: counted again
    other = Device(client, sign_in(app))
    assert _counts(client, other) == {"vehicle": 0, "entry": 0}  # per user, never another's numbers
    owner.one("vehicle.delete", vehicle_id=vehicle_id)
    owner.pull_all()
    assert _counts(client, owner) == {"vehicle": 0, "entry": 0}


def test_cache_computes_once_per_key_and_drops_the_oldest() -> None:
    cache = CountsCache(capacity=2)
    user = uuid.uuid4()
    computed: list[int] = []

    def compute(n: int) -> dict[str, int]:
        computed.append(n)
        return {"entry": n}

    assert cache.get_or_compute(("db", user, 1, 1), lambda: compute(1)) == {"entry": 1}
    assert cache.get_or_compute(("db", user, 1, 1), lambda: compute(99)) == {"entry": 1}
    cache.get_or_compute(("db", user, 1, 2), lambda: compute(2))
    cache.get_or_compute(("db", user, 1, 3), lambda: compute(3))  # evicts head 1
    assert cache.get_or_compute(("db", user, 1, 1), lambda: compute(4)) == {"entry": 4}
    assert computed == [1, 2, 3, 4]
    returned = cache.get_or_compute(("db", user, 1, 3), lambda: compute(5))
    returned["entry"] = -1  # a caller's copy: the cached value stays
    assert cache.get_or_compute(("db", user, 1, 3), lambda: compute(6)) == {"entry": 3}
