"""Inline database work (``syncserver.dbwork``): reads of the embedded SQLite run on the event loop, a write is
refused there before it runs and the work is repeated on a worker thread; PostgreSQL always takes the thread."""

from __future__ import annotations

import threading
import uuid
from datetime import timedelta

import anyio
import anyio.to_thread
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from shared.roles import Role
from syncserver.auth.sessions import TOUCH_INTERVAL
from syncserver.clock import ManualClock
from syncserver.config import RateLimit
from syncserver.db import Database, WriteAttempted, read_only, writes_allowed
from syncserver.dbwork import run_db_work
from syncserver.models.auth import AuthSession
from syncserver.models.ratelimit import RateLimitCounter
from syncserver.ratelimit import AggregatingRateLimiter
from tests.syncserver.support import db_session, sign_in
from tests.syncserver.test_public import create_vehicle


@pytest.fixture
def thread_hops(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the functions sent to a worker thread through anyio while the test runs."""
    hops: list[str] = []
    original = anyio.to_thread.run_sync

    async def counting(func, *args, **kwargs):  # type: ignore[no-untyped-def]
        hops.append(getattr(func, "__name__", repr(func)))
        return await original(func, *args, **kwargs)

    monkeypatch.setattr(anyio.to_thread, "run_sync", counting)
    return hops


def _count_sessions(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(AuthSession)) or 0)


class TestReadOnly:
    @pytest.mark.parametrize("backend", ["sqlite"])  # inline work is SQLite only
    def test_a_write_is_refused_before_it_runs(self, database: Database) -> None:
        assert database.reads_inline
        with database.sessionmaker() as session:
            with read_only():
                assert not writes_allowed()
                session.execute(text("SELECT 1"))
                with pytest.raises(WriteAttempted):
                    session.execute(text("CREATE TABLE ltc_inline_probe (x INTEGER)"))
            session.rollback()
            assert writes_allowed()
        with database.engine.connect() as conn:
            tables = conn.execute(text("SELECT name FROM sqlite_master WHERE name = 'ltc_inline_probe'")).all()
        assert tables == []

    def test_the_same_session_writes_again_after_the_block(self, database: Database) -> None:
        with database.sessionmaker() as session:
            with read_only():
                session.execute(select(func.count()).select_from(AuthSession))
            session.execute(text("CREATE TEMPORARY TABLE ltc_after (x INTEGER)"))
            session.rollback()


class TestRunDbWork:
    def _run(self, database: Database, fn, *args):  # type: ignore[no-untyped-def]
        async def main():  # type: ignore[no-untyped-def]
            with database.sessionmaker() as session:
                result = await run_db_work(database, session, fn, session, *args)
                session.commit()
                return result

        return anyio.run(main)

    def test_a_read_runs_inline_on_sqlite_and_on_a_thread_on_postgres(self, database: Database) -> None:
        threads: list[int] = []

        def read(session: Session) -> int:
            threads.append(threading.get_ident())
            return _count_sessions(session)

        loop_thread = threading.get_ident()
        assert self._run(database, read) == 0
        assert len(threads) == 1
        assert (threads[0] == loop_thread) is database.reads_inline

    def test_a_writing_call_is_repeated_on_a_worker_thread_and_writes_once(self, database: Database) -> None:
        calls: list[tuple[int, bool]] = []

        def read_then_write(session: Session, marker: str) -> str:
            calls.append((threading.get_ident(), writes_allowed()))
            session.execute(text("SELECT 1"))
            session.execute(
                text("INSERT INTO rate_limit_counters (key, window_start, count) VALUES (:k, 0, 1)"), {"k": marker}
            )
            return marker

        marker = f"dbwork:{uuid.uuid4().hex}"
        assert self._run(database, read_then_write, marker) == marker
        loop_thread = threading.get_ident()
        if database.reads_inline:
            assert [allowed for _, allowed in calls] == [False, True]  # refused inline, then repeated
            assert calls[0][0] == loop_thread != calls[1][0]
        else:
            assert len(calls) == 1
            assert calls[0][0] != loop_thread
        with database.sessionmaker() as session:
            rows = session.scalars(select(RateLimitCounter.count).where(RateLimitCounter.key == marker)).all()
        assert rows == [1]


class TestHotPaths:
    def test_me_needs_no_worker_thread_on_sqlite(
        self, app: FastAPI, database: Database, thread_hops: list[str]
    ) -> None:
        user = sign_in(app)
        with TestClient(app) as client:
            for _ in range(3):
                assert client.get("/auth/me", headers=user.headers).status_code == 200
            hops = list(thread_hops)  # before the app's shutdown (which stops its worker on a thread)
        if database.reads_inline:
            assert hops == []
        else:
            assert hops  # PostgreSQL: the checks and the answer run on worker threads

    def test_the_due_session_touch_still_lands(self, app: FastAPI, clock: ManualClock, thread_hops: list[str]) -> None:
        user = sign_in(app)
        with db_session(app) as session:
            before = session.scalars(select(AuthSession.last_seen_at)).one()
        clock.advance(seconds=TOUCH_INTERVAL.total_seconds() + 1)
        with TestClient(app) as client:
            assert client.get("/auth/me", headers=user.headers).status_code == 200
            hops = list(thread_hops)
        with db_session(app) as session:
            after = session.scalars(select(AuthSession.last_seen_at)).one()
        assert after - before >= TOUCH_INTERVAL
        assert "_check" in hops  # the write went to a worker thread

    def test_a_denied_request_is_still_audited(self, app: FastAPI) -> None:
        moderator = sign_in(app, role=Role.MODERATOR)
        with TestClient(app) as client:
            response = client.get("/vehicles", headers=moderator.headers)
        assert response.status_code == 403
        with db_session(app) as session:
            denied = session.execute(
                text("SELECT count(*) FROM audit_events WHERE result = 'denied' AND reason_code = 'MODERATOR_BLOCK'")
            ).scalar_one()
        assert denied == 1

    def test_the_public_page_needs_no_worker_thread_on_sqlite(
        self, app: FastAPI, database: Database, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        owner = sign_in(app)
        with TestClient(app) as client:
            vehicle = create_vehicle(client, owner)
            url = f"/public/qr/{vehicle['public_token']}"
            assert client.get(url).status_code == 200  # the first hit of an address syncs the rate-limit row
            hops: list[str] = []
            original = anyio.to_thread.run_sync

            async def counting(func, *args, **kwargs):  # type: ignore[no-untyped-def]
                hops.append(getattr(func, "__name__", repr(func)))
                return await original(func, *args, **kwargs)

            monkeypatch.setattr(anyio.to_thread, "run_sync", counting)
            for accept in ("application/json", "text/html"):
                assert client.get(url, headers={"Accept": accept}).status_code == 200
            seen = list(hops)  # before the app's shutdown (which stops its worker on a thread)
        assert (seen == []) is database.reads_inline


class TestInlineRateLimit:
    def test_a_hit_due_for_a_sync_hands_over_uncounted(self, database: Database, clock: ManualClock) -> None:
        limiter = AggregatingRateLimiter(database, clock)
        limit = RateLimit(3, 60)
        clock.advance(seconds=60 - clock.now().timestamp() % 60)
        with read_only(), pytest.raises(WriteAttempted):
            limiter.hit("public_qr_ip", "inline", limit)  # first hit of the window: a sync is due
        assert [limiter.hit("public_qr_ip", "inline", limit) for _ in range(4)] == [True, True, True, False]
        with database.sessionmaker() as session:
            stored = session.scalars(
                select(RateLimitCounter.count).where(RateLimitCounter.key == "public_qr_ip:inline")
            ).all()
        assert sum(stored) == 4  # the handed-over hit was counted once, by its repeat


def test_the_session_touch_interval_is_a_minute() -> None:
    assert timedelta(seconds=60) == TOUCH_INTERVAL


class TestSyncClaim:
    """One sync per key at a time; inline callers hand theirs over instead of piling onto worker threads."""

    def test_inline_hits_after_a_handover_decide_in_memory(self, database: Database, clock: ManualClock) -> None:
        limiter = AggregatingRateLimiter(database, clock)
        limit = RateLimit(1000, 60)
        clock.advance(seconds=60 - clock.now().timestamp() % 60)
        with read_only():
            with pytest.raises(WriteAttempted):
                limiter.hit("public_qr_ip", "claim", limit)  # due (first of the window): claimed, handed over
            assert all(limiter.hit("public_qr_ip", "claim", limit) for _ in range(5))  # no second hand-over
        assert limiter.hit("public_qr_ip", "claim", limit)  # the repeat (a writer) takes the sync
        with database.sessionmaker() as session:
            stored = session.scalars(select(RateLimitCounter.count).where(RateLimitCounter.key == "public_qr_ip:claim"))
            assert list(stored) == [6]

    def test_an_abandoned_claim_expires(self, database: Database, clock: ManualClock) -> None:
        limiter = AggregatingRateLimiter(database, clock)
        limit = RateLimit(1000, 60)
        clock.advance(seconds=60 - clock.now().timestamp() % 60)
        with read_only():
            with pytest.raises(WriteAttempted):
                limiter.hit("public_qr_ip", "gone", limit)
            assert limiter.hit("public_qr_ip", "gone", limit)
            clock.advance(seconds=AggregatingRateLimiter.CLAIM_SECONDS + 1)
            with pytest.raises(WriteAttempted):
                limiter.hit("public_qr_ip", "gone", limit)  # its request never came back: claimed anew

    def test_one_process_stays_exact_while_its_sync_is_in_flight(
        self, database: Database, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        limiter = AggregatingRateLimiter(database, clock)
        limit = RateLimit(10, 60)  # batch 1: every hit near the limit syncs
        clock.advance(seconds=60 - clock.now().timestamp() % 60)
        assert all(limiter.hit("public_qr_ip", "exact", limit) for _ in range(5))
        entered, release = threading.Event(), threading.Event()
        original = limiter._sync

        def slow_sync(*args):  # type: ignore[no-untyped-def]
            entered.set()
            release.wait(10)
            return original(*args)

        monkeypatch.setattr(limiter, "_sync", slow_sync)
        results: list[bool] = []
        worker = threading.Thread(target=lambda: results.append(limiter.hit("public_qr_ip", "exact", limit)))
        worker.start()
        assert entered.wait(10)  # hit 6 is syncing (claimed, its flush in flight)
        during = [limiter.hit("public_qr_ip", "exact", limit) for _ in range(5)]  # hits 7-11 meanwhile
        release.set()
        worker.join(10)
        assert results == [True]
        assert during == [True, True, True, True, False]  # the 11th is refused: in-flight hits counted
