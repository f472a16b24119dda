"""The migrations are the only way the schema is made: they must build exactly what the models declare.

Each test migrates its own fresh database (SQLite file, or a new database on the LTC_TEST_POSTGRES_URL
server), so the session databases of the other tests are not touched.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, func, insert, inspect, make_url, select, text
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from syncserver.db import make_engine
from syncserver.migrate import alembic_config, upgrade
from syncserver.models import Base

#: The revision before the one that removed the drift (constraint names, SQLite organisation FKs).
BEFORE_DRIFT_FIX = "7a3c5e9f1b20"
#: The revision before existing collections were written to the sync log.
BEFORE_COLLECTION_LOG = "b7e41d2c9a58"


@pytest.fixture
def fresh_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """An empty database of the backend, dropped afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
        return
    base = os.environ.get("LTC_TEST_POSTGRES_URL")
    if not base:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("PostgreSQL required in CI: LTC_TEST_POSTGRES_URL is not set")
        pytest.skip("PostgreSQL tests skipped: LTC_TEST_POSTGRES_URL is not set")
    name = f"ltc_migr_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except SQLAlchemyError as exc:
        admin.dispose()
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"PostgreSQL required in CI: {type(exc).__name__}")
        pytest.skip(f"PostgreSQL tests skipped: {type(exc).__name__}")
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def engine_of(fresh_url: str) -> Iterator[Engine]:
    engine = make_engine(fresh_url)
    yield engine
    engine.dispose()


def _differences(engine: Engine) -> list[Any]:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))


def test_migrated_schema_equals_the_models(fresh_url: str, engine_of: Engine) -> None:
    upgrade(fresh_url, "heads")
    assert _differences(engine_of) == []


def test_the_history_has_exactly_one_head_and_upgrade_reaches_it(fresh_url: str, engine_of: Engine) -> None:
    script = ScriptDirectory.from_config(alembic_config(fresh_url))
    heads = script.get_heads()
    assert len(heads) == 1, f"several heads, add a merge migration: {heads}"
    upgrade(fresh_url, "heads")
    with engine_of.connect() as conn:
        current = MigrationContext.configure(conn).get_current_heads()
    assert current == tuple(heads)


def test_organisation_foreign_keys_exist_and_restrict(fresh_url: str, engine_of: Engine) -> None:
    upgrade(fresh_url, "heads")
    inspector = inspect(engine_of)
    for table, column in (("vehicles", "owner_org_id"), ("vehicle_entries", "author_org_id")):
        fks = [fk for fk in inspector.get_foreign_keys(table) if fk["constrained_columns"] == [column]]
        assert [fk["referred_table"] for fk in fks] == ["organisations"]
        assert fks[0]["name"] == f"fk_{table}_{column}_organisations"
        assert (fks[0].get("options") or {}).get("ondelete") == "RESTRICT"
    seeded = _seed(engine_of)
    vehicles = Base.metadata.tables["vehicles"]
    with pytest.raises(IntegrityError), engine_of.begin() as conn:
        conn.execute(insert(vehicles).values(**_vehicle_row(uuid.uuid4(), seeded["user"], owner_org=uuid.uuid4())))
    organisations = Base.metadata.tables["organisations"]
    with pytest.raises(IntegrityError), engine_of.begin() as conn:
        conn.execute(organisations.delete().where(organisations.c.id == seeded["org"]))


def test_upgrade_over_existing_rows_keeps_every_row(fresh_url: str, engine_of: Engine) -> None:
    """The SQLite rebuild drops and re-creates referenced tables: no cascade may delete anything."""
    upgrade(fresh_url, BEFORE_DRIFT_FIX)
    _seed(engine_of)
    tables = ("users", "organisations", "vehicles", "vehicle_entries", "trust_folders", "vehicle_collections")
    tables += ("vehicle_collection_members", "vehicle_trust_summaries")
    before = _counts(engine_of, tables)
    assert all(before[name] >= 1 for name in tables)
    upgrade(fresh_url, "heads")
    assert _counts(engine_of, tables) == before
    assert _differences(engine_of) == []
    if engine_of.dialect.name == "sqlite":
        with engine_of.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []


