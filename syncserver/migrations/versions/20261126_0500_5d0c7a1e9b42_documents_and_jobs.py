"""documents and background jobs

Revision ID: 5d0c7a1e9b42
Revises: 062930b0c85f
Create Date: 2026-11-26 05:00:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5d0c7a1e9b42"
down_revision: str | Sequence[str] | None = "062930b0c85f"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _ts(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _fk(column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    name = f"fk_documents_{column}_{target}"
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=op.f(name), ondelete=ondelete)


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("owner_user_id", sa.Uuid(), nullable=False),
        sa.Column("vehicle_id", sa.Uuid(), nullable=True),
        sa.Column("entry_id", sa.Uuid(), nullable=True),
        sa.Column("trust_folder_id", sa.Uuid(), nullable=True),
        sa.Column("replaces_document_id", sa.Uuid(), nullable=True),
        sa.Column("filename", sa.String(180), nullable=True),
        sa.Column("content_type", sa.String(32), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("checksum_sha256", sa.String(64), nullable=True),
        sa.Column("storage_key", sa.String(32), nullable=True),
        sa.Column("storage_area", sa.String(16), nullable=True),
        sa.Column("approval_status", sa.String(16), nullable=False),
        sa.Column("scan_status", sa.String(16), nullable=False),
        sa.Column("pii_status", sa.String(16), nullable=False),
        sa.Column("scan_detail", sa.String(64), nullable=True),
        _ts("scanned_at", nullable=True),
        _ts("pii_checked_at", nullable=True),
        sa.Column("approved_by_user_id", sa.Uuid(), nullable=True),
        _ts("approved_at", nullable=True),
        sa.Column("rejected_by_user_id", sa.Uuid(), nullable=True),
        _ts("rejected_at", nullable=True),
        sa.Column("reject_reason", sa.String(500), nullable=True),
        sa.Column("pii_marked_by_user_id", sa.Uuid(), nullable=True),
        _ts("pii_marked_at", nullable=True),
        sa.Column("pii_note", sa.String(500), nullable=True),
        sa.Column("pii_override_by_user_id", sa.Uuid(), nullable=True),
        _ts("pii_override_at", nullable=True),
        sa.Column("replaced_by_document_id", sa.Uuid(), nullable=True),
        _ts("deleted_at", nullable=True),
        sa.Column("deleted_reason", sa.String(32), nullable=True),
        _ts("created_at"),
        _ts("updated_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
        _fk("owner_user_id", "users", "RESTRICT"),
        _fk("vehicle_id", "vehicles", "RESTRICT"),
        _fk("entry_id", "vehicle_entries", "RESTRICT"),
        _fk("trust_folder_id", "trust_folders", "SET NULL"),
    )
    op.create_index("ix_documents_owner_user_id", "documents", ["owner_user_id"])
    op.create_index("ix_documents_vehicle_id", "documents", ["vehicle_id"])
    op.create_index("ix_documents_entry_id", "documents", ["entry_id"])
    op.create_index("ix_documents_approval_status_created_at", "documents", ["approval_status", "created_at"])

    op.create_table(
        "jobs",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("ref", sa.String(64), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("max_attempts", sa.Integer(), nullable=False),
        _ts("run_after"),
        _ts("lease_expires_at", nullable=True),
        sa.Column("lease_owner", sa.String(96), nullable=True),
        sa.Column("last_error", sa.String(64), nullable=True),
        _ts("finished_at", nullable=True),
        sa.Column("singleton_key", sa.String(64), nullable=True),
        sa.Column("interval_seconds", sa.Integer(), nullable=True),
        _ts("created_at"),
        _ts("updated_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_jobs")),
        sa.UniqueConstraint("singleton_key", name=op.f("uq_jobs_singleton_key")),
    )
    op.create_index("ix_jobs_status_run_after", "jobs", ["status", "run_after"])
    op.create_index("ix_jobs_kind_ref", "jobs", ["kind", "ref"])


def downgrade() -> None:
    op.drop_index("ix_jobs_kind_ref", table_name="jobs")
    op.drop_index("ix_jobs_status_run_after", table_name="jobs")
    op.drop_table("jobs")
    op.drop_index("ix_documents_approval_status_created_at", table_name="documents")
    op.drop_index("ix_documents_entry_id", table_name="documents")
    op.drop_index("ix_documents_vehicle_id", table_name="documents")
    op.drop_index("ix_documents_owner_user_id", table_name="documents")
    op.drop_table("documents")
