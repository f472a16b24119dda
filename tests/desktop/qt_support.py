"""Fixtures and helpers shared by the Qt test packages (tests/desktop/ui, tests/desktop/admin).

A conftest imports the fixtures it wants by name, and makes its session-wide server with
:func:`live_server_fixture`. Qt must already be on the offscreen platform when this module loads.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator  # noqa: E402 - the platform must be chosen before Qt loads
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.credentials import MemorySecretStore  # noqa: E402
from desktop.paths import AppPaths  # noqa: E402
from desktop.services.session_service import SessionService  # noqa: E402
from desktop.services.tasks import TaskRunner  # noqa: E402
from desktop.settings import SERVER_URL, Settings  # noqa: E402
from desktop.store.keyfile import fixed_kdf_policy  # noqa: E402
from desktop.ui.theme import apply_theme  # noqa: E402
from tests.desktop.sync.live_server import LiveServer  # noqa: E402


@pytest.fixture(autouse=True)
def themed(qapp: QApplication) -> None:
    apply_theme(qapp)


def live_server_fixture(dirname: str) -> Callable[[pytest.TempPathFactory], Iterator[LiveServer]]:
    """A session-scoped ``live_server`` fixture: one sync server subprocess under a temp dir named ``dirname``."""

    @pytest.fixture(scope="session")
    def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
        server = LiveServer(tmp_path_factory.mktemp(dirname)).start()
        yield server
        server.stop()

    return live_server


@pytest.fixture
def app_paths(tmp_path: Path) -> AppPaths:
    return AppPaths(
        data_dir=tmp_path / "data",
        config_dir=tmp_path / "config",
        cache_dir=tmp_path / "cache",
        log_dir=tmp_path / "log",
    ).ensure()


@pytest.fixture
def runner(qapp: object) -> Iterator[TaskRunner]:
    tasks = TaskRunner()
    yield tasks
    tasks.shutdown(wait=True)


def make_session(paths: AppPaths, runner: TaskRunner, server_url: str, secrets: MemorySecretStore) -> SessionService:
    """A session service on ``server_url`` with tiny Argon2 costs (not started)."""
    settings = Settings.load(paths.config_dir)
    settings.set(SERVER_URL.key, server_url)
    kdf = fixed_kdf_policy(time_cost=1, memory_cost_kib=8, parallelism=1)
    return SessionService(paths, settings, secrets, runner, kdf=kdf)
