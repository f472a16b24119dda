"""Revision ids of the local schema, read without importing Alembic (the check on every vault open).

Opening a vault that is already at the newest local schema is the common case. Answering it needs only the
revision stored in ``alembic_version`` and the head of the shipped revision files; importing Alembic's
machinery for that costs about a tenth of a second of every start. :func:`script_head` therefore reads the
``revision`` / ``down_revision`` literals of the files in ``<script_location>/versions`` itself, and answers
``None`` whenever it is not certain (a value that is not a literal, branch labels, dependencies, a missing
parent, several heads): the caller then asks Alembic, which also does every real migration.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

VERSION_TABLE = "alembic_version"
_NAMES = ("revision", "down_revision", "branch_labels", "depends_on")


def _literals(source: str) -> dict[str, Any] | None:
    """The module-level literal values of ``_NAMES`` in ``source``; ``None`` if one is not a literal."""
    found: dict[str, Any] = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        else:
            continue
        if isinstance(target, ast.Name) and target.id in _NAMES:
            try:
                found[target.id] = ast.literal_eval(value)
            except ValueError:
                return None
    return found


def _parents(value: Any) -> tuple[str, ...] | None:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, tuple | list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    return None


def script_head(script_location: Path) -> str | None:
    """The single head revision of the revision files under ``script_location``, or ``None`` if unsure.

    Follows Alembic's default layout: every ``*.py`` in ``versions/`` except ``__init__.py`` is a revision.
    """
    versions = script_location / "versions"
    if not versions.is_dir():
        return None
    parents: dict[str, tuple[str, ...]] = {}
    for path in sorted(versions.glob("*.py")):
        if path.name == "__init__.py" or path.name.startswith(".#"):
            continue
        try:
            values = _literals(path.read_text(encoding="utf-8"))
        except (OSError, SyntaxError, UnicodeDecodeError):
            return None
        if values is None or values.get("branch_labels") or values.get("depends_on"):
            return None
        revision, down = values.get("revision"), _parents(values.get("down_revision"))
        if not isinstance(revision, str) or not revision or down is None or revision in parents:
            return None
        parents[revision] = down
    referenced = {parent for down in parents.values() for parent in down}
    if not referenced <= parents.keys():
        return None
    heads = parents.keys() - referenced
    return next(iter(heads)) if len(heads) == 1 else None


def stored_revisions(engine: Engine) -> tuple[str, ...]:
    """The revision ids in the database's version table, sorted (``()``: no table or no row)."""
    with engine.connect() as conn:
        table = conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (VERSION_TABLE,)
        ).first()
        if table is None:
            return ()
        return tuple(sorted(row[0] for row in conn.exec_driver_sql(f"SELECT version_num FROM {VERSION_TABLE}")))
