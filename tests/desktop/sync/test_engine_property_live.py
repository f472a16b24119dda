"""Property against the REAL server app (in process, CONVENTIONS item 12): three devices of two users make random
offline edits, sync, lose push responses and see the server restart (a new app on the same database).

After a final sync every replica equals the server's view for its user (a fresh vault's full pull, canonical
dumps), every mutation was answered exactly once (applied or kept as a sync problem), and no entry was
created twice on the server.
Edits (``vehicle.update`` on the last vehicle a device shows) end up as a ``conflict`` only where another device
edited the same vehicle too: a device's own consecutive edits never conflict with each other (version chains).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import httpx
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from desktop.store import replica
from desktop.store.keyfile import fixed_kdf_policy
from desktop.store.repositories import EntryRepository, ProblemRepository, SyncStateRepository, VehicleRepository
from desktop.store.vault import Vault
from desktop.sync.client import ApiClient
from desktop.sync.engine import Backoff, SyncEngine
from syncserver.config import Settings
from syncserver.db import Database
from syncserver.main import create_app
from syncserver.migrate import upgrade
from syncserver.models.entry import VehicleEntry
from syncserver.models.sync import SyncMutationAnswer

EMAILS = ("alice@example.org", "alice@example.org", "bob@example.org")  # device index -> account
ENTRY = {"date": "2025-03-04", "type": "service", "performed_by": "own_work"}
RATES = {k: "100000/60" for k in ("rate_request_per_ip", "rate_request_per_email", "rate_verify_per_ip")}

steps = st.lists(
    st.tuples(st.sampled_from(["vehicle", "entry", "edit", "sync", "drop", "restart"]), st.integers(0, 2)),
    min_size=1,
    max_size=20,
)


class Bridge:
    """httpx transport into the in-process app; ``restart`` swaps in a new app on the same database."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.drop_next_push = False
        self.app_client: TestClient | None = None
        self.db: Database | None = None
        self.restart()

    def restart(self) -> None:
        self.close()
        self.db = Database(self.settings.resolved_database_url)
        self.app_client = TestClient(create_app(self.settings, database=self.db)).__enter__()

    def close(self) -> None:
        if self.app_client is not None:
            self.app_client.__exit__(None, None, None)
        if self.db is not None:
            self.db.dispose()

    def handle(self, request: httpx.Request) -> httpx.Response:
        assert self.app_client is not None
        answer = self.app_client.request(
            request.method, request.url.raw_path.decode(), content=request.content, headers=dict(request.headers)
        )
        if request.url.path == "/sync/push" and self.drop_next_push:
            self.drop_next_push = False
            raise httpx.ReadError("response lost", request=request)
        return httpx.Response(answer.status_code, headers=answer.headers, content=answer.content)


def _client(bridge: Bridge, email: str) -> ApiClient:
    client = ApiClient("http://ltc.test", transport=httpx.MockTransport(bridge.handle))
    challenge = client.request_code(email)
    assert challenge.dev_otp
    client.verify(email, challenge.challenge_id, challenge.dev_otp)
    missing = client.consent_status().missing
    if missing:
        client.consent_accept(missing)
    return client


def _device(bridge: Bridge, folder: Path, email: str) -> tuple[Vault, SyncEngine]:
    client = _client(bridge, email)
    vault = Vault.create(folder, "pw", kdf=fixed_kdf_policy(1, 8, 1))
    SyncStateRepository(vault).bind(user_id=client.me().user_id, server_url="http://ltc.test")
    return vault, SyncEngine(vault, client, page_limit=3, backoff=Backoff(attempts=3), wait=lambda e, s: False)


def _dump(vault: Vault) -> dict[str, Any]:
    with vault.session() as session:
        return replica.dump(session)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps)
