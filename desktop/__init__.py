"""LifeTimeCircle Service Heft desktop app (PySide6, offline first)."""

from __future__ import annotations

import sys

__version__ = "0.1.0"

# httpx imports its command-line client (click, pygments, rich) whenever those packages happen to be installed;
# the app never runs it. Marking the module as absent makes httpx define its stub ``main`` instead, which saves
# 20-60 ms of every start. ``setdefault``: a process that imported httpx's CLI already keeps it.
sys.modules.setdefault("httpx._main", None)
