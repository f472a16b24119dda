"""Property: random offline edits, syncs, lost responses and 5xx across three devices of two users converge.

After a final sync every replica equals the server's view for its user (canonical dumps), every mutation was
answered exactly once (applied or rejected into a sync problem), and none was applied twice. A ``vehicle.update``
is a ``conflict`` only where another device edited the same vehicle: a device's own edits chain their versions.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from desktop.store import replica
from desktop.store.keyfile import fixed_kdf_policy
from desktop.store.repositories import (
    EntryRepository,
    ProblemRepository,
    SyncStateRepository,
    VehicleRepository,
)
from desktop.store.vault import Vault
from desktop.sync.client import ApiClient, MemoryTokenStore
from desktop.sync.engine import Backoff, SyncEngine
from tests.desktop.sync.fake_sync_server import FakeSyncServer

USERS = ("alice", "alice", "bob")  # device index -> user
ENTRY = {"date": "2025-03-04", "type": "service", "performed_by": "own_work"}

steps = st.lists(
    st.tuples(st.sampled_from(["vehicle", "entry", "edit", "sync", "drop", "fail"]), st.integers(0, 2)),
    min_size=1,
    max_size=25,
)


def _dump(vault: Vault) -> dict[str, dict[str, dict[str, object]]]:
    with vault.session() as session:
        return {str(k): v for k, v in replica.dump(session).items()}


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps)
@example([("vehicle", 2), ("sync", 2), ("edit", 2), ("edit", 2), ("drop", 2), ("edit", 2), ("sync", 2)])
def test_replicas_converge_and_no_mutation_is_lost_or_doubled(plan: list[tuple[str, int]]) -> None:
    server = FakeSyncServer(entitled={"alice"})
    with tempfile.TemporaryDirectory() as tmp:
        vaults: list[Vault] = []
        engines: list[SyncEngine] = []
        clients: list[ApiClient] = []
        for index, user in enumerate(USERS):
            vault = Vault.create(Path(tmp) / f"d{index}", "pw", kdf=fixed_kdf_policy(1, 8, 1))
            client = ApiClient("http://fake", token_store=MemoryTokenStore(user), transport=server.transport())
            SyncStateRepository(vault).bind(user_id=user, server_url="http://fake")
            vaults.append(vault)
            clients.append(client)
            engines.append(
                SyncEngine(vault, client, page_limit=2, backoff=Backoff(attempts=3), wait=lambda e, s: False)
            )
        enqueued = 0
        vin = 0
        edits: list[tuple[int, str]] = []  # (device, vehicle id) of every vehicle.update queued
        try:
            for action, device in plan:
                vault, engine = vaults[device], engines[device]
                if action == "vehicle":
                    vin += 1
                    VehicleRepository(vault).add(f"WVWZZZ1JZXW{vin:06d}")
                    enqueued += 1
                elif action == "entry":
                    vehicles = VehicleRepository(vault).list()
                    if vehicles:
                        EntryRepository(vault).add(vehicles[-1].id, km=vin * 10, **ENTRY)  # type: ignore[arg-type]
                        enqueued += 1
                elif action == "edit":
                    vehicles = VehicleRepository(vault).list()
                    if vehicles:
                        VehicleRepository(vault).update(vehicles[-1].id, nickname=f"d{device} e{len(edits)}")
                        edits.append((device, vehicles[-1].id))
                        enqueued += 1
                else:
                    if action == "drop":
                        server.drop_next_push_response = 1
                    if action == "fail":
                        server.fail_next = [503]
                    engine.sync_once()
            for _ in range(2):
                for engine in engines:
                    engine.sync_once()
            rejected = sum(len(ProblemRepository(v).list()) for v in vaults)
            answered = sum(len(answers) for _, answers in server.clients.values())
            assert answered == enqueued  # every mutation answered once ...
            assert server.push_applied + rejected == enqueued  # ... applied at most once, or kept as a problem
            for device, vault in enumerate(vaults):
                for problem in ProblemRepository(vault).list():
                    if problem.code == "conflict":
                        vehicle_id = problem.args["vehicle_id"]
                        assert any(d != device and v == vehicle_id for d, v in edits), problem  # never its own
            for vault, user in zip(vaults, USERS, strict=True):
                assert SyncStateRepository(vault).status().pending_mutations == 0
                assert _dump(vault) == {str(k): v for k, v in server.view(user).items()}
        finally:
            for client in clients:
                client.close()
            for vault in vaults:
                vault.close()
