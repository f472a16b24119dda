"""Repositories over an unlocked vault: queries return immutable records, commands write optimistically.

Contracts:

- Thread: blocking; run on the single DB worker (CONVENTIONS item 3).
- Every command is one local transaction holding the optimistic change and its outbox row
  (``desktop.store.outbox.enqueue``); ids are UUIDv7 made here (``desktop.store.models.new_id``).
- Queries hide records deleted optimistically unless asked; ``pending`` marks records with a waiting change.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import func, select

from desktop.store import outbox
from desktop.store.models import (
    Document,
    Entry,
    SyncProblem,
    SyncState,
    TrustSummaryRow,
    Vehicle,
    new_id,
)
from desktop.store.problem_messages import message_for
from desktop.store.queries import entry_record
from desktop.store.records import (
    DocumentRecord,
    EntryRecord,
    SyncProblemRecord,
    SyncStatus,
    TrustSummaryRecord,
    VehicleRecord,
    enum_or_raw,
)
from desktop.store.vault import Vault
from shared.documents import ApprovalStatus, PiiStatus, ScanStatus
from shared.sync.protocol import MutationName

_MAGIC = ((b"%PDF", "application/pdf"), (b"\xff\xd8\xff", "image/jpeg"), (b"\x89PNG\r\n\x1a\n", "image/png"))


def sniff_content_type(head: bytes) -> str:
    """The content type by magic bytes (the server decides again; this is for display only)."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    return "application/octet-stream"


def _vehicle(row: Vehicle) -> VehicleRecord:
    version = (row.server_data or {}).get("version")
    return VehicleRecord(
        id=row.id,
        vin=row.vin,
        vin_masked=row.vin_masked,
        nickname=row.nickname,
        meta=dict(row.meta or {}),
        owner_user_id=row.owner_user_id,
        org_id=row.org_id,
        version=int(version) if version is not None else None,
        pending=row.dirty,
        synced=row.server_data is not None,
        deleted=row.deleted_at is not None,
    )


def _document(row: Document, has_blob: bool) -> DocumentRecord:
    return DocumentRecord(
        id=row.id,
        vehicle_id=row.vehicle_id,
        entry_id=row.entry_id,
        filename=row.filename,
        content_type=row.content_type,
        size_bytes=row.size_bytes,
        sha256=row.checksum_sha256,
        approval_status=enum_or_raw(ApprovalStatus, row.approval_status),
        scan_status=enum_or_raw(ScanStatus, row.scan_status),
        pii_status=enum_or_raw(PiiStatus, row.pii_status),
        upload_state=row.upload_state,
        has_local_blob=has_blob,
        pending=row.dirty,
        synced=row.server_data is not None,
        reject_reason=(row.server_data or {}).get("reject_reason") or None,
    )


class VehicleRepository:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def list(self, *, include_deleted: bool = False) -> list[VehicleRecord]:
        with self._vault.session() as session:
            stmt = select(Vehicle).order_by(Vehicle.created_at, Vehicle.id)
            if not include_deleted:
                stmt = stmt.where(Vehicle.deleted_at.is_(None))
            return [_vehicle(r) for r in session.scalars(stmt)]

    def get(self, vehicle_id: str) -> VehicleRecord | None:
        with self._vault.session() as session:
            row = session.get(Vehicle, vehicle_id)
            return _vehicle(row) if row is not None else None

    def add(
        self, vin: str, *, nickname: str | None = None, meta: dict[str, Any] | None = None, org_id: str | None = None
    ) -> VehicleRecord:
        """Create a vehicle offline (``vehicle.create``); the server checks VIN format and the paywall."""
        args: dict[str, Any] = {"id": new_id(), "vin": vin}
        if nickname is not None:
            args["nickname"] = nickname
        if meta:
            args["meta"] = dict(meta)
        if org_id is not None:
            args["org_id"] = org_id
        with self._vault.session() as session, session.begin():
            outbox.enqueue(session, MutationName.VEHICLE_CREATE, args)
            return _vehicle(session.get_one(Vehicle, args["id"]))

    def update(self, vehicle_id: str, *, nickname: str | None = None, meta: dict[str, Any] | None = None) -> None:
        """Edit master data (``vehicle.update`` guarded by the last server version as ``base_version``)."""
        args: dict[str, Any] = {"vehicle_id": vehicle_id}
        if nickname is not None:
            args["nickname"] = nickname
        if meta is not None:
            args["meta"] = dict(meta)
        with self._vault.session() as session, session.begin():
            row = session.get(Vehicle, vehicle_id)
            version = (row.server_data or {}).get("version") if row is not None else None
            outbox.enqueue(session, MutationName.VEHICLE_UPDATE, args, int(version) if version else None)

    def delete(self, vehicle_id: str) -> None:
        with self._vault.session() as session, session.begin():
            outbox.enqueue(session, MutationName.VEHICLE_DELETE, {"vehicle_id": vehicle_id})


