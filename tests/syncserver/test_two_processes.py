"""Two uvicorn processes on one PostgreSQL share sessions and rate limits (ARCHITECTURE: scaled shape)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from syncserver.db import Database
from tests.syncserver.conftest import TEST_SECRET, empty_tables

pytestmark = [pytest.mark.postgres, pytest.mark.slow]
BOGUS_CHALLENGE = "6f1c1f8e-4c1e-4a43-9a49-1d2c8d0e0c11"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def servers(postgres_database: Database, tmp_path: Path) -> Iterator[list[httpx.Client]]:
    empty_tables(postgres_database)
    env = {
        **os.environ,
        "LTC_DATABASE_URL": postgres_database.url,
        "LTC_SECRET_KEY": TEST_SECRET,
        "LTC_DEV_EXPOSE_OTP": "1",
        "LTC_DATA_DIR": str(tmp_path / "data"),
        "LTC_LOG_LEVEL": "WARNING",
    }
    processes, clients = [], []
    try:
        for _ in range(2):
            port = _free_port()
            command = [sys.executable, "-m", "syncserver", "serve", "--port", str(port), "--no-migrate"]
            processes.append(subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE))
            clients.append(httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10))
        for process, client in zip(processes, clients, strict=True):
            for _ in range(200):
                assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
                try:
                    if client.get("/health").status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.05)
        yield clients
    finally:
        for client in clients:
            client.close()
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=10)


def test_sessions_and_rate_limits_are_shared(servers: list[httpx.Client]) -> None:
    a, b = servers
    email = "twin@example.org"
    issued = a.post("/auth/request", json={"email": email}).json()
    verified = b.post(
        "/auth/verify", json={"email": email, "challenge_id": issued["challenge_id"], "otp": issued["dev_otp"]}
    )
    assert verified.status_code == 200
    tokens = verified.json()
    assert a.get("/auth/me", headers={"Authorization": f"Bearer {tokens['access_token']}"}).status_code == 200

    rotated = a.post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert rotated.status_code == 200
    assert b.post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]}).status_code == 401  # reuse
    fresh = {"Authorization": f"Bearer {rotated.json()['access_token']}"}
    assert a.get("/auth/me", headers=fresh).status_code == 401  # the family is revoked everywhere
    assert b.get("/auth/me", headers=fresh).status_code == 401

    # verify limit 20/min per IP, counted across both processes (1 verify above + 19 here stay under it)
    body = {"email": email, "challenge_id": BOGUS_CHALLENGE, "otp": "123456"}
    first = [(a if i % 2 else b).post("/auth/verify", json=body).status_code for i in range(19)]
    assert set(first) == {400}
    later = [server.post("/auth/verify", json=body) for server in (a, b, a, b)]
    assert 429 in [r.status_code for r in later[:2]]
    assert [r.status_code for r in later[2:]] == [429, 429]
    assert later[-1].json() == {"detail": "RATE_LIMIT"}


def test_public_page_limit_is_shared_within_the_documented_bound(servers: list[httpx.Client]) -> None:
    """60/60 per address, pre-aggregated per process: together at least 60 and at most 60 + 2 x (6 - 1) pass."""
    a, b = servers
    statuses = [(a if i % 2 else b).get("/public/qr/no-such-token").status_code for i in range(90)]
    assert set(statuses) <= {404, 429}
    admitted = statuses.count(404)
    assert 60 <= admitted <= 70 + 5  # + 5: a minute boundary during the run lets the sliding estimate slip a little
    assert statuses[-4:] == [429, 429, 429, 429]
