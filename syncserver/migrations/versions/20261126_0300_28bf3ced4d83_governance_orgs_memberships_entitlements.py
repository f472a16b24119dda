"""governance: organisations, memberships, entitlements, admin step-up grants

Revision ID: 28bf3ced4d83
Revises: c9e13c0ddc99
Create Date: 2026-11-26 03:00:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "28bf3ced4d83"
down_revision: str | None = "c9e13c0ddc99"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _ts(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _user_fk(table: str, column: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], ["users.id"], name=f"fk_{table}_{column}_users", ondelete=ondelete)


def upgrade() -> None:
    op.create_table(
        "organisations",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("business_id", sa.String(64), nullable=True),
        sa.Column("owner_user_id", sa.Uuid(), nullable=False),
        sa.Column("approved", sa.Boolean(), nullable=False),
        _ts("approved_at", nullable=True),
        sa.Column("approved_by_user_id", sa.Uuid(), nullable=True),
        _ts("created_at"),
        _ts("updated_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisations")),
        sa.UniqueConstraint("business_id", name=op.f("uq_organisations_business_id")),
        _user_fk("organisations", "owner_user_id", "RESTRICT"),
        _user_fk("organisations", "approved_by_user_id", "SET NULL"),
    )
    op.create_index("ix_organisations_owner_user_id", "organisations", ["owner_user_id"])
    op.create_index("ix_organisations_kind", "organisations", ["kind"])

    op.create_table(
        "org_memberships",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("org_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        _ts("approved_at", nullable=True),
        sa.Column("approved_by_user_id", sa.Uuid(), nullable=True),
        _ts("revoked_at", nullable=True),
        sa.Column("revoked_by_user_id", sa.Uuid(), nullable=True),
        _ts("created_at"),
        _ts("updated_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_org_memberships")),
        sa.UniqueConstraint("org_id", "user_id", name=op.f("uq_org_memberships_org_id_user_id")),
        sa.ForeignKeyConstraint(
            ["org_id"], ["organisations.id"], name=op.f("fk_org_memberships_org_id_organisations"), ondelete="CASCADE"
        ),
        _user_fk("org_memberships", "user_id", "CASCADE"),
        _user_fk("org_memberships", "approved_by_user_id", "SET NULL"),
        _user_fk("org_memberships", "revoked_by_user_id", "SET NULL"),
    )
    op.create_index("ix_org_memberships_user_id_status", "org_memberships", ["user_id", "status"])

    op.create_table(
        "entitlements",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("set_by_user_id", sa.Uuid(), nullable=True),
        _ts("set_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entitlements")),
        sa.UniqueConstraint("user_id", "key", name=op.f("uq_entitlements_user_id_key")),
        _user_fk("entitlements", "user_id", "CASCADE"),
        _user_fk("entitlements", "set_by_user_id", "SET NULL"),
    )

    op.create_table(
        "admin_step_up_grants",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("admin_user_id", sa.Uuid(), nullable=False),
        sa.Column("scope", sa.String(32), nullable=False),
        _ts("expires_at"),
        _ts("used_at", nullable=True),
        _ts("created_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_admin_step_up_grants")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_admin_step_up_grants_token_hash")),
        _user_fk("admin_step_up_grants", "admin_user_id", "CASCADE"),
    )
    op.create_index("ix_admin_step_up_grants_admin_user_id", "admin_step_up_grants", ["admin_user_id"])


def downgrade() -> None:
    op.drop_index("ix_admin_step_up_grants_admin_user_id", table_name="admin_step_up_grants")
    op.drop_table("admin_step_up_grants")
    op.drop_table("entitlements")
    op.drop_index("ix_org_memberships_user_id_status", table_name="org_memberships")
    op.drop_table("org_memberships")
    op.drop_index("ix_organisations_kind", table_name="organisations")
    op.drop_index("ix_organisations_owner_user_id", table_name="organisations")
    op.drop_table("organisations")
