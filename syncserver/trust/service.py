"""The server side of the trust engine (DECISIONS D14, D18; SPEC §5.8, §7). No FastAPI; flushes only.

:func:`recompute_trust` is the one entry point every input change calls (entries, accident fields,
document statuses): it derives each latest entry's T-level (T3 only from valid evidence without an open
PII finding), derives the summary with :mod:`shared.trust` and stores it. Reads serve the stored value
with the to-dos cut for the viewer's role.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime

from sqlalchemy.orm import Session

from shared.entries import TrustLevel, derive_trust_level, entry_required_fields_missing
from shared.roles import Role
from shared.trust import (
    EntryFacts,
    TrustSummary,
    VehicleTrustFacts,
    derive_trust_summary,
    parse_accident_status,
    todo_codes_for_role,
)
from syncserver.access.actor import Actor
from syncserver.audit import AuditAction, AuditActor, TargetType, record
from syncserver.entries.repository import EntryRepository
from syncserver.models.vehicle import VehicleTrustSummary
from syncserver.trust.repository import TrustRepository
from syncserver.trust.sources import vehicle_documents
from syncserver.vehicles.access import Capability, vehicle_access

#: The role the stored summary is derived for: it keeps the complete to-do list (cut per viewer on read).
STORED_VIEW_ROLE = Role.USER


def _level(raw: str | None) -> TrustLevel | None:
    return TrustLevel(raw) if raw else None


def _verification_action(old: TrustLevel | None, new: TrustLevel | None) -> AuditAction | None:
    if new == TrustLevel.T3 and old != TrustLevel.T3:
        return AuditAction.VERIFICATION_SET_T3
    if old == TrustLevel.T3 and new != TrustLevel.T3:
        return AuditAction.VERIFICATION_REVOKED
    return None


def recompute_trust(session: Session, vehicle_id: uuid.UUID, now: datetime) -> TrustSummary:
    """Re-derive entry levels and the vehicle's trust summary from its current facts and store them.

    Call it in the same transaction as the change (flush only). Raises ``LookupError`` for an unknown id.
    """
    repo = TrustRepository(session)
    vehicle = repo.vehicle(vehicle_id)
    if vehicle is None:
        raise LookupError("unknown vehicle")
    entries_repo = EntryRepository(session)
    latest = entries_repo.latest_facts(vehicle_id)
    groups = entries_repo.group_of_entries(vehicle_id)
    documents = vehicle_documents(session, vehicle_id)
    evidence: dict[uuid.UUID, bool] = defaultdict(bool)
    open_pii: dict[uuid.UUID, bool] = defaultdict(bool)
    for document in documents:
        group = groups.get(document.entry_id) if document.entry_id is not None else None
        if group is None:
            continue
        evidence[group] |= document.facts.is_valid_evidence
        open_pii[group] |= document.facts.open_pii is not None
    entry_facts = []
    for entry in latest:
        old = _level(entry.trust_level)
        new = derive_trust_level(
            _level(entry.declared_trust_level),
            has_valid_evidence=evidence[entry.entry_group_id],
            has_open_pii=open_pii[entry.entry_group_id],
        )
        if new != old:
            entries_repo.by_id(entry.id).trust_level = new.value if new else None  # an ORM change: logged for sync
            action = _verification_action(old, new)
            if action is not None:
                record(
                    session,
                    action,
                    at=now,
                    actor=AuditActor.system(),
                    target_type=TargetType.ENTRY,
                    target_id=entry.id,
                )
        entry_facts.append(EntryFacts(new, required_fields_present=not entry_required_fields_missing(entry)))
    facts = VehicleTrustFacts(
        accident_status=parse_accident_status(vehicle.accident_status),
        accident_trust_completed=vehicle.accident_trust_completed,
        entries=tuple(entry_facts),
        documents=tuple(document.facts for document in documents),
    )
    summary = derive_trust_summary(facts, STORED_VIEW_ROLE)
    row = repo.summary(vehicle_id)
    if row is None:
        row = VehicleTrustSummary(vehicle_id=vehicle_id)
        session.add(row)
    row.trust_light = summary.trust_light.value
    row.summary = summary.to_dict()
    row.computed_at = now
    repo.flush()
    return summary


#: ``session.info`` key of the vehicles whose recompute waits for the end of a batch (see :func:`batched_recompute`).
BATCH_KEY = "ltc_trust_batch"


def recompute_trust_soon(session: Session, vehicle_id: uuid.UUID, now: datetime) -> None:
    """:func:`recompute_trust` now, or once at the end of the open :func:`batched_recompute` (same transaction)."""
    batch: dict[uuid.UUID, datetime] | None = session.info.get(BATCH_KEY)
    if batch is None:
        recompute_trust(session, vehicle_id, now)
    else:
        batch[vehicle_id] = now


@contextmanager
def batched_recompute(session: Session) -> Iterator[dict[uuid.UUID, datetime]]:
    """Collect the vehicles :func:`recompute_trust_soon` names instead of recomputing each time (a sync push of
    many entries to one vehicle); the caller runs :func:`recompute_trust` for each before its transaction ends."""
    batch: dict[uuid.UUID, datetime] = {}
    session.info[BATCH_KEY] = batch
    try:
        yield batch
    finally:
        session.info.pop(BATCH_KEY, None)


def trust_summary_for(session: Session, vehicle_id: uuid.UUID, viewer_role: Role, now: datetime) -> TrustSummary:
    """The stored summary (computed now if missing) with the to-dos ``viewer_role`` sees (SPEC §5.8)."""
    row = TrustRepository(session).summary(vehicle_id)
    stored = TrustSummary.from_dict(row.summary) if row is not None else recompute_trust(session, vehicle_id, now)
    todos = todo_codes_for_role(stored.reason_codes, viewer_role)
    return replace(stored, todo_codes=todos)


def stored_light(session: Session, vehicle_id: uuid.UUID) -> str | None:
    """The last derived trust light (``rot`` / ``orange`` / ``gelb`` / ``gruen``), None before the first run."""
    return TrustRepository(session).light(vehicle_id)


def vehicle_trust_summary(session: Session, actor: Actor, vehicle_id: uuid.UUID, now: datetime) -> TrustSummary:
    """The summary for a caller who manages the vehicle (owner, org member, admin; a workshop gets 403)."""
    access = vehicle_access(session, actor, vehicle_id, now, Capability.MANAGE)
    return trust_summary_for(session, access.vehicle.id, actor.role, now)
