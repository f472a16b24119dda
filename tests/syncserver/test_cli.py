"""The operator CLI (``ltc-server`` / ``python -m syncserver``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from syncserver.__main__ import main
from syncserver.config import get_settings
from tests.syncserver.conftest import TEST_SECRET


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, app: FastAPI, tmp_path: Path) -> None:
    monkeypatch.setenv("LTC_DATABASE_URL", app.state.ctx.db.url)
    monkeypatch.setenv("LTC_SECRET_KEY", TEST_SECRET)
    monkeypatch.setenv("LTC_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_help_works_as_module() -> None:
    result = subprocess.run([sys.executable, "-m", "syncserver", "--help"], capture_output=True, text=True, check=True)
    for command in ("serve", "migrate", "users"):
        assert command in result.stdout


def test_serve_help_lists_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    out = capsys.readouterr().out
    assert "--host" in out
    assert "--port" in out
    assert "--workers" in out


def test_migrate_on_a_fresh_embedded_database(tmp_path: Path) -> None:
    env = {**os.environ, "LTC_DATA_DIR": str(tmp_path / "data")}
    env.pop("LTC_DATABASE_URL", None)
    result = subprocess.run([sys.executable, "-m", "syncserver", "migrate"], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data" / "ltc-server.sqlite3").exists()


@pytest.mark.usefixtures("cli_env")
def test_users_create_and_set_role(app: FastAPI, client: TestClient, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["users", "create", "--email", "Ops@Example.org", "--role", "admin", "--password", "a long password"]) == 0
    )
    assert "role admin" in capsys.readouterr().out
    login = client.post("/auth/login", json={"email": "ops@example.org", "password": "a long password"})
    assert login.status_code == 200
    headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
    assert client.get("/auth/me", headers=headers).json()["role"] == "admin"
    assert main(["users", "set-role", "--email", "ops@example.org", "--role", "dealer"]) == 0
    assert "admin -> dealer" in capsys.readouterr().out
    assert main(["users", "create", "--email", "ops@example.org"]) == 1
    assert main(["users", "set-role", "--email", "ops@example.org", "--role", "public"]) == 1
    assert main(["users", "set-role", "--email", "nobody@example.org", "--role", "vip"]) == 1
    assert "invalid_role" in capsys.readouterr().err
