"""The typed settings registry (defaults, coercion, upgrade hooks, atomic save) and the task runner."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.services.tasks import TaskRunner
from desktop.settings import (
    DEFAULT_SERVER_URL,
    LANGUAGE,
    OPTIONS,
    SETTINGS_FILE_NAME,
    SETTINGS_VERSION,
    SYNC_INTERVAL,
    Settings,
)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class TestSettings:
    def test_defaults_without_a_file(self, tmp_path: Path) -> None:
        settings = Settings.load(tmp_path)
        assert settings.as_dict() == {key: option.default for key, option in OPTIONS.items()}
        assert settings.get("server_url") == DEFAULT_SERVER_URL

    def test_save_and_load_round_trip(self, tmp_path: Path) -> None:
        settings = Settings.load(tmp_path)
        settings.set("language", "en")
        settings.set("sync_interval_minutes", 30)
        settings.save()
        stored = json.loads((tmp_path / SETTINGS_FILE_NAME).read_text(encoding="utf-8"))
        assert stored["settings_version"] == SETTINGS_VERSION
        again = Settings.load(tmp_path)
        assert again[LANGUAGE] == "en"
        assert again[SYNC_INTERVAL] == 30
        assert [p.name for p in tmp_path.iterdir()] == [SETTINGS_FILE_NAME]  # no temp file left behind

    @pytest.mark.parametrize(
        ("key", "value"),
        [("language", "fr"), ("remember_key", "yes"), ("sync_interval_minutes", "5"), ("server_url", 42)],
    )
    def test_set_refuses_values_that_do_not_fit(self, tmp_path: Path, key: str, value: object) -> None:
        with pytest.raises(ValueError, match=key):
            Settings.load(tmp_path).set(key, value)

    def test_bad_values_in_the_file_read_as_default(self, tmp_path: Path) -> None:
        data = {"settings_version": SETTINGS_VERSION, "language": "klingon", "sync_interval_minutes": 0}
        (tmp_path / SETTINGS_FILE_NAME).write_text(json.dumps(data), encoding="utf-8")
        settings = Settings.load(tmp_path)
        assert settings[LANGUAGE] == "system"
        assert settings[SYNC_INTERVAL] == 1  # clamped to the minimum

    def test_version_1_file_is_upgraded(self, tmp_path: Path) -> None:
        (tmp_path / SETTINGS_FILE_NAME).write_text(json.dumps({"sync_interval": 600}), encoding="utf-8")
        assert Settings.load(tmp_path)[SYNC_INTERVAL] == 10

    def test_unreadable_file_gives_defaults(self, tmp_path: Path) -> None:
        (tmp_path / SETTINGS_FILE_NAME).write_text("{not json", encoding="utf-8")
        assert Settings.load(tmp_path)[LANGUAGE] == "system"


class TestTaskRunner:
    def test_synchronous_runner_calls_back_before_returning(self, qapp: object) -> None:
        runner = TaskRunner.synchronous()
        results: list[object] = []
        runner.run_in_background(lambda: 41 + 1, results.append)
        runner.run_in_background(lambda: 1 / 0, results.append, results.append)
        assert results[0] == 42
        assert isinstance(results[1], ZeroDivisionError)

    def test_results_arrive_on_the_gui_thread(self, qtbot: QtBot) -> None:
        runner = TaskRunner()
        gui = threading.current_thread()
        seen: list[tuple[str, bool]] = []
        try:
            runner.run_in_background(threading.current_thread, lambda t: seen.append(("db", t is not gui)))
            runner.run_in_background(threading.current_thread, lambda t: seen.append(("net", t is not gui)), kind="net")
            qtbot.waitUntil(lambda: len(seen) == 2)
        finally:
            runner.shutdown()
        assert sorted(seen) == [("db", True), ("net", True)]
        assert runner.running == 0

    def test_work_after_shutdown_is_dropped_quietly(self, qtbot: QtBot) -> None:
        """A timer firing while the app closes (a status refresh) must not raise from the event loop."""
        runner = TaskRunner()
        runner.shutdown()
        ran: list[str] = []
        errors: list[BaseException] = []
        runner.set_error_handler(errors.append)
        for kind in ("db", "net", "sync"):
            runner.run_in_background(lambda k=kind: ran.append(k), ran.append, errors.append, kind=kind)  # type: ignore[arg-type]
        qtbot.wait(50)
        assert (ran, errors, runner.running) == ([], [], 0)

    def test_errors_without_on_failure_go_to_the_default_handler(self, qtbot: QtBot) -> None:
        runner = TaskRunner()
        errors: list[BaseException] = []
        runner.set_error_handler(errors.append)
        try:
            runner.run_in_background(lambda: {}["missing"])
            qtbot.waitUntil(lambda: len(errors) == 1)
        finally:
            runner.shutdown()
        assert isinstance(errors[0], KeyError)

    def test_db_tasks_run_one_at_a_time_in_order(self, qtbot: QtBot) -> None:
        runner = TaskRunner()
        order: list[int] = []
        names: set[str] = set()

        def task(n: int) -> int:
            names.add(threading.current_thread().name)
            return n

        try:
            for n in range(5):
                runner.run_in_background(lambda n=n: task(n), order.append)
            qtbot.waitUntil(lambda: len(order) == 5)
        finally:
            runner.shutdown()
        assert order == [0, 1, 2, 3, 4]
        assert len(names) == 1