# Regression: entries pushed (response lost, answered ``duplicate``) turn the trust light of a vehicle device 1
# already holds; the vehicle's row carries ``trust_light``, so the server must log the vehicle again.
@example(
    [("vehicle", 1), ("sync", 1), ("entry", 1), ("entry", 1), ("drop", 1)],
)
# Own consecutive edits (offline, and queued after a lost push response) all arrive, none is a conflict ...
@example(
    [("vehicle", 1), ("sync", 1), ("edit", 1), ("edit", 1), ("drop", 1), ("edit", 1), ("edit", 1), ("sync", 0)]
    + [("edit", 1), ("restart", 0), ("sync", 1), ("edit", 2), ("vehicle", 2), ("edit", 2), ("edit", 2)],
)
# ... while device 0, which shares the vehicle, editing it concurrently is a genuine conflict.
@example(
    [("vehicle", 1), ("sync", 1), ("sync", 0), ("edit", 0), ("edit", 1), ("edit", 1), ("sync", 1), ("sync", 0)],
)
@example(
    [("vehicle", 1), ("vehicle", 0), ("vehicle", 0), ("vehicle", 0), ("sync", 1), ("restart", 0), ("restart", 0)]
    + [("vehicle", 2), ("vehicle", 2), ("entry", 1), ("restart", 0), ("sync", 2), ("entry", 1), ("drop", 1)],
)
def test_replicas_equal_the_server_view_after_restarts_and_lost_responses(plan: list[tuple[str, int]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        url = f"sqlite:///{root / 'server.sqlite3'}"
        upgrade(url)
        values: dict[str, Any] = {"env": "development", "secret_key": "p" * 40, "data_dir": root / "data"}
        bridge = Bridge(Settings(**values, database_url=url, dev_expose_otp=True, **RATES))
        devices = [_device(bridge, root / f"d{i}", email) for i, email in enumerate(EMAILS)]
        enqueued = [0, 0, 0]
        entries = 0
        edits: list[tuple[int, str]] = []  # (device, vehicle id) of every vehicle.update queued
        try:
            for action, index in plan:
                vault, engine = devices[index]
                if action == "vehicle":
                    VehicleRepository(vault).add(f"WVWZZZ1JZXW{sum(enqueued) + 1:06d}")
                    enqueued[index] += 1
                elif action == "entry" and VehicleRepository(vault).list():
                    EntryRepository(vault).add(VehicleRepository(vault).list()[-1].id, km=1, **ENTRY)  # type: ignore[arg-type]
                    enqueued[index] += 1
                    entries += 1
                elif action == "edit" and VehicleRepository(vault).list():
                    vehicle_id = VehicleRepository(vault).list()[-1].id
                    VehicleRepository(vault).update(vehicle_id, nickname=f"d{index} e{len(edits)}")
                    edits.append((index, vehicle_id))
                    enqueued[index] += 1
                elif action == "restart":
                    bridge.restart()
                elif action in ("sync", "drop"):
                    bridge.drop_next_push = action == "drop"
                    engine.sync_once()
            bridge.drop_next_push = False
            for _ in range(2):
                for _vault, engine in devices:
                    engine.sync_once()
            for index, (vault, _engine) in enumerate(devices):
                assert SyncStateRepository(vault).status().pending_mutations == 0
                fresh, fresh_engine = _device(bridge, root / f"fresh{index}", EMAILS[index])
                fresh_engine.sync_once()
                assert _dump(vault) == _dump(fresh)  # the server's view for this user
                fresh_engine.client.close()
                fresh.close()
            assert bridge.db is not None
            with bridge.db.sessionmaker() as session:
                answered = int(session.scalar(select(func.count()).select_from(SyncMutationAnswer)) or 0)
                created = int(session.scalar(select(func.count()).select_from(VehicleEntry)) or 0)
            problems = sum(len(ProblemRepository(v).list()) for v, _ in devices)
            assert answered == sum(enqueued)  # every mutation answered exactly once
            assert created <= entries  # no entry created twice ...
            rejected_entries = sum(
                1 for v, _ in devices for p in ProblemRepository(v).list() if p.name == "entry.create"
            )
            assert created == entries - rejected_entries  # ... and every accepted one exactly once
            assert problems <= sum(enqueued)
            for index, (vault, _engine) in enumerate(devices):
                for problem in ProblemRepository(vault).list():
                    if problem.code == "conflict" and problem.name == "vehicle.update":
                        vehicle_id = str(problem.args["vehicle_id"])
                        assert any(d != index and v == vehicle_id for d, v in edits), problem  # never its own
        finally:
            for vault, engine in devices:
                engine.client.close()
                vault.close()
            bridge.close()
