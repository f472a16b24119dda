"""/vehicles and /collections routes: thin wrappers over the services (checks: 401 -> consent -> role -> object)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from syncserver.access import Actor, Policy, require
from syncserver.deps import ContextDep, SessionDep
from syncserver.vehicles.schemas import (
    CollectionIn,
    CollectionOut,
    CollectionUpdate,
    OkOut,
    VehicleIn,
    VehicleOut,
    VehicleUpdate,
)
from syncserver.vehicles.service import CollectionService, CollectionView, VehicleService

VEHICLES = Policy.product("vehicles")
COLLECTIONS = Policy.product("collections")
VehicleActor = Annotated[Actor, Depends(require(VEHICLES))]
CollectionActor = Annotated[Actor, Depends(require(COLLECTIONS))]

router = APIRouter(prefix="/vehicles", tags=["vehicles"])
collections_router = APIRouter(prefix="/collections", tags=["collections"])
_ERRORS = {403: {"description": "forbidden / vehicle_limit_reached"}, 404: {"description": "not_found"}}


@router.post("", response_model=VehicleOut, responses={422: {"description": "invalid_vin_format"}, **_ERRORS})
def create_vehicle(body: VehicleIn, actor: VehicleActor, session: SessionDep, ctx: ContextDep) -> VehicleOut:
    """Create a vehicle owned by the caller (or by an organisation the caller is an approved member of)."""
    fields = body.model_dump(exclude_unset=True, exclude={"vin", "org_id"})
    return VehicleOut.of(VehicleService(session, ctx).create(actor, body.vin, fields, body.org_id))


@router.get("", response_model=list[VehicleOut])
def list_vehicles(
    actor: VehicleActor,
    session: SessionDep,
    ctx: ContextDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[VehicleOut]:
    """Own and organisation vehicles, newest first; admins see all."""
    return [VehicleOut.of(v) for v in VehicleService(session, ctx).list(actor, limit=limit, offset=offset)]


@router.get("/{vehicle_id}", response_model=VehicleOut, responses=_ERRORS)
def get_vehicle(vehicle_id: uuid.UUID, actor: VehicleActor, session: SessionDep, ctx: ContextDep) -> VehicleOut:
    """One vehicle; the full VIN only for the owner and approved org members."""
    return VehicleOut.of(VehicleService(session, ctx).get(actor, vehicle_id))


@router.patch("/{vehicle_id}", response_model=VehicleOut, responses={409: {"description": "conflict"}, **_ERRORS})
def update_vehicle(
    vehicle_id: uuid.UUID, body: VehicleUpdate, actor: VehicleActor, session: SessionDep, ctx: ContextDep
) -> VehicleOut:
    """Change master data (nickname, descriptors, meta incl. the accident fields, selling flag)."""
    fields = body.model_dump(exclude_unset=True, exclude={"base_version"})
    return VehicleOut.of(VehicleService(session, ctx).update(actor, vehicle_id, fields, body.base_version))


@router.delete("/{vehicle_id}", response_model=OkOut, responses=_ERRORS)
def delete_vehicle(vehicle_id: uuid.UUID, actor: VehicleActor, session: SessionDep, ctx: ContextDep) -> OkOut:
    """Soft-delete a vehicle (owner, org member or admin)."""
    VehicleService(session, ctx).delete(actor, vehicle_id)
    return OkOut()


def _collection_out(view: CollectionView) -> CollectionOut:
    c = view.collection
    return CollectionOut(
        id=c.id,
        name=c.name,
        kind=c.kind,
        vehicle_ids=view.vehicle_ids,
        created_at=c.created_at,
        updated_at=c.updated_at,
    )


@collections_router.get("", response_model=list[CollectionOut])
def list_collections(actor: CollectionActor, session: SessionDep, ctx: ContextDep) -> list[CollectionOut]:
    """The caller's collections and fleets with their vehicle ids."""
    return [_collection_out(v) for v in CollectionService(session, ctx).list(actor)]


@collections_router.post(
    "", response_model=CollectionOut, status_code=201, responses={409: {"description": "conflict"}}
)
def create_collection(
    body: CollectionIn, actor: CollectionActor, session: SessionDep, ctx: ContextDep
) -> CollectionOut:
    """Create a named collection or fleet (names are unique per user)."""
    return _collection_out(CollectionService(session, ctx).create(actor, body.name, body.kind))


@collections_router.get("/{collection_id}", response_model=CollectionOut, responses=_ERRORS)
def get_collection(
    collection_id: uuid.UUID, actor: CollectionActor, session: SessionDep, ctx: ContextDep
) -> CollectionOut:
    """One of the caller's collections."""
    return _collection_out(CollectionService(session, ctx).get(actor, collection_id))


@collections_router.patch("/{collection_id}", response_model=CollectionOut, responses=_ERRORS)
def update_collection(
    collection_id: uuid.UUID, body: CollectionUpdate, actor: CollectionActor, session: SessionDep, ctx: ContextDep
) -> CollectionOut:
    """Rename a collection or change its kind."""
    service = CollectionService(session, ctx)
    return _collection_out(service.update(actor, collection_id, body.name, body.kind))


@collections_router.delete("/{collection_id}", response_model=OkOut, responses=_ERRORS)
def delete_collection(collection_id: uuid.UUID, actor: CollectionActor, session: SessionDep, ctx: ContextDep) -> OkOut:
    """Delete a collection (its vehicles stay)."""
    CollectionService(session, ctx).delete(actor, collection_id)
    return OkOut()


@collections_router.put("/{collection_id}/vehicles/{vehicle_id}", response_model=CollectionOut, responses=_ERRORS)
def add_to_collection(
    collection_id: uuid.UUID, vehicle_id: uuid.UUID, actor: CollectionActor, session: SessionDep, ctx: ContextDep
) -> CollectionOut:
    """Put one of the caller's vehicles into the collection (idempotent)."""
    return _collection_out(CollectionService(session, ctx).add_vehicle(actor, collection_id, vehicle_id))


@collections_router.delete("/{collection_id}/vehicles/{vehicle_id}", response_model=CollectionOut, responses=_ERRORS)
def remove_from_collection(
    collection_id: uuid.UUID, vehicle_id: uuid.UUID, actor: CollectionActor, session: SessionDep, ctx: ContextDep
) -> CollectionOut:
    """Take a vehicle out of the collection (idempotent)."""
    return _collection_out(CollectionService(session, ctx).remove_vehicle(actor, collection_id, vehicle_id))
