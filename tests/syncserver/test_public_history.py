"""SPEC §8.5: the history of public-share tokens is kept as hashes only, for 180 days.

Rotate, disable and vehicle deletion store the retired token's keyed hash with its times; the clear token
appears nowhere in that table; the worker's periodic purge deletes rows retired more than 180 days ago.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import timedelta
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select, text

from syncserver.auth.sessions import SessionManager
from syncserver.clock import ManualClock
from syncserver.models.job import Job
from syncserver.models.public_share import PublicTokenHistory
from syncserver.models.user import User
from syncserver.public.history import JOB_TOKEN_HISTORY_PURGE, TOKEN_HISTORY_DAYS
from syncserver.worker.main import build_worker
from tests.syncserver.support import SignedIn, ctx_of, db_session, sign_in

VIN = "WVWZZZ1JZXW000001"


def _vehicle(client: TestClient, owner: SignedIn) -> dict[str, Any]:
    response = client.post("/vehicles", json={"vin": VIN}, headers=owner.headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _again(app: FastAPI, who: SignedIn) -> SignedIn:
    """A new session for the same account (access tokens expire while the test clock jumps days)."""
    with db_session(app) as session:
        user = session.get(User, who.user_id)
        assert user is not None
        pair = SessionManager(session, ctx_of(app)).start(user, "test", second_factor=False)
    return replace(who, access_token=pair.access_token, refresh_token=pair.refresh_token)


def _rows(app: FastAPI, vehicle_id: str) -> list[PublicTokenHistory]:
    with db_session(app) as session:
        query = select(PublicTokenHistory).where(PublicTokenHistory.vehicle_id == uuid.UUID(vehicle_id))
        rows = list(session.scalars(query.order_by(PublicTokenHistory.retired_at)))
        session.expunge_all()
        return rows


def _table_dump(app: FastAPI) -> str:
    """Every column of every row, as text: the clear token must not be anywhere in it."""
    with db_session(app) as session:
        return repr(session.execute(text("SELECT * FROM public_token_history")).all())


def test_rotate_and_disable_store_the_hash_only(app: FastAPI, client: TestClient, clock: ManualClock) -> None:
    owner = sign_in(app)
    vehicle = _vehicle(client, owner)
    first = vehicle["public_token"]
    base = f"/vehicles/{vehicle['id']}/public-token"
    assert _rows(app, vehicle["id"]) == []

    clock.advance(minutes=10)
    rotated = client.post(f"{base}/rotate", headers=owner.headers).json()
    second = rotated["public_token"]
    clock.advance(minutes=10)
    assert client.post(f"{base}/disable", headers=owner.headers).status_code == 200
    assert client.post(f"{base}/disable", headers=owner.headers).status_code == 200  # idempotent: no new row

    rows = _rows(app, vehicle["id"])
    keys = ctx_of(app).keys
    assert [(r.reason, r.token_hash) for r in rows] == [
        ("rotated", keys.token_hash(first)),
        ("disabled", keys.token_hash(second)),
    ]
    assert rows[0].retired_at == clock.now() - timedelta(minutes=10)
    assert rows[1].retired_at == clock.now()
    assert rows[1].issued_at == rows[0].retired_at
    dump = _table_dump(app)
    for token in (first, second):
        assert token not in dump
    assert all(len(r.token_hash) == 64 and r.token_hash != first for r in rows)
    # The retired token no longer opens the page; the history is not a lookup path.
    assert client.get(f"/public/qr/{first}", headers={"Accept": "application/json"}).status_code == 404


def test_deleting_the_vehicle_keeps_the_last_token_as_a_hash(app: FastAPI, client: TestClient) -> None:
    owner = sign_in(app)
    vehicle = _vehicle(client, owner)
    assert client.delete(f"/vehicles/{vehicle['id']}", headers=owner.headers).status_code == 200
    rows = _rows(app, vehicle["id"])
    assert [(r.reason, r.token_hash) for r in rows] == [
        ("vehicle_deleted", ctx_of(app).keys.token_hash(vehicle["public_token"])),
    ]
    assert vehicle["public_token"] not in _table_dump(app)


def test_purge_after_180_days_by_the_periodic_job(app: FastAPI, client: TestClient, clock: ManualClock) -> None:
    owner = sign_in(app)
    vehicle = _vehicle(client, owner)
    base = f"/vehicles/{vehicle['id']}/public-token"
    assert client.post(f"{base}/rotate", headers=owner.headers).status_code == 200  # row 1, retired now
    clock.advance(days=10)
    owner = _again(app, owner)
    assert client.post(f"{base}/rotate", headers=owner.headers).status_code == 200  # row 2, retired 10 days later
    assert len(_rows(app, vehicle["id"])) == 2

    worker = build_worker(ctx_of(app), worker_id="test-worker")
    worker.ensure_periodic()
    with db_session(app) as session:
        assert session.scalars(select(Job).where(Job.kind == JOB_TOKEN_HISTORY_PURGE)).one()
    worker.run_until_idle()
    assert len(_rows(app, vehicle["id"])) == 2  # nothing is old enough yet

    def run_purge_now() -> None:
        with db_session(app) as session:
            job = session.scalars(select(Job).where(Job.kind == JOB_TOKEN_HISTORY_PURGE)).one()
            job.run_after = clock.now() - timedelta(seconds=1)
        worker.run_until_idle()

    clock.advance(days=TOKEN_HISTORY_DAYS - 10)  # row 1 is exactly 180 days old: kept
    run_purge_now()
    assert len(_rows(app, vehicle["id"])) == 2
    clock.advance(seconds=1)  # row 1 is now older than 180 days
    run_purge_now()
    remaining = _rows(app, vehicle["id"])
    assert len(remaining) == 1
    assert remaining[0].retired_at == clock.now() - timedelta(days=TOKEN_HISTORY_DAYS - 10, seconds=1)
    clock.advance(days=10)
    run_purge_now()
    assert _rows(app, vehicle["id"]) == []
