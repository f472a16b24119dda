"""All SQL of the job table. Claiming is atomic on both backends: PostgreSQL locks the candidate row
with ``SELECT ... FOR UPDATE SKIP LOCKED``; SQLite (one writer at a time) uses a conditional UPDATE
whose row count tells whether this worker won the row."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from syncserver.models.job import Job, JobStatus

_CLAIM_CANDIDATES = 5


def _claimable(now: datetime) -> ColumnElement[bool]:
    queued = and_(Job.status == JobStatus.QUEUED.value, Job.run_after <= now)
    abandoned = and_(Job.status == JobStatus.RUNNING.value, Job.lease_expires_at < now)
    return or_(queued, abandoned)


class JobRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, job: Job) -> Job:
        self.session.add(job)
        self.session.flush()
        return job

    def add_singleton(self, job: Job) -> bool:
        """Insert a periodic job unless its ``singleton_key`` exists already (race-safe)."""
        if self.session.scalar(select(Job.id).where(Job.singleton_key == job.singleton_key)) is not None:
            return False
        try:
            with self.session.begin_nested():
                self.session.add(job)
                self.session.flush()
        except IntegrityError:
            return False
        return True

    def get(self, job_id: uuid.UUID) -> Job | None:
        return self.session.get(Job, job_id)

    def claim(self, now: datetime, owner: str, lease: timedelta) -> Job | None:
        """Take the next due (or abandoned) job: status running, lease set, attempts + 1."""
        postgres = self.session.get_bind().dialect.name == "postgresql"
        stmt = select(Job.id).where(_claimable(now)).order_by(Job.run_after, Job.created_at).limit(_CLAIM_CANDIDATES)
        if postgres:
            stmt = stmt.limit(1).with_for_update(skip_locked=True)
        for job_id in self.session.scalars(stmt).all():
            claimed = self.session.execute(
                update(Job)
                .where(Job.id == job_id, _claimable(now))
                .values(
                    status=JobStatus.RUNNING.value,
                    lease_owner=owner,
                    lease_expires_at=now + lease,
                    attempts=Job.attempts + 1,
                    updated_at=now,
                )
                .execution_options(synchronize_session=False)
            )
            if getattr(claimed, "rowcount", 0) == 1:
                self.session.flush()
                job = self.session.get(Job, job_id, populate_existing=True)
                return job
        return None

    def held(self, job_id: uuid.UUID, owner: str) -> Job | None:
        """The job if this worker still holds its lease (another worker may have taken it over)."""
        stmt = select(Job).where(Job.id == job_id, Job.lease_owner == owner, Job.status == JobStatus.RUNNING.value)
        return self.session.scalars(stmt.execution_options(populate_existing=True)).first()

    def open_job(self, kind: str, ref: str) -> Job | None:
        """A queued or running job of ``kind`` for ``ref`` (to avoid duplicate enqueues)."""
        stmt = select(Job).where(
            Job.kind == kind, Job.ref == ref, Job.status.in_([JobStatus.QUEUED.value, JobStatus.RUNNING.value])
        )
        return self.session.scalars(stmt).first()

    def counts(self) -> dict[str, int]:
        rows = self.session.execute(select(Job.status, func.count()).group_by(Job.status)).all()
        return {str(status): int(count) for status, count in rows}

    def list(self, kind: str | None = None) -> Sequence[Job]:
        stmt = select(Job).order_by(Job.created_at)
        if kind is not None:
            stmt = stmt.where(Job.kind == kind)
        return self.session.scalars(stmt).all()
