"""The worker loop: claim a job, run its handler, finish or back off. ``run_worker(settings, stop_event)``
is the separate-process entry point (``ltc-server worker``); :class:`InProcessWorker` runs the same loop
in a thread of the server process (embedded default)."""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid

from sqlalchemy.orm import Session

from syncserver.context import ServerContext
from syncserver.worker.service import JobContext, JobQueue, JobRegistry, RetryPolicy

log = logging.getLogger("ltc.worker")


class Worker:
    """One worker identity; ``run_once`` is synchronous and safe to call from tests."""

    def __init__(self, ctx: ServerContext, registry: JobRegistry, worker_id: str | None = None) -> None:
        self.ctx = ctx
        self.registry = registry
        self.policy = RetryPolicy.from_settings(ctx.settings)
        self.worker_id = worker_id or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"

    def _session(self) -> Session:
        return self.ctx.db.sessionmaker()

    def ensure_periodic(self) -> None:
        with self._session() as session:
            queue = JobQueue(session, self.policy)
            for periodic in self.registry.periodic:
                queue.ensure_periodic(periodic, self.ctx.clock.now())
            session.commit()

    def _claim(self) -> tuple[uuid.UUID, str] | None:
        with self._session() as session:
            queue = JobQueue(session, self.policy)
            now = self.ctx.clock.now()
            while (job := queue.claim(now, self.worker_id)) is not None:
                if job.attempts > job.max_attempts and not job.interval_seconds:
                    queue.abandon_exhausted(job, now)
                    session.commit()
                    log.warning("job_dead", extra={"event_type": "job_dead", "error": job.kind})
                    continue
                session.commit()
                return job.id, job.kind
        return None

    def run_once(self) -> bool:
        """Run at most one due job; True when one was claimed."""
        claimed = self._claim()
        if claimed is None:
            return False
        job_id, kind = claimed
        handler = self.registry.handlers.get(kind)
        session = self._session()
        try:
            queue = JobQueue(session, self.policy)
            job = queue.held(job_id, self.worker_id)
            if job is None:  # the lease ran out and another worker took it over
                return True
            now = self.ctx.clock.now()
            if handler is None:
                queue.retry(job, now, "no_handler")
                session.commit()
                return True
            outcome = handler(JobContext(session, self.ctx, job, now))
            if outcome is None:
                queue.complete(job, now)
            else:
                queue.retry(job, now, outcome.reason)
            session.commit()
        except Exception as exc:
            session.rollback()
            log.exception("job_failed", extra={"event_type": "job_failed", "error": type(exc).__name__})
            self._record_failure(job_id, type(exc).__name__)
        finally:
            session.close()
        return True

    def _record_failure(self, job_id: uuid.UUID, reason: str) -> None:
        with self._session() as session:
            queue = JobQueue(session, self.policy)
            job = queue.held(job_id, self.worker_id)
            if job is not None:
                queue.retry(job, self.ctx.clock.now(), reason)
                session.commit()

    def run_until_idle(self, max_jobs: int = 1000) -> int:
        """Run due jobs until none is left (tests, benchmarks); returns how many ran."""
        count = 0
        while count < max_jobs and self.run_once():
            count += 1
        return count

    def run(self, stop_event: threading.Event) -> None:
        """Loop until ``stop_event`` is set; sleeps ``worker_poll_seconds`` when idle."""
        poll = self.ctx.settings.worker_poll_seconds
        periodic_done = False
        while not stop_event.is_set():
            try:
                if not periodic_done:
                    self.ensure_periodic()
                    periodic_done = True
                busy = self.run_once()
            except Exception as exc:  # database down and the like: keep the worker alive
                log.exception(
                    "worker_loop_error", extra={"event_type": "worker_loop_error", "error": type(exc).__name__}
                )
                busy = False
            if not busy:
                stop_event.wait(poll)


class InProcessWorker:
    """The worker loop on a daemon thread of the server process (embedded default)."""

    def __init__(self, worker: Worker) -> None:
        self.worker = worker
        self.stop_event = threading.Event()
        self.thread = threading.Thread(target=worker.run, args=(self.stop_event,), name="ltc-worker", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        self.stop_event.set()
        if self.thread.is_alive():
            self.thread.join(timeout)
