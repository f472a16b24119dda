"""Read queries of the Dokumente and Trust-Ordner tabs that the repositories do not offer.

Contracts:

- Thread: blocking; run on the single DB worker (CONVENTIONS item 3).
- Queries only: every write goes through ``desktop.store.outbox.enqueue`` (see ``DocumentRepository`` and
  :func:`enqueue_folder_mutation`), never a direct row change.
- Document content is decrypted from the vault's blob store into memory (:func:`document_bytes`); nothing
  is written to disk in clear.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from desktop.store import outbox
from desktop.store.models import Document, ReplicaRecord, SyncProblem, new_id
from desktop.store.problem_messages import message_for
from desktop.store.vault import Vault
from shared.sync.protocol import MutationName, RecordType

FOLDER_MUTATIONS = (
    MutationName.FOLDER_CREATE,
    MutationName.FOLDER_RENAME,
    MutationName.FOLDER_ITEM_CREATE,
    MutationName.FOLDER_ITEM_UPDATE,
)


@dataclass(frozen=True, slots=True)
class FolderRecord:
    id: str
    vehicle_id: str | None
    addon_key: str
    title: str
    pending: bool
    synced: bool


@dataclass(frozen=True, slots=True)
class FolderItemRecord:
    """One restoration stage; ``cost_cents`` is integer cents (the wire sends currency units)."""

    id: str
    folder_id: str
    title: str
    stage: str | None
    date: str | None
    performed_by: str | None
    note: str | None
    cost_cents: int | None
    currency: str | None
    is_milestone: bool
    document_ids: tuple[str, ...]
    before_image_ids: tuple[str, ...]
    after_image_ids: tuple[str, ...]
    pending: bool


@dataclass(frozen=True, slots=True)
class FolderProblem:
    """A rejected folder mutation (e.g. the add-on gate's ``paywall_required``) with its German text."""

    id: str
    name: str
    title: str
    code: str
    message: str


def _data(row: ReplicaRecord) -> dict[str, Any]:
    return {**(row.data or {}), **(row.local_data or {})}


def _ids(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list | tuple) else ()


def _cents(data: dict[str, Any]) -> int | None:
    if data.get("cost_cents") is not None:
        return int(data["cost_cents"])
    if data.get("cost_amount") not in (None, ""):
        return int(round(float(data["cost_amount"]) * 100))
    return None


def _folder(row: ReplicaRecord) -> FolderRecord:
    data = _data(row)
    return FolderRecord(
        id=row.id,
        vehicle_id=row.vehicle_id or data.get("vehicle_id"),
        addon_key=str(data.get("addon_key") or "restauration"),
        title=str(data.get("title") or ""),
        pending=row.dirty,
        synced=row.data is not None,
    )


def _item(row: ReplicaRecord) -> FolderItemRecord:
    data = _data(row)
    return FolderItemRecord(
        id=row.id,
        folder_id=str(data.get("folder_id") or ""),
        title=str(data.get("title") or ""),
        stage=data.get("stage"),
        date=str(data["date"])[:10] if data.get("date") else None,
        performed_by=data.get("performed_by"),
        note=data.get("note"),
        cost_cents=_cents(data),
        currency=data.get("currency"),
        is_milestone=bool(data.get("is_milestone")),
        document_ids=_ids(data.get("document_ids")),
        before_image_ids=_ids(data.get("before_image_ids")),
        after_image_ids=_ids(data.get("after_image_ids")),
        pending=row.dirty,
    )


def folders(vault: Vault, vehicle_id: str) -> list[FolderRecord]:
    """The vehicle's trust folders (server rows with local changes laid over), by title."""
    with vault.session() as session:
        rows = session.scalars(
            select(ReplicaRecord).where(ReplicaRecord.type == RecordType.FOLDER, ReplicaRecord.vehicle_id == vehicle_id)
        )
        result = [_folder(r) for r in rows if (r.data is not None or r.local_data is not None)]
    return sorted(result, key=lambda f: (f.title.casefold(), f.id))


def folder_items(vault: Vault, folder_ids: list[str]) -> list[FolderItemRecord]:
    """The stages of ``folder_ids``, oldest date first (undated last)."""
    if not folder_ids:
        return []
    with vault.session() as session:
        folder_of = func.coalesce(
            func.json_extract(ReplicaRecord.local_data, "$.folder_id"),
            func.json_extract(ReplicaRecord.data, "$.folder_id"),
        )
        stmt = select(ReplicaRecord).where(ReplicaRecord.type == RecordType.FOLDER_ITEM, folder_of.in_(folder_ids))
        result = [_item(r) for r in session.scalars(stmt)]
    return sorted(result, key=lambda i: (i.date is None, i.date or "", i.title.casefold(), i.id))


def folder_problems(vault: Vault, vehicle_id: str, folder_ids: list[str]) -> list[FolderProblem]:
    """Rejected folder mutations of this vehicle (the add-on gate answers here after a sync)."""
    with vault.session() as session:
        stmt = select(SyncProblem).where(SyncProblem.name.in_([str(m) for m in FOLDER_MUTATIONS]))
        rows = list(session.scalars(stmt.order_by(SyncProblem.created_at)))
    known = set(folder_ids)
    found: list[FolderProblem] = []
    for row in rows:
        args = dict(row.args)
        if args.get("vehicle_id") != vehicle_id and str(args.get("folder_id")) not in known:
            continue
        found.append(FolderProblem(row.id, row.name, str(args.get("title") or ""), row.code, message_for(row.code)))
    return found


def enqueue_folder_mutation(vault: Vault, name: MutationName, args: dict[str, Any]) -> str:
    """Write one folder/folder-item intent with its optimistic change; returns the record id it names."""
    if name in (MutationName.FOLDER_CREATE, MutationName.FOLDER_ITEM_CREATE) and "id" not in args:
        args = {"id": new_id(), **args}
    with vault.session() as session, session.begin():
        outbox.enqueue(session, name, args)
    return str(args.get("id") or args.get("item_id") or args.get("folder_id"))


def document_bytes(vault: Vault, document_id: str) -> bytes | None:
    """The decrypted content of a document held in the local vault, in memory (``None`` if not local)."""
    with vault.session() as session:
        sha = session.scalar(select(Document.local_blob_sha256).where(Document.id == document_id))
    if not sha or not vault.blobs.exists(sha):
        return None
    return vault.blobs.read_bytes(sha)


def document_folder_ids(vault: Vault, vehicle_id: str) -> dict[str, str]:
    """Which documents of the vehicle were attached into a trust folder (server's ``trust_folder_id``)."""
    with vault.session() as session:
        rows = session.execute(
            select(Document.id, Document.server_data).where(
                Document.vehicle_id == vehicle_id, Document.deleted_at.is_(None)
            )
        )
        result: dict[str, str] = {}
        for doc_id, data in rows:
            folder = (data or {}).get("trust_folder_id") or (data or {}).get("folder_id")
            if folder:
                result[doc_id] = str(folder)
    return result
