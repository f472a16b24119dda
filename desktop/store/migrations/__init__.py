"""Alembic environment and versions of the local vault schema (run programmatically by desktop.store.db)."""
