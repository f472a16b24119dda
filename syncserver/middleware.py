"""Pure ASGI middleware: request id (echo a well-formed one, else generate), access log, last-resort 500."""

from __future__ import annotations

import json
import logging
import re
import time
import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from syncserver.requestctx import request_id_var

REQUEST_ID_HEADER = b"x-request-id"
_WELL_FORMED = re.compile(r"^[A-Za-z0-9._\-]{8,128}$")

access_log = logging.getLogger("ltc.access")
error_log = logging.getLogger("ltc.errors")


def _incoming_request_id(scope: Scope) -> str | None:
    for name, value in scope.get("headers", ()):
        if name == REQUEST_ID_HEADER:
            text = value.decode("latin-1")
            return text if _WELL_FORMED.match(text) else None
    return None


class RequestContextMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = _incoming_request_id(scope) or uuid.uuid4().hex
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
            request_id_var.reset(id_token)


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
