"""Collections/fleets in the replica: ``collection_members`` derived from the synced ``collection`` records.

The records themselves arrive through the generic page apply into ``replica_records`` (type
``collection``). Triggers rewrite a collection's member rows from ``data.vehicle_ids`` whenever its record is
inserted, updated or deleted, so tombstones, ``drop_server_data`` (full resync) and the REST answers written
by the desktop keep the table right; rows already in the replica are copied once here.

Revision ID: 20251129_0100
Revises: 20251128_0100
Create Date: 2025-11-29 01:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

# JSON ``None`` is stored as the text 'null' (not SQL NULL): NULLIF lets COALESCE fall back to ``data``.

revision: str = "20251129_0100"
down_revision: str | None = "20251128_0100"
branch_labels: str | None = None
depends_on: str | None = None

_FILL = """
INSERT OR IGNORE INTO collection_members (collection_id, vehicle_id, position)
SELECT {row}.id, j.value, j.key
FROM json_each(COALESCE(NULLIF({row}.local_data, 'null'), {row}.data), '$.vehicle_ids') AS j
WHERE j.type = 'text'
"""
TRIGGERS = {
    "trg_collection_members_insert": f"""
CREATE TRIGGER trg_collection_members_insert AFTER INSERT ON replica_records WHEN NEW.type = 'collection'
BEGIN
DELETE FROM collection_members WHERE collection_id = NEW.id;
{_FILL.format(row="NEW").strip()};
END""",
    "trg_collection_members_update": f"""
CREATE TRIGGER trg_collection_members_update AFTER UPDATE ON replica_records
WHEN NEW.type = 'collection' OR OLD.type = 'collection'
BEGIN
DELETE FROM collection_members WHERE collection_id IN (OLD.id, NEW.id);
{_FILL.format(row="NEW").strip()} AND NEW.type = 'collection';
END""",
    "trg_collection_members_delete": """
CREATE TRIGGER trg_collection_members_delete AFTER DELETE ON replica_records WHEN OLD.type = 'collection'
BEGIN
DELETE FROM collection_members WHERE collection_id = OLD.id;
END""",
}


def upgrade() -> None:
    op.create_table(
        "collection_members",
        sa.Column("collection_id", sa.String(36), nullable=False),
        sa.Column("vehicle_id", sa.String(36), nullable=False),
        sa.Column("position", sa.Integer(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("collection_id", "vehicle_id", name=op.f("pk_collection_members")),
    )
    op.create_index(op.f("ix_collection_members_vehicle_id"), "collection_members", ["vehicle_id"])
    for ddl in TRIGGERS.values():
        op.execute(ddl)
    op.execute(
        "INSERT OR IGNORE INTO collection_members (collection_id, vehicle_id, position) "
        "SELECT r.id, j.value, j.key FROM replica_records AS r, "
        "json_each(COALESCE(NULLIF(r.local_data, 'null'), r.data), '$.vehicle_ids') AS j "
        "WHERE r.type = 'collection' AND j.type = 'text'"
    )


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_index(op.f("ix_collection_members_vehicle_id"), table_name="collection_members")
    op.drop_table("collection_members")
