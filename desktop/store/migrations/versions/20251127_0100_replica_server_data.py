"""Replica bookkeeping for the sync engine: the server's row beside each local record, other record types.

Revision ID: 20251127_0100
Revises: 20251126_0100
Create Date: 2025-11-27 01:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "20251127_0100"
down_revision: str | None = "20251126_0100"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    for table in ("vehicles", "entries", "documents"):
        op.add_column(table, sa.Column("server_data", sa.JSON(), nullable=True))
    op.add_column("sync_state", sa.Column("refresh_token", sa.String(512), nullable=True))
    op.create_table(
        "replica_records",
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("vehicle_id", sa.String(36), nullable=True),
        sa.Column("server_version", sa.BigInteger(), nullable=True),
        sa.Column("data", sa.JSON(), nullable=True),
        sa.Column("local_data", sa.JSON(), nullable=True),
        sa.Column("dirty", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.PrimaryKeyConstraint("type", "id", name=op.f("pk_replica_records")),
    )
    op.create_index(op.f("ix_replica_records_vehicle_id"), "replica_records", ["vehicle_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_replica_records_vehicle_id"), table_name="replica_records")
    op.drop_table("replica_records")
    op.drop_column("sync_state", "refresh_token")
    for table in ("documents", "entries", "vehicles"):
        op.drop_column(table, "server_data")
