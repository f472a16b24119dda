"""The job queue: enqueue, claim, finish, retry with exponential backoff (no FastAPI; flush only).

Handlers run inside the transaction that also marks their job done, so a job's database effects and
its completion commit together; a crash before that commit leaves the job to the next worker once
the lease has run out.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from shared.ids import uuid7
from syncserver.config import Settings
from syncserver.context import ServerContext
from syncserver.models.job import Job, JobStatus
from syncserver.worker.repository import JobRepository


@dataclass(frozen=True, slots=True)
class Retry:
    """A handler's answer "not now": its changes commit, the job runs again after the backoff."""

    reason: str


@dataclass(frozen=True, slots=True)
class JobContext:
    session: Session
    ctx: ServerContext
    job: Job
    now: datetime

    @property
    def payload(self) -> dict[str, Any]:
        return self.job.payload


Handler = Callable[[JobContext], Retry | None]


@dataclass(frozen=True, slots=True)
class PeriodicJob:
    kind: str
    interval_seconds: int


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    max_attempts: int = 5
    base_seconds: int = 30
    max_seconds: int = 3600
    lease_seconds: int = 300

    @classmethod
    def from_settings(cls, settings: Settings) -> RetryPolicy:
        return cls(
            max_attempts=settings.job_max_attempts,
            base_seconds=settings.job_backoff_base_seconds,
            max_seconds=settings.job_backoff_max_seconds,
            lease_seconds=settings.job_lease_seconds,
        )

    def delay(self, attempts: int) -> timedelta:
        """Exponential backoff after ``attempts`` tries: base, 2*base, 4*base ... capped."""
        seconds = self.base_seconds * 2 ** max(attempts - 1, 0)
        return timedelta(seconds=min(seconds, self.max_seconds))


@dataclass
class JobRegistry:
    handlers: Mapping[str, Handler] = field(default_factory=dict)
    periodic: tuple[PeriodicJob, ...] = ()


class JobQueue:
    """Queue operations in the caller's session (flush only)."""

    def __init__(self, session: Session, policy: RetryPolicy) -> None:
        self.session = session
        self.repo = JobRepository(session)
        self.policy = policy

    def enqueue(
        self,
        kind: str,
        now: datetime,
        *,
        ref: str | None = None,
        payload: dict[str, Any] | None = None,
        delay: timedelta = timedelta(0),
        dedupe: bool = True,
    ) -> Job:
        """Add a job (or return the open one of the same kind and ref when ``dedupe``)."""
        if dedupe and ref is not None and (existing := self.repo.open_job(kind, ref)) is not None:
            return existing
        job = Job(
            id=uuid7(),
            kind=kind,
            ref=ref,
            payload=payload or {},
            status=JobStatus.QUEUED.value,
            attempts=0,
            max_attempts=self.policy.max_attempts,
            run_after=now + delay,
            created_at=now,
            updated_at=now,
        )
        return self.repo.add(job)

    def ensure_periodic(self, periodic: PeriodicJob, now: datetime) -> bool:
        """Create the periodic job's single row if it does not exist yet (first run: now)."""
        job = Job(
            id=uuid7(),
            kind=periodic.kind,
            payload={},
            status=JobStatus.QUEUED.value,
            attempts=0,
            max_attempts=self.policy.max_attempts,
            run_after=now,
            singleton_key=periodic.kind,
            interval_seconds=periodic.interval_seconds,
            created_at=now,
            updated_at=now,
        )
        return self.repo.add_singleton(job)

    def claim(self, now: datetime, owner: str) -> Job | None:
        return self.repo.claim(now, owner, timedelta(seconds=self.policy.lease_seconds))

    def held(self, job_id: uuid.UUID, owner: str) -> Job | None:
        return self.repo.held(job_id, owner)

    def _release(self, job: Job, now: datetime) -> None:
        job.lease_owner = None
        job.lease_expires_at = None
        job.updated_at = now

    def complete(self, job: Job, now: datetime) -> None:
        """Done; a periodic job is rescheduled one interval later with a fresh attempt budget."""
        self._release(job, now)
        job.last_error = None
        if job.interval_seconds:
            job.status = JobStatus.QUEUED.value
            job.attempts = 0
            job.run_after = now + timedelta(seconds=job.interval_seconds)
        else:
            job.status = JobStatus.DONE.value
            job.finished_at = now
        self.session.flush()

    def retry(self, job: Job, now: datetime, reason: str) -> None:
        """Back off and queue again, or give up (DEAD) when the attempts are used up."""
        self._release(job, now)
        job.last_error = reason[:64]
        if job.attempts >= job.max_attempts and not job.interval_seconds:
            job.status = JobStatus.DEAD.value
            job.finished_at = now
        else:
            job.status = JobStatus.QUEUED.value
            job.run_after = now + self.policy.delay(job.attempts)
        self.session.flush()

    def abandon_exhausted(self, job: Job, now: datetime) -> None:
        """A job that crashed its worker on every attempt: stop trying (DEAD)."""
        self._release(job, now)
        job.status = JobStatus.DEAD.value
        job.last_error = job.last_error or "lease_expired"
        job.finished_at = now
        self.session.flush()
