"""Desktop sync figures against a REAL server: initial pull, offline push, no-op sync, SQLCipher/plain ratio.

Run: ``python bench/sync.py [--vehicles 1000 --entries 50 --documents 5] [--postgres URL]``.

The server is ``python -m syncserver serve`` (uvicorn, one worker) in a subprocess on a free loopback port,
with SQLite in a temp data folder, or a fresh database on the PostgreSQL server of ``--postgres`` (dropped
afterwards). Seeding: one template vehicle with its entries and documents is created through the sync API
(so its rows, trust summary and change log are written by the real services and the capture hooks); the
other vehicles are copies of those rows inserted with Core in one transaction each, plus the change-log
rows and visibility rows the capture and the visibility reconciliation would have written. Before the pull
the bench freezes its heap (``gc.freeze``) as ``ltc-desktop`` does after start-up (``desktop.heap``;
``--no-freeze-heap`` leaves it). Client peak memory is this process's peak RSS during the pull (VmHWM reset
before it); server peak is the server process's VmHWM. Targets (issue #6): pull >= 20,000 rows/s, push >=
1,000 mutations/s, no-op < 30 ms, ratio <= 1.3, client peak < 300 MB. The load average is printed with the
figures (shared 2-core machine). The SQLCipher/plain ratio compares the apply of the pulled pages into a
vault of the current format (and one of the format before it) with plain SQLite of the same page size.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, func, insert, make_url, select, text
from sqlalchemy.orm import Session, sessionmaker

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.store.db import LEGACY_CIPHER, VAULT_CIPHER, migrate, plain_sqlite_engine  # noqa: E402
from desktop.store.keyfile import fixed_kdf_policy  # noqa: E402
from desktop.store.models import SyncState  # noqa: E402
from desktop.store.repositories import (  # noqa: E402
    DocumentRepository,
    EntryRepository,
    SyncStateRepository,
    VehicleRepository,
)
from desktop.store.vault import Vault  # noqa: E402
from desktop.sync.client import ApiClient  # noqa: E402
from desktop.sync.engine import PUSH_BATCH, SyncEngine  # noqa: E402
from desktop.sync.pages import PulledPage  # noqa: E402
from shared.ids import uuid7  # noqa: E402
from syncserver.config import Settings  # noqa: E402
from syncserver.models.document import Document  # noqa: E402
from syncserver.models.entry import VehicleEntry  # noqa: E402
from syncserver.models.sync import SyncChange, SyncVisibility  # noqa: E402
from syncserver.models.vehicle import Vehicle, VehicleTrustSummary  # noqa: E402
from syncserver.sync.repository import SEQUENCE_LOCK_KEY  # noqa: E402
from syncserver.vehicles.vinbox import VinBox  # noqa: E402
from tests.desktop.sync.live_server import SECRET, LiveServer  # noqa: E402
from tests.syncserver.intake_support import make_pdf  # noqa: E402

EMAIL = "bench-sync@example.org"
ENTRY = {"date": "2024-05-01", "type": "service", "performed_by": "own_work", "note": "Ölwechsel und Inspektion"}


def rss_peak_mb(pid: int | str = "self") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (``/proc/<pid>/stat``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Cpu:
    """CPU seconds of this process and of the server over a phase: on a loaded shared machine the wall time
    swings with the other jobs, the CPU time much less."""

    def __init__(self, server_pid: int) -> None:
        self.server_pid = server_pid
        self.client = time.process_time()
        self.server = cpu_seconds(server_pid)

    def __str__(self) -> str:
        client = time.process_time() - self.client
        server = cpu_seconds(self.server_pid) - self.server
        return f"CPU client {client:.2f} s + server {server:.2f} s"


def reset_peak() -> None:
    Path("/proc/self/clear_refs").write_text("5")


def signed_in(url: str) -> ApiClient:
    client = ApiClient(url)
    challenge = client.request_code(EMAIL)
    assert challenge.dev_otp
    client.verify(EMAIL, challenge.challenge_id, challenge.dev_otp)
    missing = client.consent_status().missing
    if missing:
        client.consent_accept(missing)
    return client


def new_vault(folder: Path, url: str, client: ApiClient) -> Vault:
    vault = Vault.create(folder, "bench", kdf=fixed_kdf_policy(1, 8, 1))
    SyncStateRepository(vault).bind(user_id=client.me().user_id, server_url=url)
    return vault


def seed_template(folder: Path, url: str, entries: int, documents: int) -> str:
    """One vehicle with entries and documents through the real sync API; returns its server id."""
    client = signed_in(url)
    vault = new_vault(folder / "seed", url, client)
    vehicle = VehicleRepository(vault).add("WVWZZZ1JZXW000001", nickname="Vorlage")
    for km in range(entries):
        EntryRepository(vault).add(vehicle.id, km=km * 1000, **ENTRY)  # type: ignore[arg-type]
    for n in range(documents):
        pdf = folder / f"rechnung{n}.pdf"
        pdf.write_bytes(make_pdf([f"Rechnung {n}"]))
        DocumentRepository(vault).attach(vehicle.id, pdf)
    report = SyncEngine(vault, client, page_limit=1000).sync_once()
    assert report.rejected == 0, report
    vault.close()
    client.close()
    return report.id_map.get(vehicle.id, vehicle.id)


def clone(db_url: str, template: str, copies: int) -> None:
    """Copies of the template vehicle's rows plus their change-log and visibility rows (Core, bulk). The copies'
    ids are UUIDv7 as the devices and the server make them (``shared.ids``): made in log order, so they ascend."""
    engine = create_engine(db_url)
    tid = uuid.UUID(template)
    box = VinBox(Settings(env="development", secret_key=SECRET, data_dir=Path(tempfile.gettempdir())).secret)
    with engine.begin() as conn:
        # take the change log's sequence lock first, as the capture does (the server's worker writes too)
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SEQUENCE_LOCK_KEY})
        else:
            conn.execute(text("UPDATE sync_changes SET seq = seq WHERE 0 = 1"))  # SQLite: the write lock
        vehicle = dict(conn.execute(select(Vehicle.__table__).where(Vehicle.id == tid)).mappings().one())
        summary = dict(
            conn.execute(select(VehicleTrustSummary.__table__).where(VehicleTrustSummary.vehicle_id == tid))
            .mappings()
            .one()
        )
        entries = [
            dict(r)
            for r in conn.execute(select(VehicleEntry.__table__).where(VehicleEntry.vehicle_id == tid)).mappings()
        ]
        docs = [dict(r) for r in conn.execute(select(Document.__table__).where(Document.vehicle_id == tid)).mappings()]
        seq = int(conn.scalar(select(func.coalesce(func.max(SyncChange.seq), 0))) or 0)
        now = vehicle["created_at"]
        v_rows: list[dict[str, Any]] = []
        s_rows: list[dict[str, Any]] = []
        e_rows: list[dict[str, Any]] = []
        d_rows: list[dict[str, Any]] = []
        log: list[dict[str, Any]] = []
        seen: list[dict[str, Any]] = []

        def note(kind: str, record_id: uuid.UUID, vehicle_id: uuid.UUID) -> int:
            nonlocal seq
            seq += 1
            row = {"seq": seq, "record_type": kind, "record_id": record_id, "op": "upsert", "vehicle_id": vehicle_id}
            log.append({**row, "org_id": None, "audience_user_id": None, "created_at": now})
            return seq

        for n in range(copies):
            vid = uuid7()
            vin = f"WVWZZZ1JZX{n + 2:07d}"
            sealed = {"vin_enc": box.seal(vid, vin), "vin_hmac": box.pseudonym(vin)}
            v_rows.append({**vehicle, **sealed, "id": vid, "public_token": uuid.uuid4().hex, "nickname": f"Auto {n}"})
            visible_seq = note("vehicle", vid, vid)
            s_rows.append({**summary, "vehicle_id": vid})
            note("trust_summary", vid, vid)
            for e in entries:
                eid = uuid7()
                e_rows.append({**e, "id": eid, "vehicle_id": vid, "entry_group_id": eid, "supersedes_entry_id": None})
                note("entry", eid, vid)
            for d in docs:
                did = uuid7()
                d_rows.append({**d, "id": did, "vehicle_id": vid, "entry_id": None})
                note("document", did, vid)
            seen.append({"user_id": vehicle["owner_user_id"], "vehicle_id": vid, "visible": True,
                         "changed_seq": visible_seq})  # fmt: skip
        for table, rows in (
            (Vehicle.__table__, v_rows),
            (VehicleTrustSummary.__table__, s_rows),
            (VehicleEntry.__table__, e_rows),
            (Document.__table__, d_rows),
            (SyncChange.__table__, log),
            (SyncVisibility.__table__, seen),
        ):
            for start in range(0, len(rows), 5000):
                conn.execute(insert(table), rows[start : start + 5000])
    engine.dispose()


class PlainVault:
    """Just enough of :class:`Vault` for ``SyncEngine.apply_page`` on an unencrypted database."""

    def __init__(self, folder: Path, page_size: int) -> None:
        self.engine = plain_sqlite_engine(folder / "plain.db", page_size=page_size)
        migrate(self.engine, folder / "plain.db", folder / "backups")
        self._sessions = sessionmaker(bind=self.engine, expire_on_commit=False)
        with self.session() as session, session.begin():
            session.add(SyncState(id=1))

    def session(self) -> Session:
        return self._sessions()


def apply_seconds(target: object, client: ApiClient, pages: list[PulledPage]) -> tuple[float, float]:
    """Wall and CPU seconds of applying ``pages`` (in order) to an empty replica."""
    engine = SyncEngine(target, client)  # type: ignore[arg-type]
    started, cpu = time.perf_counter(), time.process_time()
    for page in pages:
        engine.apply_page(page)
    return time.perf_counter() - started, time.process_time() - cpu


def apply_ratio(client: ApiClient, pages: list[PulledPage], tmp: Path, rounds: int) -> str:
    """SQLCipher vs plain SQLite apply, alternating, each round into fresh databases; the best (lowest) time of
    each is compared: on a shared machine the other jobs only ever add time, so the minimum is the cleanest.

    SQLCipher in the page format of a new vault (``VAULT_CIPHER``) and, for vaults made before it, in
    ``LEGACY_CIPHER``; plain SQLite with the same page size and parameter binding (``plain_sqlite_engine``), so
    the ratio measures the encryption, not the page size."""
    formats = {"new vault": VAULT_CIPHER, "old vault": LEGACY_CIPHER}
    if len({c.page_size for c in formats.values()}) != 1:
        raise ValueError("the formats compared must share one page size (one plain database to compare with)")
    page_size = VAULT_CIPHER.page_size
    cipher: dict[str, list[tuple[float, float]]] = {name: [] for name in formats}
    plain: list[tuple[float, float]] = []
    for n in range(rounds):
        for name, settings in formats.items():
            vault = Vault.create(tmp / f"cipher{n}{name}", "bench", kdf=fixed_kdf_policy(1, 8, 1), cipher=settings)
            cipher[name].append(apply_seconds(vault, client, pages))
            vault.close()
        folder = tmp / f"plain{n}"
        folder.mkdir(parents=True)
        unencrypted = PlainVault(folder, page_size)
        plain.append(apply_seconds(unencrypted, client, pages))
        unencrypted.engine.dispose()
    wall_p, cpu_p = min(plain)
    parts = [f"apply only, best of {rounds}: plain SQLite ({page_size} B pages) {wall_p:.2f} s (CPU {cpu_p:.2f} s)"]
    for name, settings in formats.items():
        wall_c, cpu_c = min(cipher[name])
        parts.append(
            f"SQLCipher {name} ({settings.hmac_algorithm}, {settings.page_size} B pages) {wall_c:.2f} s "
            f"(CPU {cpu_c:.2f} s), ratio {wall_c / wall_p:.2f} (CPU {cpu_c / cpu_p:.2f}), rounds "
            + ", ".join(f"{c[0] / p[0]:.2f}" for c, p in zip(cipher[name], plain, strict=True))
        )
    return "; ".join(parts)


def run(backend: str, db_env: dict[str, str], db_url: str | None, args: argparse.Namespace, tmp: Path) -> None:
    server = LiveServer(tmp / "server", extra_env={**db_env}).start()
    assert server.process is not None
    try:
        url = db_url or f"sqlite:///{(tmp / 'server' / 'ltc-server.sqlite3').resolve()}"
        template = seed_template(tmp, server.url, args.entries, args.documents)
        clone(url, template, args.vehicles - 1)
        with create_engine(url).connect() as conn:
            rows = int(conn.scalar(select(func.count()).select_from(SyncChange)) or 0)
        client = signed_in(server.url)
        vault = new_vault(tmp / "vault", server.url, client)
        engine = SyncEngine(vault, client, page_limit=args.page)
        if args.freeze_heap:  # as ltc-desktop does once its window is up (desktop.heap.release_after_start)
            gc.collect()
            gc.freeze()
        reset_peak()
        cpu = Cpu(server.process.pid)
        started = time.perf_counter()
        report = engine.sync_once()
        pull = time.perf_counter() - started
        client_peak = rss_peak_mb()
        print(
            f"[{backend}] initial pull: {report.changes} rows ({rows} log rows) in {pull:.2f} s = "
            f"{report.changes / pull:,.0f} rows/s; client peak RSS {client_peak:.0f} MB; "
            f"server peak RSS {rss_peak_mb(server.process.pid):.0f} MB; {cpu}; load {os.getloadavg()}"
        )
        vehicle = VehicleRepository(vault).list()[0].id
        for n in range(args.push):
            EntryRepository(vault).add(vehicle, km=n, **ENTRY)  # type: ignore[arg-type]
        cpu = Cpu(server.process.pid)
        started = time.perf_counter()
        engine.push(PUSH_BATCH)  # what sync_once sends per request
        push = time.perf_counter() - started
        print(
            f"[{backend}] push: {args.push} offline entries in {push:.2f} s = {args.push / push:,.0f} mutations/s; "
            f"{cpu}"
        )
        engine.sync_once()
        samples = []
        cpu = Cpu(server.process.pid)
        for _ in range(15):
            started = time.perf_counter()
            engine.sync_once()
            samples.append(time.perf_counter() - started)
        print(
            f"[{backend}] no-op sync: median {statistics.median(samples) * 1000:.1f} ms; {cpu} for 15; "
            f"load {os.getloadavg()}"
        )
        if args.ratio:
            pages: list[PulledPage] = []
            cursor = None
            limit = args.page or client.sync_meta().max_page_limit  # the pages the engine pulled
            while True:
                page = client.sync_page(cursor, limit)
                pages.append(page)
                cursor = page.cursor
                if not page.has_more:
                    break
            print(f"[{backend}] {apply_ratio(client, pages, tmp, args.rounds)}; load {os.getloadavg()}")
        client.close()
        vault.close()
    except BaseException:
        process = server.process
        server.stop()
        if process is not None and process.stderr is not None:
            print(process.stderr.read().decode()[-3000:], file=sys.stderr)
        raise
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--vehicles", type=int, default=1000)
    parser.add_argument("--entries", type=int, default=50)
    parser.add_argument("--documents", type=int, default=5, help="per vehicle")
    parser.add_argument("--push", type=int, default=1000)
    parser.add_argument("--page", type=int, default=None, help="pull page size (default: the server's largest)")
    parser.add_argument("--postgres", help="a PostgreSQL server URL; a fresh database is created on it")
    parser.add_argument("--no-ratio", dest="ratio", action="store_false")
    parser.add_argument("--rounds", type=int, default=3, help="alternating SQLCipher/plain apply rounds")
    parser.add_argument(
        "--no-freeze-heap",
        dest="freeze_heap",
        action="store_false",
        help="keep the start-up heap in the collector's reach (ltc-desktop freezes it: desktop.heap)",
    )
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        run("sqlite", {}, None, args, Path(tmp) / "sqlite")
    if args.postgres:
        name = f"ltc_bench_{os.getpid()}"
        admin = create_engine(args.postgres, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        url = make_url(args.postgres).set(database=name).render_as_string(hide_password=False)
        try:
            with tempfile.TemporaryDirectory() as tmp:
                env = {"LTC_DATABASE_URL": url, "LTC_WORKER_IN_PROCESS": "1"}
                run("postgres", env, url, argparse.Namespace(**{**vars(args), "ratio": False}), Path(tmp))
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


if __name__ == "__main__":
    main()
