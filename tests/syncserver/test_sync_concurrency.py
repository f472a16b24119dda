"""Pulls never skip a row that commits later with a lower number: writers hold their transaction open
after taking their seq while readers pull; the union of pulled rows equals the committed rows.

No timing: each writer, after taking its seq, reports the hold and waits until the driving reader has pulled
(a pull that provably runs while that seq is taken and uncommitted, and must not see the row yet), then commits.
The other writers run freely meanwhile (queueing on the sequence lock), and a second reader pulls continuously
on its own cursor. The vehicles exist and are reconciled before, so no pull needs the sequence lock itself
(a reconcile that logs ``grant`` events takes it: such a pull would wait for the holding writer, which waits
for that pull).
"""

from __future__ import annotations

import queue
import threading
import uuid

from fastapi import FastAPI
from sqlalchemy import select

from shared.roles import Role
from syncserver.access.actor import Actor
from syncserver.context import ServerContext
from syncserver.entries.schemas import EntryIn
from syncserver.entries.service import EntryService
from syncserver.models.entry import VehicleEntry
from syncserver.sync import capture
from syncserver.sync.service import SyncService
from syncserver.vehicles.service import VehicleService
from tests.syncserver.support import ctx_of, sign_in

WRITERS = 4
PER_WRITER = 6
#: Fail-safe only (a hang becomes a failure); no step of the schedule waits on a clock.
STUCK = 60.0


class Reader:
    """One cursor over the actor's changes; collects the ids of pulled upserts per type."""

    def __init__(self, ctx: ServerContext, actor: Actor) -> None:
        self.ctx = ctx
        self.actor = actor
        self.cursor: str | None = None
        self.pulled: dict[str, set[uuid.UUID]] = {"vehicle": set(), "entry": set()}
        self.pulls = 0

    def pull(self) -> None:
        """Pages until the server has no more."""
        session = self.ctx.db.sessionmaker()
        try:
            page = SyncService(session, self.ctx).changes(self.actor, self.cursor, 3)
            session.commit()
        finally:
            session.close()
        self.cursor = page.cursor
        self.pulls += 1
        for change in page.changes:
            if change.op == "upsert" and change.type.value in self.pulled:
                self.pulled[change.type.value].add(change.id)
        if page.has_more:
            self.pull()


class TestConcurrentWritersAndPulls:
    def test_no_row_is_skipped(self, app: FastAPI) -> None:
        ctx = ctx_of(app)
        user = sign_in(app, role=Role.DEALER)  # no paywall: many vehicles
        actor = Actor(user.user_id, Role.DEALER, uuid.uuid4(), False, False, "")
        vehicles = []
        for index in range(WRITERS):
            session = ctx.db.sessionmaker()
            try:
                view = VehicleService(session, ctx).create(actor, f"WVWZZZ1JZXW{index:02d}0000", {}, None)
                vehicles.append(view.access.vehicle.id)
                session.commit()
            finally:
                session.close()
        driver, free = Reader(ctx, actor), Reader(ctx, actor)
        driver.pull()  # reconciled: from here on no pull logs anything
        assert driver.pulled["vehicle"] == set(vehicles)

        errors: list[BaseException] = []
        held: queue.Queue[tuple[int, uuid.UUID]] = queue.Queue()
        release = [threading.Event() for _ in range(WRITERS)]
        abort = threading.Event()

        def writer(index: int) -> None:
            try:
                for n in range(PER_WRITER):
                    session = ctx.db.sessionmaker()
                    try:
                        body = EntryIn(date="2025-03-04", type="service", performed_by="own_work", km=n + 1)
                        view = EntryService(session, ctx).create(actor, vehicles[index], body.draft())
                        capture.write_pending(session)  # seq taken (and the sequence lock held) now ...
                        held.put((index, view.entry.id))
                        if not release[index].wait(STUCK):  # ... and the commit waits for a pull
                            raise TimeoutError(f"writer {index} was never released")
                        release[index].clear()
                        if abort.is_set():
                            raise RuntimeError("aborted")
                        session.commit()
                    finally:
                        session.close()
            except BaseException as exc:  # reported below
                errors.append(exc)
                held.put((index, uuid.UUID(int=0)))  # unblock the driver

        stop = threading.Event()

        def free_reader() -> None:
            try:
                while not stop.is_set():
                    free.pull()
            except BaseException as exc:  # reported below
                errors.append(exc)

        threads = [threading.Thread(target=writer, args=(i,)) for i in range(WRITERS)]
        background = threading.Thread(target=free_reader)
        background.start()
        for thread in threads:
            thread.start()
        pulls_while_held = 0
        try:
            for _ in range(WRITERS * PER_WRITER):
                index, entry_id = held.get(timeout=STUCK)
                if errors:
                    abort.set()
                    for event in release:
                        event.set()
                    break
                driver.pull()  # the writer holds its seq, uncommitted, until released below
                assert entry_id not in driver.pulled["entry"]
                pulls_while_held += 1
                release[index].set()
        except BaseException:
            abort.set()  # a failed driver lets every writer out at once
            for event in release:
                event.set()
            raise
        finally:
            for thread in threads:
                thread.join(STUCK)
            stop.set()
            background.join(STUCK)
        driver.pull()  # what committed after the last pull
        free.pull()
        assert errors == []
        assert pulls_while_held == WRITERS * PER_WRITER  # every seq was held across a pull
        session = ctx.db.sessionmaker()
        try:
            committed = set(session.scalars(select(VehicleEntry.id)).all())
        finally:
            session.close()
        assert len(committed) == WRITERS * PER_WRITER
        assert driver.pulled["entry"] == committed
        assert free.pulled["entry"] == committed
        assert free.pulled["vehicle"] == set(vehicles)
