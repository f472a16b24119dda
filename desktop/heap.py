"""The garbage collector around start-up: held while the app loads, then blind to what start-up built.

Start-up builds about 100,000 long-lived objects (SQLAlchemy, pydantic, Qt wrappers, the main window) and
almost no cyclic garbage. Left alone, the collector walks all of them again in every full (generation 2)
collection: 60-130 ms of frozen GUI each time, at moments nobody chose (one usually lands in the first vehicle
a user opens).

- :func:`hold_during_start`, first thing in ``ltc-desktop``'s GUI path: no collections while the app loads;
- :func:`release_after_start`, once the first window is on screen: everything alive then moves to the
  permanent generation (``gc.freeze``) and collections resume, walking only what was made after start-up.

``release_after_start`` does nothing unless ``hold_during_start`` ran, so code that builds windows inside
another process (tests) leaves that process's collector alone. Trade-off: a frozen object that later ends up
in a reference cycle is never collected; what start-up builds lives as long as the app anyway, and reference
counting still frees everything that is not part of a cycle.
"""

from __future__ import annotations

import gc

_held = False


def hold_during_start() -> None:
    """Stop automatic collections until :func:`release_after_start`."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def release_after_start() -> None:
    """Exempt every object alive now from later collections and resume collecting (once; no-op if not held)."""
    global _held
    if not _held:
        return
    _held = False
    gc.freeze()
    gc.enable()
