"""Background jobs (intake scan, PII check, retention): a table every worker process shares.

A claimed job carries a lease (``lease_expires_at``, ``lease_owner``); a worker that dies mid-job
leaves a running job whose lease runs out, and the next worker claims it again. Periodic jobs keep
one row (``singleton_key``) that reschedules itself every ``interval_seconds``.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from syncserver.models.base import Base, Timestamps, UUIDPrimaryKey


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    DEAD = "dead"  # attempts exhausted


class Job(UUIDPrimaryKey, Timestamps, Base):
    __tablename__ = "jobs"

    kind: Mapped[str] = mapped_column(String(64), nullable=False)
    ref: Mapped[str | None] = mapped_column(String(64), nullable=True)  # e.g. the document id
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default=JobStatus.QUEUED.value)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    max_attempts: Mapped[int] = mapped_column(Integer, nullable=False)
    run_after: Mapped[datetime] = mapped_column(nullable=False)
    lease_expires_at: Mapped[datetime | None] = mapped_column(nullable=True)
    lease_owner: Mapped[str | None] = mapped_column(String(96), nullable=True)
    last_error: Mapped[str | None] = mapped_column(String(64), nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(nullable=True)
    singleton_key: Mapped[str | None] = mapped_column(String(64), nullable=True, unique=True)
    interval_seconds: Mapped[int | None] = mapped_column(Integer, nullable=True)

    __table_args__ = (
        Index("ix_jobs_status_run_after", "status", "run_after"),
        Index("ix_jobs_kind_ref", "kind", "ref"),
    )
