"""Pulls never skip a row that commits later with a lower number: writers hold their transaction open
after taking their seq while readers pull continuously; the union of pulled rows equals the committed rows."""

from __future__ import annotations

import random
import threading
import time
import uuid

from fastapi import FastAPI
from sqlalchemy import select

from shared.roles import Role
from syncserver.access.actor import Actor
from syncserver.models.vehicle import Vehicle
from syncserver.sync import capture
from syncserver.sync.service import SyncService
from syncserver.vehicles.service import VehicleService
from tests.syncserver.support import ctx_of, sign_in

WRITERS = 4
PER_WRITER = 6


class TestConcurrentWritersAndPulls:
    def test_no_row_is_skipped(self, app: FastAPI) -> None:
        ctx = ctx_of(app)
        user = sign_in(app, role=Role.DEALER)  # no paywall: many vehicles
        actor = Actor(user.user_id, Role.DEALER, uuid.uuid4(), False, False, "")
        rng = random.Random(6)
        delays = [[rng.uniform(0, 0.03) for _ in range(PER_WRITER)] for _ in range(WRITERS)]
        errors: list[BaseException] = []
        done = threading.Event()

        def writer(index: int) -> None:
            try:
                for n in range(PER_WRITER):
                    session = ctx.db.sessionmaker()
                    try:
                        VehicleService(session, ctx).create(actor, f"WVWZZZ1JZXW{index:02d}{n:04d}", {}, None)
                        capture.write_pending(session)  # seq taken now ...
                        time.sleep(delays[index][n])  # ... and the commit deliberately delayed
                        session.commit()
                    finally:
                        session.close()
            except BaseException as exc:  # reported below
                errors.append(exc)

        pulled: set[uuid.UUID] = set()
        pulls = 0

        def pull(cursor: str | None) -> tuple[str, bool]:
            session = ctx.db.sessionmaker()
            try:
                page = SyncService(session, ctx).changes(actor, cursor, 3)
                session.commit()
            finally:
                session.close()
            pulled.update(c.id for c in page.changes if c.type == "vehicle" and c.op == "upsert")
            return page.cursor, page.has_more

        threads = [threading.Thread(target=writer, args=(i,)) for i in range(WRITERS)]
        for thread in threads:
            thread.start()
        cursor: str | None = None
        waiter = threading.Thread(target=lambda: ([t.join() for t in threads], done.set()))
        waiter.start()
        while not done.is_set():
            cursor, _ = pull(cursor)
            pulls += 1
        waiter.join()
        more = True
        while more:  # drain what committed after the last pull
            cursor, more = pull(cursor)
        assert errors == []
        assert pulls > 1
        session = ctx.db.sessionmaker()
        try:
            committed = set(session.scalars(select(Vehicle.id)).all())
        finally:
            session.close()
        assert len(committed) == WRITERS * PER_WRITER
        assert pulled == committed
