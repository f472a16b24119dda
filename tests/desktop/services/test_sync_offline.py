"""Issue #7 "works fully offline": a sync that waits for the network never holds the DB worker.

No server process: the sync talks to a socket that accepts and never answers (the request hangs), or to a port
that refuses connections. Vault reads and an offline entry finish while that sync still runs; the waits are
upper bounds only (signals and callbacks), never durations asserted.
"""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from pytestqt.qtbot import QtBot

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.services.records_service import RecordsService, VehicleFileData  # noqa: E402
from desktop.services.sync_service import SyncRetry, SyncService  # noqa: E402
from desktop.services.tasks import TaskRunner  # noqa: E402
from desktop.services.turn_vault import TurnVault  # noqa: E402
from desktop.settings import Settings  # noqa: E402
from desktop.store.keyfile import fixed_kdf_policy  # noqa: E402
from desktop.store.repositories import EntryRepository, SyncStateRepository, VehicleRepository  # noqa: E402
from desktop.store.vault import Vault  # noqa: E402
from desktop.sync.client import ApiClient, MemoryTokenStore  # noqa: E402
from desktop.sync.engine import Backoff  # noqa: E402
from desktop.sync.errors import NetworkError  # noqa: E402

WAIT_MS = 10_000  # upper bound for a vault read or write


