"""Desktop sync figures: initial pull, offline push, no-op sync, SQLCipher vs plain SQLite apply ratio.

Run: ``python bench/sync.py [--vehicles 1000 --entries 50 --documents 5000]``. The server side is the
in-process protocol fake of the engine tests (``tests/desktop/sync/fake_sync_server.py``) behind an
``httpx.MockTransport``: the figures are the desktop's (HTTP client, JSON parsing, apply, encryption), not a
real server's. Peak memory is this process's peak RSS (client plus the fake server's in-memory data).
Targets (issue #6): pull >= 20,000 rows/s, push >= 1,000 mutations/s, no-op < 30 ms, ratio <= 1.3,
client peak < 300 MB.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.store.db import migrate, plain_sqlite_engine  # noqa: E402
from desktop.store.keyfile import fixed_kdf_policy  # noqa: E402
from desktop.store.models import SyncState, new_id  # noqa: E402
from desktop.store.repositories import EntryRepository, SyncStateRepository, VehicleRepository  # noqa: E402
from desktop.store.vault import Vault  # noqa: E402
from desktop.sync.client import ApiClient, MemoryTokenStore  # noqa: E402
from desktop.sync.engine import SyncEngine  # noqa: E402
from shared.sync.protocol import ChangesPage  # noqa: E402
from tests.desktop.sync.fake_sync_server import FakeSyncServer, Record  # noqa: E402

USER = "bench-user"


def seed(server: FakeSyncServer, vehicles: int, entries: int, documents: int) -> int:
    for v in range(vehicles):
        vid = new_id()
        data = {
            "id": vid,
            "vin": f"WVWZZZ1JZX{v:07d}",
            "vin_masked": "WVW***",
            "nickname": f"Auto {v}",
            "meta": {"accident_status": "unbekannt"},
            "owner_user_id": USER,
            "version": 1,
        }
        server.records[vid] = Record("vehicle", vid, vid, data, USER)
        server._log(vid)
        for e in range(entries):
            eid = new_id()
            row = {
                "id": eid,
                "vehicle_id": vid,
                "entry_group_id": eid,
                "version": 1,
                "is_latest": True,
                "date": "2024-05-01",
                "type": "service",
                "performed_by": "own_work",
                "km": e * 1000,
                "note": "Ölwechsel und Inspektion",
                "cost_amount": 129.9,
                "currency": "EUR",
            }
            server.records[eid] = Record("entry", eid, vid, row, USER)
            server._log(eid)
        for _ in range(documents // vehicles):
            did = new_id()
            row = {
                "id": did,
                "vehicle_id": vid,
                "filename": "rechnung.pdf",
                "content_type": "application/pdf",
                "size_bytes": 12345,
                "checksum_sha256": "0" * 64,
                "approval_status": "APPROVED",
                "scan_status": "CLEAN",
                "pii_status": "OK",
            }
            server.records[did] = Record("document", did, vid, row, USER)
            server._log(did)
    return len(server.log)


class PlainVault:
    """Just enough of :class:`Vault` for ``SyncEngine.apply_page`` on an unencrypted database."""

    def __init__(self, folder: Path) -> None:
        self.engine = plain_sqlite_engine(folder / "plain.db")
        migrate(self.engine, folder / "plain.db", folder / "backups")
        self._sessions = sessionmaker(bind=self.engine, expire_on_commit=False)
        with self.session() as session, session.begin():
            session.add(SyncState(id=1))

    def session(self) -> Session:
        return self._sessions()


def apply_seconds(target: object, client: ApiClient, pages: list[ChangesPage]) -> float:
    engine = SyncEngine(target, client)  # type: ignore[arg-type]
    started = time.perf_counter()
    for page in pages:
        engine.apply_page(page)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--vehicles", type=int, default=1000)
    parser.add_argument("--entries", type=int, default=50)
    parser.add_argument("--documents", type=int, default=5000)
    parser.add_argument("--push", type=int, default=1000)
    args = parser.parse_args()
    server = FakeSyncServer(entitled={USER})
    rows = seed(server, args.vehicles, args.entries, args.documents)
    kdf = fixed_kdf_policy(1, 8, 1)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        vault = Vault.create(folder / "vault", "bench", kdf=kdf)
        client = ApiClient("http://fake", token_store=MemoryTokenStore(USER), transport=server.transport())
        SyncStateRepository(vault).bind(user_id=USER, server_url="http://fake")
        engine = SyncEngine(vault, client, page_limit=1000)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        started = time.perf_counter()
        engine.sync_once()
        pull = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"initial pull: {rows} rows in {pull:.2f} s = {rows / pull:,.0f} rows/s; peak RSS {peak:.0f} MB "
            f"(process incl. the in-process fake server's data; {before:.0f} MB before the pull)"
        )

        vehicle = VehicleRepository(vault).list()[0].id
        for n in range(args.push):
            EntryRepository(vault).add(vehicle, date="2025-01-01", type="service", performed_by="own_work", km=n)
        started = time.perf_counter()
        report = engine.sync_once()
        push = time.perf_counter() - started
        print(
            f"push: {report.applied} offline entries in {push:.2f} s = {report.applied / push:,.0f} mutations/s "
            "(includes pulling them back)"
        )

        samples = []
        for _ in range(15):
            started = time.perf_counter()
            engine.sync_once()
            samples.append(time.perf_counter() - started)
        print(f"no-op sync: median {statistics.median(samples) * 1000:.1f} ms")

        pages = []
        cursor = None
        while True:
            page = client.sync_changes(cursor, 1000)
            pages.append(page)
            cursor = page.cursor
            if not page.has_more:
                break
        cipher = Vault.create(folder / "cipher", "bench", kdf=kdf)
        plain = PlainVault(folder)
        t_cipher = apply_seconds(cipher, client, pages)
        t_plain = apply_seconds(plain, client, pages)
        print(f"apply only: SQLCipher {t_cipher:.2f} s, plain SQLite {t_plain:.2f} s, ratio {t_cipher / t_plain:.2f}")
        cipher.close()
        plain.engine.dispose()
        client.close()
        vault.close()


if __name__ == "__main__":
    main()
