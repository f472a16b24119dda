"""Start-up cost guard: the modules the first window needs do not drag in what only later screens use.

Runs in a fresh interpreter, because the test process has imported everything already.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

#: Loaded only when needed: migrations, the OS keyring, httpx's command-line client, QR/sticker and camera/decoder code,
#: PDF and print support, the workshop and admin screens.
LATER = (
    "alembic",
    "keyring",
    "click",
    "rich",
    "pygments",
    "qrcode",
    "zxingcpp",
    "PySide6.QtPdf",
    "PySide6.QtMultimedia",
    "PySide6.QtPrintSupport",
    "desktop.ui.admin",
    "desktop.ui.workshop.workshop_page",
    "desktop.services.qr_service",
)

PROBE = """
import json, sys
import desktop.ui.app_main
import desktop.ui.main_window
import httpx
later = json.loads(sys.argv[1])
print(json.dumps({"loaded": sorted(m for m in later if sys.modules.get(m) is not None), "cli": httpx.main.__module__}))
"""


def test_the_start_modules_leave_later_screens_unloaded() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(LATER)], cwd=REPO, env=env, capture_output=True, text=True, check=True
    )
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    assert answer["loaded"] == []
    assert answer["cli"] == "httpx"  # the stub in httpx/__init__.py, not httpx._main


QR_PROBE = """
import sys
import desktop.ui.qr.qr_panel
before = "qrcode" in sys.modules
from desktop.services.qr_sticker import qr_matrix
matrix = qr_matrix("https://example.test/p/abc")
print(before, "qrcode" in sys.modules, len(matrix) >= 21)
"""


def test_the_qr_panel_loads_qrcode_only_to_draw_a_code() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-c", QR_PROBE]
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True", "True"]
