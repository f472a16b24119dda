"""Two desktop engines in separate vaults against a real uvicorn server (SQLite; PostgreSQL when
``LTC_TEST_POSTGRES_URL`` is set). Skipped while the server does not serve ``/sync/meta`` yet."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from desktop.store import replica
from desktop.store.keyfile import fixed_kdf_policy
from desktop.store.models import SyncState
from desktop.store.repositories import (
    EntryRepository,
    ProblemRepository,
    SyncStateRepository,
    VehicleRepository,
)
from desktop.store.vault import Vault
from desktop.sync.client import ApiClient
from desktop.sync.engine import Backoff, SyncEngine
from tests.desktop.sync.live_server import ROOT, LiveServer

ENTRY = {"date": "2025-01-02", "type": "inspection", "performed_by": "specialist_workshop", "km": 1000}
PASSWORD = "vault-pass"


def _backends() -> list[dict[str, str]]:
    url = os.environ.get("LTC_TEST_POSTGRES_URL")
    return [{}] + ([{"LTC_DATABASE_URL": url}] if url else [])


@pytest.fixture(scope="module", params=_backends(), ids=lambda env: "postgres" if env else "sqlite")
def live(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    server = LiveServer(tmp_path_factory.mktemp("server"), extra_env=request.param).start()
    try:
        with httpx.Client(base_url=server.url) as probe:
            if probe.get("/sync/meta").status_code == 404:
                pytest.skip("the server has no /sync routes yet")
        yield server
    finally:
        server.stop()


class DropPushResponse(httpx.BaseTransport):
    """Forwards to the real server; the first ``drops`` push responses are lost on the way back."""

    def __init__(self, drops: int) -> None:
        self._inner = httpx.HTTPTransport()
        self.drops = drops

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self._inner.handle_request(request)
        if request.url.path.endswith("/sync/push") and self.drops:
            self.drops -= 1
            response.read()
            raise httpx.ReadError("response lost", request=request)
        return response


Device = Callable[..., tuple[Vault, SyncEngine]]


@pytest.fixture
def device(live: LiveServer, tmp_path: Path) -> Iterator[Device]:
    opened: list[tuple[Vault, ApiClient]] = []

    def make(email: str, transport: httpx.BaseTransport | None = None) -> tuple[Vault, SyncEngine]:
        vault = Vault.create(tmp_path / f"v{len(opened)}", PASSWORD, kdf=fixed_kdf_policy(1, 8, 1))
        client = ApiClient(live.url, transport=transport)
        challenge = client.request_code(email)
        assert challenge.dev_otp
        client.verify(email, challenge.challenge_id, challenge.dev_otp)
        missing = client.consent_status().missing
        if missing:
            client.consent_accept(missing)
        SyncStateRepository(vault).bind(user_id=client.me().user_id, server_url=live.url)
        opened.append((vault, client))
        return vault, SyncEngine(vault, client, backoff=Backoff(base=0.01, attempts=5))

    yield make
    for vault, client in opened:
        client.close()
        vault.close()


def _dump(vault: Vault) -> dict[str, dict[str, dict[str, object]]]:
    with vault.session() as session:
        return replica.dump(session)


def _vin(n: int) -> str:
    return f"WVWZZZ1JZXW{n:06d}"


def test_offline_entry_reaches_the_other_device(device: Device) -> None:
    a, engine_a = device("e2e-two@example.org")
    b, engine_b = device("e2e-two@example.org")
    vehicle = VehicleRepository(a).add(_vin(1), nickname="Golf")
    entry = EntryRepository(a).add(vehicle.id, **ENTRY)  # type: ignore[arg-type]
    report = engine_a.sync_once()
    assert report.rejected == 0
    vehicle_id = report.id_map.get(vehicle.id, vehicle.id)
    engine_b.sync_once()
    assert [e.id for e in EntryRepository(b).list(vehicle_id)] == [report.id_map.get(entry.id, entry.id)]
    assert EntryRepository(b).list(vehicle_id)[0].km == ENTRY["km"]
    engine_a.sync_once()
    assert _dump(a) == _dump(b)


def test_paywalled_second_vehicle_is_reverted_and_listed(device: Device) -> None:
    vault, engine = device("e2e-paywall@example.org")
    VehicleRepository(vault).add(_vin(2))
    second = VehicleRepository(vault).add(_vin(3))
    engine.sync_once()
    assert second.id not in {v.id for v in VehicleRepository(vault).list()}
    assert [p.code for p in ProblemRepository(vault).list()] == ["vehicle_limit_reached"]


def test_lost_push_response_is_applied_once(device: Device) -> None:
    vault, engine = device("e2e-lost@example.org", DropPushResponse(1))
    vehicle = VehicleRepository(vault).add(_vin(4))
    EntryRepository(vault).add(vehicle.id, **ENTRY)  # type: ignore[arg-type]
    report = engine.sync_once()
    assert report.duplicates == 2
    assert report.applied == 0
    vehicle_id = report.id_map.get(vehicle.id, vehicle.id)
    assert len(EntryRepository(vault).list(vehicle_id)) == 1
    b, engine_b = device("e2e-lost@example.org")
    engine_b.sync_once()
    assert [v.id for v in VehicleRepository(b).list()] == [vehicle_id]
    assert len(EntryRepository(b).list(vehicle_id)) == 1


def _cli(live: LiveServer, vault: Path, *args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LTC_VAULT_PASSWORD": PASSWORD}
    command = [sys.executable, "-m", "desktop", "cli", "--vault", str(vault), "--server", live.url, *args]
    return subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_kill_9_during_pull_leaves_a_consistent_vault(device: Device, live: LiveServer, tmp_path: Path) -> None:
    a, engine_a = device("e2e-kill@example.org")
    vehicle = VehicleRepository(a).add(_vin(5))
    for km in range(60):
        EntryRepository(a).add(vehicle.id, **{**ENTRY, "km": km})  # type: ignore[arg-type]
    vehicle_id = engine_a.sync_once().id_map.get(vehicle.id, vehicle.id)
    folder = tmp_path / "killed"
    assert _cli(live, folder, "init").wait(60) == 0
    assert _cli(live, folder, "login", "--email", "e2e-kill@example.org", "--otp", "dev").wait(60) == 0
    process = _cli(live, folder, "sync", "--page-limit", "1")
    time.sleep(1.5)  # somewhere inside the page loop (not a timing assertion: any moment must be safe)
    process.send_signal(signal.SIGKILL)
    process.wait(30)
    vault = Vault.unlock(folder, PASSWORD)
    try:
        with vault.session() as session:
            cursor = session.get_one(SyncState, 1).cursor
        entries = len(EntryRepository(vault).list(vehicle_id)) if VehicleRepository(vault).get(vehicle_id) else 0
        assert entries <= 60
        assert cursor is not None or entries == 0
    finally:
        vault.close()
    finished = _cli(live, folder, "sync")
    assert finished.wait(120) == 0, finished.stderr.read() if finished.stderr else ""
    vault = Vault.unlock(folder, PASSWORD)
    try:
        assert len(EntryRepository(vault).list(vehicle_id)) == 60
        engine_a.sync_once()
        assert _dump(vault) == _dump(a)
    finally:
        vault.close()
