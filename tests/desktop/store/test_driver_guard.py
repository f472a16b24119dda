"""The guard that makes ``None`` immortal for the sqlcipher3 driver on Python < 3.12 (see driver_guard)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from desktop.store import driver_guard
from desktop.store.db import connect_sqlcipher

CHILD = textwrap.dedent(
    """
    import sys
    from desktop.store import driver_guard
    before = [sys.getrefcount(s) for s in (None, True, False)]
    first = driver_guard.protect_none()
    second = driver_guard.protect_none()
    print(first, second, min(sys.getrefcount(s) - b for s, b in zip((None, True, False), before)))
    """
)


def test_guard_raises_none_refcount_once_on_old_interpreters() -> None:
    result = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=60, check=True)
    first, second, delta = result.stdout.split()
    if sys.version_info < (3, 12) and not hasattr(sys, "gettotalrefcount"):
        assert (first, second) == ("True", "True")
        assert int(delta) >= driver_guard.IMMORTAL_MARGIN - 10_000
    else:
        assert (first, second) == ("False", "False")
        assert abs(int(delta)) < 10_000


def test_vault_connections_apply_the_guard(tmp_path: Path) -> None:
    conn = connect_sqlcipher(tmp_path / "v.db", bytes(32))
    conn.close()
    expected = sys.version_info < (3, 12) and not hasattr(sys, "gettotalrefcount")
    assert driver_guard.protect_none() is expected
    if expected:
        assert sys.getrefcount(None) > driver_guard.IMMORTAL_MARGIN // 2
