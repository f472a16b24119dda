"""Intent mutations -> the domain services the REST API calls (thin adapter: every rule is theirs).

Each handler validates ``args`` with the REST request schemas, calls the service and returns the records
it created as ``(type, client id, server id)``; the push service turns the flushed changes into rows. A create
keeps the client's id (ARCHITECTURE "Ids", as entry runs do) when no record of its type has it; otherwise the
record gets a server id and the client's id an alias (``SyncService._apply``).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session

from shared.documents import PiiStatus
from shared.errors import DomainError, ErrorCode
from shared.sync.protocol import MUTATION_ARGS, Mutation, MutationName, RecordType
from syncserver.access.actor import Actor
from syncserver.addons.schemas import FolderIn, FolderItemIn, FolderUpdate
from syncserver.addons.service import FolderService
from syncserver.blobstore import Area
from syncserver.context import ServerContext
from syncserver.documents.schemas import PiiIn
from syncserver.documents.service import DocumentService
from syncserver.entries.schemas import EntryIn
from syncserver.entries.service import EntryService
from syncserver.intake.runtime import IntakeRuntime
from syncserver.models.addon import TrustFolder, TrustFolderItem
from syncserver.models.document import Document
from syncserver.models.vehicle import Vehicle
from syncserver.models.workshop import WorkshopGrant
from syncserver.sync.blobs import BlobService
from syncserver.sync.repository import SyncRepository
from syncserver.vehicles.schemas import VehicleIn, VehicleUpdate
from syncserver.vehicles.service import VehicleService
from syncserver.workshop.schemas import AccessRequestIn, ApproveIn
from syncserver.workshop.service import WorkshopService

#: ``args`` keys holding ids of records a client may have created (resolved through its aliases).
REFERENCE_KEYS = ("vehicle_id", "entry_id", "folder_id", "item_id", "grant_id", "document_id")
#: Mutations that create a record under the client's ``id`` (a new id each: see ``SyncService._apply``). All but
#: ``entry.revise`` (a new version of an entry: a server id, the client's id an alias) keep it when it is free.
CREATES = frozenset(name for name, keys in MUTATION_ARGS.items() if "id" in keys)

Created = list[tuple[RecordType, uuid.UUID | None, uuid.UUID]]
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class Call:
    session: Session
    ctx: ServerContext
    intake: IntakeRuntime
    actor: Actor
    mutation: Mutation
    args: dict[str, Any]


def parse(model: type[M], args: Mapping[str, Any], *drop: str) -> M:
    """Validate ``args`` (minus ``drop``) with a REST schema; 422 ``validation_failed`` otherwise."""
    try:
        return model.model_validate({k: v for k, v in args.items() if k not in drop})
    except ValidationError as exc:
        fields = ",".join(".".join(str(p) for p in err["loc"]) for err in exc.errors())
        raise DomainError(ErrorCode.VALIDATION_FAILED, message=f"invalid args: {fields}") from exc


def ref(args: Mapping[str, Any], key: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(args[key]))
    except (KeyError, ValueError) as exc:
        raise DomainError(ErrorCode.VALIDATION_FAILED, message=f"{key} required") from exc


def client_ref(args: Mapping[str, Any]) -> uuid.UUID | None:
    return ref(args, "id") if args.get("id") is not None else None


def kept_id(c: Call, model: type[Any]) -> uuid.UUID | None:
    """The client's id for the new record when no record of ``model`` (of any account) has it, else ``None``
    (a server id; the push service then gives the client's id an alias)."""
    mine = client_ref(c.args)
    return None if mine is None or SyncRepository(c.session).id_taken(model, mine) else mine


def _vehicle_create(c: Call) -> Created:
    body = parse(VehicleIn, c.args, "id")
    fields = body.model_dump(exclude_unset=True, exclude={"vin", "org_id"})
    service = VehicleService(c.session, c.ctx)
    view = service.create(c.actor, body.vin, fields, body.org_id, record_id=kept_id(c, Vehicle))
    return [(RecordType.VEHICLE, client_ref(c.args), view.access.vehicle.id)]


def _vehicle_update(c: Call) -> Created:
    body = parse(VehicleUpdate, c.args, "vehicle_id")
    fields = body.model_dump(exclude_unset=True, exclude={"base_version"})
    base = c.mutation.base_version if c.mutation.base_version is not None else body.base_version
    VehicleService(c.session, c.ctx).update(c.actor, ref(c.args, "vehicle_id"), fields, base)
    return []


def _vehicle_delete(c: Call) -> Created:
    VehicleService(c.session, c.ctx).delete(c.actor, ref(c.args, "vehicle_id"))
    return []


def _entry_create(c: Call) -> Created:
    body = parse(EntryIn, c.args, "id", "vehicle_id")
    view = EntryService(c.session, c.ctx).create(c.actor, ref(c.args, "vehicle_id"), body.draft())
    return [(RecordType.ENTRY, client_ref(c.args), view.entry.id)]


def _entry_revise(c: Call) -> Created:
    body = parse(EntryIn, c.args, "id", "vehicle_id", "entry_id")
    service = EntryService(c.session, c.ctx)
    view = service.revise(c.actor, ref(c.args, "vehicle_id"), ref(c.args, "entry_id"), body.draft())
    return [(RecordType.ENTRY, client_ref(c.args), view.entry.id)]


def _document_attach(c: Call) -> Created:
    sha = str(c.args.get("sha256", ""))
    filename = str(c.args.get("filename", "") or "")
    entry_id = ref(c.args, "entry_id") if c.args.get("entry_id") else None
    folder_id = ref(c.args, "folder_id") if c.args.get("folder_id") else None
    vehicle_id = ref(c.args, "vehicle_id") if c.args.get("vehicle_id") else None
    record_id = kept_id(c, Document)
    received = BlobService(c.session, c.ctx, c.intake).take_for_document(c.actor, sha, filename)
    service = DocumentService(c.session, c.ctx, c.intake)
    try:
        doc = service.register_upload(
            c.actor, received, vehicle_id=vehicle_id, entry_id=entry_id, trust_folder_id=folder_id, record_id=record_id
        )
    except BaseException:
        c.intake.blobs.delete(Area.QUARANTINE, received.key)  # the copy handed to the intake
        raise
    return [(RecordType.DOCUMENT, client_ref(c.args), doc.id)]


def _document_mark_pii(c: Call) -> Created:
    body = parse(PiiIn, c.args, "document_id")
    service = DocumentService(c.session, c.ctx, c.intake)
    service.mark_pii(c.actor, ref(c.args, "document_id"), PiiStatus(body.pii_status), body.note)
    return []


def _document_delete(c: Call) -> Created:
    DocumentService(c.session, c.ctx, c.intake).delete(c.actor, ref(c.args, "document_id"))
    return []


def _folder_create(c: Call) -> Created:
    body = parse(FolderIn, c.args, "id")
    service = FolderService(c.session, c.ctx)
    folder = service.create(c.actor, body.vehicle_id, body.addon_key, body.title, record_id=kept_id(c, TrustFolder))
    return [(RecordType.FOLDER, client_ref(c.args), folder.id)]


def _folder_rename(c: Call) -> Created:
    body = parse(FolderUpdate, c.args, "folder_id")
    FolderService(c.session, c.ctx).rename(c.actor, ref(c.args, "folder_id"), body.title)
    return []


def _folder_delete(c: Call) -> Created:
    FolderService(c.session, c.ctx).delete(c.actor, ref(c.args, "folder_id"))
    return []


def _item_create(c: Call) -> Created:
    fields = parse(FolderItemIn, c.args, "id", "folder_id").fields(creating=True)
    service = FolderService(c.session, c.ctx)
    item = service.add_item(c.actor, ref(c.args, "folder_id"), fields, record_id=kept_id(c, TrustFolderItem))
    return [(RecordType.FOLDER_ITEM, client_ref(c.args), item.id)]


def _item_update(c: Call) -> Created:
    fields = parse(FolderItemIn, c.args, "folder_id", "item_id").fields(creating=False)
    FolderService(c.session, c.ctx).update_item(c.actor, ref(c.args, "folder_id"), ref(c.args, "item_id"), fields)
    return []


def _item_delete(c: Call) -> Created:
    FolderService(c.session, c.ctx).delete_item(c.actor, ref(c.args, "folder_id"), ref(c.args, "item_id"))
    return []


def _workshop_request(c: Call) -> Created:
    body = parse(AccessRequestIn, c.args, "id")
    service = WorkshopService(c.session, c.ctx)
    view = service.request(c.actor, body.public_token, body.org_id, record_id=kept_id(c, WorkshopGrant))
    return [(RecordType.WORKSHOP_GRANT, client_ref(c.args), view.grant.id)]


def _grant_approve(c: Call) -> Created:
    body = parse(ApproveIn, c.args, "grant_id")
    WorkshopService(c.session, c.ctx).approve(c.actor, ref(c.args, "grant_id"), body.days)
    return []


def _grant_deny(c: Call) -> Created:
    WorkshopService(c.session, c.ctx).deny(c.actor, ref(c.args, "grant_id"))
    return []


def _grant_revoke(c: Call) -> Created:
    WorkshopService(c.session, c.ctx).revoke(c.actor, ref(c.args, "grant_id"))
    return []


HANDLERS: dict[MutationName, Callable[[Call], Created]] = {
    MutationName.VEHICLE_CREATE: _vehicle_create,
    MutationName.VEHICLE_UPDATE: _vehicle_update,
    MutationName.VEHICLE_DELETE: _vehicle_delete,
    MutationName.ENTRY_CREATE: _entry_create,
    MutationName.ENTRY_REVISE: _entry_revise,
    MutationName.DOCUMENT_ATTACH: _document_attach,
    MutationName.DOCUMENT_MARK_PII: _document_mark_pii,
    MutationName.DOCUMENT_DELETE: _document_delete,
    MutationName.FOLDER_CREATE: _folder_create,
    MutationName.FOLDER_RENAME: _folder_rename,
    MutationName.FOLDER_DELETE: _folder_delete,
    MutationName.FOLDER_ITEM_CREATE: _item_create,
    MutationName.FOLDER_ITEM_UPDATE: _item_update,
    MutationName.FOLDER_ITEM_DELETE: _item_delete,
    MutationName.WORKSHOP_REQUEST_ACCESS: _workshop_request,
    MutationName.WORKSHOP_GRANT_APPROVE: _grant_approve,
    MutationName.WORKSHOP_GRANT_DENY: _grant_deny,
    MutationName.WORKSHOP_GRANT_REVOKE: _grant_revoke,
}
