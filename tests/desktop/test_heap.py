"""desktop.heap: the collector is held during start-up and exempts what start-up built once released."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import gc
from desktop import heap
heap.release_after_start()  # not held: nothing happens
print(gc.isenabled(), gc.get_freeze_count() == 0)
heap.hold_during_start()
print(gc.isenabled())
kept = [[n] for n in range(1000)]
heap.release_after_start()
print(gc.isenabled(), gc.get_freeze_count() >= len(kept))
heap.release_after_start()  # once only
print(gc.isenabled())
"""


def test_hold_then_release() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "True", "False", "True", "True", "True"]