def test_existing_collections_enter_the_sync_log_once(fresh_url: str, engine_of: Engine) -> None:
    """Collections made before they were synced get one ``upsert`` log row for their owner, after the head."""
    upgrade(fresh_url, BEFORE_COLLECTION_LOG)
    seeded = _seed(engine_of)
    changes = Base.metadata.tables["sync_changes"]
    with engine_of.begin() as conn:
        conn.execute(
            insert(changes).values(seq=7, record_type="vehicle", record_id=seeded["vehicle"], op="upsert",
                                   vehicle_id=seeded["vehicle"], created_at=_now())
        )  # fmt: skip
    upgrade(fresh_url, "heads")
    with engine_of.connect() as conn:
        rows = conn.execute(select(changes).where(changes.c.record_type == "collection")).all()
    assert [(r.seq, r.record_id, r.op, r.audience_user_id, r.vehicle_id) for r in rows] == [
        (8, seeded["collection"], "upsert", seeded["user"], None)
    ]


# --- seeding through Core (the models' columns match every revision from BEFORE_DRIFT_FIX on) ---------------
def _now() -> datetime:
    return datetime(2026, 11, 26, 8, 0, tzinfo=UTC)


def _vehicle_row(vehicle_id: uuid.UUID, user_id: uuid.UUID, *, owner_org: uuid.UUID | None = None) -> dict[str, Any]:
    return {
        "id": vehicle_id,
        "owner_user_id": None if owner_org else user_id,
        "owner_org_id": owner_org,
        "created_by_user_id": user_id,
        "vin_enc": b"sealed",
        "vin_hmac": uuid.uuid4().hex,
        "vin_prefix3": "WVW",
        "vin_last4": "1234",
        "accident_status": "unbekannt",
        "accident_trust_completed": False,
        "interested_in_selling": False,
        "meta_extra": {},
        "version": 1,
        "created_at": _now(),
        "updated_at": _now(),
    }


def _seed(engine: Engine) -> dict[str, uuid.UUID]:
    t = Base.metadata.tables
    user, org, own_vehicle, org_vehicle, entry = (uuid.uuid4() for _ in range(5))
    folder, collection = uuid.uuid4(), uuid.uuid4()
    stamps = {"created_at": _now(), "updated_at": _now()}
    with engine.begin() as conn:
        conn.execute(insert(t["users"]).values(id=user, email="a@example.org", email_hmac=uuid.uuid4().hex, **stamps))
        conn.execute(
            insert(t["organisations"]).values(id=org, kind="workshop", name="Werkstatt", owner_user_id=user, **stamps)
        )
        conn.execute(insert(t["vehicles"]).values(**_vehicle_row(own_vehicle, user)))
        conn.execute(insert(t["vehicles"]).values(**_vehicle_row(org_vehicle, user, owner_org=org)))
        conn.execute(
            insert(t["vehicle_entries"]).values(
                id=entry,
                vehicle_id=own_vehicle,
                entry_group_id=uuid.uuid4(),
                version=1,
                is_latest=True,
                date=date(2026, 1, 2),
                type="service",
                performed_by="Werkstatt",
                km=1000,
                is_backfill=False,
                author_user_id=user,
                author_org_id=org,
                **stamps,
            )
        )
        conn.execute(
            insert(t["vehicle_trust_summaries"]).values(
                vehicle_id=own_vehicle, trust_light="rot", summary={"trust_light": "rot"}, computed_at=_now()
            )
        )
        conn.execute(
            insert(t["trust_folders"]).values(
                id=folder, vehicle_id=own_vehicle, owner_user_id=user, addon_key="restoration", title="Aufbau", **stamps
            )
        )
        conn.execute(
            insert(t["vehicle_collections"]).values(
                id=collection, owner_user_id=user, kind="collection", name="Flotte", **stamps
            )
        )
        conn.execute(
            insert(t["vehicle_collection_members"]).values(
                collection_id=collection, vehicle_id=own_vehicle, created_at=_now()
            )
        )
    return {"user": user, "org": org, "vehicle": own_vehicle, "entry": entry, "collection": collection}


def _counts(engine: Engine, tables: tuple[str, ...]) -> dict[str, int]:
    with engine.connect() as conn:
        counted = {name: conn.execute(select(func.count()).select_from(Base.metadata.tables[name])) for name in tables}
        return {name: int(result.scalar_one()) for name, result in counted.items()}
