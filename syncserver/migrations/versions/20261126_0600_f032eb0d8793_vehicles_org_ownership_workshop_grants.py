"""vehicles: workshop access grants; organisation FKs of vehicles and entries

Revision ID: f032eb0d8793
Revises: 062930b0c85f, 28bf3ced4d83
Create Date: 2026-11-26 06:00:00+00:00

Depends on the governance revision because ``organisations`` is the FK target. On SQLite the FKs of the
existing columns ``vehicles.owner_org_id`` and ``vehicle_entries.author_org_id`` are not added: SQLite
can only add a constraint by rebuilding the table, which would drop and re-create ``vehicles`` under
the tables that reference it. The services check membership before they write these columns.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "f032eb0d8793"
down_revision: str | Sequence[str] | None = ("062930b0c85f", "28bf3ced4d83")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _ts(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    name = f"fk_{table}_{column}_{target}"
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=op.f(name), ondelete=ondelete)


def upgrade() -> None:
    op.create_table(
        "workshop_grants",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("vehicle_id", sa.Uuid(), nullable=False),
        sa.Column("org_id", sa.Uuid(), nullable=False),
        sa.Column("requested_by_user_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        _ts("decided_at", nullable=True),
        sa.Column("decided_by_user_id", sa.Uuid(), nullable=True),
        _ts("expires_at", nullable=True),
        _ts("revoked_at", nullable=True),
        sa.Column("revoked_by_user_id", sa.Uuid(), nullable=True),
        _ts("created_at"),
        _ts("updated_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workshop_grants")),
        _fk("workshop_grants", "vehicle_id", "vehicles", "CASCADE"),
        _fk("workshop_grants", "org_id", "organisations", "CASCADE"),
        _fk("workshop_grants", "requested_by_user_id", "users", "CASCADE"),
        _fk("workshop_grants", "decided_by_user_id", "users", "SET NULL"),
        _fk("workshop_grants", "revoked_by_user_id", "users", "SET NULL"),
    )
    op.create_index("ix_workshop_grants_vehicle_id", "workshop_grants", ["vehicle_id"])
    op.create_index("ix_workshop_grants_org_id_status", "workshop_grants", ["org_id", "status"])
    if op.get_bind().dialect.name != "sqlite":
        op.create_foreign_key(
            op.f("fk_vehicles_owner_org_id_organisations"),
            "vehicles",
            "organisations",
            ["owner_org_id"],
            ["id"],
            ondelete="RESTRICT",
        )
        op.create_foreign_key(
            op.f("fk_vehicle_entries_author_org_id_organisations"),
            "vehicle_entries",
            "organisations",
            ["author_org_id"],
            ["id"],
            ondelete="RESTRICT",
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(op.f("fk_vehicle_entries_author_org_id_organisations"), "vehicle_entries", "foreignkey")
        op.drop_constraint(op.f("fk_vehicles_owner_org_id_organisations"), "vehicles", "foreignkey")
    op.drop_table("workshop_grants")
