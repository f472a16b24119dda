"""Server test fixtures: every test runs on SQLite and on PostgreSQL (schema made by the migrations).

PostgreSQL: set LTC_TEST_POSTGRES_URL (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test). Each
test run creates its own database on that server (so parallel runs never collide), migrates it once
and empties the tables before every test. Unset or unreachable -> those tests are skipped, except
with CI=true, where they fail.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.exc import SQLAlchemyError

from syncserver.clock import ManualClock
from syncserver.config import Settings
from syncserver.db import Database
from syncserver.main import create_app
from syncserver.migrate import upgrade
from syncserver.models import Base
from tests.syncserver.support import Mailbox, probe_router

TEST_SECRET = "test-secret-key-with-more-than-32-characters"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("filterwarnings", "ignore:Using `httpx` with `starlette.testclient`")


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"PostgreSQL required in CI: {reason}")
    pytest.skip(f"PostgreSQL tests skipped: {reason}")


@pytest.fixture(scope="session")
def sqlite_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    url = f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'ltc-test.sqlite3'}"
    upgrade(url)
    db = Database(url)
    yield db
    db.dispose()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh, migrated database on the LTC_TEST_POSTGRES_URL server, dropped after the run."""
    base = os.environ.get("LTC_TEST_POSTGRES_URL")
    if not base:
        _unavailable("LTC_TEST_POSTGRES_URL is not set")
        return
    name = f"ltc_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except SQLAlchemyError as exc:
        admin.dispose()
        _unavailable(f"cannot reach or use {make_url(base).render_as_string(hide_password=True)}: {type(exc).__name__}")
        return
    url = make_url(base).set(database=name).render_as_string(hide_password=False)
    try:
        upgrade(url)
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def postgres_database(postgres_url: str) -> Iterator[Database]:
    db = Database(postgres_url)
    yield db
    db.dispose()


def empty_tables(db: Database) -> None:
    tables = [t.name for t in reversed(Base.metadata.sorted_tables)]
    with db.engine.begin() as conn:
        if db.dialect == "postgresql":
            conn.execute(text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " CASCADE"))
        else:
            for table in tables:
                conn.execute(text(f'DELETE FROM "{table}"'))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def database(backend: str, request: pytest.FixtureRequest) -> Database:
    """The backend's migrated database, emptied for this test."""
    db: Database = request.getfixturevalue(f"{backend}_database")
    empty_tables(db)
    return db


@pytest.fixture
def clock() -> ManualClock:
    """The app's clock; advance it for TTL and expiry tests."""
    return ManualClock()


@pytest.fixture
def make_settings(tmp_path: Path, database: Database) -> Callable[..., Settings]:
    def factory(**overrides: Any) -> Settings:
        values: dict[str, Any] = {
            "env": "development",
            "secret_key": TEST_SECRET,
            "data_dir": tmp_path / "data",
            "database_url": database.url,
        }
        values.update(overrides)
        return Settings(**values)

    return factory


@pytest.fixture
def settings(make_settings: Callable[..., Settings]) -> Settings:
    return make_settings()


@pytest.fixture
def make_app(database: Database, clock: ManualClock, make_settings: Callable[..., Settings]) -> Callable[..., FastAPI]:
    """Build an app on the test database; keyword arguments override settings."""

    def factory(**overrides: Any) -> FastAPI:
        return create_app(make_settings(**overrides), clock=clock, database=database, extra_routers=[probe_router])

    return factory


@pytest.fixture
def app(make_app: Callable[..., FastAPI]) -> FastAPI:
    return make_app()


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def mailbox(settings: Settings) -> Mailbox:
    """The spool folder of the app built from ``settings``."""
    return Mailbox(settings.mail_spool_dir)