class SilentServer:
    """Listens on a loopback port, accepts every connection and never answers until :meth:`refuse`."""

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._listener.getsockname()[1])
        self.accepted: list[socket.socket] = []
        self.request_waiting = threading.Event()
        self._thread = threading.Thread(target=self._accept, name="silent-server", daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return  # closed by refuse()
            self.accepted.append(conn)
            self.request_waiting.set()

    def refuse(self) -> None:
        """Drop the waiting connections and stop listening: from now on connections are refused."""
        self._listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept() (close alone does not on Linux)
        self._listener.close()
        self._thread.join(timeout=5)
        for conn in self.accepted:
            conn.close()


def closed_port() -> int:
    """A loopback port nobody listens on (connections are refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    kdf = fixed_kdf_policy(time_cost=1, memory_cost_kib=8, parallelism=1)
    opened = Vault.create(tmp_path / "vault", "ein-passwort-fuer-tests", kdf=kdf)
    yield opened
    opened.close()


@pytest.fixture
def runner(qapp: object) -> Iterator[TaskRunner]:
    tasks = TaskRunner()
    yield tasks
    tasks.shutdown(wait=True)


def make_sync(runner: TaskRunner, tmp_path: Path, vault: Vault, url: str, backoff: Backoff) -> SyncService:
    # a long read timeout: the hanging request ends only when the test drops it, however slow the machine is
    timeout = httpx.Timeout(600.0, connect=5.0)
    client = ApiClient(url, token_store=MemoryTokenStore("refresh-token-of-an-earlier-sign-in"), timeout=timeout)
    return SyncService(
        runner,
        Settings.load(tmp_path / "config"),
        lambda: vault,
        lambda: client,
        lambda: "user-1",
        backoff=backoff,
        offline_retry_ms=120_000,
    )


def work_offline(qtbot: QtBot, records: RecordsService, vehicle_id: str) -> None:
    """Refresh the list, open the vehicle, save an entry: each must finish on its own (upper bound WAIT_MS)."""
    with qtbot.waitCallback(timeout=WAIT_MS) as listed:
        records.load_vehicles(listed)
    assert [row.id for row in listed.args[0]] == [vehicle_id]
    with qtbot.waitCallback(timeout=WAIT_MS) as opened:
        records.load_vehicle_file(vehicle_id, opened)
    data = opened.args[0]
    assert isinstance(data, VehicleFileData)
    assert data.vehicle.id == vehicle_id
    fields = {"date": "2026-11-26", "type": "service", "performed_by": "own_work", "km": 120_500, "note": "offline"}
    with qtbot.waitCallback(timeout=WAIT_MS) as saved:
        records.add_entry(vehicle_id, fields, on_success=saved)
    assert saved.args[0].note == "offline"


def test_a_hanging_server_does_not_hold_vehicle_reads_or_an_offline_entry(
    qtbot: QtBot, tmp_path: Path, vault: Vault, runner: TaskRunner
) -> None:
    vehicle = VehicleRepository(vault).add("WVWZZZ1JZXW000123", nickname="Golf")
    server = SilentServer()
    sync = make_sync(runner, tmp_path, vault, server.url, Backoff(base=0.01, max_delay=0.05, attempts=3))
    retries: list[SyncRetry] = []
    sync.retrying.connect(retries.append)
    records = RecordsService(lambda: vault, runner)
    try:
        sync.start()  # as the main window does: sync now and on the timer
        assert sync.running
        assert server.request_waiting.wait(WAIT_MS / 1000)  # the sync's first request hangs at the server

        work_offline(qtbot, records, vehicle.id)

        assert sync.running  # all of it happened while the sync still waited for an answer
        assert not retries
        assert EntryRepository(vault).list(vehicle.id)[0].pending
    finally:
        with qtbot.waitSignal(sync.failed, timeout=WAIT_MS) as failed:
            server.refuse()  # the hanging request breaks off; the retries are refused
    assert isinstance(failed.args[0], NetworkError)
    assert [r.attempt for r in retries] == [1, 2]
    assert sync.offline
    assert sync.retry_timer.isActive()  # the next attempt is scheduled, not left to the 15-minute timer
    assert sync.retry_timer.interval() == 120_000
    assert SyncStateRepository(vault).status().pending_mutations == 2  # vehicle and entry wait in the outbox
    sync.stop()
    assert not sync.retry_timer.isActive()


def test_an_unreachable_server_in_backoff_does_not_hold_the_db_worker(
    qtbot: QtBot, tmp_path: Path, vault: Vault, runner: TaskRunner
) -> None:
    vehicle = VehicleRepository(vault).add("WVWZZZ1JZXW000123", nickname="Golf")
    url = f"http://127.0.0.1:{closed_port()}"
    sync = make_sync(runner, tmp_path, vault, url, Backoff(base=30.0, max_delay=30.0, attempts=5))
    records = RecordsService(lambda: vault, runner)
    with qtbot.waitSignal(sync.retrying, timeout=WAIT_MS) as retry:
        assert sync.start_sync()
    assert retry.args[0] == SyncRetry(1, 30.0)  # refused at once; the engine now waits 30 s before the next try

    work_offline(qtbot, records, vehicle.id)

    assert sync.running
    with qtbot.waitSignal(sync.failed, timeout=WAIT_MS) as failed:
        sync.cancel()  # cancel interrupts the backoff wait
    assert type(failed.args[0]).__name__ == "SyncCancelled"
    assert not sync.offline
    assert not sync.retry_timer.isActive()


def test_db_turn_keeps_db_tasks_out_until_it_ends(qtbot: QtBot, runner: TaskRunner) -> None:
    """A thread holding the DB worker's turn runs alone; DB tasks queued meanwhile run after it, in order."""
    order: list[str] = []
    inside, leave = threading.Event(), threading.Event()

    def step() -> None:
        with runner.db_turn():
            order.append("turn")
            inside.set()
            leave.wait()
            with runner.db_turn():  # re-entrant on the same thread
                order.append("turn again")
            order.append("turn end")

    holder = threading.Thread(target=step)
    holder.start()
    assert inside.wait(5)
    with qtbot.waitCallback(timeout=WAIT_MS) as done:
        runner.run_in_background(lambda: order.append("db task"), done)
        assert order == ["turn"]  # the DB task waits for the turn (checked before the callback can arrive)
        leave.set()
    holder.join(5)
    assert order == ["turn", "turn again", "turn end", "db task"]


def test_turn_vault_refuses_a_vault_closed_before_its_turn(qtbot: QtBot, vault: Vault, runner: TaskRunner) -> None:
    turns = TurnVault(vault, runner.db_turn)
    with turns.session() as session:
        assert session.get_bind() is vault.engine
    with qtbot.waitCallback(timeout=WAIT_MS) as closed:
        runner.run_in_background(vault.close, closed)
    with pytest.raises(RuntimeError, match="closed"), turns.session():
        pass
