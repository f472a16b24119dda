"""schema drift: unique-constraint names as the models' naming convention; organisation FKs on SQLite

Revision ID: 75ed2cf5924b
Revises: 7a3c5e9f1b20
Create Date: 2026-11-26 08:00:00+00:00

The vehicles migration named three composite unique constraints after their first column only
(``uq_trust_folders_vehicle_id``, ``uq_vehicle_collections_owner_user_id``,
``uq_vehicle_entries_entry_group_id``); the models' convention names every column. They are renamed.

The workshop-grant migration added the FKs ``vehicles.owner_org_id`` and ``vehicle_entries.author_org_id``
-> ``organisations`` on PostgreSQL only. SQLite gets them here by rebuilding the two tables (batch mode).
A rebuild drops the old table, and with ``PRAGMA foreign_keys=ON`` that drop would delete (cascade) every
row referencing it, so foreign keys are switched off around the rebuild, as SQLite's own procedure for
table changes prescribes; ``PRAGMA foreign_key_check`` must then find nothing. The pragma is a no-op inside
a transaction, so the migration commits, switches, and begins again. Because of that commit the SQLite
part is written to be re-run safely: every step looks at the live schema first.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "75ed2cf5924b"
down_revision: str | Sequence[str] | None = "7a3c5e9f1b20"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: table -> (old name, new name, columns)
_UNIQUE_RENAMES: dict[str, tuple[str, str, list[str]]] = {
    "trust_folders": (
        "uq_trust_folders_vehicle_id",
        "uq_trust_folders_vehicle_id_owner_user_id_title",
        ["vehicle_id", "owner_user_id", "title"],
    ),
    "vehicle_collections": (
        "uq_vehicle_collections_owner_user_id",
        "uq_vehicle_collections_owner_user_id_name",
        ["owner_user_id", "name"],
    ),
    "vehicle_entries": (
        "uq_vehicle_entries_entry_group_id",
        "uq_vehicle_entries_entry_group_id_version",
        ["entry_group_id", "version"],
    ),
}

#: table -> (FK name, column) referencing organisations.id, ON DELETE RESTRICT
_ORG_FKS: dict[str, tuple[str, str]] = {
    "vehicles": ("fk_vehicles_owner_org_id_organisations", "owner_org_id"),
    "vehicle_entries": ("fk_vehicle_entries_author_org_id_organisations", "author_org_id"),
}


def _sqlite_foreign_keys(bind: sa.Connection, enabled: bool) -> None:
    """Switch SQLite FK enforcement outside a transaction, then open the next one (holding the write lock)."""
    dbapi = bind.connection.dbapi_connection
    if dbapi is not None and dbapi.in_transaction:  # type: ignore[attr-defined]
        bind.exec_driver_sql("COMMIT")
    bind.exec_driver_sql(f"PRAGMA foreign_keys={'ON' if enabled else 'OFF'}")
    bind.exec_driver_sql("BEGIN IMMEDIATE")


def _sqlite_rebuild_table(bind: sa.Connection, table: str, forward: bool) -> None:
    """Rebuild ``table`` once if it is not yet in the wanted state (forward: the models' state)."""
    inspector = sa.inspect(bind)
    uniques = {uc["name"] for uc in inspector.get_unique_constraints(table)}
    fks = {fk["name"] for fk in inspector.get_foreign_keys(table)}
    rename = _UNIQUE_RENAMES.get(table)
    unique_from, unique_to = "", ""
    if rename is not None:
        unique_from, unique_to = (rename[0], rename[1]) if forward else (rename[1], rename[0])
    do_rename = rename is not None and unique_from in uniques and unique_to not in uniques
    org_fk = _ORG_FKS.get(table)
    do_fk = org_fk is not None and (org_fk[0] in fks) != forward
    if not (do_rename or do_fk):
        return
    with op.batch_alter_table(table, recreate="always") as batch:
        if do_rename and rename is not None:
            batch.drop_constraint(op.f(unique_from), type_="unique")
            batch.create_unique_constraint(op.f(unique_to), rename[2])
        if do_fk and org_fk is not None:
            if forward:
                batch.create_foreign_key(op.f(org_fk[0]), "organisations", [org_fk[1]], ["id"], ondelete="RESTRICT")
            else:
                batch.drop_constraint(op.f(org_fk[0]), type_="foreignkey")


def _sqlite_rebuild(forward: bool) -> None:
    bind = op.get_bind()
    _sqlite_foreign_keys(bind, enabled=False)
    try:
        for table in ("trust_folders", "vehicle_collections", "vehicle_entries", "vehicles"):
            _sqlite_rebuild_table(bind, table, forward)
        violations = bind.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if violations:
            tables = sorted({str(row[0]) for row in violations})
            raise RuntimeError(f"foreign key violations after the table rebuild in: {', '.join(tables)}")
    finally:
        _sqlite_foreign_keys(bind, enabled=True)


def _postgres_renames(forward: bool) -> None:
    for table, (old, new, _columns) in _UNIQUE_RENAMES.items():
        source, target = (old, new) if forward else (new, old)
        op.execute(sa.text(f'ALTER TABLE "{table}" RENAME CONSTRAINT "{source}" TO "{target}"'))


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_rebuild(forward=True)
    else:
        _postgres_renames(forward=True)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_rebuild(forward=False)
    else:
        _postgres_renames(forward=False)
