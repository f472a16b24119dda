"""Qt UI tests: offscreen platform, a real sync server subprocess, tiny Argon2 costs, no OS keyring."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402 - the platform must be chosen before Qt loads
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

SCREENSHOT_DIR = Path(__file__).resolve().parents[3] / "docs" / "screenshots"
PASSWORD = "mein-sicheres-passwort"


@pytest.fixture(autouse=True)
def themed(qapp: QApplication) -> None:
    apply_theme(qapp)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    server = LiveServer(tmp_path_factory.mktemp("ui-server")).start()
    yield server
    server.stop()


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
    settings = Settings.load(paths.config_dir)
    settings.set(SERVER_URL.key, server_url)
    kdf = fixed_kdf_policy(time_cost=1, memory_cost_kib=8, parallelism=1)
    return SessionService(paths, settings, secrets, runner, kdf=kdf)


def save_screenshot(widget: object, name: str) -> None:
    """Render ``widget`` at 1280x800 into docs/screenshots/<name>.png (only with LTC_SCREENSHOTS=1)."""
    if os.environ.get("LTC_SCREENSHOTS") != "1":
        return
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    widget.resize(1280, 800)  # type: ignore[attr-defined]
    widget.grab().save(str(SCREENSHOT_DIR / f"{name}.png"))  # type: ignore[attr-defined]
