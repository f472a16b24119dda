"""Benchmark: throughput and p50/p99 latency of POST /auth/login and GET /auth/me.

Starts one uvicorn worker (``ltc-server serve --workers 1``: uvloop and httptools, as installed by
uvicorn[standard]) on a free loopback port, pinned to CPU 0, against a fresh SQLite database (or
``--database-url``, a PostgreSQL database: migrated, fresh accounts added), creates the accounts
directly, then runs ``--clients`` concurrent clients pinned to CPU 1: logins through httpx (each one
is an Argon2 verification), then ``/auth/me`` for ``--seconds`` with wrk (bench/loadgen.py; asyncio
fallback), each request carrying one of the clients' access tokens. Prints throughput, p50/p99, the
server's CPU time per request and the load average. Target (issue #3): /auth/me p99 < 50 ms at 50
clients on 2 cores. Traffic goes only to 127.0.0.1.

    .venv/bin/python bench/auth.py [--clients 50] [--logins 2] [--seconds 10] [--database-url URL]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import loadgen  # noqa: E402 - bench/loadgen.py, next to this file

from shared.roles import Role  # noqa: E402 - after the path set-up
from syncserver.clock import SystemClock  # noqa: E402
from syncserver.config import Settings  # noqa: E402
from syncserver.context import ServerContext  # noqa: E402
from syncserver.db import Database  # noqa: E402
from syncserver.mail import MemoryMailer  # noqa: E402
from syncserver.migrate import upgrade  # noqa: E402
from syncserver.security import Keys  # noqa: E402
from syncserver.users.service import UserService  # noqa: E402

SECRET = "bench-secret-key-0123456789-abcdefghijklmnop"
PASSWORD = "bench password 123"


def prepare(env: dict[str, str], clients: int) -> list[str]:
    settings = Settings(
        secret_key=SECRET, data_dir=Path(env["LTC_DATA_DIR"]), database_url=env.get("LTC_DATABASE_URL") or None
    )
    upgrade(settings.resolved_database_url)
    db = Database(settings.resolved_database_url)
    ctx = ServerContext(settings, SystemClock(), Keys(settings.secret), MemoryMailer(), db)
    run = uuid.uuid4().hex[:8]
    emails = [f"bench-{i}-{run}@example.org" for i in range(clients)]
    with db.sessionmaker() as session, session.begin():
        service = UserService(session, ctx)
        for address in emails:
            service.create(address, Role.USER, password=PASSWORD, verified=True)
    db.dispose()
    return emails


def summary(name: str, latencies: list[float], wall: float) -> str:
    ordered = sorted(latencies)
    p50 = statistics.median(ordered) * 1000
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000
    return f"{name:<12} n={len(ordered):>6}  {len(ordered) / wall:>8.1f} req/s  p50 {p50:>7.1f} ms  p99 {p99:>7.1f} ms"


async def login_all(base_url: str, emails: list[str], logins: int) -> dict[str, str]:
    """``logins`` password logins per client, all clients at once; returns one access token per client."""
    limits = httpx.Limits(max_connections=len(emails), max_keepalive_connections=len(emails))
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=120) as client:
        latencies: list[float] = []
        tokens: dict[str, str] = {}
        statuses: dict[int, int] = {}

        async def login_worker(address: str) -> None:
            for _ in range(logins):
                started = time.perf_counter()
                response = await client.post("/auth/login", json={"email": address, "password": PASSWORD})
                latencies.append(time.perf_counter() - started)
                statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
                if response.status_code == 200:
                    tokens[address] = response.json()["access_token"]

        wall = time.perf_counter()
        await asyncio.gather(*(login_worker(a) for a in emails))
        print(summary("login", latencies, time.perf_counter() - wall) + f"  {statuses}  (httpx)")
        return tokens


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--logins", type=int, default=2, help="logins per client")
    parser.add_argument("--seconds", type=float, default=10.0, help="duration of the /auth/me run")
    parser.add_argument("--database-url", default=None, help="a PostgreSQL URL (default: a fresh SQLite file)")
    parser.add_argument("--tool", choices=("auto", "wrk", "asyncio"), default="auto")
    parser.add_argument("--rounds", type=int, default=1, help="measured /auth/me runs (each printed)")
    parser.add_argument("--loop", choices=("asyncio", "uvloop"), default="asyncio", help="the server's event loop")
    args = parser.parse_args()
    loadgen.pin_client()

    with tempfile.TemporaryDirectory() as tmp:
        port = loadgen.free_port()
        env = {
            **os.environ,
            "LTC_SECRET_KEY": SECRET,
            "LTC_DATA_DIR": tmp,
            "LTC_LOG_LEVEL": "WARNING",
            "LTC_RATE_LOGIN_PER_IP": "1000000/60",
            "LTC_RATE_LOGIN_PER_EMAIL": "1000000/60",
        }
        if args.database_url:
            env["LTC_DATABASE_URL"] = args.database_url
        emails = prepare(env, args.clients)
        command = [sys.executable, "-m", "syncserver", "serve", "--port", str(port), "--workers", "1", "--no-migrate"]
        command += ["--loop", args.loop]
        server = subprocess.Popen(command, env=env, cwd=ROOT, preexec_fn=loadgen.pin_server)
        try:
            loadgen.wait_for_port(server, port)
            base_url = f"http://127.0.0.1:{port}"
            database = "PostgreSQL" if args.database_url else "SQLite"
            print(
                f"auth: 1 uvicorn worker ({args.loop}), {database}, {args.clients} concurrent clients, "
                f"{os.cpu_count()} CPUs, server pinned: {loadgen.can_pin()}"
            )
            print(f"before: {loadgen.load_average()}")
            tokens = list(asyncio.run(login_all(base_url, emails, args.logins)).values())
            if not tokens:
                raise SystemExit("no login succeeded")
            loadgen.run_load(port, ["/auth/me"], tokens=tokens, clients=args.clients, seconds=2, tool=args.tool)
            for _round in range(args.rounds):
                result = loadgen.run_load(
                    port,
                    ["/auth/me"],
                    tokens=tokens,
                    clients=args.clients,
                    seconds=args.seconds,
                    tool=args.tool,
                    server_pid=server.pid,
                )
                print(f"{result.line('/auth/me')}  {loadgen.load_average()}")
            print(f"after:  {loadgen.load_average()}")
        finally:
            server.terminate()
            server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
