"""/vehicles/{id}/entries routes: create, revise, list latest, history."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends

from syncserver.access import Actor, Policy, require
from syncserver.deps import ContextDep, SessionDep
from syncserver.entries.schemas import EntryIn, VehicleEntryOut
from syncserver.entries.service import EntryService

ENTRIES = Policy.product("entries")
EntryActor = Annotated[Actor, Depends(require(ENTRIES))]

router = APIRouter(prefix="/vehicles/{vehicle_id}/entries", tags=["entries"])
_ERRORS = {
    403: {"description": "forbidden"},
    404: {"description": "not_found / entry_not_found"},
    422: {"description": "invalid_entry"},
}


@router.get("", response_model=list[VehicleEntryOut], responses=_ERRORS)
def list_entries(
    vehicle_id: uuid.UUID, actor: EntryActor, session: SessionDep, ctx: ContextDep
) -> list[VehicleEntryOut]:
    """The latest revision of every entry, date descending."""
    return [VehicleEntryOut.of(v) for v in EntryService(session, ctx).list_latest(actor, vehicle_id)]


@router.post("", response_model=VehicleEntryOut, status_code=201, responses=_ERRORS)
def create_entry(
    vehicle_id: uuid.UUID, body: EntryIn, actor: EntryActor, session: SessionDep, ctx: ContextDep
) -> VehicleEntryOut:
    """Append an entry; the caller (and the org it acts for) becomes its author."""
    return VehicleEntryOut.of(EntryService(session, ctx).create(actor, vehicle_id, body.draft()))


@router.post("/{entry_id}/revisions", response_model=VehicleEntryOut, status_code=201, responses=_ERRORS)
def revise_entry(
    vehicle_id: uuid.UUID, entry_id: uuid.UUID, body: EntryIn, actor: EntryActor, session: SessionDep, ctx: ContextDep
) -> VehicleEntryOut:
    """A corrected version of the latest row ``entry_id``; only its author may revise it."""
    return VehicleEntryOut.of(EntryService(session, ctx).revise(actor, vehicle_id, entry_id, body.draft()))


@router.get("/{entry_id}/history", response_model=list[VehicleEntryOut], responses=_ERRORS)
def entry_history(
    vehicle_id: uuid.UUID, entry_id: uuid.UUID, actor: EntryActor, session: SessionDep, ctx: ContextDep
) -> list[VehicleEntryOut]:
    """Every version of the entry, ascending."""
    return [VehicleEntryOut.of(v) for v in EntryService(session, ctx).history(actor, vehicle_id, entry_id)]
