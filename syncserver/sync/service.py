"""Push of intent mutations and pull of visible changes (ARCHITECTURE "Sync protocol"). No FastAPI.

Push: every mutation runs in its own savepoint through the same services as the REST API; its answer
and the client's last mutation id are written in the same transaction as its changes, so a retry after
a lost response is answered from the stored answer. Pull: reconcile the actor's visible vehicles
(gains -> ``grant`` events sending the whole vehicle, losses -> ``remove``), then read the log after
the cursor, restricted to the actor's vehicles, organisations and own events, in seq order.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from itertools import groupby
from operator import itemgetter
from typing import Any

from pydantic_core import to_json, to_jsonable_python
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shared import PROTOCOL_VERSION, SCHEMA_VERSION
from shared.errors import DomainError, ErrorCode
from shared.sync import cursor as cursors
from shared.sync.protocol import (
    ChangeOp,
    ChangesPage,
    Mutation,
    MutationName,
    MutationResult,
    PushRequest,
    PushResponse,
    RecordRow,
    RecordType,
    ResultStatus,
    SyncMeta,
)
from shared.sync.rules import Disposition, check_order, disposition
from syncserver.access.actor import Actor
from syncserver.context import ServerContext
from syncserver.failures import RecordedFailure
from syncserver.intake.runtime import IntakeRuntime
from syncserver.models.sync import SyncClient, SyncVisibility
from syncserver.sync import capture
from syncserver.sync.counts import LIVE_COUNTS
from syncserver.sync.entry_batch import apply_entry_creates
from syncserver.sync.entry_page import driver_values
from syncserver.sync.mutations import CREATES, HANDLERS, REFERENCE_KEYS, Call, client_ref
from syncserver.sync.records import Renderer
from syncserver.sync.repository import SyncRepository
from syncserver.trust.service import batched_recompute, recompute_trust

#: The log epoch; bump it (config) after compacting or restoring the log: every older cursor then resyncs.
EPOCH = 1
#: Lowest seq a cursor may still name (nothing is compacted yet).
HORIZON = 0
#: Message of the ``conflict`` answer to a create whose id the account uses already.
_ID_IN_USE = "id already used by this account"


class SyncService:
    def __init__(self, session: Session, ctx: ServerContext, intake: IntakeRuntime | None = None) -> None:
        self.session = session
        self.ctx = ctx
        self.intake = intake
        self.repo = SyncRepository(session)

    def meta(self) -> SyncMeta:
        return SyncMeta(
            protocol_version=PROTOCOL_VERSION, schema_version=SCHEMA_VERSION, server_time=self.ctx.clock.now()
        )

    # --- push ---------------------------------------------------------------------------------------
    def push(self, actor: Actor, request: PushRequest) -> PushResponse:
        """Apply the batch in order; 403 ``forbidden`` for another user's client id."""
        assert self.intake is not None  # the endpoint always passes it
        check_order(request.mutations)
        now = self.ctx.clock.now()
        client = self.repo.client(request.client_id, lock=True)
        if client is None:
            client = SyncClient(
                client_id=request.client_id, user_id=actor.user_id, last_mutation_id=0, created_at=now, updated_at=now
            )
            self.repo.add(client)
            client = self.repo.client(request.client_id, lock=True)
            assert client is not None
        if client.user_id != actor.user_id:
            raise DomainError(ErrorCode.FORBIDDEN, message="client id belongs to another account")
        results: list[MutationResult] = []
        todo: list[Mutation] = []
        for mutation in request.mutations:  # ids ascend: the repeated ones come first
            if disposition(mutation.mutation_id, client.last_mutation_id) is Disposition.DUPLICATE:
                results.append(self._repeat(client, mutation))
            else:
                todo.append(mutation)
        fresh = list(range(len(results), len(results) + len(todo)))
        with batched_recompute(self.session) as trust_batch:
            for entries, run in groupby(todo, key=lambda m: m.name is MutationName.ENTRY_CREATE):
                if entries:  # consecutive entry.create: applied together, answered one by one
                    results += apply_entry_creates(self.repo, self.ctx, actor, list(run), now)
                else:
                    results += [self._apply(actor, mutation, now) for mutation in run]
            if todo:
                client.last_mutation_id = todo[-1].mutation_id
                client.updated_at = now
            self._recompute_trust(actor, trust_batch, results, fresh, now)
        self.repo.add_answers(
            [
                {"client_id": client.client_id, "mutation_id": r.mutation_id, "answer": r.model_dump(mode="json")}
                | {"created_at": now}
                for r in (results[i] for i in fresh)
            ]
        )
        self.repo.flush()
        return PushResponse(client_id=client.client_id, last_mutation_id=client.last_mutation_id, results=results)

    def _recompute_trust(
        self,
        actor: Actor,
        batch: dict[uuid.UUID, datetime],
        results: list[MutationResult],
        fresh: list[int],
        now: datetime,
    ) -> None:
        """The trust recomputes the batch's entries asked for, once per vehicle; the rows they changed
        (summaries, entry levels) are added to the last applied result of the batch."""
        if not batch:
            return
        position = capture.mark(self.session)
        for vehicle_id, at in batch.items():
            try:
                recompute_trust(self.session, vehicle_id, at)
            except LookupError:  # gone later in the same batch: nothing left to summarise
                continue
        self.session.flush()
        notes = capture.since(self.session, position)
        applied = [i for i in fresh if results[i].status is ResultStatus.APPLIED]
        if not notes or not applied:
            return
        rendered = Renderer(self.session, self.ctx, actor, now).render(
            dict.fromkeys((n.record_type, n.record_id) for n in notes)
        )
        extra = [RecordRow(type=r.type, id=r.id, data=r.data) for r in rendered.values() if r.data is not None]
        last = results[applied[-1]]
        results[applied[-1]] = last.model_copy(update={"rows": [*last.rows, *extra]})

    def _repeat(self, client: SyncClient, mutation: Mutation) -> MutationResult:
        stored = self.repo.answer(client.client_id, mutation.mutation_id)
        if stored is None:  # answered before answers were kept, or pruned: nothing to repeat but the fact
            return MutationResult(mutation_id=mutation.mutation_id, status=ResultStatus.DUPLICATE)
        first = MutationResult.model_validate(stored.answer)
        if first.status is ResultStatus.REJECTED:
            return first
        return first.model_copy(update={"status": ResultStatus.DUPLICATE})

    def _apply(self, actor: Actor, mutation: Mutation, now: datetime) -> MutationResult:
        assert self.intake is not None
        position = capture.mark(self.session)
        savepoint = self.session.begin_nested()
        try:
            if mutation.name in CREATES:
                self._check_new_id(actor, mutation)
            args = self._resolve(actor, mutation.args)
            created = HANDLERS[mutation.name](Call(self.session, self.ctx, self.intake, actor, mutation, args))
            self.session.flush()
            id_map: dict[str, str] = {}
            for record_type, client_id, server_id in created:
                if client_id is not None and client_id != server_id:
                    # a server id (a record of the type had the client's id, or entry.revise): when the account uses
                    # the id now (a concurrent push made its record since the check), the id names that one: undone
                    if self.repo.ids_in_use(actor.user_id, [client_id]):
                        raise DomainError(ErrorCode.CONFLICT, message=_ID_IN_USE)
                    id_map[str(client_id)] = str(server_id)
                    if not self.repo.add_aliases(actor.user_id, record_type, [(client_id, server_id)], now):
                        # the account took the id since the check (a concurrent push): this create is undone
                        raise DomainError(ErrorCode.CONFLICT, message=_ID_IN_USE)
            notes = capture.since(self.session, position)
            savepoint.commit()
        except DomainError as exc:
            if isinstance(exc, RecordedFailure):  # like a refused REST request: its bookkeeping (a denial's audit
                savepoint.commit()  # event) stays; the service flushed nothing else before raising it
            else:
                savepoint.rollback()
                capture.rollback_to(self.session, position)
            return MutationResult(
                mutation_id=mutation.mutation_id, status=ResultStatus.REJECTED, code=exc.code.value, message=exc.message
            )
        except IntegrityError:
            if mutation.name not in CREATES:
                raise
            # a create that kept the client's id lost a race for it (another push inserted a record under the id
            # between the check and the insert): only this mutation is undone, answered like a taken id
            savepoint.rollback()
            capture.rollback_to(self.session, position)
            return MutationResult(
                mutation_id=mutation.mutation_id,
                status=ResultStatus.REJECTED,
                code=ErrorCode.CONFLICT.value,
                message=_ID_IN_USE,
            )
        renderer = Renderer(self.session, self.ctx, actor, now)
        rendered = renderer.render(dict.fromkeys((n.record_type, n.record_id) for n in notes))
        rows = [RecordRow(type=r.type, id=r.id, data=r.data) for r in rendered.values() if r.data is not None]
        return MutationResult(mutation_id=mutation.mutation_id, status=ResultStatus.APPLIED, rows=rows, id_map=id_map)

    def _check_new_id(self, actor: Actor, mutation: Mutation) -> None:
        """409 ``conflict`` for a create whose id the account uses already (the same id twice, or the id of one of
        its records): a second record under it would re-point or lose what the id names. Before the handler, so a
        rejected create does no work (a document's blob is not copied). A create keeps its id when no record of its
        type has it (``mutations.kept_id``); another account's id gets an alias (resolved for this account only)
        and the record a server id."""
        mine = client_ref(mutation.args)  # 422 for a malformed id, before anything is written
        if mine is not None and self.repo.ids_in_use(actor.user_id, [mine]):
            raise DomainError(ErrorCode.CONFLICT, message=_ID_IN_USE)

    def _resolve(self, actor: Actor, args: dict[str, object]) -> dict[str, object]:
        """Replace client ids of records the server created under its own id."""
        refs: dict[str, uuid.UUID] = {}
        for key in REFERENCE_KEYS:
            try:
                refs[key] = uuid.UUID(str(args[key]))
            except (KeyError, ValueError):
                continue
        aliases = self.repo.aliases(actor.user_id, list(refs.values()))
        return {**args, **{k: str(aliases[v]) for k, v in refs.items() if v in aliases}}

    # --- pull ---------------------------------------------------------------------------------------
    def changes(self, actor: Actor, raw_cursor: str | None, limit: int | None) -> ChangesPage:
        """A page of changes after the cursor; 409 ``full_resync_required`` for an unknown/expired cursor."""
        return ChangesPage.model_validate(to_jsonable_python(self.page(actor, raw_cursor, limit)))

    def changes_json(self, actor: Actor, raw_cursor: str | None, limit: int | None) -> bytes:
        """:meth:`changes` as the JSON body of ``GET /sync/changes``: plain dicts encoded once for the whole
        page (no model per row; ``pydantic_core.to_json`` encodes UUIDs and datetimes as the schemas do)."""
        return to_json(self.page(actor, raw_cursor, limit))

    def page(self, actor: Actor, raw_cursor: str | None, limit: int | None) -> dict[str, Any]:
        """The page as plain data in the shape of :class:`ChangesPage` (values not yet JSON-encoded).

        No-op pull: when the visible vehicles equal the shown ones (one statement) and the cursor is at the
        log head, the page is empty without reading the log."""
        head = self.repo.head()
        position = cursors.resume_point(raw_cursor, epoch=EPOCH, horizon=HORIZON, head=head)
        now = self.ctx.clock.now()
        orgs = self.repo.org_ids(actor.user_id)
        logged = self._reconcile(actor, now, orgs)
        size = cursors.page_limit(limit)
        rows: Sequence[Any] = []
        if logged or position.seq < head:
            rows = self.repo.changes_after(position.seq, orgs, actor.user_id, size)
        # records are keyed by the driver's id values (hex text on SQLite) end to end: no uuid.UUID per row
        values = driver_values(self.session)
        removes: dict[int, Any] = {}
        children: dict[Any, list[tuple[str, Any]]] = {}
        grant, remove = capture.GRANT, capture.REMOVE
        granted = [values.to_uuid(record_id) for _, _, record_id, op in rows if op == grant]
        if granted:
            shown = self.repo.shown_vehicle_ids(actor.user_id)  # reconciled: the visible ones
            children = self.repo.vehicles_children([v for v in granted if v in shown])
        # the last seq of each record: a record changed twice in the page is sent once, at its last change
        last_seq: dict[tuple[str, Any], int] = {}
        wanted = taken = 0
        for seq, record_type, record_id, op in rows:
            if wanted >= size:  # a page of snapshots ends after the vehicle that filled it
                break
            taken += 1
            if op == remove:
                removes[seq] = record_id
            elif op == grant:
                snapshot = children.get(record_id, ())
                wanted += len(snapshot)
                for key in snapshot:
                    last_seq[key] = seq
            else:
                wanted += 1
                last_seq[(record_type, record_id)] = seq
        cut = taken < len(rows)  # the rest of the rows read is the next page's
        rows = rows[:taken]
        changes = self._render_changes(actor, now, values, removes, last_seq)
        next_cursor = position.advance(rows[-1].seq if rows else position.seq)
        has_more = cut or len(rows) == size
        counts = None if has_more else self._live_counts(actor, head, logged)
        return {"cursor": next_cursor.encode(), "has_more": has_more, "changes": changes, "counts": counts}

    def _render_changes(
        self,
        actor: Actor,
        now: datetime,
        values: Any,
        removes: dict[int, Any],
        last_seq: dict[tuple[str, Any], int],
    ) -> list[dict[str, Any]]:
        """The page's changes in seq order, with plain str values (enum values, id text) that the page's JSON
        encoder takes without inspecting types. Entries (nearly all of a page) come from
        :meth:`Renderer.page_entries`; the other records go through :meth:`Renderer.render` by UUID."""
        renderer = Renderer(self.session, self.ctx, actor, now)
        text = values.uuid_text
        entry = RecordType.ENTRY.value
        entries = renderer.page_entries([i for t, i in last_seq if t == entry])
        others = {(t, i): (RecordType(t), values.to_uuid(i)) for t, i in last_seq if t != entry}
        rendered = renderer.render(others.values())
        remove, delete, vehicle = ChangeOp.REMOVE.value, ChangeOp.DELETE.value, RecordType.VEHICLE.value
        changes: list[dict[str, Any]] = [
            {"seq": s, "op": remove, "type": vehicle, "id": text(v), "vehicle_id": text(v), "data": None}
            for s, v in removes.items()
        ]
        texts: dict[uuid.UUID | None, str | None] = {None: None}
        for (kind, raw), seq in last_seq.items():
            if kind == entry:
                op, parent, data = entries.get(raw) or (delete, None, None)
                record_id = data["id"] if data is not None else text(raw)
                changes.append(
                    {"seq": seq, "op": op, "type": kind, "id": record_id, "vehicle_id": parent, "data": data}
                )
                continue
            r = rendered.get(others[(kind, raw)])
            if r is not None:
                parent = texts.get(r.vehicle_id)
                if parent is None and r.vehicle_id is not None:
                    parent = texts[r.vehicle_id] = str(r.vehicle_id)
                changes.append(
                    {"seq": seq, "op": r.op.value, "type": r.type.value, "id": str(r.id), "vehicle_id": parent}
                    | {"data": r.data}
                )
        changes.sort(key=itemgetter("seq"))
        return changes

    def _live_counts(self, actor: Actor, head: int, logged: bool) -> dict[str, int]:
        """The count check's numbers; reused for the same database, user and log head (``sync.counts``), unless
        this pull logged visibility rows itself (not committed yet: counted afresh, not remembered)."""
        if logged:
            return self.repo.live_counts(actor.user_id)
        key = (str(self.session.get_bind().url), actor.user_id, EPOCH, head)
        return LIVE_COUNTS.get_or_compute(key, lambda: self.repo.live_counts(actor.user_id))

    def _reconcile(self, actor: Actor, now: datetime, orgs: Sequence[uuid.UUID]) -> bool:
        """Log ``grant``/``remove`` events for the actor's gained/lost vehicles; whether any were logged.

        Afterwards ``sync_visibility`` (shown and visible) holds exactly the actor's visible vehicles."""
        if not self.repo.visibility_changed(actor.user_id, now, orgs):
            return False  # nothing gained or lost: no ids read, no writes
        self.repo.lock_user(actor.user_id)  # one reconciliation per user at a time
        visible = self.repo.visible_vehicle_ids(actor.user_id, now, orgs)
        known = self.repo.known_visible(actor.user_id)
        shown = {v for v, row in known.items() if row.visible}
        if visible == shown:
            return False  # another pull reconciled it meanwhile
        for vehicle_id in sorted(visible - shown):
            capture.add(
                self.session, capture.Note(RecordType.VEHICLE, vehicle_id, capture.GRANT, audience=actor.user_id)
            )
        for vehicle_id in sorted(shown - visible):
            capture.add(
                self.session, capture.Note(RecordType.VEHICLE, vehicle_id, capture.REMOVE, audience=actor.user_id)
            )
        seqs = capture.write_pending(self.session, now)
        for vehicle_id, seq in zip(sorted(visible - shown) + sorted(shown - visible), seqs, strict=False):
            row = known.get(vehicle_id)
            if row is None:
                self.repo.add(
                    SyncVisibility(user_id=actor.user_id, vehicle_id=vehicle_id, visible=True, changed_seq=seq)
                )
            else:
                row.visible = vehicle_id in visible
                row.changed_seq = seq
        self.repo.flush()
        return True
