"""Records as one actor may see them (the ``data`` of an ``upsert``), through the domains' own rules.

Vehicles go through ``VehicleService.view`` (full VIN only for owner/org, no owner ids for a workshop),
documents through ``shared.documents.can_view_metadata`` (non-approved ones only for their uploader),
trust summaries with the to-dos of the actor's role, folders only for those who manage the vehicle,
grants for the vehicle's managers and the members of the workshop, collections for their owner only (with
the member vehicles the owner still sees). No content, ever.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic_core import to_jsonable_python
from sqlalchemy.orm import Session

import shared.documents as document_rules
from shared.documents import DocumentActor
from shared.entries import EntryVersion, is_author
from shared.sync.protocol import ChangeOp, RecordType
from shared.trust.summary import TrustSummary
from shared.trust.todos import todo_codes_for_role
from syncserver.access.actor import Actor
from syncserver.context import ServerContext
from syncserver.documents.schemas import DocumentOut
from syncserver.documents.state import document_actor_of, state_of
from syncserver.models.document import Document
from syncserver.models.entry import VehicleEntry
from syncserver.models.vehicle import Vehicle
from syncserver.sync.entry_page import driver_values, page_entries
from syncserver.sync.repository import SyncRepository
from syncserver.vehicles.access import Capability, Relation, VehicleAccess, relation_to
from syncserver.vehicles.schemas import CollectionOut, VehicleOut
from syncserver.vehicles.service import VehicleService
from syncserver.workshop.service import effective_status


@dataclass(frozen=True, slots=True)
class Rendered:
    """What one record is for the actor: an upsert with data, a tombstone, or gone from view."""

    type: RecordType
    id: uuid.UUID
    op: ChangeOp
    vehicle_id: uuid.UUID | None
    data: dict[str, Any] | None = None


def entry_data(e: VehicleEntry, revision_count: int, can_revise: bool) -> dict[str, Any]:
    """An entry as ``VehicleEntryOut`` shows it, with Python values (UUIDs, dates) left for the one JSON
    encoding of the whole page; ``tests/syncserver/test_sync_render.py`` keeps it equal to the schema."""
    return {
        "id": e.id,
        "vehicle_id": e.vehicle_id,
        "entry_group_id": e.entry_group_id,
        "supersedes_entry_id": e.supersedes_entry_id,
        "version": e.version,
        "revision_count": revision_count,
        "is_latest": e.is_latest,
        "date": e.date,
        "type": e.type,
        "performed_by": e.performed_by,
        "km": e.km,
        "note": e.note,
        "cost_amount": None if e.cost_cents is None else e.cost_cents / 100,
        "currency": e.currency,
        "trust_level": e.trust_level,
        "is_backfill": e.is_backfill,
        "author_org_id": e.author_org_id,
        "can_revise": can_revise,
        "created_at": e.created_at,
        "updated_at": e.updated_at,
    }


class Renderer:
    """Every ``data`` JSON-ready (push answers, stored as JSON; pull pages). Pull pages take their entries from
    :meth:`page_entries` (wire form straight from the query, keyed by the driver's ids)."""

    def __init__(self, session: Session, ctx: ServerContext, actor: Actor, now: datetime) -> None:
        self.session = session
        self.ctx = ctx
        self.actor = actor
        self.now = now
        self.repo = SyncRepository(session)
        self.vehicles = VehicleService(session, ctx)
        self._access: dict[uuid.UUID, VehicleAccess | None] = {}
        #: ``relation_to`` of each live vehicle in ``_access`` (admins included), for document actors.
        self._relations: dict[uuid.UUID, Relation | None] = {}
        self._orgs: set[uuid.UUID] | None = None
        self._doc_actors: dict[tuple[uuid.UUID | None, bool], DocumentActor] = {}
        self._authors: dict[tuple[Any, Any, uuid.UUID | None], bool] = {}

    def access(self, vehicle_id: uuid.UUID | None, vehicle: Vehicle | None = None) -> VehicleAccess | None:
        """The actor's relation to a live vehicle; admins only through their own relations (sync keeps to
        their own data, review is REST)."""
        if vehicle_id is None:
            return None
        if vehicle_id not in self._access:
            self._relate(vehicle_id, vehicle or next(iter(self.repo.vehicles([vehicle_id])), None))
        return self._access[vehicle_id]

    def _relate(self, vehicle_id: uuid.UUID, found: Vehicle | None) -> None:
        access = None
        if found is not None and found.deleted_at is None:
            access = relation_to(self.session, self.actor, found, self.now)
        self._relations[vehicle_id] = access.relation if access is not None else None
        self._access[vehicle_id] = None if access is None or access.relation is Relation.ADMIN else access

    def _prefetch(self, vehicle_ids: Iterable[uuid.UUID | None]) -> None:
        """The actor's relations to all these vehicles, loaded with one query (a pull page names hundreds)."""
        missing = list({v for v in vehicle_ids if v is not None and v not in self._access})
        if missing:
            found = {v.id: v for v in self.repo.vehicles(missing)}
            for vehicle_id in missing:
                self._relate(vehicle_id, found.get(vehicle_id))

    def orgs(self) -> set[uuid.UUID]:
        if self._orgs is None:
            self._orgs = set(self.repo.org_ids(self.actor.user_id))
        return self._orgs

    def render(self, keys: Iterable[tuple[RecordType, uuid.UUID]]) -> dict[tuple[RecordType, uuid.UUID], Rendered]:
        wanted: dict[RecordType, list[uuid.UUID]] = defaultdict(list)
        for record_type, record_id in keys:
            wanted[record_type].append(record_id)
        out: dict[tuple[RecordType, uuid.UUID], Rendered] = {}
        for record_type, ids in wanted.items():
            for rendered in getattr(self, f"_{record_type.value}")(list(dict.fromkeys(ids))):
                out[(rendered.type, rendered.id)] = rendered
        return out

    # --- per type -----------------------------------------------------------------------------------
    def _gone(self, record_type: RecordType, ids: list[uuid.UUID], seen: set[uuid.UUID]) -> list[Rendered]:
        return [Rendered(record_type, i, ChangeOp.DELETE, None) for i in ids if i not in seen]

    def _vehicle(self, ids: list[uuid.UUID]) -> list[Rendered]:
        out = []
        rows = self.repo.vehicles(ids)
        lights = self.repo.trust_lights([v.id for v in rows])
        for v in rows:
            if v.deleted_at is not None:
                out.append(Rendered(RecordType.VEHICLE, v.id, ChangeOp.DELETE, v.id))
                continue
            access = self.access(v.id, v)
            if access is None:
                out.append(Rendered(RecordType.VEHICLE, v.id, ChangeOp.REMOVE, v.id))
                continue
            data = VehicleOut.of(self.vehicles.view(access, lights)).model_dump(mode="json")
            out.append(Rendered(RecordType.VEHICLE, v.id, ChangeOp.UPSERT, v.id, data))
        return out + self._gone(RecordType.VEHICLE, ids, {v.id for v in rows})

    def _entry(self, ids: list[uuid.UUID]) -> list[Rendered]:
        rows: Sequence[VehicleEntry] = self.repo.entry_rows(ids)  # Core rows read like the model
        counts = self.repo.revision_counts(list({e.entry_group_id for e in rows}))
        out = []
        for e in rows:
            access = self.access(e.vehicle_id)
            if access is None:
                out.append(Rendered(RecordType.ENTRY, e.id, ChangeOp.REMOVE, e.vehicle_id))
            elif e.deleted_at is not None:
                out.append(Rendered(RecordType.ENTRY, e.id, ChangeOp.DELETE, e.vehicle_id))
            else:
                data = to_jsonable_python(entry_data(e, counts.get(e.entry_group_id, 1), self._can_revise(access, e)))
                out.append(Rendered(RecordType.ENTRY, e.id, ChangeOp.UPSERT, e.vehicle_id, data))
        return out + self._gone(RecordType.ENTRY, ids, {e.id for e in rows})

    def page_entries(self, ids: Sequence[Any]) -> dict[Any, tuple[str, str | None, dict[str, Any] | None]]:
        """Pull pages: the entries of ``ids`` (driver values, ``entry_page.driver_values``) from one untyped query,
        keyed by those ids, as ``(op value, vehicle id text, data)``; an id missing from the answer is gone
        (``delete``). No ``uuid.UUID`` per row: only the page's vehicles are related to the actor as UUIDs."""
        rows = page_entries(self.session, ids)
        to_uuid = driver_values(self.session).to_uuid
        vehicles = {raw: to_uuid(raw) for raw in {row[1] for row in rows}}
        self._prefetch(vehicles.values())
        access_of = {raw: self.access(vehicle_id) for raw, vehicle_id in vehicles.items()}
        remove, delete, upsert = ChangeOp.REMOVE.value, ChangeOp.DELETE.value, ChangeOp.UPSERT.value
        out: dict[Any, tuple[str, str | None, dict[str, Any] | None]] = {}
        for entry_id, vehicle, deleted, latest, author, author_org, data in rows:
            access = access_of[vehicle]
            if access is None:
                out[entry_id] = (remove, data["vehicle_id"], None)
            elif deleted:
                out[entry_id] = (delete, data["vehicle_id"], None)
            else:
                if latest:
                    data["can_revise"] = self._page_can_revise(access, author, author_org, data)
                out[entry_id] = (upsert, data["vehicle_id"], data)
        return out

    def _page_can_revise(
        self, access: VehicleAccess, author: str, author_org: str | None, data: dict[str, Any]
    ) -> bool:
        """:meth:`_can_revise` of a latest page entry (ids as text), decided once per author combination."""
        key = (author, author_org, access.acting_org_id)
        found = self._authors.get(key)
        if found is None:
            version = EntryVersion(
                entry_id=data["id"],
                entry_group_id=data["entry_group_id"],
                version=data["version"],
                is_latest=True,
                author_user_id=author,
                author_org_id=author_org,
            )
            org = str(access.acting_org_id) if access.acting_org_id else None
            found = is_author(version, actor_user_id=str(self.actor.user_id), actor_org_id=org)
            self._authors[key] = found
        return found

    def _can_revise(self, access: VehicleAccess, e: VehicleEntry) -> bool:
        """``is_author`` reads only the author fields and the acting org: decided once per combination."""
        if not e.is_latest:
            return False
        key = (e.author_user_id, e.author_org_id, access.acting_org_id)
        found = self._authors.get(key)
        if found is None:
            found = self._authors[key] = self._is_author(access, e)
        return found

    def _is_author(self, access: VehicleAccess, e: VehicleEntry) -> bool:
        version = EntryVersion(
            entry_id=str(e.id),
            entry_group_id=str(e.entry_group_id),
            version=e.version,
            is_latest=e.is_latest,
            author_user_id=str(e.author_user_id),
            author_org_id=str(e.author_org_id) if e.author_org_id else None,
        )
        org = str(access.acting_org_id) if access.acting_org_id else None
        return e.is_latest and is_author(version, actor_user_id=str(self.actor.user_id), actor_org_id=org)

    def _document(self, ids: list[uuid.UUID]) -> list[Rendered]:
        rows: Sequence[Document] = self.repo.document_rows(ids)  # Core rows read like the model
        self._prefetch(d.vehicle_id for d in rows)
        out = []
        for d in rows:
            if d.deleted_at is not None:
                out.append(Rendered(RecordType.DOCUMENT, d.id, ChangeOp.DELETE, d.vehicle_id))
                continue
            own = d.owner_user_id == self.actor.user_id
            access = self.access(d.vehicle_id)
            who = self._document_actor(d)
            visible = (own or access is not None) and document_rules.can_view_metadata(who, state_of(d))
            if not visible:
                out.append(Rendered(RecordType.DOCUMENT, d.id, ChangeOp.REMOVE, d.vehicle_id))
                continue
            data = DocumentOut.of(d, admin=False).model_dump(mode="json")
            if not own and access is not None and not access.sees_owner:
                data["owner_user_id"] = None  # D8: a workshop never learns who owns the vehicle
            out.append(Rendered(RecordType.DOCUMENT, d.id, ChangeOp.UPSERT, d.vehicle_id, data))
        return out + self._gone(RecordType.DOCUMENT, ids, {d.id for d in rows})

    def _document_actor(self, d: Document) -> DocumentActor:
        """``document_actor`` once per (vehicle, uploader or not): nothing else of the document enters it. The
        relation is the one :meth:`access` found for the vehicle (no second vehicle query)."""
        key = (d.vehicle_id, d.owner_user_id == self.actor.user_id)
        found = self._doc_actors.get(key)
        if found is None:
            relation = None
            if d.vehicle_id is not None:
                self.access(d.vehicle_id)
                relation = self._relations[d.vehicle_id]
            found = self._doc_actors[key] = document_actor_of(self.actor, d, relation)
        return found

    def _trust_summary(self, ids: list[uuid.UUID]) -> list[Rendered]:
        out = []
        for row in self.repo.summaries(ids):
            access = self.access(row.vehicle_id)
            if access is None or not access.can(Capability.MANAGE):
                out.append(Rendered(RecordType.TRUST_SUMMARY, row.vehicle_id, ChangeOp.REMOVE, row.vehicle_id))
                continue
            stored = TrustSummary.from_dict(row.summary)
            todos = todo_codes_for_role(stored.reason_codes, self.actor.role)
            data = {**stored.to_dict(), "todo_codes": list(todos), "vehicle_id": str(row.vehicle_id)}
            data["computed_at"] = row.computed_at.isoformat()
            out.append(Rendered(RecordType.TRUST_SUMMARY, row.vehicle_id, ChangeOp.UPSERT, row.vehicle_id, data))
        seen = {r.id for r in out}
        return out + [Rendered(RecordType.TRUST_SUMMARY, i, ChangeOp.REMOVE, i) for i in ids if i not in seen]

    def _folder(self, ids: list[uuid.UUID]) -> list[Rendered]:
        out = []
        rows = self.repo.folders(ids)
        for f in rows:
            access = self.access(f.vehicle_id)
            if access is None or not access.can(Capability.MANAGE) or f.owner_user_id != self.actor.user_id:
                out.append(Rendered(RecordType.FOLDER, f.id, ChangeOp.REMOVE, f.vehicle_id))
                continue
            data = {
                "id": str(f.id),
                "vehicle_id": str(f.vehicle_id),
                "addon_key": f.addon_key,
                "title": f.title,
                "created_at": f.created_at.isoformat(),
                "updated_at": f.updated_at.isoformat(),
            }
            out.append(Rendered(RecordType.FOLDER, f.id, ChangeOp.UPSERT, f.vehicle_id, data))
        return out + self._gone(RecordType.FOLDER, ids, {f.id for f in rows})

    def _folder_item(self, ids: list[uuid.UUID]) -> list[Rendered]:
        out = []
        rows = self.repo.folder_items(ids)
        folders = {f.id: f for f in self.repo.folders(list({i.folder_id for i in rows}))}
        for item in rows:
            folder = folders.get(item.folder_id)
            access = self.access(folder.vehicle_id) if folder is not None else None
            vehicle_id = folder.vehicle_id if folder is not None else None
            if folder is None or access is None or folder.owner_user_id != self.actor.user_id:
                out.append(Rendered(RecordType.FOLDER_ITEM, item.id, ChangeOp.REMOVE, vehicle_id))
                continue
            data = {
                "id": str(item.id),
                "folder_id": str(item.folder_id),
                "title": item.title,
                "stage": item.stage,
                "date": item.date.isoformat() if item.date else None,
                "performed_by": item.performed_by,
                "note": item.note,
                "cost_amount": None if item.cost_cents is None else item.cost_cents / 100,
                "currency": item.currency,
                "is_milestone": item.is_milestone,
                "document_ids": list(item.document_ids or []),
                "before_image_ids": list(item.before_image_ids or []),
                "after_image_ids": list(item.after_image_ids or []),
                "created_at": item.created_at.isoformat(),
                "updated_at": item.updated_at.isoformat(),
            }
            out.append(Rendered(RecordType.FOLDER_ITEM, item.id, ChangeOp.UPSERT, vehicle_id, data))
        return out + self._gone(RecordType.FOLDER_ITEM, ids, {i.id for i in rows})

    def _workshop_grant(self, ids: list[uuid.UUID]) -> list[Rendered]:
        out = []
        rows = self.repo.grants(ids)
        for g in rows:
            access = self.access(g.vehicle_id)
            manages = access is not None and access.can(Capability.MANAGE)
            if not manages and g.org_id not in self.orgs():
                out.append(Rendered(RecordType.WORKSHOP_GRANT, g.id, ChangeOp.REMOVE, None))
                continue
            data = {
                "id": str(g.id),
                "vehicle_id": str(g.vehicle_id),
                "org_id": str(g.org_id),
                "status": g.status,
                "effective_status": effective_status(g, self.now),
                "decided_at": g.decided_at.isoformat() if g.decided_at else None,
                "expires_at": g.expires_at.isoformat() if g.expires_at else None,
                "revoked_at": g.revoked_at.isoformat() if g.revoked_at else None,
                "created_at": g.created_at.isoformat(),
                "updated_at": g.updated_at.isoformat(),
            }
            out.append(Rendered(RecordType.WORKSHOP_GRANT, g.id, ChangeOp.UPSERT, None, data))
        return out + self._gone(RecordType.WORKSHOP_GRANT, ids, {g.id for g in rows})

    def _collection(self, ids: list[uuid.UUID]) -> list[Rendered]:
        out = []
        rows = self.repo.collections(ids)
        members = self.repo.collection_members([c.id for c in rows if c.owner_user_id == self.actor.user_id])
        unknown = list({v for member_ids in members.values() for v in member_ids if v not in self._access})
        for found in self.repo.vehicles(unknown):  # one query for every member, not one per vehicle
            self.access(found.id, found)
        for c in rows:
            if c.owner_user_id != self.actor.user_id:
                out.append(Rendered(RecordType.COLLECTION, c.id, ChangeOp.REMOVE, None))
                continue
            shown = [v for v in members[c.id] if self.access(v) is not None]
            out_row = CollectionOut(
                id=c.id, name=c.name, kind=c.kind, vehicle_ids=shown, created_at=c.created_at, updated_at=c.updated_at
            )
            data = out_row.model_dump(mode="json")  # the shape of the REST answer
            out.append(Rendered(RecordType.COLLECTION, c.id, ChangeOp.UPSERT, None, data))
        return out + self._gone(RecordType.COLLECTION, ids, {c.id for c in rows})
