"""/addons and /trust/folders routes (SPEC §7.5-7.6, DECISIONS D19)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from shared.addons import DEFAULT_ADDON_KEY
from syncserver.access import Actor, Policy, require
from syncserver.addons.schemas import (
    AddonKeyIn,
    AddonStateOut,
    ConfigIn,
    EntitlementIn,
    FolderIn,
    FolderItemIn,
    FolderItemOut,
    FolderOut,
    FolderUpdate,
    OkOut,
)
from syncserver.addons.service import AddonService, FolderService
from syncserver.deps import ContextDep, SessionDep
from syncserver.models.addon import TrustFolder, TrustFolderItem

ADDON_ADMIN = Policy.admin("addon_admin")
ADDON_VEHICLE = Policy.product("addon_vehicle")
TRUST_FOLDERS = Policy.product("trust_folders")
AdminActor = Annotated[Actor, Depends(require(ADDON_ADMIN))]
AddonActor = Annotated[Actor, Depends(require(ADDON_VEHICLE))]
FolderActor = Annotated[Actor, Depends(require(TRUST_FOLDERS))]

router = APIRouter(prefix="/addons", tags=["addons"])
folders_router = APIRouter(prefix="/trust/folders", tags=["trust folders"])
_GATE = {403: {"description": "{detail:{code: addon_not_available|admin_only|paywall_required}}"}}
_FOLDER = {**_GATE, 404: {"description": "not_found"}, 409: {"description": "folder_exists"}}


@router.post("/config/{addon_key}", response_model=OkOut)
def set_config(addon_key: str, body: ConfigIn, actor: AdminActor, session: SessionDep, ctx: ContextDep) -> OkOut:
    """Upsert the admin switches of an add-on."""
    AddonService(session, ctx).set_config(actor, addon_key, body.allow_new, body.requires_payment, body.admin_only)
    return OkOut()


@router.post("/entitlements/{addon_key}", response_model=OkOut)
def set_entitlement(
    addon_key: str, body: EntitlementIn, actor: AdminActor, session: SessionDep, ctx: ContextDep
) -> OkOut:
    """Upsert a user's entitlement for an add-on."""
    AddonService(session, ctx).set_entitlement(actor, addon_key, body.user_id, body.enabled)
    return OkOut()


@router.post("/vehicles/{vehicle_id}/enable", response_model=AddonStateOut, responses=_GATE)
def enable(
    vehicle_id: uuid.UUID, body: AddonKeyIn, actor: AddonActor, session: SessionDep, ctx: ContextDep
) -> AddonStateOut:
    """Activate an add-on on a vehicle through the gate (grandfathered vehicles always pass)."""
    return AddonStateOut.of(AddonService(session, ctx).enable(actor, vehicle_id, body.addon_key))


@router.post("/vehicles/{vehicle_id}/disable", response_model=AddonStateOut, responses=_GATE)
def disable(
    vehicle_id: uuid.UUID, body: AddonKeyIn, actor: AddonActor, session: SessionDep, ctx: ContextDep
) -> AddonStateOut:
    """Deactivate an add-on; ``addon_first_enabled_at`` is kept."""
    return AddonStateOut.of(AddonService(session, ctx).disable(actor, vehicle_id, body.addon_key))


@router.get("/vehicles/{vehicle_id}/{addon_key}", response_model=AddonStateOut, responses=_GATE)
def state(
    vehicle_id: uuid.UUID, addon_key: str, actor: AddonActor, session: SessionDep, ctx: ContextDep
) -> AddonStateOut:
    """The add-on state of a vehicle."""
    return AddonStateOut.of(AddonService(session, ctx).get(actor, vehicle_id, addon_key))


@folders_router.get("", response_model=list[FolderOut], responses=_FOLDER)
def list_folders(
    vehicle_id: uuid.UUID,
    actor: FolderActor,
    session: SessionDep,
    ctx: ContextDep,
    addon_key: Annotated[str, Query(max_length=32)] = DEFAULT_ADDON_KEY.value,
) -> list[TrustFolder]:
    """The caller's folders of one add-on on a vehicle (admins: everyone's)."""
    return FolderService(session, ctx).list(actor, vehicle_id, addon_key)


@folders_router.post("", response_model=FolderOut, status_code=201, responses=_FOLDER)
def create_folder(body: FolderIn, actor: FolderActor, session: SessionDep, ctx: ContextDep) -> TrustFolder:
    """Create a folder; a duplicate title per vehicle and owner is 409 ``folder_exists``."""
    return FolderService(session, ctx).create(actor, body.vehicle_id, body.addon_key, body.title)


@folders_router.get("/{folder_id}", response_model=FolderOut, responses=_FOLDER)
def get_folder(folder_id: uuid.UUID, actor: FolderActor, session: SessionDep, ctx: ContextDep) -> TrustFolder:
    """One folder."""
    return FolderService(session, ctx).get(actor, folder_id)


@folders_router.patch("/{folder_id}", response_model=FolderOut, responses=_FOLDER)
def rename_folder(
    folder_id: uuid.UUID, body: FolderUpdate, actor: FolderActor, session: SessionDep, ctx: ContextDep
) -> TrustFolder:
    """Rename a folder."""
    return FolderService(session, ctx).rename(actor, folder_id, body.title)


@folders_router.delete("/{folder_id}", response_model=OkOut, responses=_FOLDER)
def delete_folder(folder_id: uuid.UUID, actor: FolderActor, session: SessionDep, ctx: ContextDep) -> OkOut:
    """Delete a folder and its items."""
    FolderService(session, ctx).delete(actor, folder_id)
    return OkOut()


@folders_router.get("/{folder_id}/items", response_model=list[FolderItemOut], responses=_FOLDER)
def list_items(folder_id: uuid.UUID, actor: FolderActor, session: SessionDep, ctx: ContextDep) -> list[TrustFolderItem]:
    """The folder's items (restoration stages), by date."""
    return FolderService(session, ctx).items(actor, folder_id)


@folders_router.post("/{folder_id}/items", response_model=FolderItemOut, status_code=201, responses=_FOLDER)
def add_item(
    folder_id: uuid.UUID, body: FolderItemIn, actor: FolderActor, session: SessionDep, ctx: ContextDep
) -> TrustFolderItem:
    """Add an item: title, date, performed by, documents, before/after images, cost, milestone flag."""
    return FolderService(session, ctx).add_item(actor, folder_id, body.fields(creating=True))


@folders_router.patch("/{folder_id}/items/{item_id}", response_model=FolderItemOut, responses=_FOLDER)
def update_item(
    folder_id: uuid.UUID,
    item_id: uuid.UUID,
    body: FolderItemIn,
    actor: FolderActor,
    session: SessionDep,
    ctx: ContextDep,
) -> TrustFolderItem:
    """Change the fields sent."""
    return FolderService(session, ctx).update_item(actor, folder_id, item_id, body.fields(creating=False))


@folders_router.delete("/{folder_id}/items/{item_id}", response_model=OkOut, responses=_FOLDER)
def delete_item(
    folder_id: uuid.UUID, item_id: uuid.UUID, actor: FolderActor, session: SessionDep, ctx: ContextDep
) -> OkOut:
    """Remove an item."""
    FolderService(session, ctx).delete_item(actor, folder_id, item_id)
    return OkOut()
