"""public token history: retired public-share tokens as keyed hashes, kept 180 days (SPEC §8.5)

Revision ID: b7e41d2c9a58
Revises: 75ed2cf5924b
Create Date: 2026-11-26 09:00:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "b7e41d2c9a58"
down_revision: str | Sequence[str] | None = "75ed2cf5924b"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "public_token_history",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("vehicle_id", sa.Uuid(), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.String(16), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_public_token_history")),
        sa.ForeignKeyConstraint(
            ["vehicle_id"],
            ["vehicles.id"],
            name=op.f("fk_public_token_history_vehicle_id_vehicles"),
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_public_token_history_vehicle_id", "public_token_history", ["vehicle_id"])
    op.create_index("ix_public_token_history_retired_at", "public_token_history", ["retired_at"])
    op.create_index("ix_public_token_history_token_hash", "public_token_history", ["token_hash"])


def downgrade() -> None:
    op.drop_index("ix_public_token_history_token_hash", table_name="public_token_history")
    op.drop_index("ix_public_token_history_retired_at", table_name="public_token_history")
    op.drop_index("ix_public_token_history_vehicle_id", table_name="public_token_history")
    op.drop_table("public_token_history")
