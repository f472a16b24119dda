"""Wire models of the sync protocol (ARCHITECTURE.md "Sync protocol"); shared by server and desktop.

Contract summary:

* ``GET /sync/meta`` -> :class:`SyncMeta`.
* ``POST /sync/push`` with :class:`PushRequest` -> :class:`PushResponse`: one :class:`MutationResult` per
  mutation, in order. A rejected mutation never blocks the ones after it. A mutation id at or below the
  stored last id of the client is answered ``duplicate`` with the stored answer of the first attempt.
* ``GET /sync/changes?cursor=&limit=`` -> :class:`ChangesPage`. No cursor means "from the beginning".
  Apply the page in one local transaction and store ``cursor`` with it; ask again while ``has_more``.
* Ops: ``upsert`` (``data`` is the full record as this actor may see it), ``delete`` (tombstone: the record
  was deleted on the server) and ``remove`` (the actor lost access; drop the local copy). A ``remove`` of a
  ``vehicle`` drops the vehicle and everything under it (entries, documents, trust summary, folders and
  folder items); workshop grants are scoped by organisation and collections by user: neither is removed
  with the vehicle (a collection's ``vehicle_ids`` may name vehicles the replica does not hold).
* Versions travel in the headers :data:`PROTOCOL_HEADER` / :data:`SCHEMA_HEADER` (or the query parameters
  ``protocol_version`` / ``schema_version``); a mismatch answers 409 ``protocol_mismatch``, an unknown or
  expired cursor 409 ``full_resync_required``: drop the local replica and pull again without a cursor.
* Blobs: ``PUT /sync/blobs/{sha256}`` with ``Content-Range: bytes <start>-<end>/<total>`` (or the query
  parameters ``offset`` and ``total``) uploads one chunk; ``HEAD``/``GET /sync/blobs/{sha256}/status`` tell
  how far an upload got (:class:`BlobStatus`); the hash is verified when the last byte arrives. A
  ``document.attach`` mutation then references the blob by ``sha256``.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

#: Request header carrying the client's protocol version.
PROTOCOL_HEADER = "X-LTC-Protocol-Version"
#: Request header carrying the client's record schema version.
SCHEMA_HEADER = "X-LTC-Schema-Version"
#: Most mutations accepted in one push (one server transaction: at ~0.5 ms of CPU per entry.create about a
#: quarter second of SQLite's write lock; an offline week of entries goes up in one or two requests).
MAX_PUSH_MUTATIONS = 500
#: Default and largest page size of ``GET /sync/changes``.
DEFAULT_PAGE_LIMIT = 200
MAX_PAGE_LIMIT = 10000
#: Largest chunk accepted by one ``PUT /sync/blobs/{sha256}``.
MAX_BLOB_CHUNK = 4 * 1024 * 1024
#: A SHA-256 in lower-case hex.
SHA256_PATTERN = r"^[0-9a-f]{64}$"


class RecordType(StrEnum):
    """Types of synced records."""

    VEHICLE = "vehicle"
    ENTRY = "entry"
    DOCUMENT = "document"
    TRUST_SUMMARY = "trust_summary"
    FOLDER = "folder"
    FOLDER_ITEM = "folder_item"
    WORKSHOP_GRANT = "workshop_grant"
    #: A collection or fleet of the user (owner only); ``data.vehicle_ids`` carries its memberships.
    COLLECTION = "collection"


class ChangeOp(StrEnum):
    UPSERT = "upsert"
    DELETE = "delete"
    REMOVE = "remove"


class MutationName(StrEnum):
    """Intent names of pushable mutations; ``args`` of each are documented in :data:`MUTATION_ARGS`."""

    VEHICLE_CREATE = "vehicle.create"
    VEHICLE_UPDATE = "vehicle.update"
    VEHICLE_DELETE = "vehicle.delete"
    ENTRY_CREATE = "entry.create"
    ENTRY_REVISE = "entry.revise"
    DOCUMENT_ATTACH = "document.attach"
    DOCUMENT_MARK_PII = "document.mark_pii"
    DOCUMENT_DELETE = "document.delete"
    FOLDER_CREATE = "folder.create"
    FOLDER_RENAME = "folder.rename"
    FOLDER_DELETE = "folder.delete"
    FOLDER_ITEM_CREATE = "folder_item.create"
    FOLDER_ITEM_UPDATE = "folder_item.update"
    FOLDER_ITEM_DELETE = "folder_item.delete"
    WORKSHOP_REQUEST_ACCESS = "workshop.request_access"
    WORKSHOP_GRANT_APPROVE = "workshop.grant.approve"
    WORKSHOP_GRANT_DENY = "workshop.grant.deny"
    WORKSHOP_GRANT_REVOKE = "workshop.grant.revoke"


#: The ``args`` keys of each mutation (``?`` marks optional ones). ``id`` of a create is the client's UUID
#: for the new record; the server answers with its own id in ``id_map`` when it had to assign another one,
#: and resolves the client id in later mutations of the same user. A create whose ``id`` the same account uses
#: already (sent twice, or the id of one of its records) is ``rejected`` with ``conflict`` and writes nothing;
#: ``entry.create`` is the exception: the entry gets a server id and the client's id keeps naming the first.
_VEHICLE = "nickname? meta? vehicle_class? make? model? year? engine? interested_in_selling?"
_ENTRY = "date type performed_by km note? cost_amount? currency? trust_level? is_backfill?"
_ITEM = "stage? date? performed_by? note? cost_amount? currency? is_milestone? document_ids? "
_ITEM += "before_image_ids? after_image_ids?"
MUTATION_ARGS: dict[MutationName, tuple[str, ...]] = {
    name: tuple(spec.split())
    for name, spec in {
        MutationName.VEHICLE_CREATE: f"id vin org_id? {_VEHICLE}",
        MutationName.VEHICLE_UPDATE: f"vehicle_id {_VEHICLE}",
        MutationName.VEHICLE_DELETE: "vehicle_id",
        MutationName.ENTRY_CREATE: f"id vehicle_id {_ENTRY}",
        MutationName.ENTRY_REVISE: f"id vehicle_id entry_id {_ENTRY}",
        MutationName.DOCUMENT_ATTACH: "id vehicle_id sha256 filename entry_id? folder_id?",
        MutationName.DOCUMENT_MARK_PII: "document_id pii_status note?",
        MutationName.DOCUMENT_DELETE: "document_id",
        MutationName.FOLDER_CREATE: "id vehicle_id addon_key title",
        MutationName.FOLDER_RENAME: "folder_id title",
        MutationName.FOLDER_DELETE: "folder_id",
        MutationName.FOLDER_ITEM_CREATE: f"id folder_id title {_ITEM}",
        MutationName.FOLDER_ITEM_UPDATE: f"folder_id item_id title? {_ITEM}",
        MutationName.FOLDER_ITEM_DELETE: "folder_id item_id",
        MutationName.WORKSHOP_REQUEST_ACCESS: "id public_token org_id",
        MutationName.WORKSHOP_GRANT_APPROVE: "grant_id days?",
        MutationName.WORKSHOP_GRANT_DENY: "grant_id",
        MutationName.WORKSHOP_GRANT_REVOKE: "grant_id",
    }.items()
}


class ResultStatus(StrEnum):
    APPLIED = "applied"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"


class _Wire(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SyncMeta(_Wire):
    """Handshake: the server's versions and limits, and its clock (for display only, never for ordering)."""

    protocol_version: int
    schema_version: int
    server_time: datetime
    max_push_mutations: int = MAX_PUSH_MUTATIONS
    max_page_limit: int = MAX_PAGE_LIMIT
    max_blob_chunk: int = MAX_BLOB_CHUNK


