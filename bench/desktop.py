"""Benchmark of the desktop UI: process start to the main window shown with a replica of 1,000 vehicles and
50,000 entries, and the time to open the vehicle that has 2,000 entries.

Usage: ``python -m bench.desktop [--vehicles 1000] [--entries 50000] [--big 2000] [--dir PATH]``

The replica is written straight through the store layer (the vault's SQLAlchemy models, as a sync pull would
leave it: server data set, trust summaries present). Then the app runs in a child process (``--child``) on the
offscreen platform: it unlocks the vault (fixed, cheap KDF costs so that the figure is the UI's, not Argon2's),
builds the real ``MainWindow`` with the real background ``TaskRunner`` (DB worker thread, as the app; the garbage
collector held during start-up and released once the window shows, as ``ltc-desktop`` does) and reports
once the vehicle list is loaded and painted. While it waits, the child sleeps in Qt's event loop as ``app.exec()``
does (a busy ``processEvents()`` loop would take the GIL from the DB worker it waits for). The parent measures
from just before it starts the child to that report; the child adds its CPU seconds (``process_time``, all
threads) since the interpreter started, and for the vehicle open.

The children run with a bytecode cache of their own (``PYTHONPYCACHEPREFIX`` in the bench's folder), as an
installed app has its ``.pyc`` files (pip compiles them on install); a first, untimed warm-up child fills it,
so the figures do not depend on whether the shell sets ``PYTHONDONTWRITEBYTECODE``. The child is then started
``--repeat`` times (the machine may be shared: the load average is printed with every run).
Targets: < 2 s and < 200 ms. Prints figures only.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from desktop import heap

PASSWORD = "bench-desktop-password"
KINDS = ("service", "maintenance", "repair", "inspection", "diagnosis")
WHO = ("specialist_workshop", "dealer", "own_work", "statutory")
LIGHTS = ("rot", "orange", "gelb", "gruen")


def build_replica(folder: Path, vehicles: int, entries: int, big: int) -> str:
    """Write the replica; returns the id of the vehicle with ``big`` entries."""
    from sqlalchemy import insert  # noqa: PLC0415 - the child loads the app's modules after heap.hold_during_start

    from desktop.store.keyfile import fixed_kdf_policy  # noqa: PLC0415
    from desktop.store.models import Entry, TrustSummaryRow, Vehicle, new_id, utcnow  # noqa: PLC0415
    from desktop.store.vault import Vault  # noqa: PLC0415

    vault = Vault.create(folder, PASSWORD, kdf=fixed_kdf_policy(1, 8, 1))
    now = utcnow()
    vehicle_ids = [new_id() for _ in range(vehicles)]
    vehicle_rows = [
        {
            "id": vid,
            "created_at": now,
            "updated_at": now,
            "vin_masked": f"WVW***{n:04d}",
            "nickname": f"Fahrzeug {n:04d}",
            "meta": {"make": "Volkswagen", "model": "Golf", "year": 1990 + n % 35, "collection": f"Sammlung {n % 7}"},
            "server_version": 1,
            "dirty": False,
            "server_data": {"version": 1},
        }
        for n, vid in enumerate(vehicle_ids)
    ]
    rest = max(0, entries - big)
    per_vehicle = rest // max(1, vehicles - 1)
    entry_rows = []
    for index, vid in enumerate(vehicle_ids):
        count = big if index == 0 else per_vehicle
        for n in range(count):
            eid = new_id()
            entry_rows.append(
                {
                    "id": eid,
                    "created_at": now,
                    "updated_at": now,
                    "vehicle_id": vid,
                    "entry_group_id": eid,
                    "version": 1,
                    "is_latest": True,
                    "date": f"{2000 + n % 25:04d}-{1 + n % 12:02d}-{1 + n % 28:02d}",
                    "type": KINDS[n % len(KINDS)],
                    "performed_by": WHO[n % len(WHO)],
                    "km": n * 750,
                    "note": f"Eintrag {n}",
                    "cost_amount": 10_000 + n,
                    "currency": "EUR",
                    "server_version": 1,
                    "dirty": False,
                    "server_data": {"version": 1},
                }
            )
    summary = {"hint": "Bench", "reason_codes": [], "todo_codes": []}
    trust_rows = [
        {"vehicle_id": vid, "trust_light": LIGHTS[n % 4], "summary": summary, "server_version": 1, "received_at": now}
        for n, vid in enumerate(vehicle_ids)
    ]
    with vault.session() as session, session.begin():
        session.execute(insert(Vehicle), vehicle_rows)
        for start in range(0, len(entry_rows), 10_000):
            session.execute(insert(Entry), entry_rows[start : start + 10_000])
        session.execute(insert(TrustSummaryRow), trust_rows)
    vault.close()
    return vehicle_ids[0]


def child(folder: Path, big_vehicle: str) -> None:
    """Runs in the child process: the real main window over the unlocked vault."""
    heap.hold_during_start()  # as ltc-desktop does before it loads the UI
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop  # noqa: PLC0415 - Qt loads only in the child
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from desktop.credentials import MemorySecretStore  # noqa: PLC0415
    from desktop.paths import AppPaths  # noqa: PLC0415
    from desktop.services.session_service import SessionService  # noqa: PLC0415
    from desktop.services.tasks import TaskRunner  # noqa: PLC0415
    from desktop.settings import Settings  # noqa: PLC0415
    from desktop.store.vault import Vault  # noqa: PLC0415
    from desktop.ui.app_main import install_translators  # noqa: PLC0415
    from desktop.ui.main_window import MainWindow  # noqa: PLC0415
    from desktop.ui.theme import apply_theme  # noqa: PLC0415

    app = QApplication(sys.argv)

    def wait_until(done: Callable[[], bool]) -> None:
        while not done():
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)  # sleeps as app.exec() does

    install_translators(app, "de")
    apply_theme(app)
    paths = AppPaths(folder / "data", folder / "config", folder / "cache", folder / "log").ensure()
    runner = TaskRunner()  # the app's real helper: vault work on the DB worker thread
    session = SessionService(paths, Settings.load(paths.config_dir), MemorySecretStore(), runner)
    opened: list[Vault] = []
    runner.run_in_background(lambda: Vault.unlock(folder / "vault", PASSWORD), opened.append)  # as the app: DB worker
    wait_until(lambda: bool(opened))
    session.vault = opened[0]
    window = MainWindow(session)
    window.show()
    heap.release_after_start()  # as DesktopApp does once its first window shows
    workspace = window.workspace
    wait_until(lambda: workspace.list.loaded)
    window.grab()  # one full paint of the window with the list
    shown_cpu = time.process_time()
    print(json.dumps({"shown": True, "rows": workspace.list.model.rowCount(), "cpu_s": shown_cpu}), flush=True)

    timeline = workspace.file.entries.model
    started, started_cpu = time.perf_counter(), time.process_time()
    workspace.open_vehicle(big_vehicle)
    wait_until(lambda: timeline.total > 0 and workspace.file.data is not None)
    window.grab()
    elapsed, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    print(json.dumps({"open_ms": elapsed * 1000, "open_cpu_ms": cpu * 1000, "entries": timeline.total}), flush=True)
    runner.run_in_background(opened[0].close)
    runner.shutdown(wait=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--vehicles", type=int, default=1000)
    parser.add_argument("--entries", type=int, default=50_000)
    parser.add_argument("--big", type=int, default=2000)
    parser.add_argument("--dir", type=Path)
    parser.add_argument("--repeat", type=int, default=5, help="child runs on the same replica (default 5)")
    parser.add_argument("--child", nargs=2, metavar=("FOLDER", "VEHICLE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), args.child[1])
        return
    with tempfile.TemporaryDirectory(prefix="ltc-bench-desktop-") as tmp:
        folder = args.dir or Path(tmp)
        started = time.perf_counter()
        big = build_replica(folder / "vault", args.vehicles, args.entries, args.big)
        print(f"replica: {args.vehicles} vehicles, {args.entries} entries in {time.perf_counter() - started:.1f} s")
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(QT_QPA_PLATFORM="offscreen", PYTHONPYCACHEPREFIX=str(folder / "pycache"))
        command = [sys.executable, "-m", "bench.desktop", "--child", str(folder), big]
        shown_times: list[float] = []
        shown_cpu: list[float] = []
        open_times: list[float] = []
        open_cpu: list[float] = []
        for run in range(0, args.repeat + 1):
            load = "/".join(f"{x:.2f}" for x in os.getloadavg())
            started = time.perf_counter()
            process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
            assert process.stdout is not None
            shown = json.loads(process.stdout.readline())
            shown_s = time.perf_counter() - started
            opened = json.loads(process.stdout.readline())
            process.wait(timeout=60)
            label = "warm-up (fills the bytecode cache, not counted)" if run == 0 else f"run {run}"
            print(
                f"{label}: start -> main window shown ({shown['rows']} vehicles) {shown_s:.2f} s "
                f"(CPU {shown['cpu_s']:.2f} s); open vehicle with {opened['entries']} entries "
                f"{opened['open_ms']:.0f} ms (CPU {opened['open_cpu_ms']:.0f} ms); load average {load}"
            )
            if run:
                shown_times.append(shown_s)
                shown_cpu.append(shown["cpu_s"])
                open_times.append(opened["open_ms"])
                open_cpu.append(opened["open_cpu_ms"])
        print(
            f"process start -> main window shown: median {statistics.median(shown_times):.2f} s, "
            f"min {min(shown_times):.2f} s, median CPU {statistics.median(shown_cpu):.2f} s (target < 2 s)"
        )
        print(
            f"open a vehicle with {args.big} entries: median {statistics.median(open_times):.0f} ms, "
            f"min {min(open_times):.0f} ms, median CPU {statistics.median(open_cpu):.0f} ms (target < 200 ms)"
        )
        print("load average (1/5/15 min) at the end: " + "/".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
