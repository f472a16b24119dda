"""Drop the entries indexes that another index starts with.

``ix_entries_vehicle_id`` is the first column of ``ix_entries_vehicle_summary`` and ``ix_entries_entry_group_id``
the first of ``uq_entries_group_version``: SQLite uses those for the same lookups (the foreign key check of
``vehicle_id`` included). A pulled page wrote every entry into both for nothing; on the encrypted vault each
extra index page written is also encrypted.

Revision ID: 20251201_0100
Revises: 20251130_0100
Create Date: 2025-12-01 01:00:00
"""

from __future__ import annotations

from alembic import op

revision: str = "20251201_0100"
down_revision: str | None = "20251130_0100"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.drop_index("ix_entries_vehicle_id", table_name="entries")
    op.drop_index("ix_entries_entry_group_id", table_name="entries")


def downgrade() -> None:
    op.create_index("ix_entries_entry_group_id", "entries", ["entry_group_id"])
    op.create_index("ix_entries_vehicle_id", "entries", ["vehicle_id"])
