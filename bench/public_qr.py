"""Benchmark of GET /public/qr/{token}: requests/s, p50 and p99 for JSON and for the HTML page.

One real uvicorn worker on a free 127.0.0.1 port serves the app on a temporary SQLite database, seeded
through the service layer (UserService, VehicleService: stored trust summary, random public tokens).
50 keep-alive clients (asyncio, raw HTTP/1.1, so the client costs little CPU on the shared machine)
send a bounded number of requests; the run then stops the server. Traffic goes only to 127.0.0.1.

The per-address rate limit stays active (both database statements run on every request); only its
threshold is raised for the run, since every bench client shares one address.

    python bench/public_qr.py [--requests 10000] [--clients 50] [--vehicles 20]
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
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from fastapi import FastAPI  # noqa: E402 - after the path set-up for running as a script
from pydantic import SecretStr  # noqa: E402

from shared.roles import Role  # noqa: E402
from syncserver.access.actor import Actor  # noqa: E402
from syncserver.config import Settings  # noqa: E402
from syncserver.context import ServerContext  # noqa: E402
from syncserver.main import create_app  # noqa: E402
from syncserver.migrate import upgrade  # noqa: E402
from syncserver.users.service import UserService  # noqa: E402
from syncserver.vehicles.service import VehicleService  # noqa: E402

SECRET = "bench-secret-key-with-more-than-32-characters"
BENCH_RATE = "100000000/60"
HTML_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
VINS = "WVWZZZ1JZXW{:06d}"


def make_app() -> FastAPI:
    """uvicorn factory of the server process: the real app, with the bench's rate threshold."""
    from syncserver.public import service  # noqa: PLC0415 - only the server process patches the threshold

    service.PUBLIC_QR_RATE_DEFAULT = BENCH_RATE
    os.environ.setdefault("LTC_RATE_PUBLIC_QR_PER_IP", BENCH_RATE)
    return create_app()


def seed(settings: Settings, vehicles: int) -> list[str]:
    """Create ``vehicles`` owners with one vehicle each through the service layer; return the public tokens."""
    app = create_app(settings)
    ctx: ServerContext = app.state.ctx
    tokens = []
    try:
        for number in range(vehicles):
            with ctx.db.sessionmaker.begin() as session:
                user = UserService(session, ctx).create(f"bench-{number}@example.org", Role.USER, verified=True)
                actor = Actor(user.id, Role.USER, uuid.uuid4(), False, False, "")
                fields = {"make": "Volkswagen", "model": "Golf", "year": 2019, "engine": "Benzin"}
                view = VehicleService(session, ctx).create(actor, VINS.format(number), fields, None)
                token = view.access.vehicle.public_token
                assert token is not None
                tokens.append(token)
    finally:
        app.state.db.dispose()
    return tokens


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "uvicorn", "--factory", "public_qr:make_app", "--app-dir", str(ROOT / "bench")]
    command += ["--host", "127.0.0.1", "--port", str(port), "--workers", "1", "--log-level", "warning"]
    command += ["--no-access-log"]
    proc = subprocess.Popen(command, env={**os.environ, **env, "PYTHONPATH": str(ROOT)}, cwd=ROOT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("uvicorn exited early")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc
        except OSError:
            time.sleep(0.1)
    proc.terminate()
    raise SystemExit("uvicorn did not start")


async def _client(
    port: int, paths: list[str], accept: str, budget: list[int], latencies: list[float], statuses: dict[int, int]
) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    index = 0
    try:
        while budget[0] > 0:
            budget[0] -= 1
            path = paths[index % len(paths)]
            index += 1
            request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: {accept}\r\n\r\n"
            started = time.perf_counter()
            writer.write(request.encode("ascii"))
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - started)
            status = int(head.split(b" ", 2)[1])
            statuses[status] = statuses.get(status, 0) + 1
    finally:
        writer.close()


async def run_load(
    port: int, paths: list[str], accept: str, requests: int, clients: int
) -> tuple[float, list[float], dict[int, int]]:
    budget = [requests]
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    started = time.perf_counter()
    await asyncio.gather(*(_client(port, paths, accept, budget, latencies, statuses) for _ in range(clients)))
    return time.perf_counter() - started, latencies, statuses


def report(label: str, elapsed: float, latencies: list[float], statuses: dict[int, int]) -> None:
    ordered = sorted(latencies)
    p50 = statistics.median(ordered) * 1000
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000
    rate = len(ordered) / elapsed
    print(
        f"{label:<6} {len(ordered):>7} req  {rate:>8.0f} req/s  p50 {p50:6.2f} ms  p99 {p99:6.2f} ms  status {statuses}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=10_000, help="requests per variant (bounded)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--vehicles", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ltc-bench-") as folder:
        url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        upgrade(url)
        env = {"LTC_ENV": "development", "LTC_DATABASE_URL": url, "LTC_SECRET_KEY": SECRET, "LTC_DATA_DIR": folder}
        settings = Settings(env="development", database_url=url, secret_key=SecretStr(SECRET), data_dir=Path(folder))
        tokens = seed(settings, args.vehicles)
        paths = [f"/public/qr/{token}" for token in tokens]
        port = free_port()
        proc = start_server(env, port)
        try:
            print(f"uvicorn: 1 worker on 127.0.0.1:{port}, SQLite, {len(tokens)} vehicles, {args.clients} clients")
            asyncio.run(run_load(port, paths, "application/json", min(500, args.requests), args.clients))  # warm-up
            for label, accept in (("json", "application/json"), ("html", HTML_ACCEPT)):
                elapsed, latencies, statuses = asyncio.run(run_load(port, paths, accept, args.requests, args.clients))
                report(label, elapsed, latencies, statuses)
        finally:
            proc.terminate()
            proc.wait(timeout=10)


if __name__ == "__main__":
    main()
