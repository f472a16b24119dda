"""The app factory: routers at ``/`` and ``/api``, one error handler set, request-id middleware, policy check."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI

from shared.permissions import API_MIRROR_PREFIX
from syncserver import __version__
from syncserver.access import registry
from syncserver.addons.endpoints import folders_router
from syncserver.addons.endpoints import router as addons_router
from syncserver.admin.bulk import router as admin_bulk_router
from syncserver.admin.endpoints import router as admin_router
from syncserver.admin.reveal import router as admin_reveal_router
from syncserver.audit.endpoints import router as audit_router
from syncserver.auth.endpoints import router as auth_router
from syncserver.clock import Clock, SystemClock
from syncserver.config import Settings, get_settings
from syncserver.consent.endpoints import router as consent_router
from syncserver.context import ServerContext
from syncserver.db import Database
from syncserver.documents.endpoints import router as documents_router
from syncserver.entries.endpoints import router as entries_router
from syncserver.errors import install as install_error_handlers
from syncserver.governance.endpoints import router as governance_router
from syncserver.health import router as health_router
from syncserver.logs import configure_logging
from syncserver.mail import Mailer, build_mailer
from syncserver.middleware import RequestContextMiddleware
from syncserver.public.endpoints import router as public_router
from syncserver.security import Keys
from syncserver.sync import capture
from syncserver.sync.endpoints import router as sync_router
from syncserver.trust.endpoints import router as trust_router
from syncserver.vehicles.endpoints import collections_router
from syncserver.vehicles.endpoints import router as vehicles_router
from syncserver.workshop.endpoints import router as workshop_router

#: Every router of the server, in mount order. New domains append theirs here. A request is matched against the
#: routes in this order (about a dozen calls per route passed over), so the hot paths come first: the public
#: page and /auth/me; all plain routes precede the /api mirror.
ROUTERS: list[APIRouter] = [public_router, auth_router, health_router, consent_router]
ROUTERS += [vehicles_router, collections_router, entries_router, trust_router, workshop_router]
ROUTERS += [addons_router, folders_router]
ROUTERS += [admin_router, governance_router, audit_router]
ROUTERS += [documents_router]
ROUTERS += [admin_reveal_router, admin_bulk_router]
ROUTERS += [sync_router]


def create_app(
    settings: Settings | None = None,
    *,
    clock: Clock | None = None,
    mailer: Mailer | None = None,
    database: Database | None = None,
    extra_routers: Sequence[APIRouter] = (),
    configure_logs: bool = False,
    freeze_heap: bool = False,
) -> FastAPI:
    """Build the ASGI app. The schema must already exist (``ltc-server migrate``).

    ``database`` lets tests share one engine across apps; an app that creates its own engine disposes
    it on shutdown. Raises ``RuntimeError`` when a route lacks a policy.
    """
    settings = settings or get_settings()
    capture.install()  # record every change of a synced record in the change log (REST, push, worker)
    if configure_logs:
        configure_logging(settings.log_level)
    owns_db = database is None
    db = database or Database(settings.resolved_database_url)
    ctx = ServerContext(
        settings=settings,
        clock=clock or SystemClock(),
        keys=Keys(settings.secret),
        mailer=mailer or build_mailer(settings),
        db=db,
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if freeze_heap:
            # What start-up loaded (modules, models, schemas, routes: ~150,000 objects) lives as long as the
            # process: out of the cyclic collector's reach, a full collection no longer walks it (measured: ~1/3
            # of a push's CPU). Only for a served process: in a test process, apps that come and go would be
            # frozen with their reference cycles and never collected.
            gc.freeze()
        yield
        if owns_db:
            db.dispose()

    docs = not settings.is_production
    app = FastAPI(
        title="LifeTimeCircle Service Heft sync server",
        version=__version__,
        lifespan=lifespan,
        docs_url="/docs" if docs else None,
        redoc_url=None,
        openapi_url="/openapi.json" if docs else None,
        # No OpenTelemetry export is configured; off, FastAPI skips its per-request provider lookups.
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.state.ctx = ctx
    app.state.db = db
    app.state.settings = settings
    install_error_handlers(app)
    app.add_middleware(RequestContextMiddleware)
    routers = [*ROUTERS, *extra_routers]
    for router in routers:
        app.include_router(router)
    for router in routers:
        app.include_router(router, prefix=API_MIRROR_PREFIX)
    app.state.route_policies = registry.verify(app.router.routes)
    return app


def create_served_app() -> FastAPI:
    """The uvicorn factory of ``ltc-server serve``: the app from the environment's settings, its start-up heap
    frozen out of the cyclic garbage collector (one app per process, living as long as the process)."""
    return create_app(freeze_heap=True)
