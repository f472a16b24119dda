"""Index ``entries.supersedes_entry_id``.

Deleting an entry (the local row an id-mapped push answer replaces, a tombstone) makes SQLite check the
self-referencing foreign key and clear the pointers to it; without an index both scan every entry of the
replica, which made recording a push answer cost time proportional to the replica size.

Revision ID: 20251128_0100
Revises: 20251127_0100
Create Date: 2025-11-28 01:00:00
"""

from __future__ import annotations

from alembic import op

revision: str = "20251128_0100"
down_revision: str | None = "20251127_0100"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_index(op.f("ix_entries_supersedes_entry_id"), "entries", ["supersedes_entry_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_entries_supersedes_entry_id"), table_name="entries")
