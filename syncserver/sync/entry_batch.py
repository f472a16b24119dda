"""A run of consecutive ``entry.create`` mutations of one push, applied together (an offline week of entries).

Same rules as one by one: ``args`` are checked with the REST schema, and ``EntryService.create_many`` (the
service behind ``POST /vehicles/{id}/entries`` too) checks object access and validates each entry. What is
done once per run instead of once per mutation: the alias lookup, the access check of each vehicle, one
INSERT of the accepted entries and one of their audit events, one read to render the answers. A rejected
mutation writes nothing (but the audit event of a denial) and never blocks the ones after it.

The entry keeps the id the client made for it (ARCHITECTURE "Ids") unless an entry has it already; then the
answer maps the client's id to the server's, and when that entry is another account's, an alias resolves the
client's id to its own entry in later mutations.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from shared.errors import DomainError
from shared.sync.protocol import Mutation, MutationResult, RecordRow, RecordType, ResultStatus
from syncserver.access.actor import Actor
from syncserver.context import ServerContext
from syncserver.entries.schemas import EntryIn
from syncserver.entries.service import EntryService, NewEntry
from syncserver.sync.mutations import client_ref, parse, ref
from syncserver.sync.records import Renderer
from syncserver.sync.repository import SyncRepository


def apply_entry_creates(
    repo: SyncRepository, ctx: ServerContext, actor: Actor, mutations: Sequence[Mutation], now: datetime
) -> list[MutationResult]:
    """One result per mutation, in order (``applied`` with the entry's row, or ``rejected`` with the code)."""
    session = repo.session
    vehicle_refs = [_vehicle_ref(m) for m in mutations]
    aliases = repo.aliases(actor.user_id, [v for v in vehicle_refs if v is not None])
    outcomes: list[uuid.UUID | DomainError | None] = []
    items: list[NewEntry] = []
    for mutation, vehicle_ref in zip(mutations, vehicle_refs, strict=True):
        try:
            body = parse(EntryIn, mutation.args, "id", "vehicle_id")
            vehicle_id = aliases.get(vehicle_ref, vehicle_ref) if vehicle_ref else ref(mutation.args, "vehicle_id")
            items.append(NewEntry(vehicle_id, body.draft(), client_ref(mutation.args)))
        except DomainError as exc:
            outcomes.append(exc)
            continue
        outcomes.append(None)  # decided by create_many below
    decided = iter(EntryService(session, ctx).create_many(actor, items))
    merged = [next(decided) if outcome is None else outcome for outcome in outcomes]
    created = [o for o in merged if isinstance(o, uuid.UUID)]
    rendered = Renderer(session, ctx, actor, now).render((RecordType.ENTRY, i) for i in created)
    results: list[MutationResult] = []
    new_aliases: list[tuple[uuid.UUID, uuid.UUID]] = []
    for mutation, outcome in zip(mutations, merged, strict=True):
        if isinstance(outcome, DomainError):
            results.append(_rejected(mutation, outcome))
            continue
        assert outcome is not None
        mine = client_ref(mutation.args)  # parsed above already
        id_map = {}
        if mine is not None and mine != outcome:
            id_map[str(mine)] = str(outcome)
            new_aliases.append((mine, outcome))
        row = rendered.get((RecordType.ENTRY, outcome))
        rows = [RecordRow(type=row.type, id=row.id, data=row.data)] if row is not None and row.data is not None else []
        results.append(
            MutationResult(mutation_id=mutation.mutation_id, status=ResultStatus.APPLIED, rows=rows, id_map=id_map)
        )
    if new_aliases:
        # An id the client used before (a faulty client) keeps naming the record that had it first: its own entry
        # under that id, or the first alias. Only an id another account's entry has gets a (first) alias.
        mines = [mine for mine, _ in new_aliases]
        kept = repo.aliases(actor.user_id, mines).keys() | EntryService(session, ctx).own_ids(actor, mines)
        first = {mine: server for mine, server in reversed(new_aliases) if mine not in kept}
        repo.add_aliases(actor.user_id, RecordType.ENTRY, list(first.items()), now)
    return results


def _vehicle_ref(mutation: Mutation) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(mutation.args["vehicle_id"]))
    except (KeyError, ValueError):
        return None


def _rejected(mutation: Mutation, exc: DomainError) -> MutationResult:
    return MutationResult(
        mutation_id=mutation.mutation_id, status=ResultStatus.REJECTED, code=exc.code.value, message=exc.message
    )
