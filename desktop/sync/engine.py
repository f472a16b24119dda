"""The sync engine: push the outbox in batches, then pull change pages (ARCHITECTURE.md "Sync protocol").

Contracts:

- Thread: blocking; the desktop runs :meth:`SyncEngine.sync_once` on its sync thread with a vault whose every
  ``with vault.session()`` block waits for a turn on the DB worker (``desktop.services.turn_vault``): so never
  make a request (or wait) inside a session block, it would hold the DB worker. ``cancel`` (a ``threading.Event``)
  is honoured between requests, pages, batches and blob chunks (and during backoff waits): the engine
  then raises :class:`SyncCancelled`; everything applied so far is committed and consistent.
- Push: blobs of ``document.attach`` mutations are uploaded first (resumable); each answered batch is
  recorded in one local transaction (acknowledged rows applied, rejected mutations reverted and kept as
  sync problems, outbox rows removed). A lost response is harmless: the retry repeats the same ids and the
  server answers ``duplicate``. Version chains: a request carries at most one ``base_version``-guarded
  mutation per record, and recording its answer moves the record's queued edits on the same base onto the
  version it produced (``outbox.rebase``), so the device's own consecutive edits (offline, or made while a
  push is in flight) never conflict; a change by another device in between still does.
- Pull: each page is applied in one local transaction together with its cursor, in order; the next page is
  fetched on a helper thread meanwhile (parsed as plain checked data, ``desktop.sync.pages``). A 409
  ``full_resync_required`` (or a failed count check) drops the replica's server data (outbox and problems
  stay) and pulls from the beginning, at most once per call.
- Network errors and 5xx are retried with exponential backoff; after ``Backoff.attempts`` they propagate
  (``NetworkError`` / ``ServerError``, both ``retryable``). Request-level refusals (``AuthExpired``,
  ``ConsentRequired``, ``ProtocolMismatch``) propagate at once and leave the outbox untouched.
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.store import outbox, replica
from desktop.store.models import SyncProblem, SyncState
from desktop.store.records import OutboxItem
from desktop.store.vault import Vault
from desktop.sync.blobs import BlobTransfer
from desktop.sync.client import ApiClient
from desktop.sync.errors import ApiError, ConsentRequired, FullResyncRequired, ProtocolMismatch
from desktop.sync.pages import PulledPage
from shared import PROTOCOL_VERSION, SCHEMA_VERSION
from shared.sync.protocol import (
    ChangeOp,
    ChangesPage,
    Mutation,
    MutationName,
    MutationResult,
    PushRequest,
    PushResponse,
    RecordType,
    ResultStatus,
    SyncMeta,
)

T = TypeVar("T")


class SyncCancelled(Exception):
    """``cancel`` was set; work done so far is committed."""


@dataclass(frozen=True, slots=True)
class SyncProgress:
    """``phase``: ``meta``, ``upload``, ``push``, ``pull`` or ``resync``; ``total`` is ``None`` when unknown."""

    phase: str
    done: int
    total: int | None = None


@dataclass(frozen=True, slots=True)
class Backoff:
    """Waits before retries of network/5xx failures: ``base * factor**n`` capped at ``max_delay``."""

    base: float = 0.5
    factor: float = 2.0
    max_delay: float = 30.0
    attempts: int = 6

    def delay(self, attempt: int) -> float:
        return float(min(self.max_delay, self.base * self.factor**attempt))


@dataclass(slots=True)
class SyncReport:
    pushed: int = 0
    applied: int = 0
    duplicates: int = 0
    rejected: int = 0
    pages: int = 0
    changes: int = 0
    uploaded_bytes: int = 0
    retries: int = 0
    full_resync: bool = False
    count_mismatch: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: Client ids the server replaced with its own (``client id -> server id``), for views holding old ids.
    id_map: dict[str, str] = field(default_factory=dict)


ProgressCallback = Callable[[SyncProgress], None]

#: Test hook (kill -9 tests): ``<rows>:<file>`` makes the engine stop inside the transaction of the first page
#: that brings the pulled rows of this engine to ``<rows>`` or more, after writing its rows and cursor but
#: before the commit; it creates ``<file>`` and sleeps until killed. Unset in every real use.
PAUSE_ENV = "LTC_SYNC_TEST_PAUSE_IN_APPLY"
#: How long (s, this process) a checked handshake is trusted before ``sync_once`` asks ``/sync/meta`` again.
#: Safe: every ``/sync/*`` request carries the versions and the server answers 409 ``protocol_mismatch``.
META_TTL = 300.0
#: ``last_sync_at`` of a sync that changed nothing is written only when the stored one is older than this (s),
#: so a no-op sync commits nothing while the status bar's minute-resolution "last synced" stays right.
LAST_SYNC_REFRESH = 60.0
#: Mutations per push request (at most what the server's ``/sync/meta`` allows): fewer round trips, and the
#: server applies runs of ``entry.create`` together and recomputes each vehicle's trust once per request.
PUSH_BATCH = 500


def _pause_hook() -> tuple[int, Path] | None:
    raw = os.environ.get(PAUSE_ENV)
    if not raw:
        return None
    rows, _, path = raw.partition(":")
    return int(rows), Path(path)


def _pause_for_kill(signal_file: Path) -> None:
    signal_file.write_text(str(os.getpid()))
    while True:
        time.sleep(3600)


def _utcnow() -> datetime:
    return datetime.now(UTC)


class SyncEngine:
    def __init__(
        self,
        vault: Vault,
        client: ApiClient,
        *,
        page_limit: int | None = None,
        backoff: Backoff | None = None,
        wait: Callable[[threading.Event, float], bool] | None = None,
        now: Callable[[], datetime] = _utcnow,
    ) -> None:
        self.vault = vault
        self.client = client
        self.page_limit = page_limit
        self.backoff = backoff or Backoff()
        self._wait = wait or (lambda event, seconds: event.wait(seconds))
        self._now = now
        self.blobs = BlobTransfer(vault, client, self._retry)
        self._cancel = threading.Event()
        self._progress: ProgressCallback | None = None
        self._report = SyncReport()
        self._rows_applied = 0
        self._pause = _pause_hook()
        self._meta: SyncMeta | None = None
        self._meta_at = 0.0
        self._wrote = False  # whether this sync_once committed anything to the replica
        #: Server counts that matched the replica at the last check; only applied pages change the local ones.
        self._verified: dict[str, int] | None = None

    # -- plumbing ------------------------------------------------------------------------------------

    def _check_cancel(self) -> None:
        if self._cancel.is_set():
            raise SyncCancelled()

    def _emit(self, phase: str, done: int, total: int | None = None) -> None:
        if self._progress is not None:
            self._progress(SyncProgress(phase, done, total))

    def _retry(self, call: Callable[[], T]) -> T:
        """``call()`` with backoff on retryable errors (network, 5xx); cancellation interrupts the wait."""
        attempt = 0
        while True:
            self._check_cancel()
            try:
                return call()
            except ApiError as exc:
                if not exc.retryable or attempt + 1 >= self.backoff.attempts:
                    raise
                self._report.retries += 1
                if self._wait(self._cancel, self.backoff.delay(attempt)):
                    raise SyncCancelled() from exc
                attempt += 1

    # -- entry point ---------------------------------------------------------------------------------

    def sync_once(
        self, cancel: threading.Event | None = None, on_progress: ProgressCallback | None = None
    ) -> SyncReport:
        """Handshake, push everything pending, pull until the server has no more; returns what happened."""
        self._cancel = cancel or threading.Event()
        self._progress = on_progress
        self._report = SyncReport()
        self._wrote = False
        self._emit("meta", 0)
        try:
            meta = self._handshake()
            self._consent_hold(None)
            self.push(min(meta.max_push_mutations, PUSH_BATCH))
            self.pull(min(self.page_limit or meta.max_page_limit, meta.max_page_limit))
        except ConsentRequired as exc:
            self._consent_hold(exc)
            raise
        except ProtocolMismatch:
            self._meta = None
            raise
        now = self._now()
        with self.vault.session() as session:
            last = session.get_one(SyncState, 1).last_sync_at
        if self._wrote or last is None or (now - last).total_seconds() >= LAST_SYNC_REFRESH:
            with self.vault.session() as session, session.begin():
                session.get_one(SyncState, 1).last_sync_at = now
        return self._report

    def _handshake(self) -> SyncMeta:
        """``/sync/meta``, or the one this engine checked less than :data:`META_TTL` seconds ago."""
        if self._meta is not None and time.monotonic() - self._meta_at < META_TTL:
            return self._meta
        meta = self._retry(self.client.sync_meta)
        if meta.protocol_version != PROTOCOL_VERSION or meta.schema_version != SCHEMA_VERSION:
            raise ProtocolMismatch("protocol_mismatch", 409, "the server speaks another protocol or schema version")
        self._meta, self._meta_at = meta, time.monotonic()
        return meta

    def _consent_hold(self, refusal: ConsentRequired | None) -> None:
        """List (``refusal``) or clear (``None``) the ``consent_required`` notice in the sync problems.

        The queued mutations stay in the outbox and the optimistic state stays as it is: after the user
        consents, the next sync sends them and the notice goes away by itself.
        """
        with self.vault.session() as session:
            held = session.scalars(select(SyncProblem).where(SyncProblem.name == outbox.CONSENT_HOLD)).all()
            if refusal is None and not held:
                return  # the usual case: nothing to clear, no transaction to commit
        with self.vault.session() as session, session.begin():
            held = session.scalars(select(SyncProblem).where(SyncProblem.name == outbox.CONSENT_HOLD)).all()
            if refusal is None:
                for row in held:
                    session.delete(row)
                return
            pending = [m.mutation_id for m in outbox.pending(session, 10_000)]
            if held:
                held[0].args = {"pending_mutation_ids": pending}
                return
            session.add(
                SyncProblem(
                    client_id=outbox.client_id(session),
                    mutation_id=0,
                    name=outbox.CONSENT_HOLD,
                    args={"pending_mutation_ids": pending},
                    base_version=None,
                    code=refusal.code or "consent_required",
                    message=str(refusal),
                    server_state=None,
                )
            )

    # -- push ----------------------------------------------------------------------------------------

    def push(self, batch_size: int) -> None:
        done = 0
        with self.vault.session() as session:
            total = outbox.count(session)
        if not total:
            return
        while True:
            self._check_cancel()
            with self.vault.session() as session:
                batch = outbox.one_guard_per_record(outbox.pending(session, batch_size))
            if not batch:
                return
            batch = self._upload_blobs(batch)
            if not batch:
                continue
            with self.vault.session() as session, session.begin():
                outbox.note_attempt(session, [m.mutation_id for m in batch])
            request = PushRequest(
                client_id=uuid.UUID(batch[0].client_id),
                mutations=[
                    Mutation(
                        mutation_id=m.mutation_id, name=MutationName(m.name), args=m.args, base_version=m.base_version
                    )
                    for m in batch
                ],
            )
            response = self._retry(partial(self.client.sync_push, request))
            self._wrote = True
            answered = self._record(batch, response)
            done += answered
            self._emit("push", done, total)
            if not answered:
                return  # the server answered none of them: do not spin

    def _upload_blobs(self, batch: list[OutboxItem]) -> list[OutboxItem]:
        """Upload the blobs the batch needs; a blob the server refuses turns its mutation into a problem.

        Returns the batch up to (not including) the first refused mutation; that one is recorded already.
        """
        for index, item in enumerate(batch):
            if item.name != MutationName.DOCUMENT_ATTACH:
                continue
            try:
                self._report.uploaded_bytes += self.blobs.upload(str(item.args["sha256"]), self._cancel, self._emit)
            except ApiError as exc:
                if exc.retryable or exc.code is None or exc.status in (401, 409):
                    raise
                with self.vault.session() as session, session.begin():
                    self._reject(session, item, exc.code, str(exc))
                self._report.rejected += 1
                return batch[:index]
        return batch

    def _record(self, batch: list[OutboxItem], response: PushResponse) -> int:
        self._verified = None  # acknowledged rows and reverts change the local counts
        by_id = {m.mutation_id: m for m in batch}
        answered: list[int] = []
        now = self._now()
        with self.vault.session() as session, session.begin():
            run: list[tuple[str, str, str | None, int | None, dict[str, Any]]] = []
            for result in response.results:
                item = by_id.get(result.mutation_id)
                if item is None:
                    continue
                answered.append(item.mutation_id)
                if result.status == ResultStatus.REJECTED:
                    replica.upsert_rows(session, run, now)  # the revert reads the state the answers before left
                    run = []
                    self._reject(session, item, result.code or "rejected", result.message or "")
                    self._report.rejected += 1
                else:
                    run = self._acknowledge(session, item, result, run, now)
                    self._rebase(session, item, result)
                    if result.status == ResultStatus.DUPLICATE:
                        self._report.duplicates += 1
                    else:
                        self._report.applied += 1
            replica.upsert_rows(session, run, now)
            outbox.remove(session, answered)
            state = session.get_one(SyncState, 1)
            state.last_push_at = now
        self._report.pushed += len(answered)
        return len(answered)

    def _acknowledge(
        self,
        session: Session,
        item: OutboxItem,
        result: MutationResult,
        run: list[tuple[str, str, str | None, int | None, dict[str, Any]]],
        now: datetime,
    ) -> list[tuple[str, str, str | None, int | None, dict[str, Any]]]:
        """Apply one acknowledged mutation. The server rows are appended to ``run`` (upserted in one statement
        with those of the next answers, later rows of one id winning as one by one); returns the run to go on
        with. Whatever must see the rows in the table (uploads, deletes) writes the run first."""
        self._report.id_map.update(result.id_map)
        targets = outbox.targets(item.name, item.args)
        carried: list[tuple[str, str, dict[str, Any]]] = []
        for client_ref, server_id in result.id_map.items():
            if client_ref != server_id:
                for kind, record_id in targets:
                    if record_id == client_ref:
                        local = replica.local_columns(session, kind, record_id)  # e.g. the local blob pointer
                        if local is not None:
                            carried.append((kind, server_id, local))
                        replica.delete_record(session, kind, record_id)  # the server's row replaces it
        run.extend((r.type.value, str(r.id), None, None, r.data) for r in result.rows)
        ordered = item.name in (MutationName.VEHICLE_DELETE, MutationName.DOCUMENT_DELETE)
        if not ordered and not carried and not any(kind == RecordType.DOCUMENT for kind, _ in targets):
            return run
        replica.upsert_rows(session, run, now)
        for kind, server_id, local in carried:
            replica.carry_local_columns(session, kind, server_id, local)
        for kind, record_id in targets:
            if kind == RecordType.DOCUMENT:
                replica.mark_uploaded(session, result.id_map.get(record_id, record_id))
        if ordered:
            kind, record_id = targets[0]
            if not any(str(r.id) == record_id for r in result.rows):
                replica.delete_record(session, kind, record_id)
        return []

    def _rebase(self, session: Session, item: OutboxItem, result: MutationResult) -> None:
        """Chain the versions of an acknowledged guarded mutation: the queued edits of its record made on the same
        base (queued while it was in flight, or held back by ``outbox.one_guard_per_record``) now build on the
        version its answer reports, so this device's own consecutive edits never conflict with each other."""
        record = outbox.guarded_record(item)
        if record is None or item.base_version is None:
            return
        kind, record_id = record
        server_id = result.id_map.get(record_id, record_id)
        for row in result.rows:  # the mutation's own rows come first, the batch's trust rows after them
            if row.type.value == kind and str(row.id) in (record_id, server_id):
                version = row.data.get("version")
                if isinstance(version, int) and version > item.base_version:
                    outbox.rebase(session, record, {record_id, server_id}, item.mutation_id, item.base_version, version)
                return

    def _reject(self, session: Session, item: OutboxItem, code: str, message: str) -> None:
        self._verified = None
        session.add(
            SyncProblem(
                client_id=item.client_id,
                mutation_id=item.mutation_id,
                name=item.name,
                args=item.args,
                base_version=item.base_version,
                code=code,
                message=message,
                server_state=outbox.server_state(session, item.name, item.args),
            )
        )
        outbox.revert(session, item.name, item.args)
        outbox.remove(session, [item.mutation_id])

    # -- pull ----------------------------------------------------------------------------------------

    def pull(self, limit: int) -> None:
        try:
            self._pull_all(limit)
        except FullResyncRequired:
            self.full_resync(limit)
            return
        if self._report.count_mismatch:
            self.full_resync(limit)

    def full_resync(self, limit: int) -> None:
        """Forget the server's rows and the cursor (keep the outbox and problems), then pull from scratch."""
        self._report.full_resync = True
        self._wrote = True
        self._verified = None
        self._report.count_mismatch = {}
        self._emit("resync", 0)
        with self.vault.session() as session, session.begin():
            replica.drop_server_data(session)
            state = session.get_one(SyncState, 1)
            state.cursor = None
            state.needs_full_resync = False
        self._pull_all(limit)

    def _pull_all(self, limit: int) -> None:
        """Pull pages until the server has no more. The next page is fetched (own thread) while the current one is
        applied: each page still commits in its own transaction with its cursor, in order."""
        with self.vault.session() as session:
            state = session.get_one(SyncState, 1)
            cursor, resync = state.cursor, state.needs_full_resync
        if resync:
            raise FullResyncRequired("full_resync_required", 409, "requested locally")
        fetch = partial(self._fetch_page, limit)
        page = fetch(cursor)
        ahead: ThreadPoolExecutor | None = None
        try:
            while True:
                following: Future[PulledPage] | None = None
                if page.has_more:
                    ahead = ahead or ThreadPoolExecutor(max_workers=1, thread_name_prefix="ltc-pull")
                    following = ahead.submit(fetch, page.cursor)
                self.apply_page(page)
                self._report.pages += 1
                self._report.changes += len(page.changes)
                self._emit("pull", self._report.changes)
                if following is None:
                    return
                self._check_cancel()
                page = following.result()
        finally:
            if ahead is not None:  # after a failure the fetch in flight is abandoned (it changes nothing)
                ahead.shutdown(wait=False, cancel_futures=True)

    def _fetch_page(self, limit: int, cursor: str | None) -> PulledPage:
        self._check_cancel()
        return self._retry(partial(self.client.sync_page, cursor, limit))

    def apply_page(self, page: PulledPage | ChangesPage) -> None:
        """Apply one page and store its cursor, in one local transaction (none for an empty page that leaves the
        cursor where it is: a no-op pull only runs the count check)."""
        if isinstance(page, ChangesPage):
            page = PulledPage.of(page)
        now = self._now()
        if not page.changes:
            with self.vault.session() as session:
                unchanged = session.get_one(SyncState, 1).cursor == page.cursor
                if unchanged:
                    if page.counts is None or page.counts != self._verified:
                        self._check_counts(session, page)  # a full count is a scan of the replica
                    return
        self._wrote = True
        self._verified = None
        with self.vault.session() as session, session.begin():
            run: list[tuple[str, str, str | None, int | None, dict[str, Any]]] = []
            for change in page.changes:
                data = change["data"]
                if change["op"] == ChangeOp.UPSERT and data is not None:
                    run.append((change["type"], change["id"], change["vehicle_id"], change["seq"], data))
                    continue
                replica.upsert_rows(session, run, now)
                run = []
                replica.delete_record(session, change["type"], change["id"])
            replica.upsert_rows(session, run, now)
            state = session.get_one(SyncState, 1)
            state.cursor = page.cursor
            state.last_pull_at = now
            self._rows_applied += len(page.changes)
            if self._pause is not None and self._rows_applied >= self._pause[0]:
                _pause_for_kill(self._pause[1])  # test hook: still inside the page's transaction
            self._check_counts(session, page)

    def _check_counts(self, session: Session, page: PulledPage) -> None:
        if page.counts is not None and not page.has_more:
            local = replica.local_counts(session)
            self._report.count_mismatch = {
                kind: (local.get(kind, 0), int(n)) for kind, n in page.counts.items() if local.get(kind, 0) != n
            }
            self._verified = None if self._report.count_mismatch else dict(page.counts)
