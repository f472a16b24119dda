"""Alembic environment for the local vault: always runs on a connection handed over by desktop.store.db.

There is no URL here on purpose: the database is SQLCipher-encrypted and only ``desktop.store.db`` knows
how to key a connection. ``alembic`` command-line use therefore goes through ``desktop.store.db`` too.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from desktop.store.models import Base

config = context.config
connection = config.attributes.get("connection")
if not isinstance(connection, Connection):
    raise RuntimeError("desktop.store migrations run only through desktop.store.db.migrate()")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
