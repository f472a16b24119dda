"""FastAPI dependencies: the request-scoped session (owns the transaction), the context, the peer identity.

All three are ``async`` so that resolving them costs no worker-thread hop (none does blocking I/O:
creating a session opens no connection). Only the session's teardown may do I/O; it runs on a worker
thread outside the endpoint pool's limit, and not at all when the request left nothing to finish.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

import anyio
import anyio.to_thread
from fastapi import Depends, Request
from sqlalchemy.orm import Session

from syncserver.context import ServerContext
from syncserver.db import Database
from syncserver.failures import RecordedFailure


async def get_context(request: Request) -> ServerContext:
    ctx: ServerContext = request.app.state.ctx
    return ctx


ContextDep = Annotated[ServerContext, Depends(get_context)]


async def get_client_ip_hmac(request: Request, ctx: ContextDep) -> str:
    """HMAC of the peer address (never the address itself). Behind a proxy, run uvicorn with --proxy-headers."""
    host = request.client.host if request.client else "unknown"
    return ctx.keys.ip_hmac(host)


ClientIpDep = Annotated[str, Depends(get_client_ip_hmac)]


def _has_work(session: Session) -> bool:
    return session.in_transaction() or bool(session.new or session.dirty or session.deleted)


def _finish(session: Session, commit: bool) -> None:
    try:
        if commit:
            session.commit()
        else:
            session.rollback()
    finally:
        session.close()


async def _end(session: Session, commit: bool) -> None:
    """Commit or roll back on a worker thread with its own limiter (never queued behind the endpoints)."""
    if not _has_work(session):
        session.close()  # nothing begun: no connection to give back, no I/O
        return
    with anyio.CancelScope(shield=True):
        await anyio.to_thread.run_sync(_finish, session, commit, limiter=anyio.CapacityLimiter(1))


async def get_session(request: Request) -> AsyncIterator[Session]:
    """Commit when the endpoint returns, roll back when it raises (commit for :class:`RecordedFailure`)."""
    database: Database = request.app.state.db
    session = database.sessionmaker()
    try:
        yield session
    except RecordedFailure:
        await _end(session, commit=True)
        raise
    except BaseException:
        await _end(session, commit=False)
        raise
    else:
        await _end(session, commit=True)


#: The request-scoped session; exits before the response is sent, so the commit is never racing the client.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
