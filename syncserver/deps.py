"""FastAPI dependencies: the request-scoped session (owns the transaction), the context, the peer identity."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from syncserver.context import ServerContext
from syncserver.db import Database
from syncserver.failures import RecordedFailure


def get_context(request: Request) -> ServerContext:
    ctx: ServerContext = request.app.state.ctx
    return ctx


ContextDep = Annotated[ServerContext, Depends(get_context)]


def get_client_ip_hmac(request: Request, ctx: ContextDep) -> str:
    """HMAC of the peer address (never the address itself). Behind a proxy, run uvicorn with --proxy-headers."""
    host = request.client.host if request.client else "unknown"
    return ctx.keys.ip_hmac(host)


ClientIpDep = Annotated[str, Depends(get_client_ip_hmac)]


def get_session(request: Request) -> Iterator[Session]:
    """Commit when the endpoint returns, roll back when it raises (commit for :class:`RecordedFailure`)."""
    database: Database = request.app.state.db
    session = database.sessionmaker()
    try:
        yield session
    except RecordedFailure:
        session.commit()
        raise
    except BaseException:
        session.rollback()
        raise
    else:
        session.commit()
    finally:
        session.close()


#: The request-scoped session; exits before the response is sent, so the commit is never racing the client.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
