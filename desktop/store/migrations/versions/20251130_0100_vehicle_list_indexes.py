"""Indexes for the vehicle list and the pending markers.

The vehicle list counts the latest entries per vehicle with their last date and pending flag: with
``(vehicle_id, is_latest, deleted_at, date, dirty)`` SQLite reads that from the index alone instead of every
entry row (it replaces ``(vehicle_id, is_latest)``, a prefix of it). "Which vehicles have local changes"
read the whole entries table; partial indexes on ``dirty IS 1`` hold only the rows waiting for the outbox.

Revision ID: 20251130_0100
Revises: 20251129_0100
Create Date: 2025-11-30 01:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "20251130_0100"
down_revision: str | None = "20251129_0100"
branch_labels: str | None = None
depends_on: str | None = None

DIRTY_ONLY = "dirty IS 1"  # as desktop.store.models.DIRTY_ONLY (a migration keeps its own copy)


def upgrade() -> None:
    op.drop_index("ix_entries_vehicle_latest", table_name="entries")
    op.create_index("ix_entries_vehicle_summary", "entries", ["vehicle_id", "is_latest", "deleted_at", "date", "dirty"])
    op.create_index("ix_entries_dirty_vehicle", "entries", ["vehicle_id"], sqlite_where=sa.text(DIRTY_ONLY))
    op.create_index("ix_documents_dirty_vehicle", "documents", ["vehicle_id"], sqlite_where=sa.text(DIRTY_ONLY))


def downgrade() -> None:
    op.drop_index("ix_documents_dirty_vehicle", table_name="documents")
    op.drop_index("ix_entries_dirty_vehicle", table_name="entries")
    op.drop_index("ix_entries_vehicle_summary", table_name="entries")
    op.create_index("ix_entries_vehicle_latest", "entries", ["vehicle_id", "is_latest"])
