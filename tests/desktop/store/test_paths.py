"""desktop.paths: platform rules and environment overrides (kept here beside the vault that lives in them)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from desktop.paths import AppPaths, resolve_paths

HOME = Path("/home/anna")


def test_xdg_defaults() -> None:
    paths = resolve_paths(env={}, platform="linux", home=HOME)
    assert paths == AppPaths(
        data_dir=HOME / ".local/share/lifetimecircle-serviceheft",
        config_dir=HOME / ".config/lifetimecircle-serviceheft",
        cache_dir=HOME / ".cache/lifetimecircle-serviceheft",
        log_dir=HOME / ".local/state/lifetimecircle-serviceheft/log",
    )
    assert paths.vault_dir == HOME / ".local/share/lifetimecircle-serviceheft/vault"


def test_xdg_variables_absolute_only() -> None:
    env = {"XDG_DATA_HOME": "/data/xdg", "XDG_CONFIG_HOME": "relative/ignored", "XDG_CACHE_HOME": ""}
    paths = resolve_paths(env=env, platform="linux", home=HOME)
    assert paths.data_dir == Path("/data/xdg/lifetimecircle-serviceheft")
    assert paths.config_dir == HOME / ".config/lifetimecircle-serviceheft"
    assert paths.cache_dir == HOME / ".cache/lifetimecircle-serviceheft"


def test_windows() -> None:
    local = "C:\\Users\\anna\\AppData\\Local" if sys.platform.startswith("win") else "/c/Users/anna/AppData/Local"
    paths = resolve_paths(env={"LOCALAPPDATA": local}, platform="win32", home=HOME)
    base = Path(local) / "LifeTimeCircle" / "ServiceHeft"
    assert (paths.data_dir, paths.config_dir, paths.cache_dir, paths.log_dir) == (
        base,
        base,
        base / "Cache",
        base / "Logs",
    )


def test_macos() -> None:
    paths = resolve_paths(env={}, platform="darwin", home=HOME)
    assert paths.data_dir == HOME / "Library/Application Support/LifeTimeCircle ServiceHeft"
    assert paths.cache_dir == HOME / "Library/Caches/LifeTimeCircle ServiceHeft"
    assert paths.log_dir == HOME / "Library/Logs/LifeTimeCircle ServiceHeft"


def test_portable_home(tmp_path: Path) -> None:
    paths = resolve_paths(env={"LTC_DESKTOP_HOME": str(tmp_path)}, platform="linux", home=HOME)
    assert paths.portable
    assert (paths.data_dir, paths.config_dir, paths.cache_dir, paths.log_dir) == (
        tmp_path / "data",
        tmp_path / "config",
        tmp_path / "cache",
        tmp_path / "logs",
    )


def test_single_overrides_beat_portable_home(tmp_path: Path) -> None:
    env = {
        "LTC_DESKTOP_HOME": str(tmp_path / "portable"),
        "LTC_DESKTOP_DATA_DIR": str(tmp_path / "d"),
        "LTC_DESKTOP_CONFIG_DIR": str(tmp_path / "c"),
        "LTC_DESKTOP_CACHE_DIR": str(tmp_path / "k"),
        "LTC_DESKTOP_LOG_DIR": str(tmp_path / "l"),
    }
    paths = resolve_paths(env=env, platform="darwin", home=HOME)
    assert (paths.data_dir, paths.config_dir, paths.cache_dir, paths.log_dir) == (
        tmp_path / "d",
        tmp_path / "c",
        tmp_path / "k",
        tmp_path / "l",
    )


def test_command_line_data_dir_wins(tmp_path: Path) -> None:
    env = {"LTC_DESKTOP_DATA_DIR": str(tmp_path / "env")}
    assert resolve_paths(env=env, platform="linux", home=HOME, data_dir=tmp_path / "cli").data_dir == tmp_path / "cli"


def test_relative_override_is_made_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    paths = resolve_paths(env={"LTC_DESKTOP_DATA_DIR": "devdata"}, platform="linux", home=HOME)
    assert paths.data_dir == tmp_path / "devdata"


def test_ensure_creates_private_directories(tmp_path: Path) -> None:
    paths = resolve_paths(env={"LTC_DESKTOP_HOME": str(tmp_path / "p")}, platform="linux", home=HOME).ensure()
    for directory in (paths.data_dir, paths.config_dir, paths.cache_dir, paths.log_dir):
        assert directory.is_dir()
        if not sys.platform.startswith("win"):
            assert directory.stat().st_mode & 0o077 == 0


def test_defaults_come_from_the_process() -> None:
    assert isinstance(resolve_paths(), AppPaths)
