"""The job worker: retries with backoff, dead jobs, leases, periodic jobs, SKIP LOCKED claims, the
in-process thread, and a worker process killed with SIGKILL mid-job whose job the next worker takes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi import FastAPI
from sqlalchemy import select

from syncserver.clock import ManualClock
from syncserver.models.job import Job, JobStatus
from syncserver.worker.runner import InProcessWorker, Worker
from syncserver.worker.service import JobContext, JobQueue, JobRegistry, PeriodicJob, Retry, RetryPolicy
from tests.syncserver.intake_support import BLOCKING_KIND
from tests.syncserver.support import ctx_of, db_session

REPO_ROOT = Path(__file__).resolve().parents[2]


def _enqueue(app: FastAPI, kind: str, now: datetime | None = None) -> str:
    ctx = ctx_of(app)
    with db_session(app) as session:
        job = JobQueue(session, RetryPolicy.from_settings(ctx.settings)).enqueue(kind, now or ctx.clock.now())
        return str(job.id)


def _job(app: FastAPI) -> Job:
    with db_session(app) as session:
        return session.scalars(select(Job)).one()


@pytest.fixture
def app(make_app: Callable[..., FastAPI]) -> FastAPI:
    return make_app(worker_in_process=False, job_max_attempts=3, job_backoff_base_seconds=10, job_lease_seconds=60)


class TestRetries:
    def test_success(self, app: FastAPI) -> None:
        ran: list[str] = []
        worker = Worker(ctx_of(app), JobRegistry(handlers={"t": lambda job: ran.append(job.job.kind)}))
        _enqueue(app, "t")
        assert worker.run_until_idle() == 1
        assert ran == ["t"]
        assert (_job(app).status, _job(app).attempts) == (JobStatus.DONE, 1)

    def test_backoff_doubles_then_dead(self, app: FastAPI, clock: ManualClock) -> None:
        worker = Worker(ctx_of(app), JobRegistry(handlers={"t": lambda _job: Retry("busy")}))
        _enqueue(app, "t")
        delays = []
        for _ in range(3):
            assert worker.run_once() is True
            job = _job(app)
            if job.status == JobStatus.DEAD:
                break
            delays.append(job.run_after - clock.now())
            assert worker.run_once() is False  # not due yet
            clock.set(job.run_after)
        assert delays == [timedelta(seconds=10), timedelta(seconds=20)]
        assert (_job(app).status, _job(app).attempts, _job(app).last_error) == (JobStatus.DEAD, 3, "busy")

    def test_exception_rolls_back_and_retries(self, app: FastAPI) -> None:
        def boom(_job: JobContext) -> None:
            raise RuntimeError("handler failed")

        worker = Worker(ctx_of(app), JobRegistry(handlers={"t": boom}))
        _enqueue(app, "t")
        assert worker.run_once() is True
        job = _job(app)
        assert (job.status, job.last_error, job.lease_owner) == (JobStatus.QUEUED, "RuntimeError", None)

    def test_unknown_kind_is_retried_not_lost(self, app: FastAPI) -> None:
        Worker(ctx_of(app), JobRegistry()).run_once()
        _enqueue(app, "unknown")
        Worker(ctx_of(app), JobRegistry()).run_once()
        assert (_job(app).status, _job(app).last_error) == (JobStatus.QUEUED, "no_handler")


class TestLeases:
    def test_abandoned_job_is_taken_over_and_the_old_owner_loses_it(self, app: FastAPI, clock: ManualClock) -> None:
        ctx = ctx_of(app)
        _enqueue(app, "t")
        with db_session(app) as session:
            claimed = JobQueue(session, RetryPolicy.from_settings(ctx.settings)).claim(clock.now(), "crashed")
            assert claimed is not None
        ran: list[int] = []
        rescuer = Worker(ctx, JobRegistry(handlers={"t": lambda job: ran.append(job.job.attempts)}), "rescuer")
        assert rescuer.run_once() is False  # lease still valid
        clock.advance(seconds=61)
        assert rescuer.run_once() is True
        assert ran == [2]
        assert _job(app).status == JobStatus.DONE
        with db_session(app) as session:
            assert JobQueue(session, RetryPolicy()).held(claimed.id, "crashed") is None

    def test_job_crashing_every_worker_ends_dead(self, app: FastAPI, clock: ManualClock) -> None:
        ctx = ctx_of(app)
        _enqueue(app, "t")
        for attempt in range(3):
            with db_session(app) as session:
                queue = JobQueue(session, RetryPolicy.from_settings(ctx.settings))
                assert queue.claim(clock.now(), f"crash-{attempt}") is not None
            clock.advance(seconds=61)
        Worker(ctx, JobRegistry(handlers={"t": lambda _job: None})).run_once()
        assert (_job(app).status, _job(app).last_error) == (JobStatus.DEAD, "lease_expired")

    def test_two_claims_never_get_the_same_job(self, app: FastAPI, clock: ManualClock) -> None:
        for _ in range(2):
            _enqueue(app, "t")
        db = ctx_of(app).db
        first, second = db.sessionmaker(), db.sessionmaker()
        try:
            a = JobQueue(first, RetryPolicy()).claim(clock.now(), "a")
            first.commit()
            b = JobQueue(second, RetryPolicy()).claim(clock.now(), "b")
            second.commit()
            c = JobQueue(second, RetryPolicy()).claim(clock.now(), "c")
            assert a is not None
            assert b is not None
            assert a.id != b.id
            assert c is None
        finally:
            first.close()
            second.close()


class TestPeriodic:
    def test_single_row_rescheduled(self, app: FastAPI, clock: ManualClock) -> None:
        ran: list[datetime] = []
        registry = JobRegistry(handlers={"p": lambda job: ran.append(job.now)}, periodic=(PeriodicJob("p", 3600),))
        worker = Worker(ctx_of(app), registry)
        worker.ensure_periodic()
        worker.ensure_periodic()
        assert worker.run_until_idle() == 1
        job = _job(app)
        assert (job.status, job.run_after) == (JobStatus.QUEUED, clock.now() + timedelta(hours=1))
        clock.advance(hours=1)
        assert worker.run_until_idle() == 1
        assert len(ran) == 2


class TestInProcess:
    def test_thread_processes_jobs_and_stops(self, app: FastAPI) -> None:
        ran: list[str] = []
        ctx = ctx_of(app)
        _enqueue(app, "t")
        runner = InProcessWorker(Worker(ctx, JobRegistry(handlers={"t": lambda job: ran.append("done")})))
        runner.start()
        try:
            deadline = time.monotonic() + 30
            while not ran and time.monotonic() < deadline:
                time.sleep(0.05)
        finally:
            runner.stop()
        assert ran == ["done"]
        assert not runner.thread.is_alive()


class TestKilledWorker:
    def test_sigkill_mid_job_leaves_it_to_the_next_worker(
        self, app: FastAPI, clock: ManualClock, tmp_path: Path
    ) -> None:
        ctx = ctx_of(app)
        _enqueue(app, BLOCKING_KIND, now=datetime.now(UTC) - timedelta(seconds=1))
        marker = tmp_path / "claimed"
        env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.syncserver.intake_support", ctx.db.url, str(marker)], cwd=REPO_ROOT, env=env
        )
        try:
            deadline = time.monotonic() + 60
            while not marker.exists() and time.monotonic() < deadline and child.poll() is None:
                time.sleep(0.05)
            assert marker.exists(), "the worker process never claimed the job"
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait(10)
        assert child.returncode == -signal.SIGKILL
        job = _job(app)
        assert (job.status, job.lease_owner, job.attempts) == (JobStatus.RUNNING, "doomed-worker", 1)
        ran: list[int] = []
        rescuer = Worker(ctx, JobRegistry(handlers={BLOCKING_KIND: lambda j: ran.append(j.job.attempts)}), "next")
        assert job.lease_expires_at is not None
        clock.set(job.lease_expires_at - timedelta(seconds=1))
        assert rescuer.run_once() is False
        clock.set(job.lease_expires_at + timedelta(seconds=1))
        assert rescuer.run_once() is True
        assert ran == [2]
        assert _job(app).status == JobStatus.DONE
