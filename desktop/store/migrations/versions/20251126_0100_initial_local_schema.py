"""Initial local schema: vehicles, entries, documents, trust summaries, outbox, sync state, sync problems.

Revision ID: 20251126_0100
Revises:
Create Date: 2025-11-26 01:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from desktop.store.models import UtcDateTime

revision: str = "20251126_0100"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def _record_columns() -> list[sa.Column[object]]:
    """Columns of IdMixin + TimestampMixin + SyncedMixin, in the models' order."""
    return [
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.Column("server_version", sa.BigInteger(), nullable=True),
        sa.Column("dirty", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("deleted_at", UtcDateTime(), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "vehicles",
        *_record_columns(),
        sa.Column("owner_user_id", sa.String(36), nullable=True),
        sa.Column("org_id", sa.String(36), nullable=True),
        sa.Column("vin", sa.String(17), nullable=True),
        sa.Column("vin_masked", sa.String(32), nullable=False),
        sa.Column("nickname", sa.String(255), nullable=True),
        sa.Column("meta", sa.JSON(), nullable=False),
        sa.Column("public_token_active", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vehicles")),
    )
    op.create_table(
        "entries",
        *_record_columns(),
        sa.Column("vehicle_id", sa.String(36), nullable=False),
        sa.Column("entry_group_id", sa.String(36), nullable=False),
        sa.Column("supersedes_entry_id", sa.String(36), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("is_latest", sa.Boolean(), nullable=False),
        sa.Column("date", sa.String(10), nullable=False),
        sa.Column("type", sa.String(64), nullable=False),
        sa.Column("performed_by", sa.String(64), nullable=False),
        sa.Column("km", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("cost_amount", sa.BigInteger(), nullable=True),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("trust_level", sa.String(2), nullable=True),
        sa.Column("author_user_id", sa.String(36), nullable=True),
        sa.Column("author_org_id", sa.String(36), nullable=True),
        sa.CheckConstraint("version >= 1", name=op.f("ck_entries_version_positive")),
        sa.CheckConstraint("km >= 0", name=op.f("ck_entries_km_not_negative")),
        sa.CheckConstraint("cost_amount IS NULL OR cost_amount >= 0", name=op.f("ck_entries_cost_not_negative")),
        sa.ForeignKeyConstraint(
            ["vehicle_id"], ["vehicles.id"], name=op.f("fk_entries_vehicle_id_vehicles"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["supersedes_entry_id"], ["entries.id"], name=op.f("fk_entries_supersedes_entry_id_entries")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entries")),
        sa.UniqueConstraint("entry_group_id", "version", name="uq_entries_group_version"),
    )
    op.create_index(op.f("ix_entries_vehicle_id"), "entries", ["vehicle_id"])
    op.create_index(op.f("ix_entries_entry_group_id"), "entries", ["entry_group_id"])
    op.create_index("ix_entries_vehicle_latest", "entries", ["vehicle_id", "is_latest"])

    op.create_table(
        "documents",
        *_record_columns(),
        sa.Column("vehicle_id", sa.String(36), nullable=True),
        sa.Column("entry_id", sa.String(36), nullable=True),
        sa.Column("owner_user_id", sa.String(36), nullable=True),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("content_type", sa.String(127), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("checksum_sha256", sa.String(64), nullable=False),
        sa.Column("approval_status", sa.String(16), nullable=False),
        sa.Column("scan_status", sa.String(16), nullable=False),
        sa.Column("pii_status", sa.String(16), nullable=False),
        sa.Column("local_blob_sha256", sa.String(64), nullable=True),
        sa.Column("upload_state", sa.String(16), nullable=False),
        sa.ForeignKeyConstraint(
            ["vehicle_id"], ["vehicles.id"], name=op.f("fk_documents_vehicle_id_vehicles"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["entry_id"], ["entries.id"], name=op.f("fk_documents_entry_id_entries")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
    )
    op.create_index(op.f("ix_documents_vehicle_id"), "documents", ["vehicle_id"])
    op.create_index(op.f("ix_documents_entry_id"), "documents", ["entry_id"])
    op.create_index(op.f("ix_documents_checksum_sha256"), "documents", ["checksum_sha256"])

    op.create_table(
        "trust_summaries",
        sa.Column("vehicle_id", sa.String(36), nullable=False),
        sa.Column("trust_light", sa.String(16), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.Column("server_version", sa.BigInteger(), nullable=True),
        sa.Column("received_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["vehicle_id"], ["vehicles.id"], name=op.f("fk_trust_summaries_vehicle_id_vehicles"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("vehicle_id", name=op.f("pk_trust_summaries")),
    )

    op.create_table(
        "outbox",
        sa.Column("mutation_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("client_id", sa.String(36), nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("args", sa.JSON(), nullable=False),
        sa.Column("base_version", sa.BigInteger(), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("mutation_id", name=op.f("pk_outbox")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_outbox_client_mutation", "outbox", ["client_id", "mutation_id"])

    op.create_table(
        "sync_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.String(36), nullable=False),
        sa.Column("user_id", sa.String(36), nullable=True),
        sa.Column("server_url", sa.String(2048), nullable=True),
        sa.Column("cursor", sa.String(512), nullable=True),
        sa.Column("protocol_version", sa.Integer(), nullable=True),
        sa.Column("schema_version", sa.Integer(), nullable=True),
        sa.Column("last_pull_at", UtcDateTime(), nullable=True),
        sa.Column("last_push_at", UtcDateTime(), nullable=True),
        sa.Column("last_sync_at", UtcDateTime(), nullable=True),
        sa.Column("needs_full_resync", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_sync_state_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_state")),
    )

    op.create_table(
        "sync_problems",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("client_id", sa.String(36), nullable=False),
        sa.Column("mutation_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("args", sa.JSON(), nullable=False),
        sa.Column("base_version", sa.BigInteger(), nullable=True),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("server_state", sa.JSON(), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_problems")),
    )


def downgrade() -> None:
    for table in ("sync_problems", "sync_state", "outbox", "trust_summaries", "documents", "entries", "vehicles"):
        op.drop_table(table)
