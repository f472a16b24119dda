"""FastAPI dependencies for the process-wide context and the caller's network identity."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from syncserver.context import ServerContext


def get_context(request: Request) -> ServerContext:
    ctx: ServerContext = request.app.state.ctx
    return ctx


ContextDep = Annotated[ServerContext, Depends(get_context)]


def get_client_ip_hmac(request: Request, ctx: ContextDep) -> str:
    """HMAC of the peer address (never the address itself). Behind a proxy, run uvicorn with --proxy-headers."""
    host = request.client.host if request.client else "unknown"
    return ctx.keys.ip_hmac(host)


ClientIpDep = Annotated[str, Depends(get_client_ip_hmac)]
