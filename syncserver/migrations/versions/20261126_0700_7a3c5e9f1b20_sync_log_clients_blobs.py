"""sync: change log, clients and stored answers, id aliases, visibility, resumable blob uploads

Revision ID: 7a3c5e9f1b20
Revises: 5d0c7a1e9b42, f032eb0d8793
Create Date: 2026-11-26 07:00:00+00:00

Also merges the two heads (documents and workshop grants).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7a3c5e9f1b20"
down_revision: str | Sequence[str] | None = ("5d0c7a1e9b42", "f032eb0d8793")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _ts(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "sync_changes",
        sa.Column("seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=False, nullable=False),
        sa.Column("record_type", sa.String(16), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("op", sa.String(8), nullable=False),
        sa.Column("vehicle_id", sa.Uuid(), nullable=True),
        sa.Column("org_id", sa.Uuid(), nullable=True),
        sa.Column("audience_user_id", sa.Uuid(), nullable=True),
        _ts("created_at"),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_sync_changes")),
    )
    op.create_index("ix_sync_changes_vehicle_id_seq", "sync_changes", ["vehicle_id", "seq"])
    op.create_index("ix_sync_changes_org_id_seq", "sync_changes", ["org_id", "seq"])
    op.create_index("ix_sync_changes_audience_user_id_seq", "sync_changes", ["audience_user_id", "seq"])
    op.create_table(
        "sync_clients",
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("last_mutation_id", sa.BigInteger(), nullable=False),
        _ts("created_at"),
        _ts("updated_at"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_sync_clients_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("client_id", name=op.f("pk_sync_clients")),
    )
    op.create_index("ix_sync_clients_user_id", "sync_clients", ["user_id"])
    op.create_table(
        "sync_mutation_answers",
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("mutation_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("answer", sa.JSON(), nullable=False),
        _ts("created_at"),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["sync_clients.client_id"],
            name=op.f("fk_sync_mutation_answers_client_id_sync_clients"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("client_id", "mutation_id", name=op.f("pk_sync_mutation_answers")),
    )
    op.create_table(
        "sync_id_aliases",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("client_ref", sa.Uuid(), nullable=False),
        sa.Column("record_type", sa.String(16), nullable=False),
        sa.Column("server_id", sa.Uuid(), nullable=False),
        _ts("created_at"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_sync_id_aliases_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", "client_ref", name=op.f("pk_sync_id_aliases")),
    )
    op.create_table(
        "sync_visibility",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("vehicle_id", sa.Uuid(), nullable=False),
        sa.Column("visible", sa.Boolean(), nullable=False),
        sa.Column("changed_seq", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_sync_visibility_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", "vehicle_id", name=op.f("pk_sync_visibility")),
    )
    op.create_table(
        "sync_blob_uploads",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.Column("received", sa.BigInteger(), nullable=False),
        sa.Column("chunk_keys", sa.JSON(), nullable=False),
        sa.Column("storage_key", sa.String(32), nullable=True),
        _ts("completed_at", nullable=True),
        _ts("created_at"),
        _ts("updated_at"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_sync_blob_uploads_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_blob_uploads")),
        sa.UniqueConstraint("user_id", "sha256", name=op.f("uq_sync_blob_uploads_user_id_sha256")),
    )


def downgrade() -> None:
    for table in (
        "sync_blob_uploads",
        "sync_visibility",
        "sync_id_aliases",
        "sync_mutation_answers",
        "sync_clients",
        "sync_changes",
    ):
        op.drop_table(table)
