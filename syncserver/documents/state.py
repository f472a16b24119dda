"""Between the ORM row and ``shared.documents``: the status part as :class:`DocumentState`, and the
caller as :class:`DocumentActor` (its relation to the document's vehicle decides object access)."""

from __future__ import annotations

import uuid
from dataclasses import fields
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from shared.documents import ApprovalStatus, DeleteReason, DocumentActor, DocumentState, PiiStatus, ScanStatus
from syncserver.access.actor import Actor
from syncserver.models.document import Document
from syncserver.vehicles.access import Relation, relation_to
from syncserver.vehicles.repository import VehicleRepository

_STATE_FIELDS = tuple(f.name for f in fields(DocumentState))
_ID_FIELDS = frozenset(
    {
        "approved_by_user_id",
        "rejected_by_user_id",
        "pii_marked_by_user_id",
        "pii_override_by_user_id",
        "replaced_by_document_id",
    }
)
_ENUMS: dict[str, Any] = {
    "approval_status": ApprovalStatus,
    "scan_status": ScanStatus,
    "pii_status": PiiStatus,
    "deleted_reason": DeleteReason,
}


def state_of(doc: Document) -> DocumentState:
    values: dict[str, Any] = {}
    for name in _STATE_FIELDS:
        value = getattr(doc, name)
        if value is not None and name in _ID_FIELDS:
            value = str(value)
        elif value is not None and name in _ENUMS:
            value = _ENUMS[name](value)
        values[name] = value
    return DocumentState(**values)


def apply_state(doc: Document, state: DocumentState, now: datetime) -> bool:
    """Copy ``state`` onto the row; True when anything changed (then ``updated_at`` moves too)."""
    changed = False
    for name in _STATE_FIELDS:
        value: Any = getattr(state, name)
        if value is not None and name in _ID_FIELDS:
            value = uuid.UUID(value)
        elif value is not None and name in _ENUMS:
            value = value.value
        if getattr(doc, name) != value:
            setattr(doc, name, value)
            changed = True
    if changed:
        doc.updated_at = now
    return changed


def document_actor(session: Session, actor: Actor, doc: Document, now: datetime) -> DocumentActor:
    """The caller relative to ``doc``: uploader, and its relation to the document's vehicle (if any)."""
    relation: Relation | None = None
    if doc.vehicle_id is not None:
        vehicle = VehicleRepository(session).get(doc.vehicle_id)
        access = relation_to(session, actor, vehicle, now) if vehicle is not None else None
        relation = access.relation if access is not None else None
    return document_actor_of(actor, doc, relation)


def document_actor_of(actor: Actor, doc: Document, relation: Relation | None) -> DocumentActor:
    """:func:`document_actor` with the caller's relation to the document's live vehicle already known
    (``relation_to``; ``None``: no vehicle, not live, or no relation)."""
    return DocumentActor(
        role=actor.role,
        user_id=str(actor.user_id),
        is_uploader=doc.owner_user_id == actor.user_id,
        is_vehicle_owner=relation is Relation.OWNER,
        is_org_member=relation is Relation.ORG,
        is_shared_with=relation is Relation.SHARED,
    )


def uploader_actor(actor: Actor) -> DocumentActor:
    """The caller as the uploader of a document that does not exist yet."""
    return DocumentActor(role=actor.role, user_id=str(actor.user_id), is_uploader=True)
