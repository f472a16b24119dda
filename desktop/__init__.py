"""LifeTimeCircle Service Heft desktop app (PySide6, offline first)."""

from __future__ import annotations

__version__ = "0.1.0"
