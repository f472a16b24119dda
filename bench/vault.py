"""Benchmark of the local vault: SQLCipher vs plain SQLite insert throughput, and the unlock (KDF) time.

Usage: ``python -m bench.vault [--rows 20000] [--single 300] [--rounds 3] [--dir PATH]``

Both databases get the real local schema (the Alembic migrations) and the same pragmas; only the
encryption differs. Two write patterns are measured:

- bulk: ``--rows`` entry rows in one transaction (a sync pull applying a page), through SQLAlchemy Core
  and through the driver's executemany (the storage cost alone);
- single: ``--single`` rows, one transaction each (a user action: row + outbox row, fsync per commit).

Then the Argon2id parameters are tuned as at vault creation (~0.5 s target) and the unlock is timed.
Prints figures only; nothing here is asserted.
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import sqlcipher3
from sqlalchemy import Engine, insert

from desktop.store.db import migrate, plain_sqlite_engine, sqlcipher_engine
from desktop.store.keyfile import KeyFile, fixed_kdf_policy, tuned_kdf_params
from desktop.store.models import Entry, OutboxMutation, Vehicle, new_id, utcnow
from desktop.store.vault import Vault
from shared.crypto import new_data_key


def entry_row(vehicle_id: str, number: int) -> dict[str, object]:
    now = utcnow()
    return {
        "id": new_id(),
        "created_at": now,
        "updated_at": now,
        "vehicle_id": vehicle_id,
        "entry_group_id": new_id(),
        "version": 1,
        "is_latest": True,
        "date": "2025-03-14",
        "type": "Inspektion",
        "performed_by": "Autohaus Sonnenschein",
        "km": 1000 + number,
        "note": f"Oelwechsel, Filter, Zuendkerzen; Auftrag {number:08d}",
        "cost_amount": 18999,
        "currency": "EUR",
    }


def prepare(engine: Engine, path: Path) -> str:
    migrate(engine, path, path.parent / "backups")
    vehicle_id = new_id()
    with engine.begin() as conn:
        conn.execute(
            insert(Vehicle).values(id=vehicle_id, created_at=utcnow(), updated_at=utcnow(), vin_masked="X", meta={})
        )
    return vehicle_id


def bulk_insert(engine: Engine, vehicle_id: str, rows: int) -> float:
    """``rows`` entries in one transaction through SQLAlchemy Core (executemany)."""
    batch = [entry_row(vehicle_id, n) for n in range(rows)]
    start = time.perf_counter()
    with engine.begin() as conn:
        conn.execute(insert(Entry), batch)
    return time.perf_counter() - start


def raw_insert(engine: Engine, vehicle_id: str, rows: int) -> float:
    """The same rows through the driver's own executemany: the storage cost without SQLAlchemy's."""
    stamp = utcnow().replace(tzinfo=None).isoformat(sep=" ")
    batch = [
        (new_id(), stamp, stamp, vehicle_id, new_id(), f"note {n:08d} Oelwechsel, Filter, Zuendkerzen", 1000 + n)
        for n in range(rows)
    ]
    sql = (
        "INSERT INTO entries (id, created_at, updated_at, dirty, vehicle_id, entry_group_id, version, is_latest,"
        " date, type, performed_by, km, note, cost_amount, currency)"
        " VALUES (?, ?, ?, 0, ?, ?, 1, 1, '2025-03-14', 'Inspektion', 'Autohaus', ?, ?, 18999, 'EUR')"
    )
    raw = engine.raw_connection()
    try:
        start = time.perf_counter()
        cursor = raw.cursor()
        cursor.execute("BEGIN")
        cursor.executemany(sql, [(a, b, c, d, e, km, note) for a, b, c, d, e, note, km in batch])
        cursor.execute("COMMIT")
        return time.perf_counter() - start
    finally:
        raw.close()


def single_inserts(engine: Engine, vehicle_id: str, rows: int) -> float:
    """``rows`` user actions: one transaction each with the entry and its outbox row (fsync per commit)."""
    start = time.perf_counter()
    for n in range(rows):
        row = entry_row(vehicle_id, 10_000_000 + n)
        outbox = {"client_id": "bench", "name": "entry.create", "args": {"id": row["id"]}, "created_at": utcnow()}
        with engine.begin() as conn:
            conn.execute(insert(Entry).values(**row))
            conn.execute(insert(OutboxMutation).values(**outbox))
    return time.perf_counter() - start


Workload = Callable[[Engine, str, int], float]


def best_of(make: Callable[[Path], Engine], folder: Path, workload: Workload, count: int, rounds: int) -> float:
    """The fastest of ``rounds`` runs, each on a fresh database."""
    times = []
    for number in range(rounds):
        path = folder / f"round{number}" / "vault.db"
        path.parent.mkdir(parents=True)
        engine = make(path)
        try:
            times.append(workload(engine, prepare(engine, path), count))
        finally:
            engine.dispose()
    return min(times)


def cipher_version() -> str:
    conn = sqlcipher3.connect(":memory:")
    try:
        (version,) = conn.execute("PRAGMA cipher_version").fetchone()
    finally:
        conn.close()
    return f"(SQLite {sqlcipher3.sqlite_version}, SQLCipher {version})"


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=20_000, help="rows inserted in one transaction")
    parser.add_argument("--single", type=int, default=300, help="rows inserted one transaction each")
    parser.add_argument("--rounds", type=int, default=3, help="runs per figure; the best is shown")
    parser.add_argument("--dir", type=Path, default=None, help="work folder (default: a temp folder)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(dir=args.dir) as work_dir:
        work = Path(work_dir)
        key = new_data_key()
        engines: dict[str, Callable[[Path], Engine]] = {
            "plain SQLite": plain_sqlite_engine,
            "SQLCipher 4": lambda path: sqlcipher_engine(path, key),
        }
        cases: list[tuple[str, str, Workload, int]] = [
            (f"{args.rows} rows in one transaction, SQLAlchemy Core", "rows/s", bulk_insert, args.rows),
            (f"{args.rows} rows in one transaction, driver executemany", "rows/s", raw_insert, args.rows),
            (f"{args.single} transactions of entry + outbox row", "tx/s", single_inserts, args.single),
        ]
        print(f"plain SQLite = Python sqlite3 (SQLite {sqlite3.sqlite_version})")
        print(f"SQLCipher 4  = sqlcipher3 {cipher_version()}")
        # warm-up so that neither side pays SQLAlchemy's statement compilation
        for make in engines.values():
            best_of(make, work / "warmup" / str(id(make)), bulk_insert, 100, 1)
        for number, (title, unit, workload, count) in enumerate(cases):
            print(f"insert: {title}")
            seconds = {}
            for name, make in engines.items():
                seconds[name] = best_of(
                    make, work / f"case{number}" / name.replace(" ", "_"), workload, count, args.rounds
                )
                print(f"  {name:<13}: {count / seconds[name]:10.0f} {unit}  ({seconds[name]:.3f} s)")
            ratio = seconds["SQLCipher 4"] / seconds["plain SQLite"]
            print(f"  ratio        : SQLCipher takes {ratio:.2f}x the time of plain SQLite")

        tuning_start = time.perf_counter()
        params = tuned_kdf_params()
        tuning = time.perf_counter() - tuning_start
        print("KDF (Argon2id) tuned for ~0.5 s:")
        print(f"  parameters   : t={params.time_cost} m={params.memory_cost // 1024} MiB p={params.parallelism}")
        print(f"  tuning took  : {tuning:.2f} s (once, at vault creation)")
        key_file = KeyFile.new("benchmark password", key, lambda: params, utcnow())
        unwraps = [timed(lambda: key_file.unwrap("benchmark password")) for _ in range(3)]
        print(f"  unwrap       : {min(unwraps):.3f} s best of 3 (derive KEK + unwrap data key)")

        vault_dir = work / "vault"
        Vault.create(
            vault_dir,
            "benchmark password",
            kdf=fixed_kdf_policy(params.time_cost, params.memory_cost, params.parallelism),
        ).close()
        unlocks = []
        for _ in range(3):
            start = time.perf_counter()
            Vault.unlock(vault_dir, "benchmark password").close()
            unlocks.append(time.perf_counter() - start)
        print(f"  Vault.unlock : {min(unlocks):.3f} s best of 3 (KDF + key check + migration check)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
