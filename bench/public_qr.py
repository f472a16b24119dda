"""Benchmark of GET /public/qr/{token}: requests/s, p50 and p99 for JSON and for the HTML page.

One real uvicorn worker (uvloop, httptools) on a free 127.0.0.1 port, pinned to CPU 0, serves the app on
a temporary SQLite database (or ``--database-url``, a PostgreSQL database: migrated, then seeded with
fresh rows), seeded through the service layer (UserService, VehicleService: stored trust summary,
random public tokens). 50 keep-alive connections of wrk (or the asyncio fallback, bench/loadgen.py),
pinned to CPU 1, run for ``--seconds`` per variant; the run then stops the server. Traffic goes only to
127.0.0.1. Target: >= 1,000 requests/s for JSON and p99 < 50 ms at 50 clients.

The per-address rate limit stays active (the aggregating limiter, as in production); only its
threshold is raised for the run, since every bench client shares one address.

    .venv/bin/python bench/public_qr.py [--seconds 10] [--clients 50] [--database-url URL] [--tool wrk]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import loadgen  # noqa: E402 - bench/loadgen.py, next to this file
from fastapi import FastAPI  # noqa: E402 - after the path set-up for running as a script
from pydantic import SecretStr  # noqa: E402

from shared.roles import Role  # noqa: E402
from syncserver.access.actor import Actor  # noqa: E402
from syncserver.config import Settings  # noqa: E402
from syncserver.context import ServerContext  # noqa: E402
from syncserver.main import create_app, create_served_app  # noqa: E402
from syncserver.migrate import upgrade  # noqa: E402
from syncserver.users.service import UserService  # noqa: E402
from syncserver.vehicles.service import VehicleService  # noqa: E402

SECRET = "bench-secret-key-with-more-than-32-characters"
BENCH_RATE = "100000000/60"
HTML_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
VINS = "WVWZZZ1JZX{:07d}"


def make_app() -> FastAPI:
    """uvicorn factory of the server process: the app of ``ltc-server serve`` (LTC_RATE_PUBLIC_QR_PER_IP raised
    by the env)."""
    return create_served_app()


def seed(settings: Settings, vehicles: int) -> list[str]:
    """Create ``vehicles`` owners with one vehicle each through the service layer; return the public tokens."""
    app = create_app(settings)
    ctx: ServerContext = app.state.ctx
    tokens = []
    run = uuid.uuid4().hex[:8]
    try:
        for number in range(vehicles):
            with ctx.db.sessionmaker.begin() as session:
                email = f"bench-{run}-{number}@example.org"
                user = UserService(session, ctx).create(email, Role.USER, verified=True)
                actor = Actor(user.id, Role.USER, uuid.uuid4(), False, False, "")
                fields = {"make": "Volkswagen", "model": "Golf", "year": 2019, "engine": "Benzin"}
                vin = VINS.format((os.getpid() * 1000 + number) % 10_000_000)
                view = VehicleService(session, ctx).create(actor, vin, fields, None)
                token = view.access.vehicle.public_token
                assert token is not None
                tokens.append(token)
    finally:
        app.state.db.dispose()
    return tokens


def start_server(env: dict[str, str], port: int, loop: str) -> subprocess.Popen[bytes]:
    """One uvicorn worker (``loop`` + httptools, as ``ltc-server serve``), pinned to CPU 0."""
    command = [sys.executable, "-m", "uvicorn", "--factory", "public_qr:make_app", "--app-dir", str(ROOT / "bench")]
    command += ["--host", "127.0.0.1", "--port", str(port), "--workers", "1", "--log-level", "warning"]
    command += ["--no-access-log", "--loop", loop, "--http", "httptools"]
    proc = subprocess.Popen(
        command, env={**os.environ, **env, "PYTHONPATH": str(ROOT)}, cwd=ROOT, preexec_fn=loadgen.pin_server
    )
    loadgen.wait_for_port(proc, port)
    return proc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="duration of each measured variant")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--vehicles", type=int, default=20)
    parser.add_argument("--database-url", default=None, help="a PostgreSQL URL (default: a fresh SQLite file)")
    parser.add_argument("--tool", choices=("auto", "wrk", "asyncio"), default="auto")
    parser.add_argument("--rounds", type=int, default=1, help="measured runs of each variant (each printed)")
    parser.add_argument("--loop", choices=("asyncio", "uvloop"), default="asyncio", help="the server's event loop")
    args = parser.parse_args()
    loadgen.pin_client()
    with tempfile.TemporaryDirectory(prefix="ltc-bench-") as folder:
        url = args.database_url or f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        upgrade(url)
        env = {"LTC_ENV": "development", "LTC_DATABASE_URL": url, "LTC_SECRET_KEY": SECRET, "LTC_DATA_DIR": folder}
        env["LTC_RATE_PUBLIC_QR_PER_IP"] = BENCH_RATE
        settings = Settings(env="development", database_url=url, secret_key=SecretStr(SECRET), data_dir=Path(folder))
        tokens = seed(settings, args.vehicles)
        paths = [f"/public/qr/{token}" for token in tokens]
        port = loadgen.free_port()
        proc = start_server(env, port, args.loop)
        backend = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
        try:
            print(
                f"GET /public/qr/{{token}}: 1 uvicorn worker ({args.loop}, httptools), {backend}, "
                f"{len(tokens)} vehicles, {args.clients} clients, {os.cpu_count()} CPUs, "
                f"server pinned: {loadgen.can_pin()}"
            )
            print(f"before: {loadgen.load_average()}")
            loadgen.run_load(port, paths, clients=args.clients, seconds=2, tool=args.tool)  # warm-up
            for _round in range(args.rounds):
                for label, accept in (("json", "application/json"), ("html", HTML_ACCEPT)):
                    result = loadgen.run_load(
                        port,
                        paths,
                        accept=accept,
                        clients=args.clients,
                        seconds=args.seconds,
                        tool=args.tool,
                        server_pid=proc.pid,
                    )
                    print(f"{result.line(label)}  {loadgen.load_average()}")
            print(f"after:  {loadgen.load_average()}")
        finally:
            proc.terminate()
            proc.wait(timeout=10)


if __name__ == "__main__":
    main()
