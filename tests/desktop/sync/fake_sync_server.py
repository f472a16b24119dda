"""A small in-memory sync server behind ``httpx.MockTransport`` for engine tests (no sockets, no clock).

It follows ``shared.sync.protocol``: per-client last mutation id with stored answers (duplicates), change log
with seqs, upsert/delete/remove ops, epoch-bound cursors (``full_resync_required``), resumable blobs. Rules
are only what the tests need: one vehicle per user unless entitled, owners only, ``base_version`` checks.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx

from shared import PROTOCOL_VERSION, SCHEMA_VERSION
from shared.sync.protocol import (
    BlobStatus,
    Change,
    ChangeOp,
    ChangesPage,
    MutationResult,
    PushRequest,
    PushResponse,
    RecordRow,
    ResultStatus,
    SyncMeta,
)

NOW = datetime(2025, 11, 27, 12, 0, tzinfo=UTC)


@dataclass
class Record:
    type: str
    id: str
    vehicle_id: str
    data: dict[str, Any]
    owner: str
    deleted: bool = False


@dataclass
class FakeSyncServer:
    epoch: int = 1
    records: dict[str, Record] = field(default_factory=dict)
    log: list[tuple[int, str, str, str | None]] = field(default_factory=list)  # seq, record id, op, audience
    clients: dict[str, tuple[int, dict[int, dict[str, Any]]]] = field(default_factory=dict)
    entitled: set[str] = field(default_factory=set)
    blobs: dict[str, bytearray] = field(default_factory=dict)
    blob_totals: dict[str, int] = field(default_factory=dict)
    fail_next: list[int] = field(default_factory=list)  # status codes to answer before handling
    drop_next_push_response: int = 0
    requests: list[str] = field(default_factory=list)
    push_applied: int = 0
    assign_document_ids: bool = False  # like the real server for a taken id: a server id, answered in id_map

    # -- plumbing ------------------------------------------------------------------------------------

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    def handle(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        self.requests.append(f"{request.method} {path}")
        if path == "/auth/refresh":
            token = json.loads(request.content)["refresh_token"]
            return httpx.Response(200, json={"access_token": token, "refresh_token": token, "expires_at": "x"})
        user = request.headers.get("Authorization", "").removeprefix("Bearer ")
        if not user:
            return httpx.Response(401, json={"detail": "unauthorized"})
        if self.fail_next:
            return httpx.Response(self.fail_next.pop(0), json={"detail": "boom"})
        if path == "/sync/meta":
            meta = SyncMeta(protocol_version=PROTOCOL_VERSION, schema_version=SCHEMA_VERSION, server_time=NOW)
            return httpx.Response(200, content=meta.model_dump_json())
        if path == "/sync/push":
            response = self.push(user, PushRequest.model_validate_json(request.content))
            if self.drop_next_push_response:
                self.drop_next_push_response -= 1
                raise httpx.ReadError("response lost", request=request)
            return httpx.Response(200, content=response.model_dump_json())
        if path == "/sync/changes":
            cursor = request.url.params.get("cursor")
            return self.changes(user, cursor, int(request.url.params.get("limit", 200)))
        if path.startswith("/sync/blobs/"):
            return self.blob(request, path.split("/")[3])
        return httpx.Response(404, json={"detail": "not_found"})

    def _log(self, record_id: str, op: str = "upsert", audience: str | None = None) -> None:
        self.log.append((len(self.log) + 1, record_id, op, audience))

    # -- push ----------------------------------------------------------------------------------------

    def push(self, user: str, request: PushRequest) -> PushResponse:
        last, answers = self.clients.get(str(request.client_id), (0, {}))
        results = []
        for mutation in request.mutations:
            if mutation.mutation_id <= last:
                stored = answers[mutation.mutation_id]
                first = MutationResult.model_validate(stored)
                if first.status is not ResultStatus.REJECTED:  # like the real server: a rejection is repeated
                    first = first.model_copy(update={"status": ResultStatus.DUPLICATE})
                results.append(first)
                continue
            result = self.apply(user, mutation.mutation_id, mutation.name.value, mutation.args, mutation.base_version)
            answers[mutation.mutation_id] = result.model_dump(mode="json")
            last = mutation.mutation_id
            results.append(result)
        self.clients[str(request.client_id)] = (last, answers)
        return PushResponse(client_id=request.client_id, last_mutation_id=last, results=results)

    def apply(self, user: str, mutation_id: int, name: str, args: dict[str, Any], base: int | None) -> MutationResult:
        def reject(code: str) -> MutationResult:
            return MutationResult(mutation_id=mutation_id, status=ResultStatus.REJECTED, code=code, message=code)

        id_map: dict[str, str] = {}

        if name == "vehicle.create":
            owned = [r for r in self.records.values() if r.type == "vehicle" and r.owner == user and not r.deleted]
            if owned and user not in self.entitled:
                return reject("vehicle_limit_reached")
            data = {
                "id": args["id"],
                "vin": args["vin"],
                "vin_masked": args["vin"][:3] + "***",
                "nickname": args.get("nickname"),
                "meta": args.get("meta") or {},
                "owner_user_id": user,
                "version": 1,
            }
            record = Record("vehicle", args["id"], args["id"], data, user)
        elif name == "vehicle.update":
            vehicle = self.records.get(args["vehicle_id"])
            if vehicle is None or vehicle.owner != user:
                return reject("forbidden")
            if base is not None and base != vehicle.data["version"]:
                return reject("conflict")
            vehicle.data = {**vehicle.data, **{k: v for k, v in args.items() if k != "vehicle_id"}}
            vehicle.data["version"] += 1
            record = vehicle
        elif name == "entry.create":
            vehicle = self.records.get(args["vehicle_id"])
            if vehicle is None or vehicle.owner != user:
                return reject("forbidden")
            data = {**args, "entry_group_id": args["id"], "version": 1, "is_latest": True}
            record = Record("entry", args["id"], args["vehicle_id"], data, vehicle.owner)
        elif name == "document.attach":
            if len(self.blobs.get(args["sha256"], b"")) != self.blob_totals.get(args["sha256"], -1):
                return reject("not_found")
            vehicle = self.records[args["vehicle_id"]]
            if self.assign_document_ids:
                id_map[str(args["id"])] = str(uuid.uuid4())
            data = {
                "id": id_map.get(str(args["id"]), args["id"]),
                "vehicle_id": args["vehicle_id"],
                "filename": args["filename"],
                "checksum_sha256": args["sha256"],
                "approval_status": "QUARANTINED",
                "scan_status": "PENDING",
                "pii_status": "OK",
                "size_bytes": self.blob_totals[args["sha256"]],
            }
            record = Record("document", data["id"], args["vehicle_id"], data, vehicle.owner)
        else:
            return reject("validation_failed")
        self.records[record.id] = record
        self._log(record.id)
        self.push_applied += 1
        row = RecordRow(type=record.type, id=record.id, data=record.data)
        return MutationResult(mutation_id=mutation_id, status=ResultStatus.APPLIED, rows=[row], id_map=id_map)

    # -- pull ----------------------------------------------------------------------------------------

    def changes(self, user: str, cursor: str | None, limit: int) -> httpx.Response:
        start = 0
        if cursor:
            _, epoch, seq = cursor.split(".")
            if int(epoch) != self.epoch:
                return httpx.Response(409, json={"detail": "full_resync_required"})
            start = int(seq)
        out: list[Change] = []
        position = start
        for seq, record_id, op, audience in self.log[start:]:
            position = seq
            record = self.records[record_id]
            if audience is not None and audience != user:
                continue
            if audience is None and record.owner != user:
                continue
            if op == "remove":
                out.append(Change(seq=seq, op=ChangeOp.REMOVE, type=record.type, id=record.id))
            elif record.deleted:
                out.append(Change(seq=seq, op=ChangeOp.DELETE, type=record.type, id=record.id))
            else:
                out.append(
                    Change(
                        seq=seq,
                        op=ChangeOp.UPSERT,
                        type=record.type,
                        id=record.id,
                        vehicle_id=record.vehicle_id,
                        data=record.data,
                    )
                )
            if len(out) == limit:
                break
        has_more = position < len(self.log) and len(out) == limit
        page = ChangesPage(cursor=f"c1.{self.epoch}.{position}", has_more=has_more, changes=out)
        return httpx.Response(200, content=page.model_dump_json())

    # -- blobs ---------------------------------------------------------------------------------------

    def blob(self, request: httpx.Request, sha256: str) -> httpx.Response:
        if request.method == "PUT":
            unit, _, spec = request.headers["Content-Range"].partition(" ")
            span, _, total = spec.partition("/")
            start = int(span.split("-")[0])
            have = self.blobs.setdefault(sha256, bytearray())
            if start != len(have):
                return httpx.Response(409, json={"detail": "conflict"})
            have.extend(request.content)
            self.blob_totals[sha256] = int(total)
            if len(have) == int(total) and hashlib.sha256(have).hexdigest() != sha256:
                del self.blobs[sha256]
                return httpx.Response(422, json={"detail": "validation_failed"})
        if sha256 not in self.blobs:
            return httpx.Response(404, json={"detail": "not_found"})
        if request.method == "GET" and not request.url.path.endswith("/status"):
            return httpx.Response(200, content=bytes(self.blobs[sha256]))
        have = self.blobs[sha256]
        total = self.blob_totals[sha256]
        status = BlobStatus(sha256=sha256, received=len(have), total=total, complete=len(have) == total)
        return httpx.Response(200, content=status.model_dump_json())

    # -- test controls ---------------------------------------------------------------------------------

    def revoke(self, vehicle_id: str, user: str) -> None:
        """``user`` loses access to the vehicle (a ``remove`` op for that user only)."""
        self._log(vehicle_id, "remove", audience=user)

    def scan(self, document_id: str, status: str) -> None:
        record = self.records[document_id]
        record.data = {**record.data, "scan_status": status}
        self._log(document_id)

    def view(self, user: str) -> dict[str, dict[str, dict[str, Any]]]:
        """What a fresh full pull would give ``user`` (ignoring removes)."""
        out: dict[str, dict[str, dict[str, Any]]] = {}
        for record in self.records.values():
            if record.owner == user and not record.deleted:
                out.setdefault(record.type, {})[record.id] = record.data
        return out
