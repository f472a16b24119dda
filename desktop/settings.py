"""The desktop's typed settings registry (CONVENTIONS item 10, after Picard's option registry).

Every option is declared once in :data:`OPTIONS` with key, type, default and a (German) label that the
UI translates. Values live as JSON in ``<config dir>/settings.json``; the file carries
``settings_version`` and :data:`UPGRADE_HOOKS` lift older files step by step. No Qt here; nothing secret
is ever stored (tokens and keys go through ``desktop.credentials``), and no personal data either.

Contract: :meth:`Settings.save` writes atomically (temp file + replace). Unknown keys from a newer app
are kept untouched; a value of the wrong type falls back to the default when read.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SETTINGS_FILE_NAME = "settings.json"
SETTINGS_VERSION = 2
DEFAULT_SERVER_URL = "http://127.0.0.1:8765"
LANGUAGES = ("system", "de", "en")


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name pyside6-lupdate looks for
    """Mark ``text`` for translation without Qt; the UI calls ``QCoreApplication.translate(context, text)``."""
    return text


LABEL_CONTEXT = "Settings"


@dataclass(frozen=True, slots=True)
class Option:
    """One setting: its JSON key, Python type, default and the label shown in the settings dialog."""

    key: str
    type: type
    default: Any
    label: str
    choices: tuple[Any, ...] = ()
    minimum: int | None = None
    maximum: int | None = None

    def coerce(self, value: Any) -> Any:
        """``value`` if it fits this option (type, choices, range), else the default."""
        if self.type is bool:
            ok = isinstance(value, bool)
        elif self.type is int:
            ok = isinstance(value, int) and not isinstance(value, bool)
        else:
            ok = isinstance(value, self.type)
        if not ok or (self.choices and value not in self.choices):
            return self.default
        if self.minimum is not None and value < self.minimum:
            return self.minimum
        if self.maximum is not None and value > self.maximum:
            return self.maximum
        return value


SERVER_URL = Option("server_url", str, DEFAULT_SERVER_URL, QT_TRANSLATE_NOOP("Settings", "Server-Adresse"))
LANGUAGE = Option("language", str, "system", QT_TRANSLATE_NOOP("Settings", "Sprache"), choices=LANGUAGES)
REMEMBER_KEY = Option(
    "remember_key", bool, False, QT_TRANSLATE_NOOP("Settings", "Tresor-Schlüssel im Schlüsselbund merken")
)
DATA_DIR = Option("data_dir", str, "", QT_TRANSLATE_NOOP("Settings", "Datenordner"))
SYNC_INTERVAL = Option(
    "sync_interval_minutes",
    int,
    15,
    QT_TRANSLATE_NOOP("Settings", "Synchronisieren alle (Minuten)"),
    minimum=1,
    maximum=24 * 60,
)

OPTIONS: dict[str, Option] = {o.key: o for o in (SERVER_URL, LANGUAGE, REMEMBER_KEY, DATA_DIR, SYNC_INTERVAL)}


def _upgrade_1_to_2(values: dict[str, Any]) -> dict[str, Any]:
    """Version 1 stored the interval in seconds as ``sync_interval``."""
    seconds = values.pop("sync_interval", None)
    if isinstance(seconds, int) and not isinstance(seconds, bool):
        values["sync_interval_minutes"] = max(1, seconds // 60)
    return values


#: ``version -> hook`` lifting a settings dict from ``version`` to ``version + 1``.
UPGRADE_HOOKS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _upgrade_1_to_2}


def upgrade(values: dict[str, Any], from_version: int) -> dict[str, Any]:
    """Run every hook from ``from_version`` up to :data:`SETTINGS_VERSION`."""
    for version in range(from_version, SETTINGS_VERSION):
        hook = UPGRADE_HOOKS.get(version)
        if hook is not None:
            values = hook(values)
    return values


class Settings:
    """The settings of one install. Read with ``settings[OPTION]`` / ``get(key)``; write with ``set`` + ``save``."""

    def __init__(self, path: Path, values: Mapping[str, Any] | None = None) -> None:
        self.path = path
        self._values: dict[str, Any] = dict(values or {})

    @classmethod
    def load(cls, config_dir: Path) -> Settings:
        """Read ``settings.json`` from ``config_dir``; a missing or unreadable file gives the defaults."""
        path = Path(config_dir) / SETTINGS_FILE_NAME
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls(path)
        if not isinstance(raw, dict):
            return cls(path)
        version = raw.pop("settings_version", 1)
        if not isinstance(version, int) or version < 1:
            version = 1
        if version < SETTINGS_VERSION:
            raw = upgrade(raw, version)
        return cls(path, raw)

    def get(self, key: str) -> Any:
        option = OPTIONS[key]
        return option.coerce(self._values.get(key, option.default))

    def __getitem__(self, option: Option) -> Any:
        return self.get(option.key)

    def set(self, key: str, value: Any) -> None:
        """Set a value; ``ValueError`` when it does not fit the option."""
        option = OPTIONS[key]
        if option.coerce(value) != value:
            raise ValueError(f"invalid value for setting {key!r}: {value!r}")
        self._values[key] = value

    def as_dict(self) -> dict[str, Any]:
        """Every registered option with its current value."""
        return {key: self.get(key) for key in OPTIONS}

    def save(self) -> None:
        """Write atomically (owner-only permissions where the OS honours them)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {**self._values, "settings_version": SETTINGS_VERSION}
        fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, indent=2, sort_keys=True, ensure_ascii=False)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
