"""Per-request context readable from any layer (set by the request-id middleware; no FastAPI here)."""

from __future__ import annotations

from contextvars import ContextVar

request_id_var: ContextVar[str | None] = ContextVar("ltc_request_id", default=None)


def current_request_id() -> str | None:
    return request_id_var.get()
