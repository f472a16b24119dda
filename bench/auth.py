"""Benchmark: throughput and p50/p99 latency of POST /auth/login and GET /auth/me.

Starts one uvicorn worker (``ltc-server serve --workers 1``) on a free loopback port against a fresh
SQLite database (or ``--database-url``), creates the accounts directly, then runs ``--clients``
concurrent HTTP clients. Target (issue #3): /auth/me p99 < 50 ms at 50 clients on 2 cores.

    .venv/bin/python bench/auth.py [--clients 50] [--logins 4] [--me 200] [--database-url URL]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def prepare(env: dict[str, str], clients: int) -> list[str]:
    settings = Settings(
        secret_key=SECRET, data_dir=Path(env["LTC_DATA_DIR"]), database_url=env.get("LTC_DATABASE_URL") or None
    )
    upgrade(settings.resolved_database_url)
    db = Database(settings.resolved_database_url)
    ctx = ServerContext(settings, SystemClock(), Keys(settings.secret), MemoryMailer(), db)
    emails = [f"bench-{i}-{os.getpid()}@example.org" for i in range(clients)]
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


async def run(base_url: str, emails: list[str], logins: int, me_calls: int) -> None:
    limits = httpx.Limits(max_connections=len(emails), max_keepalive_connections=len(emails))
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=60) as client:
        login_latencies: list[float] = []
        tokens: dict[str, str] = {}

        async def login_worker(address: str) -> None:
            for _ in range(logins):
                started = time.perf_counter()
                response = await client.post("/auth/login", json={"email": address, "password": PASSWORD})
                login_latencies.append(time.perf_counter() - started)
                response.raise_for_status()
                tokens[address] = response.json()["access_token"]

        wall = time.perf_counter()
        await asyncio.gather(*(login_worker(a) for a in emails))
        print(summary("login", login_latencies, time.perf_counter() - wall))

        me_latencies: list[float] = []

        async def me_worker(address: str) -> None:
            headers = {"Authorization": f"Bearer {tokens[address]}"}
            for _ in range(me_calls):
                started = time.perf_counter()
                response = await client.get("/auth/me", headers=headers)
                me_latencies.append(time.perf_counter() - started)
                response.raise_for_status()

        await asyncio.gather(*(me_worker(a) for a in emails[:5]))  # warm-up
        me_latencies.clear()
        wall = time.perf_counter()
        await asyncio.gather(*(me_worker(a) for a in emails))
        print(summary("/auth/me", me_latencies, time.perf_counter() - wall))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--logins", type=int, default=4, help="logins per client")
    parser.add_argument("--me", type=int, default=200, help="/auth/me calls per client")
    parser.add_argument("--database-url", default=None, help="default: a fresh SQLite file")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
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
        server = subprocess.Popen(command, env=env, cwd=ROOT)
        try:
            base_url = f"http://127.0.0.1:{port}"
            for _ in range(200):
                try:
                    if httpx.get(base_url + "/health").status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.05)
            database = "PostgreSQL" if args.database_url else "SQLite"
            print(f"one uvicorn worker, {database}, {args.clients} concurrent clients, {os.cpu_count()} CPUs")
            asyncio.run(run(base_url, emails, args.logins, args.me))
        finally:
            server.terminate()
            server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