class Mutation(_Wire):
    """One outbox row. ``mutation_id`` ascends per client; ``base_version`` guards master-data edits."""

    mutation_id: int = Field(ge=1)
    name: MutationName
    args: dict[str, Any] = Field(default_factory=dict)
    base_version: int | None = Field(default=None, ge=1)


class PushRequest(_Wire):
    """Mutations of one client (device installation) in ascending ``mutation_id`` order."""

    client_id: uuid.UUID
    mutations: list[Mutation] = Field(min_length=1, max_length=MAX_PUSH_MUTATIONS)


class RecordRow(_Wire):
    """A record as the actor may see it (the same ``data`` shape as an ``upsert`` change)."""

    type: RecordType
    id: uuid.UUID
    data: dict[str, Any]


class MutationResult(_Wire):
    """The answer to one mutation.

    ``applied``/``duplicate``: ``rows`` are the server rows the mutation produced or changed, ``id_map``
    maps client ids to server ids where they differ. ``rejected``: ``code`` is a ``shared.errors.ErrorCode``
    value and ``message`` a developer hint; the client reverts its optimistic change.
    """

    mutation_id: int
    status: ResultStatus
    code: str | None = None
    message: str | None = None
    rows: list[RecordRow] = Field(default_factory=list)
    id_map: dict[str, str] = Field(default_factory=dict)


class PushResponse(_Wire):
    client_id: uuid.UUID
    #: The highest mutation id of this client the server has answered (applied or rejected).
    last_mutation_id: int
    results: list[MutationResult]


class Change(_Wire):
    """One change in server order. ``data`` is set for ``upsert`` only; ``vehicle_id`` names the parent."""

    seq: int
    op: ChangeOp
    type: RecordType
    id: uuid.UUID
    vehicle_id: uuid.UUID | None = None
    data: dict[str, Any] | None = None


class ChangesPage(_Wire):
    """A page of changes after the request's cursor; ``cursor`` is where the next pull starts.

    ``counts`` (on the last page only) is the number of live records per type the actor may see now;
    a client whose local counts differ should do a full resync (count check).
    """

    cursor: str
    has_more: bool
    changes: list[Change]
    counts: dict[str, int] | None = None


class BlobStatus(_Wire):
    """Progress of a resumable blob upload of the caller; ``complete`` once the hash was verified."""

    sha256: str
    received: int
    total: int | None
    complete: bool
