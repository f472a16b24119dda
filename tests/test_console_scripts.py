"""The console scripts the README promises answer --help (issue 2: after the start command's install)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        ("ltc-server", ["serve", "migrate", "worker", "users"]),
        ("ltc-desktop", ["--server", "--data-dir", "--lang"]),
    ],
)
def test_console_script_help(script: str, expected: list[str]) -> None:
    result = subprocess.run([str(BIN / script), "--help"], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    for word in expected:
        assert word in result.stdout


@pytest.mark.parametrize("module", ["syncserver", "desktop"])
def test_python_dash_m_help(module: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", module, "--help"], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "usage:" in result.stdout
