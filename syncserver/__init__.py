"""LifeTimeCircle sync server: the single authority (FastAPI)."""

from __future__ import annotations

__version__ = "0.1.0"
