"""Routes of the public QR mini-check (API_CONTRACT.md "Public", D20, D21) and of its token management."""

from __future__ import annotations

import asyncio
import uuid
from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from sqlalchemy.orm import Session

from shared.errors import ErrorCode
from syncserver.access import Actor, Policy, require
from syncserver.context import ServerContext
from syncserver.dbwork import run_db_work
from syncserver.deps import ClientIpDep, ContextDep, SessionDep
from syncserver.public.negotiation import prefers_html
from syncserver.public.schemas import PublicPageOut, PublicTokenOut
from syncserver.public.service import PublicPageService, PublicTokenService, PublicView
from syncserver.public.templates import SECURITY_HEADERS, render_not_found, render_page, render_rate_limited

#: Anyone, signed in or not - except a signed-in moderator (403, D6).
PUBLIC_QR = Policy.public("public_site")
#: Owner, approved org members and admins (object check in the service); moderators 403.
PUBLIC_SHARE_MANAGE = Policy.product("public_share_manage")

router = APIRouter(tags=["public"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    403: {"description": "a signed-in moderator (role_not_allowed)"},
    404: {"description": "unknown, rotated or disabled token (not_found); HTML: the neutral page"},
    429: {"description": "too many requests from this address (rate_limited)"},
}
_MANAGE_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "unauthorized"},
    403: {"description": "consent_required, role_not_allowed (moderator), forbidden (workshop under a grant)"},
    404: {"description": "not_found: no such vehicle, or not yours"},
}


def _page_response(view: PublicView, html: bool) -> Response:
    headers = {**SECURITY_HEADERS, "Vary": "Accept"}
    if view.rate_limited:
        headers["Retry-After"] = str(view.retry_after)
        if html:
            return HTMLResponse(render_rate_limited(), status_code=429, headers=headers)
        return JSONResponse({"detail": ErrorCode.RATE_LIMITED.value}, status_code=429, headers=headers)
    if html:
        page = render_page(view.page)  # rendered on a miss too: the same work either way
        if view.found:
            return HTMLResponse(page, headers=headers)
        return HTMLResponse(render_not_found(), status_code=404, headers=headers)
    if view.found:
        return JSONResponse(view.page, headers=headers)
    return JSONResponse({"detail": ErrorCode.NOT_FOUND.value}, status_code=404, headers=headers)


#: Worker threads the public page runs on at most (per event loop) when its work cannot run inline (PostgreSQL,
#: or a rate-limit sync), apart from the shared pool of 40. Its work is short and commits inside its own hop;
#: on one core, 4 threads served 1.4x the requests of 40 at 0.77x the CPU each, see bench/README.md.
PUBLIC_PAGE_THREADS = 4
_page_limiters: dict[asyncio.AbstractEventLoop, anyio.CapacityLimiter] = {}


def _page_limiter() -> anyio.CapacityLimiter:
    loop = asyncio.get_running_loop()
    limiter = _page_limiters.get(loop)
    if limiter is None:
        for closed in [other for other in _page_limiters if other.is_closed()]:
            del _page_limiters[closed]
        limiter = _page_limiters[loop] = anyio.CapacityLimiter(PUBLIC_PAGE_THREADS)
    return limiter


def _public_page(session: Session, ctx: ServerContext, token: str, client_ip: str, html: bool) -> Response:
    view = PublicPageService(session, ctx).view(token, client_ip)
    session.commit()  # ends the read here: the session teardown then has nothing left to do
    return _page_response(view, html)


@router.get("/public/qr/{public_token}", response_model=PublicPageOut, responses=_ERRORS)
async def public_qr(
    public_token: str,
    request: Request,
    session: SessionDep,
    ctx: ContextDep,
    client_ip: ClientIpDep,
    _actor: Annotated[Actor | None, Depends(require(PUBLIC_QR))],
) -> Response:
    """The public mini-check of one vehicle: JSON, or the HTML page when the client prefers text/html.

    ``async``; the lookup and the rendering run in one ``run_db_work`` call: inline on SQLite (the anonymous
    caller's dependencies resolve on the event loop too, so the page costs no thread hop), on a worker
    thread of the page's own limiter on PostgreSQL or when the rate limiter's counters are due for a sync.
    """
    html = prefers_html(request.headers.get("accept"))
    return await run_db_work(
        ctx.db, session, _public_page, session, ctx, public_token, client_ip, html, limiter=_page_limiter()
    )


@router.get("/vehicles/{vehicle_id}/public-token", response_model=PublicTokenOut, responses=_MANAGE_ERRORS)
def public_token_status(
    vehicle_id: uuid.UUID,
    session: SessionDep,
    ctx: ContextDep,
    actor: Annotated[Actor, Depends(require(PUBLIC_SHARE_MANAGE))],
) -> Any:
    """Whether the vehicle's public page is enabled, its current token and when that last changed."""
    return PublicTokenService(session, ctx).status(actor, vehicle_id)


@router.post("/vehicles/{vehicle_id}/public-token/rotate", response_model=PublicTokenOut, responses=_MANAGE_ERRORS)
def rotate_public_token(
    vehicle_id: uuid.UUID,
    session: SessionDep,
    ctx: ContextDep,
    actor: Annotated[Actor, Depends(require(PUBLIC_SHARE_MANAGE))],
) -> Any:
    """Issue a new public token: the old link stops working at once; enables a disabled page."""
    return PublicTokenService(session, ctx).rotate(actor, vehicle_id)


@router.post("/vehicles/{vehicle_id}/public-token/disable", response_model=PublicTokenOut, responses=_MANAGE_ERRORS)
def disable_public_token(
    vehicle_id: uuid.UUID,
    session: SessionDep,
    ctx: ContextDep,
    actor: Annotated[Actor, Depends(require(PUBLIC_SHARE_MANAGE))],
) -> Any:
    """Disable the vehicle's public page (its link then answers with the neutral 404)."""
    return PublicTokenService(session, ctx).disable(actor, vehicle_id)
