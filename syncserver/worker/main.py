"""Worker entry points: ``run_worker(settings, stop_event)`` for ``ltc-server worker`` (separate processes
when scaled) and :func:`start_in_process` for the embedded default."""

from __future__ import annotations

import threading

from syncserver.clock import Clock, SystemClock
from syncserver.config import Settings
from syncserver.context import ServerContext
from syncserver.db import Database
from syncserver.documents.jobs import build_registry
from syncserver.mail import build_mailer
from syncserver.security import Keys
from syncserver.sync import capture
from syncserver.worker.runner import InProcessWorker, Worker


def build_worker(ctx: ServerContext, worker_id: str | None = None) -> Worker:
    return Worker(ctx, build_registry(ctx), worker_id)


def run_worker(settings: Settings, stop_event: threading.Event, *, clock: Clock | None = None) -> None:
    """Process jobs until ``stop_event`` is set (blocking). Owns its own database engine."""
    capture.install()  # status changes made by jobs must reach the sync change log
    db = Database(settings.resolved_database_url)
    ctx = ServerContext(
        settings=settings,
        clock=clock or SystemClock(),
        keys=Keys(settings.secret),
        mailer=build_mailer(settings),
        db=db,
    )
    try:
        build_worker(ctx).run(stop_event)
    finally:
        db.dispose()


def start_in_process(ctx: ServerContext) -> InProcessWorker:
    """Start the worker loop on a thread of this process (stop it with ``.stop()``)."""
    worker = InProcessWorker(build_worker(ctx))
    worker.start()
    return worker
