"""The README's start command (scripts/start.sh) starts the embedded sync server, opens the desktop app connected
to it, and stops the server when the app exits. The app quits right after its first window through the
``LTC_DESKTOP_EXIT_AFTER_SHOW`` hook (offscreen Qt)."""

from __future__ import annotations

import os
import socket
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


@pytest.mark.skipif(not (ROOT / ".venv" / "bin" / "ltc-desktop").exists(), reason="desktop extra not installed")
def test_start_command_opens_the_desktop_app_on_the_embedded_server(tmp_path: Path) -> None:
    port = free_port()
    env = {
        **os.environ,
        "LTC_DATA_DIR": str(tmp_path / "server"),
        "LTC_PORT": str(port),
        "LTC_DESKTOP_HOME": str(tmp_path / "desktop"),  # a portable root: nothing lands in the real home
        "QT_QPA_PLATFORM": "offscreen",
        "LTC_DESKTOP_EXIT_AFTER_SHOW": "1",
    }
    done = subprocess.run(
        ["bash", str(ROOT / "scripts" / "start.sh")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    url = f"http://127.0.0.1:{port}"
    assert f"sync server on {url} answered /health" in done.stdout, output
    shown = [line for line in done.stdout.splitlines() if line.startswith("LTC_DESKTOP_SHOWN ")]
    assert shown, output
    assert f"server={url}" in shown[0]
    assert "window=SignInDialog" in shown[0]  # first run: no vault yet, so the sign-in dialog comes first
    assert (tmp_path / "server").is_dir()
    assert (tmp_path / "desktop").is_dir()
    assert not port_open(port)  # the script stopped the server when the app quit
