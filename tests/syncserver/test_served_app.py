"""The served app freezes its start-up heap out of the cyclic collector; apps built in-process (tests) do not."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from syncserver.config import Settings, get_settings
from syncserver.main import create_served_app


@pytest.fixture
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()  # leave the test process's collector as it was


@pytest.mark.usefixtures("unfrozen")
def test_an_in_process_app_leaves_the_collector_alone(make_app: Callable[..., FastAPI]) -> None:
    with TestClient(make_app()) as client:
        assert client.get("/health").status_code == 200
        assert gc.get_freeze_count() == 0


@pytest.mark.usefixtures("unfrozen")
@pytest.mark.parametrize("backend", ["sqlite"])
def test_the_served_app_freezes_what_start_up_built(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LTC_SECRET_KEY", settings.secret.decode())
    monkeypatch.setenv("LTC_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("LTC_DATABASE_URL", settings.resolved_database_url)
    get_settings.cache_clear()
    try:
        app = create_served_app()
        with TestClient(app) as client:
            assert client.get("/health").status_code == 200
            assert gc.get_freeze_count() > 10_000
    finally:
        get_settings.cache_clear()
