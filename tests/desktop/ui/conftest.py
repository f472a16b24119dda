"""Qt UI tests: offscreen platform, a real sync server subprocess, tiny Argon2 costs, no OS keyring."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402 - the platform must be chosen before Qt loads

from tests.desktop import qt_support  # noqa: E402
from tests.desktop.qt_support import make_session  # noqa: E402, F401 - the tests import it from here

SCREENSHOT_DIR = Path(__file__).resolve().parents[3] / "docs" / "screenshots"
PASSWORD = "mein-sicheres-passwort"

# The shared fixtures, bound here so pytest finds them for this package.
themed = qt_support.themed
app_paths = qt_support.app_paths
runner = qt_support.runner
live_server = qt_support.live_server_fixture("ui-server")


def save_screenshot(widget: object, name: str) -> None:
    """Render ``widget`` at 1280x800 into docs/screenshots/<name>.png (only with LTC_SCREENSHOTS=1)."""
    if os.environ.get("LTC_SCREENSHOTS") != "1":
        return
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    widget.resize(1280, 800)  # type: ignore[attr-defined]
    widget.grab().save(str(SCREENSHOT_DIR / f"{name}.png"))  # type: ignore[attr-defined]
