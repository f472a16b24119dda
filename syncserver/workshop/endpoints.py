"""Workshop access routes (DECISIONS D8): request, decide, revoke, list."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends

from syncserver.access import Actor, Policy, require
from syncserver.deps import ContextDep, SessionDep
from syncserver.vehicles.schemas import VehicleOut
from syncserver.vehicles.service import VehicleService
from syncserver.workshop.schemas import AccessRequestIn, ApproveIn, GrantOut
from syncserver.workshop.service import WorkshopService

WORKSHOP = Policy.product("workshop")
WorkshopActor = Annotated[Actor, Depends(require(WORKSHOP))]

router = APIRouter(tags=["workshop"])
_ERRORS = {403: {"description": "forbidden"}, 404: {"description": "not_found"}, 409: {"description": "conflict"}}


@router.post("/workshop/access-requests", response_model=GrantOut, status_code=201, responses=_ERRORS)
def request_access(body: AccessRequestIn, actor: WorkshopActor, session: SessionDep, ctx: ContextDep) -> GrantOut:
    """A workshop org asks for access to the vehicle behind a public token (its QR sticker)."""
    return GrantOut.of(WorkshopService(session, ctx).request(actor, body.public_token, body.org_id))


@router.get("/workshop/grants", response_model=list[GrantOut])
def my_grants(actor: WorkshopActor, session: SessionDep, ctx: ContextDep) -> list[GrantOut]:
    """The grants of the caller's organisations."""
    return [GrantOut.of(v) for v in WorkshopService(session, ctx).mine(actor)]


@router.get("/workshop/vehicles", response_model=list[VehicleOut])
def granted_vehicles(actor: WorkshopActor, session: SessionDep, ctx: ContextDep) -> list[VehicleOut]:
    """Vehicles the caller's workshops may work on now (masked VIN, no owner data)."""
    ids = WorkshopService(session, ctx).granted_vehicle_ids(actor)
    service = VehicleService(session, ctx)
    return [VehicleOut.of(service.get(actor, vehicle_id)) for vehicle_id in ids]


@router.get("/vehicles/{vehicle_id}/workshop-grants", response_model=list[GrantOut], responses=_ERRORS)
def vehicle_grants(vehicle_id: uuid.UUID, actor: WorkshopActor, session: SessionDep, ctx: ContextDep) -> list[GrantOut]:
    """Requests and grants of one vehicle (owner, org member, admin)."""
    return [GrantOut.of(v) for v in WorkshopService(session, ctx).for_vehicle(actor, vehicle_id)]


@router.post("/workshop/grants/{grant_id}/approve", response_model=GrantOut, responses=_ERRORS)
def approve_grant(
    grant_id: uuid.UUID, body: ApproveIn, actor: WorkshopActor, session: SessionDep, ctx: ContextDep
) -> GrantOut:
    """The owner approves a request; the grant expires after ``days`` (default 30)."""
    return GrantOut.of(WorkshopService(session, ctx).approve(actor, grant_id, body.days))


@router.post("/workshop/grants/{grant_id}/deny", response_model=GrantOut, responses=_ERRORS)
def deny_grant(grant_id: uuid.UUID, actor: WorkshopActor, session: SessionDep, ctx: ContextDep) -> GrantOut:
    """The owner denies a request."""
    return GrantOut.of(WorkshopService(session, ctx).deny(actor, grant_id))


@router.post("/workshop/grants/{grant_id}/revoke", response_model=GrantOut, responses=_ERRORS)
def revoke_grant(grant_id: uuid.UUID, actor: WorkshopActor, session: SessionDep, ctx: ContextDep) -> GrantOut:
    """The owner ends a grant at once."""
    return GrantOut.of(WorkshopService(session, ctx).revoke(actor, grant_id))
