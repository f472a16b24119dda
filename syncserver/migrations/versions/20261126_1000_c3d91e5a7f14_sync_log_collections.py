"""sync log: collections made before they were synced get one log row each (audience: their owner)

Collections and fleets travel through ``GET /sync/changes`` as ``collection`` records, logged by the change
capture from now on. Rows that existed before were never logged, so a replica would not learn of them until
they change; each gets an ``upsert`` row after the current head, in creation order.

Revision ID: c3d91e5a7f14
Revises: b7e41d2c9a58
Create Date: 2026-11-26 10:00:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "c3d91e5a7f14"
down_revision: str | Sequence[str] | None = "b7e41d2c9a58"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        "INSERT INTO sync_changes (seq, record_type, record_id, op, vehicle_id, org_id, audience_user_id, created_at) "
        "SELECT (SELECT COALESCE(MAX(seq), 0) FROM sync_changes) + ROW_NUMBER() OVER (ORDER BY c.created_at, c.id), "
        "'collection', c.id, 'upsert', NULL, NULL, c.owner_user_id, CURRENT_TIMESTAMP "
        "FROM vehicle_collections AS c "
        "WHERE NOT EXISTS (SELECT 1 FROM sync_changes AS s WHERE s.record_type = 'collection' AND s.record_id = c.id)"
    )


def downgrade() -> None:
    op.execute("DELETE FROM sync_changes WHERE record_type = 'collection'")