class EntryRepository:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def list(self, vehicle_id: str, *, latest_only: bool = True) -> list[EntryRecord]:
        with self._vault.session() as session:
            stmt = select(Entry).where(Entry.vehicle_id == vehicle_id, Entry.deleted_at.is_(None))
            if latest_only:
                stmt = stmt.where(Entry.is_latest.is_(True))
            stmt = stmt.order_by(Entry.date.desc(), Entry.id)
            return [entry_record(r) for r in session.scalars(stmt)]

    def get(self, entry_id: str) -> EntryRecord | None:
        with self._vault.session() as session:
            row = session.get(Entry, entry_id)
            return entry_record(row) if row is not None else None

    def add(
        self,
        vehicle_id: str,
        *,
        date: str,
        type: str,
        performed_by: str,
        km: int,  # noqa: A002
        **optional: Any,
    ) -> EntryRecord:
        """Append an entry offline (``entry.create``); optional: note, cost_amount, currency, trust_level, ..."""
        args: dict[str, Any] = {
            "id": new_id(),
            "vehicle_id": vehicle_id,
            "date": date,
            "type": type,
            "performed_by": performed_by,
            "km": km,
        }
        args.update({k: v for k, v in optional.items() if v is not None})
        with self._vault.session() as session, session.begin():
            outbox.enqueue(session, MutationName.ENTRY_CREATE, args)
            return entry_record(session.get_one(Entry, args["id"]))

    def revise(self, entry_id: str, **fields: Any) -> EntryRecord:
        """A new revision of the latest entry ``entry_id`` (append-only, D13); unchanged fields are copied."""
        with self._vault.session() as session, session.begin():
            previous = session.get(Entry, entry_id)
            if previous is None:
                raise outbox.UnknownRecordError(entry_id)
            base = {k: getattr(previous, k) for k in outbox.ENTRY_FIELDS}
            if base["cost_amount"] is not None:
                base["cost_amount"] = base["cost_amount"] / 100  # cents locally, currency units on the wire
            base.update({k: v for k, v in fields.items()})
            args = {"id": new_id(), "vehicle_id": previous.vehicle_id, "entry_id": entry_id}
            args.update({k: v for k, v in base.items() if v is not None})
            outbox.enqueue(session, MutationName.ENTRY_REVISE, args)
            return entry_record(session.get_one(Entry, args["id"]))


class DocumentRepository:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def _has_blob(self, sha256: str | None) -> bool:
        return bool(sha256) and self._vault.blobs.exists(str(sha256))

    def list(self, vehicle_id: str | None = None) -> list[DocumentRecord]:
        with self._vault.session() as session:
            stmt = select(Document).where(Document.deleted_at.is_(None)).order_by(Document.created_at, Document.id)
            if vehicle_id is not None:
                stmt = stmt.where(Document.vehicle_id == vehicle_id)
            rows = list(session.scalars(stmt))
        return [_document(r, self._has_blob(r.local_blob_sha256)) for r in rows]

    def get(self, document_id: str) -> DocumentRecord | None:
        with self._vault.session() as session:
            row = session.get(Document, document_id)
        if row is None:
            return None
        return _document(row, self._has_blob(row.local_blob_sha256))

    def attach(
        self, vehicle_id: str, source: Path | BinaryIO, *, filename: str | None = None, entry_id: str | None = None
    ) -> DocumentRecord:
        """Encrypt the file into the blob store and attach it offline (``document.attach``, upload pending)."""
        if isinstance(source, Path):
            with source.open("rb") as handle:
                head = handle.read(16)
                handle.seek(0)
                info = self._vault.blobs.put(handle)
            name = filename or source.name
        else:
            head = source.read(16)
            source.seek(0)
            info = self._vault.blobs.put(source)
            name = filename or "dokument"
        args: dict[str, Any] = {"id": new_id(), "vehicle_id": vehicle_id, "sha256": info.sha256, "filename": name}
        if entry_id is not None:
            args["entry_id"] = entry_id
        with self._vault.session() as session, session.begin():
            session.add(
                Document(
                    id=args["id"],
                    vehicle_id=vehicle_id,
                    entry_id=entry_id,
                    filename=name,
                    content_type=sniff_content_type(head),
                    size_bytes=info.size,
                    checksum_sha256=info.sha256,
                    local_blob_sha256=info.sha256,
                    upload_state="pending",
                    dirty=True,
                    owner_user_id=session.get_one(SyncState, 1).user_id,
                )
            )
            outbox.enqueue(session, MutationName.DOCUMENT_ATTACH, args)
            row = session.get_one(Document, args["id"])
        return _document(row, True)

    def mark_pii(self, document_id: str, pii_status: str, note: str | None = None) -> None:
        args: dict[str, Any] = {"document_id": document_id, "pii_status": pii_status}
        if note:
            args["note"] = note
        with self._vault.session() as session, session.begin():
            outbox.enqueue(session, MutationName.DOCUMENT_MARK_PII, args)

    def delete(self, document_id: str) -> None:
        with self._vault.session() as session, session.begin():
            outbox.enqueue(session, MutationName.DOCUMENT_DELETE, {"document_id": document_id})


