"""Service entries: create, revise (author only, D8), list latest, history. No FastAPI; flushes only.

Validation is :func:`shared.entries.validate_entry` (422 ``invalid_entry``); revisions follow
:func:`shared.entries.plan_revision` (404 ``entry_not_found`` / 403 ``forbidden``). Every change
recomputes the vehicle's trust. There is no delete: nobody removes another's entry (D8).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from shared.entries import EntryDraft, EntryVersion, ValidEntry, is_author, plan_revision, validate_entry
from shared.errors import DomainError, ErrorCode
from shared.ids import uuid7
from syncserver.access.actor import Actor
from syncserver.audit import AuditAction, ReasonCode, TargetType, event_values, record_all
from syncserver.context import ServerContext
from syncserver.entries.repository import EntryRepository
from syncserver.models.entry import VehicleEntry
from syncserver.trust.service import recompute_trust_soon
from syncserver.vehicles.access import Capability, VehicleAccess, denied, vehicle_access


@dataclass(frozen=True, slots=True)
class NewEntry:
    """One entry to append: its vehicle, the draft, and the id a sync client made for it (ARCHITECTURE "Ids":
    kept when no entry has it yet, otherwise the server picks one and the push answers with an ``id_map``)."""

    vehicle_id: uuid.UUID
    draft: EntryDraft
    entry_id: uuid.UUID | None = None


@dataclass(frozen=True, slots=True)
class EntryView:
    entry: VehicleEntry
    revision_count: int
    can_revise: bool


def _version(entry: VehicleEntry) -> EntryVersion:
    return EntryVersion(
        entry_id=str(entry.id),
        entry_group_id=str(entry.entry_group_id),
        version=entry.version,
        is_latest=entry.is_latest,
        author_user_id=str(entry.author_user_id),
        author_org_id=str(entry.author_org_id) if entry.author_org_id else None,
        deleted=entry.deleted_at is not None,
    )


class EntryService:
    def __init__(self, session: Session, ctx: ServerContext) -> None:
        self.session = session
        self.ctx = ctx
        self.repo = EntryRepository(session)

    def _actor_ids(self, actor: Actor, access: VehicleAccess) -> tuple[str, str | None]:
        org = access.acting_org_id
        return str(actor.user_id), str(org) if org else None

    def _can_revise(self, actor: Actor, access: VehicleAccess, entry: VehicleEntry) -> bool:
        user_id, org_id = self._actor_ids(actor, access)
        return entry.is_latest and is_author(_version(entry), actor_user_id=user_id, actor_org_id=org_id)

    def _values(
        self, vehicle_id: uuid.UUID, valid: ValidEntry, now: datetime, actor: Actor, org: uuid.UUID | None
    ) -> dict[str, Any]:
        """The column values of a new latest row (``id``, group, version and predecessor still to set)."""
        return {
            "vehicle_id": vehicle_id,
            "is_latest": True,
            "date": valid.date,
            "type": valid.type.value,
            "performed_by": valid.performed_by.value,
            "km": valid.km,
            "note": valid.note,
            "cost_cents": valid.cost_cents,
            "currency": valid.currency,
            "declared_trust_level": valid.trust_level.value if valid.trust_level else None,
            "trust_level": valid.trust_level.value if valid.trust_level else None,
            "is_backfill": valid.is_backfill,
            "author_user_id": actor.user_id,
            "author_org_id": org,
            "created_at": now,
            "updated_at": now,
        }

    def create(self, actor: Actor, vehicle_id: uuid.UUID, draft: EntryDraft) -> EntryView:
        """Append an entry (owner, org member, admin, or a workshop under a grant); 201 VehicleEntryOut."""
        outcome = self.create_many(actor, [NewEntry(vehicle_id, draft)])[0]
        if isinstance(outcome, DomainError):
            raise outcome
        entry = self.repo.get(vehicle_id, outcome)
        assert entry is not None  # inserted just now, in this transaction
        return EntryView(entry, 1, True)

    def create_many(self, actor: Actor, items: Sequence[NewEntry]) -> list[uuid.UUID | DomainError]:
        """Append entries with the rules of :meth:`create`, item by item: object access (checked once per
        vehicle; a denied vehicle is asked, and the denial audited, again for every item naming it) and
        validation. The accepted ones are inserted in one statement with their audit events, and each of their
        vehicles' trust is recomputed once (now, or at the end of an open ``batched_recompute``).

        Returns per item the new entry's id or the error that rejects it; nothing of a rejected item is
        written but the audit event of a denial (like a refused REST request)."""
        now = self.ctx.clock.now()
        allowed: dict[uuid.UUID, VehicleAccess] = {}
        taken = self.repo.existing_ids([i.entry_id for i in items if i.entry_id is not None])
        outcomes: list[uuid.UUID | DomainError] = []
        rows: list[dict[str, Any]] = []
        audits: list[dict[str, Any]] = []
        for item in items:
            try:
                access = allowed.get(item.vehicle_id)
                if access is None:
                    access = vehicle_access(self.session, actor, item.vehicle_id, now, Capability.APPEND)
                    allowed[item.vehicle_id] = access
                valid = validate_entry(item.draft, today=now.date())
            except DomainError as exc:
                outcomes.append(exc)
                continue
            entry_id = item.entry_id if item.entry_id is not None and item.entry_id not in taken else uuid7()
            taken.add(entry_id)
            values = self._values(item.vehicle_id, valid, now, actor, access.acting_org_id)
            values.update(id=entry_id, entry_group_id=uuid7(), version=1, supersedes_entry_id=None)
            rows.append(values)
            org = access.acting_org_id
            audits.append(self._audit_values(AuditAction.ENTRY_CREATED, actor, access, entry_id, 1, org, now))
            outcomes.append(entry_id)
        self.repo.add_many(rows)
        record_all(self.session, audits)
        for vehicle_id in dict.fromkeys(row["vehicle_id"] for row in rows):
            recompute_trust_soon(self.session, vehicle_id, now)
        return outcomes

    def revise(self, actor: Actor, vehicle_id: uuid.UUID, entry_id: uuid.UUID, draft: EntryDraft) -> EntryView:
        """A new version of the latest row ``entry_id`` (full field set again); author only."""
        now = self.ctx.clock.now()
        access = vehicle_access(self.session, actor, vehicle_id, now, Capability.APPEND)
        target = self.repo.get(vehicle_id, entry_id, lock=True)
        user_id, org_id = self._actor_ids(actor, access)
        try:
            plan = plan_revision(_version(target) if target else None, actor_user_id=user_id, actor_org_id=org_id)
        except DomainError as exc:
            if exc.code is not ErrorCode.FORBIDDEN or target is None:
                raise
            raise denied(
                self.session,
                actor,
                vehicle_id,
                now,
                ReasonCode.NOT_AUTHOR,
                Capability.APPEND,
                target_type=TargetType.ENTRY,
                target_id=target.id,
            ) from exc
        assert target is not None
        valid = validate_entry(draft, today=now.date())
        target.is_latest = False
        target.updated_at = now
        self.repo.flush()
        entry = VehicleEntry(id=uuid7(), **self._values(vehicle_id, valid, now, actor, target.author_org_id))
        entry.entry_group_id = uuid.UUID(plan.entry_group_id)
        entry.version = plan.version
        entry.supersedes_entry_id = target.id
        self.repo.add(entry)
        recompute_trust_soon(self.session, vehicle_id, now)
        self._audit(AuditAction.ENTRY_VERSION_CREATED, actor, access, entry, now)
        return EntryView(entry, plan.version, True)

    def own_ids(self, actor: Actor, ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
        """Which of ``ids`` are entries the actor wrote."""
        return self.repo.authored(actor.user_id, ids)

    def list_latest(self, actor: Actor, vehicle_id: uuid.UUID) -> list[EntryView]:
        access = vehicle_access(self.session, actor, vehicle_id, self.ctx.clock.now())
        rows = self.repo.latest(vehicle_id)
        counts = self.repo.revision_counts([row.entry_group_id for row in rows])
        return [EntryView(row, counts.get(row.entry_group_id, 1), self._can_revise(actor, access, row)) for row in rows]

    def history(self, actor: Actor, vehicle_id: uuid.UUID, entry_id: uuid.UUID) -> list[EntryView]:
        """Every version of the entry's group, ascending; 404 ``entry_not_found`` for an unknown id."""
        access = vehicle_access(self.session, actor, vehicle_id, self.ctx.clock.now())
        entry = self.repo.get(vehicle_id, entry_id)
        if entry is None:
            raise DomainError(ErrorCode.ENTRY_NOT_FOUND)
        rows: Sequence[VehicleEntry] = self.repo.history(entry.entry_group_id)
        return [EntryView(row, len(rows), self._can_revise(actor, access, row)) for row in rows]

    def _audit(
        self, action: AuditAction, actor: Actor, access: VehicleAccess, entry: VehicleEntry, now: datetime
    ) -> None:
        values = self._audit_values(action, actor, access, entry.id, entry.version, entry.author_org_id, now)
        record_all(self.session, [values])

    def _audit_values(
        self,
        action: AuditAction,
        actor: Actor,
        access: VehicleAccess,
        entry_id: uuid.UUID,
        version: int,
        author_org_id: uuid.UUID | None,
        now: datetime,
    ) -> dict[str, Any]:
        return event_values(
            action,
            at=now,
            actor=actor.audit,
            target_type=TargetType.ENTRY if version == 1 else TargetType.ENTRY_VERSION,
            target_id=entry_id,
            scope=access.audit_scope,
            metadata={"org_id": str(author_org_id) if author_org_id else None},
        )
