"""E2E fixtures: a real uvicorn server (one worker, temp SQLite, loopback, free port) and headless Chromium.

Chromium is Debian's /usr/bin/chromium: missing -> the browser tests are skipped with the reason, except
with CI=true, where they fail.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from pydantic import SecretStr

from syncserver.config import Settings
from syncserver.main import create_app
from syncserver.migrate import upgrade
from tests.e2e.browser import CHROMIUM, Chromium

SECRET = "e2e-secret-key-with-more-than-32-characters"
ARTIFACTS = Path(__file__).parent / "artifacts"
STARTUP_SECONDS = 30.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class LiveServer:
    base_url: str
    settings: Settings
    #: An in-process app on the same database and secret, for set-up through the service layer.
    app: FastAPI


def start_uvicorn(env: dict[str, str], port: int, log: Path) -> subprocess.Popen[bytes]:
    """One uvicorn worker serving ``syncserver.main:create_app`` on 127.0.0.1:``port``; ready when it returns."""
    command = [sys.executable, "-m", "uvicorn", "--factory", "syncserver.main:create_app"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--workers", "1", "--log-level", "warning"]
    with log.open("wb") as out:
        proc = subprocess.Popen(command, env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"uvicorn exited early: {log.read_text(errors='replace')[-2000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1.0).status_code == 200:
                return proc
        except httpx.TransportError:
            time.sleep(0.1)
    proc.terminate()
    raise RuntimeError("uvicorn did not become ready")


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    folder = tmp_path_factory.mktemp("e2e-server")
    url = f"sqlite:///{folder / 'ltc-e2e.sqlite3'}"
    upgrade(url)
    env = {"LTC_ENV": "development", "LTC_DATABASE_URL": url, "LTC_SECRET_KEY": SECRET, "LTC_DATA_DIR": str(folder)}
    port = free_port()
    proc = start_uvicorn(env, port, folder / "uvicorn.log")
    settings = Settings(env="development", database_url=url, secret_key=SecretStr(SECRET), data_dir=folder)
    app = create_app(settings)
    try:
        yield LiveServer(f"http://127.0.0.1:{port}", settings, app)
    finally:
        stop(proc)
        app.state.db.dispose()


@pytest.fixture(scope="session")
def chromium() -> Iterator[Chromium]:
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing (apt-get install chromium)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"Chromium required in CI: {reason}")
        pytest.skip(f"browser tests skipped: {reason}")
    with Chromium() as browser:
        yield browser


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