class TrustRepository:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def get(self, vehicle_id: str) -> TrustSummaryRecord | None:
        """The server's trust summary (never computed locally, D18)."""
        with self._vault.session() as session:
            row = session.get(TrustSummaryRow, vehicle_id)
            return TrustSummaryRecord(row.vehicle_id, row.trust_light, dict(row.summary)) if row else None


def _problem(row: SyncProblem) -> SyncProblemRecord:
    return SyncProblemRecord(
        id=row.id,
        mutation_id=row.mutation_id,
        name=row.name,
        args=dict(row.args),
        base_version=row.base_version,
        code=row.code,
        message=message_for(row.code),
        server_state=row.server_state,
        created_at=row.created_at,
    )


class ProblemRepository:
    """The "sync problems" list: rejected payloads wait here until retried after an edit, or discarded."""

    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def list(self) -> list[SyncProblemRecord]:
        with self._vault.session() as session:
            stmt = select(SyncProblem).order_by(SyncProblem.created_at, SyncProblem.mutation_id)
            return [_problem(r) for r in session.scalars(stmt)]

    def retry(self, problem_id: str, args: dict[str, Any] | None = None) -> int:
        """Queue the (edited) payload again as a new mutation; returns its mutation id.

        ``args`` replace the stored ones key by key. A conflict retries against the current server version.
        Raises ``KeyError`` for an unknown problem, ``ValueError`` for args the mutation does not take.
        """
        with self._vault.session() as session, session.begin():
            row = session.get(SyncProblem, problem_id)
            if row is None:
                raise KeyError(problem_id)
            if row.name == outbox.CONSENT_HOLD:  # a notice, not a payload: the mutations are still queued
                session.delete(row)
                return 0
            payload = {**row.args, **(args or {})}
            base = row.base_version
            if row.server_state is not None and row.server_state.get("version") is not None:
                base = int(row.server_state["version"]) if base is not None else None
            mutation_id = outbox.enqueue(session, row.name, payload, base)
            session.delete(row)
            return mutation_id

    def discard(self, problem_id: str) -> None:
        """Forget the payload (the local state already equals the server's)."""
        with self._vault.session() as session, session.begin():
            row = session.get(SyncProblem, problem_id)
            if row is None:
                raise KeyError(problem_id)
            session.delete(row)


class SyncStateRepository:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def status(self) -> SyncStatus:
        with self._vault.session() as session:
            state = session.get_one(SyncState, 1)
            problems = int(session.scalar(select(func.count()).select_from(SyncProblem)) or 0)
            return SyncStatus(
                client_id=state.client_id,
                user_id=state.user_id,
                server_url=state.server_url,
                cursor=state.cursor,
                pending_mutations=outbox.count(session),
                problems=problems,
                last_sync_at=state.last_sync_at,
                needs_full_resync=state.needs_full_resync,
            )

    def bind(self, *, user_id: str, server_url: str) -> None:
        """Remember who syncs this vault with which server (a new server or user starts from scratch)."""
        with self._vault.session() as session, session.begin():
            state = session.get_one(SyncState, 1)
            if (state.user_id, state.server_url) != (user_id, server_url) and state.user_id is not None:
                state.cursor = None
                state.needs_full_resync = True
            state.user_id = user_id
            state.server_url = server_url
