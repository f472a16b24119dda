"""Pure ASGI middleware: request id (echo a well-formed one, else generate), access log, last-resort 500,
and the admission gate that keeps the worker-thread pool from deadlocking (see :class:`AdmissionGate`)."""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import os
import re
import time

import anyio.to_thread
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from syncserver.requestctx import request_id_var

REQUEST_ID_HEADER = b"x-request-id"
_WELL_FORMED = re.compile(r"^[A-Za-z0-9._\-]{8,128}$")

#: Generated request ids: a random per-process prefix plus a counter (unique, and no urandom call per request).
_ID_PREFIX = os.urandom(8).hex()
_id_counter = itertools.count(1)

access_log = logging.getLogger("ltc.access")
error_log = logging.getLogger("ltc.errors")


def _incoming_request_id(scope: Scope) -> str | None:
    for name, value in scope.get("headers", ()):
        if name == REQUEST_ID_HEADER:
            text = value.decode("latin-1")
            return text if _WELL_FORMED.match(text) else None
    return None


class AdmissionGate:
    """At most as many requests inside the app as the worker-thread pool has threads; the rest queue here.

    Sync endpoints and dependencies run on anyio's worker threads (40 by default). A request holding the
    SQLite write lock (or a PostgreSQL row lock) releases it only when its session commits, after the
    endpoint returned and FastAPI validated the response on *another* worker thread. If every thread is
    taken by requests blocked on that lock, the holder never gets its thread: a deadlock until the busy
    timeout, seen as 500 "database is locked" under 50 concurrent logins. Each admitted request uses at
    most one worker thread at a time (session teardown runs outside the pool's limit), so admitting no
    more requests than there are threads leaves the holder a thread. Waiting here costs no thread.
    """

    def __init__(self, capacity: int | None = None) -> None:
        self._capacity = capacity
        self._semaphores: dict[asyncio.AbstractEventLoop, asyncio.Semaphore] = {}

    @property
    def semaphore(self) -> asyncio.Semaphore:
        """The running loop's semaphore (one loop per server process; test clients may run several)."""
        loop = asyncio.get_running_loop()
        semaphore = self._semaphores.get(loop)
        if semaphore is None:  # created in the loop, where the thread pool's size is known
            capacity = self._capacity or int(anyio.to_thread.current_default_thread_limiter().total_tokens)
            for closed in [other for other in self._semaphores if other.is_closed()]:
                del self._semaphores[closed]
            semaphore = self._semaphores[loop] = asyncio.Semaphore(capacity)
        return semaphore


class RequestContextMiddleware:
    def __init__(self, app: ASGIApp, gate: AdmissionGate | None = None) -> None:
        self.app = app
        self.gate = gate or AdmissionGate()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = _incoming_request_id(scope) or f"{_ID_PREFIX}{next(_id_counter):016x}"
        id_token = request_id_var.set(request_id)
        state = scope.setdefault("state", {})
        started = time.perf_counter()
        status = 500
        response_started = False

        async def send_with_id(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                response_started = True
                status = message["status"]
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != REQUEST_ID_HEADER]
                headers.append((REQUEST_ID_HEADER, request_id.encode("latin-1")))
                message = {**message, "headers": headers}
            await send(message)

        try:
            async with self.gate.semaphore:
                await self.app(scope, receive, send_with_id)
        except Exception:
            error_log.exception("unhandled_exception", extra={"event_type": "server_error", "request_id": request_id})
            if not response_started:
                body = json.dumps({"detail": "internal_error"}).encode()
                await send_with_id(
                    {
                        "type": "http.response.start",
                        "status": 500,
                        "headers": [
                            (b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()),
                        ],
                    }
                )
                await send_with_id({"type": "http.response.body", "body": body})
        finally:
            if access_log.isEnabledFor(logging.INFO):
                _log_request(scope, state, status, started, request_id)
            request_id_var.reset(id_token)


def _log_request(scope: Scope, state: dict[str, object], status: int, started: float, request_id: str) -> None:
    """One access-log line: route template, status, latency, role category - never the concrete path."""
    access_log.info(
        "request",
        extra={
            "event_type": _event_type(status),
            "status_code": status,
            "route_template": route_template(scope),
            "method": scope.get("method"),
            "latency_ms": round((time.perf_counter() - started) * 1000, 2),
            "request_id": request_id,
            "role_category": state.get("role_category", "public"),
        },
    )


def route_template(scope: Scope) -> str:
    """The matched route's path template (never the concrete path: it may carry tokens)."""
    route = scope.get("route")
    template = getattr(route, "path", None)
    if not isinstance(template, str):
        return "unmatched"
    path = str(scope.get("path", ""))
    if path.startswith("/api/") and not template.startswith("/api/"):
        return "/api" + template
    return template


def _event_type(status: int) -> str:
    """The central status -> security event mapping (SPEC §13.2)."""
    if status == 401:
        return "auth_unauthorized"
    if status == 403:
        return "rbac_forbidden"
    if status == 429:
        return "rate_limited"
    if status >= 500:
        return "server_error"
    return "request"
