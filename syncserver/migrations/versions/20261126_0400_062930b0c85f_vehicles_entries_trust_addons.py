"""vehicles: vehicles, trust summaries, collections, entries with revisions, add-ons, trust folders

Revision ID: 062930b0c85f
Revises: c9e13c0ddc99
Create Date: 2026-11-26 04:00:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "062930b0c85f"
down_revision: str | None = "c9e13c0ddc99"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _ts(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    name = f"fk_{table}_{column}_{target}"
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=op.f(name), ondelete=ondelete)


def upgrade() -> None:
    op.create_table(
        "vehicles",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("owner_user_id", sa.Uuid(), nullable=True),
        sa.Column("owner_org_id", sa.Uuid(), nullable=True),
        sa.Column("created_by_user_id", sa.Uuid(), nullable=False),
        sa.Column("vin_enc", sa.LargeBinary(), nullable=False),
        sa.Column("vin_hmac", sa.String(64), nullable=False),
        sa.Column("vin_prefix3", sa.String(3), nullable=False),
        sa.Column("vin_last4", sa.String(4), nullable=False),
        sa.Column("nickname", sa.String(64), nullable=True),
        sa.Column("vehicle_class", sa.String(16), nullable=True),
        sa.Column("make", sa.String(64), nullable=True),
        sa.Column("model", sa.String(64), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("engine", sa.String(64), nullable=True),
        sa.Column("accident_status", sa.String(20), nullable=False),
        sa.Column("accident_trust_completed", sa.Boolean(), nullable=False),
        sa.Column("interested_in_selling", sa.Boolean(), nullable=False),
        sa.Column("meta_extra", sa.JSON(), nullable=False),
        sa.Column("public_token", sa.String(64), nullable=True),
        _ts("public_token_rotated_at", nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        _ts("created_at"),
        _ts("updated_at"),
        _ts("deleted_at", nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vehicles")),
        sa.UniqueConstraint("public_token", name=op.f("uq_vehicles_public_token")),
        sa.CheckConstraint("(owner_user_id IS NULL) <> (owner_org_id IS NULL)", name=op.f("ck_vehicles_one_owner")),
        _fk("vehicles", "owner_user_id", "users", "RESTRICT"),
        _fk("vehicles", "created_by_user_id", "users", "RESTRICT"),
    )
    op.create_index("ix_vehicles_owner_user_id", "vehicles", ["owner_user_id"])
    op.create_index("ix_vehicles_owner_org_id", "vehicles", ["owner_org_id"])
    op.create_index("ix_vehicles_vin_hmac", "vehicles", ["vin_hmac"])

    op.create_table(
        "vehicle_trust_summaries",
        sa.Column("vehicle_id", sa.Uuid(), nullable=False),
        sa.Column("trust_light", sa.String(8), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        _ts("computed_at"),
        sa.PrimaryKeyConstraint("vehicle_id", name=op.f("pk_vehicle_trust_summaries")),
        _fk("vehicle_trust_summaries", "vehicle_id", "vehicles", "CASCADE"),
    )

    op.create_table(
        "vehicle_collections",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("owner_user_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        _ts("created_at"),
        _ts("updated_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vehicle_collections")),
        sa.UniqueConstraint("owner_user_id", "name", name=op.f("uq_vehicle_collections_owner_user_id")),
        _fk("vehicle_collections", "owner_user_id", "users", "CASCADE"),
    )
    op.create_table(
        "vehicle_collection_members",
        sa.Column("collection_id", sa.Uuid(), nullable=False),
        sa.Column("vehicle_id", sa.Uuid(), nullable=False),
        _ts("created_at"),
        sa.PrimaryKeyConstraint("collection_id", "vehicle_id", name=op.f("pk_vehicle_collection_members")),
        _fk("vehicle_collection_members", "collection_id", "vehicle_collections", "CASCADE"),
        _fk("vehicle_collection_members", "vehicle_id", "vehicles", "CASCADE"),
    )
    op.create_index("ix_vehicle_collection_members_vehicle_id", "vehicle_collection_members", ["vehicle_id"])

    op.create_table(
        "vehicle_entries",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("vehicle_id", sa.Uuid(), nullable=False),
        sa.Column("entry_group_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("supersedes_entry_id", sa.Uuid(), nullable=True),
        sa.Column("is_latest", sa.Boolean(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("performed_by", sa.String(64), nullable=False),
        sa.Column("km", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("cost_cents", sa.BigInteger(), nullable=True),
        sa.Column("currency", sa.String(3), nullable=True),
        sa.Column("declared_trust_level", sa.String(2), nullable=True),
        sa.Column("trust_level", sa.String(2), nullable=True),
        sa.Column("is_backfill", sa.Boolean(), nullable=False),
        sa.Column("author_user_id", sa.Uuid(), nullable=False),
        sa.Column("author_org_id", sa.Uuid(), nullable=True),
        _ts("created_at"),
        _ts("updated_at"),
        _ts("deleted_at", nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vehicle_entries")),
        sa.UniqueConstraint("entry_group_id", "version", name=op.f("uq_vehicle_entries_entry_group_id")),
        _fk("vehicle_entries", "vehicle_id", "vehicles", "CASCADE"),
        sa.ForeignKeyConstraint(
            ["supersedes_entry_id"],
            ["vehicle_entries.id"],
            name=op.f("fk_vehicle_entries_supersedes_entry_id_vehicle_entries"),
        ),
        _fk("vehicle_entries", "author_user_id", "users", "RESTRICT"),
    )
    op.create_index("ix_vehicle_entries_vehicle_id_is_latest", "vehicle_entries", ["vehicle_id", "is_latest"])

    op.create_table(
        "addon_configs",
        sa.Column("addon_key", sa.String(32), nullable=False),
        sa.Column("allow_new", sa.Boolean(), nullable=False),
        sa.Column("requires_payment", sa.Boolean(), nullable=False),
        sa.Column("admin_only", sa.Boolean(), nullable=False),
        _ts("updated_at"),
        sa.Column("updated_by_user_id", sa.Uuid(), nullable=True),
        sa.PrimaryKeyConstraint("addon_key", name=op.f("pk_addon_configs")),
        _fk("addon_configs", "updated_by_user_id", "users", "SET NULL"),
    )
    op.create_table(
        "addon_entitlements",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("addon_key", sa.String(32), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        _ts("updated_at"),
        sa.Column("updated_by_user_id", sa.Uuid(), nullable=True),
        sa.PrimaryKeyConstraint("user_id", "addon_key", name=op.f("pk_addon_entitlements")),
        _fk("addon_entitlements", "user_id", "users", "CASCADE"),
        _fk("addon_entitlements", "updated_by_user_id", "users", "SET NULL"),
    )
    op.create_table(
        "vehicle_addons",
        sa.Column("vehicle_id", sa.Uuid(), nullable=False),
        sa.Column("addon_key", sa.String(32), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        _ts("addon_first_enabled_at", nullable=True),
        _ts("updated_at"),
        sa.PrimaryKeyConstraint("vehicle_id", "addon_key", name=op.f("pk_vehicle_addons")),
        _fk("vehicle_addons", "vehicle_id", "vehicles", "CASCADE"),
    )
    op.create_table(
        "trust_folders",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("vehicle_id", sa.Uuid(), nullable=False),
        sa.Column("owner_user_id", sa.Uuid(), nullable=False),
        sa.Column("addon_key", sa.String(32), nullable=False),
        sa.Column("title", sa.String(255), nullable=False),
        _ts("created_at"),
        _ts("updated_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trust_folders")),
        sa.UniqueConstraint("vehicle_id", "owner_user_id", "title", name=op.f("uq_trust_folders_vehicle_id")),
        _fk("trust_folders", "vehicle_id", "vehicles", "CASCADE"),
        _fk("trust_folders", "owner_user_id", "users", "CASCADE"),
    )
    op.create_index("ix_trust_folders_vehicle_id_addon_key", "trust_folders", ["vehicle_id", "addon_key"])
    op.create_table(
        "trust_folder_items",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("folder_id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(255), nullable=False),
        sa.Column("stage", sa.String(64), nullable=True),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("performed_by", sa.String(64), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("cost_cents", sa.BigInteger(), nullable=True),
        sa.Column("currency", sa.String(3), nullable=True),
        sa.Column("is_milestone", sa.Boolean(), nullable=False),
        sa.Column("document_ids", sa.JSON(), nullable=False),
        sa.Column("before_image_ids", sa.JSON(), nullable=False),
        sa.Column("after_image_ids", sa.JSON(), nullable=False),
        _ts("created_at"),
        _ts("updated_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trust_folder_items")),
        _fk("trust_folder_items", "folder_id", "trust_folders", "CASCADE"),
    )
    op.create_index("ix_trust_folder_items_folder_id", "trust_folder_items", ["folder_id"])


def downgrade() -> None:
    for table in (
        "trust_folder_items",
        "trust_folders",
        "vehicle_addons",
        "addon_entitlements",
        "addon_configs",
        "vehicle_entries",
        "vehicle_collection_members",
        "vehicle_collections",
        "vehicle_trust_summaries",
        "vehicles",
    ):
        op.drop_table(table)
