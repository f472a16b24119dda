"""50 concurrent password logins against a real uvicorn process on the embedded SQLite default.

Before the admission gate (syncserver/middleware.py) this failed with 500 "database is locked": every
worker thread waited for the write lock while its holder waited for a worker thread to finish its
response. Asserts outcomes only (status codes), never timings.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from shared.roles import Role
from syncserver.clock import SystemClock
from syncserver.config import Settings
from syncserver.context import ServerContext
from syncserver.db import Database
from syncserver.mail import MemoryMailer
from syncserver.migrate import upgrade
from syncserver.security import Keys
from syncserver.users.service import UserService
from tests.syncserver.conftest import TEST_SECRET
from tests.syncserver.support import PASSWORD

pytestmark = pytest.mark.slow
CLIENTS = 50


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def sqlite_server(tmp_path: Path) -> Iterator[tuple[str, list[str]]]:
    """A migrated SQLite file with CLIENTS accounts and one uvicorn worker serving it."""
    data = tmp_path / "data"
    settings = Settings(env="development", secret_key=TEST_SECRET, data_dir=data)
    url = settings.resolved_database_url
    upgrade(url)
    db = Database(url)
    ctx = ServerContext(settings, SystemClock(), Keys(settings.secret), MemoryMailer(), db)
    emails = [f"crowd-{number}@example.org" for number in range(CLIENTS)]
    with db.sessionmaker.begin() as session:
        service = UserService(session, ctx)
        for email in emails:
            service.create(email, Role.USER, password=PASSWORD, verified=True)
    db.dispose()
    port = _free_port()
    env = {
        **os.environ,
        "LTC_SECRET_KEY": TEST_SECRET,
        "LTC_DATA_DIR": str(data),
        "LTC_LOG_LEVEL": "WARNING",
        "LTC_RATE_LOGIN_PER_IP": "1000/60",  # every client shares 127.0.0.1
    }
    env.pop("LTC_DATABASE_URL", None)
    command = [sys.executable, "-m", "syncserver", "serve", "--port", str(port), "--workers", "1", "--no-migrate"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base_url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(400):
            assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
            try:
                if httpx.get(base_url + "/health").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.05)
        yield base_url, emails
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_fifty_concurrent_logins_never_fail_on_sqlite(sqlite_server: tuple[str, list[str]]) -> None:
    base_url, emails = sqlite_server
    wrong = set(emails[::5])  # every fifth client types a wrong password
    statuses: dict[str, int] = {}
    start = threading.Barrier(CLIENTS)

    def login(email: str) -> None:
        password = "wrong password 123" if email in wrong else PASSWORD
        with httpx.Client(base_url=base_url, timeout=120) as client:
            start.wait()
            statuses[email] = client.post("/auth/login", json={"email": email, "password": password}).status_code

    threads = [threading.Thread(target=login, args=(email,)) for email in emails]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(statuses) == CLIENTS
    assert not [s for s in statuses.values() if s >= 500]
    assert {statuses[e] for e in wrong} == {401}
    assert {s for e, s in statuses.items() if e not in wrong} == {200}
