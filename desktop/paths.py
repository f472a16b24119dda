"""Every directory the desktop app uses, computed in one place without Qt.

The rules follow platformdirs (which we do not depend on):

- Linux / BSD: XDG base directories (``$XDG_DATA_HOME``, ``$XDG_CONFIG_HOME``, ``$XDG_CACHE_HOME``,
  ``$XDG_STATE_HOME/<app>/log``), with the XDG defaults under ``~`` when a variable is unset or relative.
- Windows: ``%LOCALAPPDATA%\\LifeTimeCircle\\ServiceHeft`` for data and config (the vault is machine-local,
  so nothing roams), ``...\\Cache`` and ``...\\Logs`` below it.
- macOS: ``~/Library/Application Support/<app>`` for data and config, ``~/Library/Caches/<app>``,
  ``~/Library/Logs/<app>``.

Environment overrides (portable and dev mode, tests), strongest first:

- ``LTC_DESKTOP_DATA_DIR``, ``LTC_DESKTOP_CONFIG_DIR``, ``LTC_DESKTOP_CACHE_DIR``, ``LTC_DESKTOP_LOG_DIR``:
  one directory each;
- ``LTC_DESKTOP_HOME``: a portable root holding ``data/``, ``config/``, ``cache/`` and ``logs/``.

:func:`resolve_paths` is pure (environment, platform and home directory are parameters); only
:meth:`AppPaths.ensure` touches the disk.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

APP_AUTHOR = "LifeTimeCircle"
APP_NAME = "ServiceHeft"
#: Directory name on Linux, where XDG folders are flat per application.
APP_SLUG = "lifetimecircle-serviceheft"

ENV_HOME = "LTC_DESKTOP_HOME"
ENV_DATA_DIR = "LTC_DESKTOP_DATA_DIR"
ENV_CONFIG_DIR = "LTC_DESKTOP_CONFIG_DIR"
ENV_CACHE_DIR = "LTC_DESKTOP_CACHE_DIR"
ENV_LOG_DIR = "LTC_DESKTOP_LOG_DIR"

VAULT_DIR_NAME = "vault"


@dataclass(frozen=True, slots=True)
class AppPaths:
    """The app's directories. ``portable`` is true when ``LTC_DESKTOP_HOME`` chose them."""

    data_dir: Path
    config_dir: Path
    cache_dir: Path
    log_dir: Path
    portable: bool = False

    @property
    def vault_dir(self) -> Path:
        """Folder of the encrypted local vault (database, key file, blobs, backups)."""
        return self.data_dir / VAULT_DIR_NAME

    def ensure(self) -> AppPaths:
        """Create every directory (owner-only permissions where the OS honours them); returns ``self``."""
        for path in (self.data_dir, self.config_dir, self.cache_dir, self.log_dir):
            path.mkdir(parents=True, exist_ok=True, mode=0o700)
        return self


def _platform_kind(platform: str) -> str:
    if platform.startswith("win"):
        return "windows"
    if platform == "darwin":
        return "macos"
    return "xdg"


def _xdg_dir(env: Mapping[str, str], name: str, home: Path, default: str) -> Path:
    value = env.get(name, "").strip()
    # The XDG spec says relative paths are invalid and must be ignored.
    if value and Path(value).is_absolute():
        return Path(value)
    return home / default


def _platform_defaults(env: Mapping[str, str], platform: str, home: Path) -> AppPaths:
    kind = _platform_kind(platform)
    if kind == "windows":
        local = env.get("LOCALAPPDATA", "").strip()
        base = (Path(local) if local else home / "AppData" / "Local") / APP_AUTHOR / APP_NAME
        return AppPaths(data_dir=base, config_dir=base, cache_dir=base / "Cache", log_dir=base / "Logs")
    if kind == "macos":
        library = home / "Library"
        name = f"{APP_AUTHOR} {APP_NAME}"
        support = library / "Application Support" / name
        return AppPaths(
            data_dir=support,
            config_dir=support,
            cache_dir=library / "Caches" / name,
            log_dir=library / "Logs" / name,
        )
    return AppPaths(
        data_dir=_xdg_dir(env, "XDG_DATA_HOME", home, ".local/share") / APP_SLUG,
        config_dir=_xdg_dir(env, "XDG_CONFIG_HOME", home, ".config") / APP_SLUG,
        cache_dir=_xdg_dir(env, "XDG_CACHE_HOME", home, ".cache") / APP_SLUG,
        log_dir=_xdg_dir(env, "XDG_STATE_HOME", home, ".local/state") / APP_SLUG / "log",
    )


def _override(env: Mapping[str, str], name: str) -> Path | None:
    value = env.get(name, "").strip()
    return Path(value).expanduser().absolute() if value else None


def resolve_paths(
    env: Mapping[str, str] | None = None,
    platform: str | None = None,
    home: Path | None = None,
    data_dir: Path | str | None = None,
) -> AppPaths:
    """Compute the app directories; pure apart from reading the defaults of its arguments.

    ``env`` defaults to ``os.environ``, ``platform`` to ``sys.platform``, ``home`` to ``Path.home()``.
    ``data_dir`` (e.g. the ``--data-dir`` command-line option) beats every environment variable.
    """
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    home = Path.home() if home is None else home

    portable_root = _override(env, ENV_HOME)
    if portable_root is not None:
        base = AppPaths(
            data_dir=portable_root / "data",
            config_dir=portable_root / "config",
            cache_dir=portable_root / "cache",
            log_dir=portable_root / "logs",
            portable=True,
        )
    else:
        base = _platform_defaults(env, platform, home)

    chosen_data = Path(data_dir).expanduser().absolute() if data_dir is not None else _override(env, ENV_DATA_DIR)
    return AppPaths(
        data_dir=chosen_data or base.data_dir,
        config_dir=_override(env, ENV_CONFIG_DIR) or base.config_dir,
        cache_dir=_override(env, ENV_CACHE_DIR) or base.cache_dir,
        log_dir=_override(env, ENV_LOG_DIR) or base.log_dir,
        portable=base.portable,
    )
