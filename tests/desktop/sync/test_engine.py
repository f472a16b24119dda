"""Sync engine against the in-memory fake server: push/pull, problems, lost responses, backoff, cancel, resync."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import event, select

from desktop.store import outbox, replica
from desktop.store.documents_queries import document_bytes
from desktop.store.keyfile import fixed_kdf_policy
from desktop.store.models import Document, Entry, OutboxMutation, SyncState, Vehicle, new_id
from desktop.store.repositories import (
    DocumentRepository,
    EntryRepository,
    ProblemRepository,
    SyncStateRepository,
    VehicleRepository,
)
from desktop.store.vault import Vault
from desktop.sync.client import ApiClient, MemoryTokenStore
from desktop.sync.engine import Backoff, SyncCancelled, SyncEngine, SyncProgress
from desktop.sync.errors import ServerError
from shared.sync.protocol import PushRequest, PushResponse
from tests.desktop.sync.fake_sync_server import FakeSyncServer

VIN = "WVWZZZ1JZXW000001"
ENTRY = {"date": "2025-01-02", "type": "inspection", "performed_by": "specialist_workshop", "km": 1000}


@pytest.fixture
def server() -> FakeSyncServer:
    return FakeSyncServer()


Device = Callable[[str], tuple[Vault, SyncEngine]]


@pytest.fixture
def device(tmp_path: Path, server: FakeSyncServer) -> Iterator[Device]:
    opened: list[tuple[Vault, ApiClient]] = []

    def make(user: str) -> tuple[Vault, SyncEngine]:
        vault = Vault.create(tmp_path / f"vault{len(opened)}", "pw", kdf=fixed_kdf_policy(1, 8, 1))
        client = ApiClient("http://fake", token_store=MemoryTokenStore(user), transport=server.transport())
        SyncStateRepository(vault).bind(user_id=user, server_url="http://fake")
        opened.append((vault, client))
        waits: list[float] = []
        engine = SyncEngine(
            vault,
            client,
            page_limit=3,
            backoff=Backoff(attempts=4),
            wait=lambda event, seconds: waits.append(seconds) or event.is_set(),
        )
        return vault, engine

    yield make
    for vault, client in opened:
        client.close()
        vault.close()


def dump(vault: Vault) -> dict[str, dict[str, dict[str, object]]]:
    with vault.session() as session:
        return replica.dump(session)


def test_entry_made_offline_on_one_device_appears_on_the_other(device: Device, server: FakeSyncServer) -> None:
    a, engine_a = device("alice")
    b, engine_b = device("alice")
    vehicle = VehicleRepository(a).add(VIN, nickname="Golf")
    entry = EntryRepository(a).add(vehicle.id, **ENTRY)  # type: ignore[arg-type]
    assert entry.pending
    assert not entry.synced
    report = engine_a.sync_once()
    assert (report.applied, report.rejected) == (2, 0)
    engine_b.sync_once()
    assert [e.id for e in EntryRepository(b).list(vehicle.id)] == [entry.id]
    assert dump(a) == dump(b) == server.view("alice")
    assert SyncStateRepository(a).status().pending_mutations == 0


def test_optimistic_change_and_outbox_row_share_one_transaction(device: Device) -> None:
    vault, _ = device("alice")
    session = vault.session()
    transaction = session.begin()
    outbox.enqueue(session, "vehicle.create", {"id": new_id(), "vin": VIN})
    transaction.rollback()  # e.g. the app died before the commit: neither the change nor the intent stays
    session.close()
    with vault.session() as session:
        assert session.scalars(select(Vehicle)).all() == []
        assert session.scalars(select(OutboxMutation)).all() == []
    with vault.session() as session, session.begin(), pytest.raises(ValueError, match="missing"):
        outbox.enqueue(session, "vehicle.create", {"id": "x"})
    vehicle = VehicleRepository(vault).add(VIN)
    with vault.session() as session:
        [row] = session.scalars(select(OutboxMutation)).all()
        assert row.args["id"] == vehicle.id
        assert row.name == "vehicle.create"


def test_paywalled_second_vehicle_is_reverted_and_listed(device: Device, server: FakeSyncServer) -> None:
    vault, engine = device("alice")
    first = VehicleRepository(vault).add(VIN)
    second = VehicleRepository(vault).add("WVWZZZ1JZXW000002")
    EntryRepository(vault).add(second.id, **ENTRY)  # type: ignore[arg-type]
    report = engine.sync_once()
    assert report.rejected == 2  # the vehicle, and the entry under it (forbidden)
    assert [v.id for v in VehicleRepository(vault).list()] == [first.id]
    problems = ProblemRepository(vault).list()
    assert [p.code for p in problems] == ["vehicle_limit_reached", "forbidden"]
    assert "Fahrzeug" in problems[0].message
    assert problems[0].args["vin"] == "WVWZZZ1JZXW000002"  # nothing the user typed is lost


def test_problem_retry_after_edit_and_discard(device: Device, server: FakeSyncServer) -> None:
    vault, engine = device("alice")
    VehicleRepository(vault).add(VIN)
    VehicleRepository(vault).add("WVWZZZ1JZXW000002", nickname="Zweitwagen")
    engine.sync_once()
    problem = ProblemRepository(vault).list()[0]
    server.entitled.add("alice")
    ProblemRepository(vault).retry(problem.id, {"nickname": "Zweiter"})
    assert ProblemRepository(vault).list() == []
    engine.sync_once()
    assert sorted(v.nickname or "" for v in VehicleRepository(vault).list()) == ["", "Zweiter"]
    VehicleRepository(vault).add("WVWZZZ1JZXW000003")
    server.entitled.clear()
    engine.sync_once()
    [problem] = ProblemRepository(vault).list()
    ProblemRepository(vault).discard(problem.id)
    assert ProblemRepository(vault).list() == []
    assert len(VehicleRepository(vault).list()) == 2


def test_stale_edit_conflict_restores_the_server_row(device: Device, server: FakeSyncServer) -> None:
    a, engine_a = device("alice")
    b, engine_b = device("alice")
    vehicle = VehicleRepository(a).add(VIN, nickname="alt")
    engine_a.sync_once()
    engine_b.sync_once()
    VehicleRepository(a).update(vehicle.id, nickname="von A")
    VehicleRepository(b).update(vehicle.id, nickname="von B")
    engine_a.sync_once()
    engine_b.sync_once()
    assert VehicleRepository(b).get(vehicle.id).nickname == "von A"  # type: ignore[union-attr]
    [problem] = ProblemRepository(b).list()
    assert problem.code == "conflict"
    assert problem.args["nickname"] == "von B"
    assert problem.server_state is not None


def test_lost_push_response_is_applied_once(device: Device, server: FakeSyncServer) -> None:
    vault, engine = device("alice")
    vehicle = VehicleRepository(vault).add(VIN)
    EntryRepository(vault).add(vehicle.id, **ENTRY)  # type: ignore[arg-type]
    server.drop_next_push_response = 1
    report = engine.sync_once()
    assert server.push_applied == 2
    assert report.duplicates == 2
    assert report.retries >= 1
    assert dump(vault) == server.view("alice")


def test_backoff_on_5xx_then_gives_up(device: Device, server: FakeSyncServer) -> None:
    _, engine = device("alice")
    server.fail_next = [503, 502]
    engine.sync_once()
    assert engine._report.retries == 2
    server.fail_next = [500] * 10
    with pytest.raises(ServerError):
        engine.sync_once()


def test_cancellation_stops_between_pages_and_keeps_cursor_consistent(device: Device, server: FakeSyncServer) -> None:
    a, engine_a = device("alice")
    server.entitled.add("alice")
    for n in range(4):
        VehicleRepository(a).add(f"WVWZZZ1JZXW00001{n}")
    engine_a.sync_once()
    b, engine_b = device("alice")
    cancel = threading.Event()
    seen: list[SyncProgress] = []

    def progress(event: SyncProgress) -> None:
        seen.append(event)
        if event.phase == "pull":
            cancel.set()

    with pytest.raises(SyncCancelled):
        engine_b.sync_once(cancel, progress)
    with b.session() as session:
        cursor = session.get_one(SyncState, 1).cursor
        count = len(session.scalars(select(Vehicle)).all())
    assert cursor == "c1.1.3"
    assert count == 3
    engine_b.sync_once()
    assert dump(b) == server.view("alice")


def test_remove_drops_the_vehicle_and_everything_under_it(device: Device, server: FakeSyncServer) -> None:
    vault, engine = device("alice")
    vehicle = VehicleRepository(vault).add(VIN)
    EntryRepository(vault).add(vehicle.id, **ENTRY)  # type: ignore[arg-type]
    engine.sync_once()
    server.revoke(vehicle.id, "alice")
    engine.sync_once()
    with vault.session() as session:
        assert session.scalars(select(Vehicle)).all() == []
        assert session.scalars(select(Entry)).all() == []


def test_full_resync_keeps_outbox_and_problems(device: Device, server: FakeSyncServer) -> None:
    vault, engine = device("alice")
    vehicle = VehicleRepository(vault).add(VIN)
    VehicleRepository(vault).add("WVWZZZ1JZXW000002")
    engine.sync_once()
    server.epoch = 2
    EntryRepository(vault).add(vehicle.id, **ENTRY)  # type: ignore[arg-type]
    report = engine.sync_once()
    assert report.full_resync
    assert len(ProblemRepository(vault).list()) == 1
    assert dump(vault) == server.view("alice")
    with vault.session() as session:
        assert session.get_one(SyncState, 1).cursor.startswith("c1.2.")  # type: ignore[union-attr]


def test_file_attached_offline_is_uploaded_resumably_and_status_syncs_back(
    device: Device, server: FakeSyncServer, tmp_path: Path
) -> None:
    vault, engine = device("alice")
    engine.blobs.chunk_size = 1000
    vehicle = VehicleRepository(vault).add(VIN)
    content = b"%PDF-1.4 " + bytes(range(256)) * 20
    path = tmp_path / "rechnung.pdf"
    path.write_bytes(content)
    document = DocumentRepository(vault).attach(vehicle.id, path)
    assert document.upload_state == "pending"
    assert document.content_type == "application/pdf"
    server.blobs[document.sha256] = bytearray(content[:2000])  # an earlier, interrupted upload
    server.blob_totals[document.sha256] = len(content)
    report = engine.sync_once()
    assert report.uploaded_bytes == len(content) - 2000
    assert bytes(server.blobs[document.sha256]) == content
    server.scan(document.id, "CLEAN")
    engine.sync_once()
    synced = DocumentRepository(vault).get(document.id)
    assert synced is not None
    assert synced.scan_status == "CLEAN"
    assert synced.upload_state == "uploaded"


def test_lazy_download(device: Device, server: FakeSyncServer, tmp_path: Path) -> None:
    a, engine_a = device("alice")
    b, engine_b = device("alice")
    vehicle = VehicleRepository(a).add(VIN)
    path = tmp_path / "bild.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"x" * 5000)
    document = DocumentRepository(a).attach(vehicle.id, path)
    engine_a.sync_once()
    engine_b.sync_once()
    assert not DocumentRepository(b).get(document.id).has_local_blob  # type: ignore[union-attr]
    sha = engine_b.blobs.ensure_local(document.id)
    assert b.blobs.read_bytes(sha) == path.read_bytes()
    assert DocumentRepository(b).get(document.id).has_local_blob  # type: ignore[union-attr]


def test_document_under_the_servers_id_keeps_its_local_blob(
    device: Device, server: FakeSyncServer, tmp_path: Path
) -> None:
    """The server assigns its own id to an uploaded document: the row it answers with replaces the local one
    and must still point at the encrypted file this device holds, so the owner's file opens without a
    download (and keeps its thumbnail)."""
    server.assign_document_ids = True
    vault, engine = device("alice")
    vehicle = VehicleRepository(vault).add(VIN)
    content = b"%PDF-1.4 " + bytes(range(256)) * 8
    path = tmp_path / "rechnung.pdf"
    path.write_bytes(content)
    local = DocumentRepository(vault).attach(vehicle.id, path)
    with vault.session() as session:
        attached_at = session.get_one(Document, local.id).created_at
    report = engine.sync_once()
    server_id = report.id_map[local.id]
    assert server_id != local.id
    assert DocumentRepository(vault).get(local.id) is None
    synced = DocumentRepository(vault).get(server_id)
    assert synced is not None
    assert synced.has_local_blob
    assert synced.upload_state == "uploaded"
    assert [d.id for d in DocumentRepository(vault).list(vehicle.id)] == [server_id]
    with vault.session() as session:
        assert session.get_one(Document, server_id).created_at == attached_at  # keeps its place in the list
    engine.sync_once()  # the pulled row of the same id must not drop the pointer either
    server.requests.clear()
    assert document_bytes(vault, server_id) == content
    assert engine.blobs.ensure_local(server_id) == local.sha256
    assert DocumentRepository(vault).get(server_id).has_local_blob  # type: ignore[union-attr]
    assert not [r for r in server.requests if r.startswith("GET /sync/blobs/")]
    assert dump(vault) == server.view("alice")


def test_records_the_server_keeps_under_their_local_ids_stay_in_place(
    device: Device, server: FakeSyncServer, tmp_path: Path
) -> None:
    """The server keeps a free client id (ARCHITECTURE "Ids"): an ``applied`` answer whose row has the local id
    updates the local row in place. Nothing is deleted and re-inserted, so the document keeps its local-only
    columns (the encrypted file's pointer, the upload state, its place in the list) and the id never changes."""
    vault, engine = device("alice")
    vehicle = VehicleRepository(vault).add(VIN, nickname="Golf")
    path = tmp_path / "rechnung.pdf"
    path.write_bytes(b"%PDF-1.4 " + bytes(range(256)) * 8)
    local = DocumentRepository(vault).attach(vehicle.id, path)
    with vault.session() as session:
        attached_at = session.get_one(Document, local.id).created_at
    statements: list[str] = []

    def on_execute(conn: object, cursor: object, statement: str, *_: object) -> None:
        statements.append(statement)

    event.listen(vault.engine, "before_cursor_execute", on_execute)
    try:
        report = engine.sync_once()
    finally:
        event.remove(vault.engine, "before_cursor_execute", on_execute)
    assert report.applied == 2
    assert report.id_map == {}
    deletes = [s for s in statements if s.lstrip().upper().startswith("DELETE")]
    assert deletes  # the answered mutations leave the outbox ...
    assert all("outbox" in s for s in deletes)  # ... and nothing else is deleted
    assert VehicleRepository(vault).get(vehicle.id) is not None
    synced = DocumentRepository(vault).get(local.id)
    assert synced is not None
    assert (synced.has_local_blob, synced.upload_state) == (True, "uploaded")
    assert [d.id for d in DocumentRepository(vault).list(vehicle.id)] == [local.id]
    with vault.session() as session:
        assert session.get_one(Document, local.id).created_at == attached_at
    engine.sync_once()  # the pulled rows of the same ids change nothing local either
    assert DocumentRepository(vault).get(local.id).has_local_blob  # type: ignore[union-attr]
    assert dump(vault) == server.view("alice")


def test_network_error_during_push_keeps_the_outbox(device: Device, server: FakeSyncServer) -> None:
    vault, engine = device("alice")
    VehicleRepository(vault).add(VIN)

    def broken(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("down", request=request)

    engine.client._http._transport = httpx.MockTransport(broken)
    with pytest.raises(Exception, match="cannot reach"):
        engine.sync_once()
    assert SyncStateRepository(vault).status().pending_mutations == 1


def test_no_op_sync_asks_once_for_meta_pushes_nothing_and_commits_nothing(
    device: Device, server: FakeSyncServer
) -> None:
    a, engine_a = device("alice")
    VehicleRepository(a).add(VIN, nickname="Golf")
    engine_a.sync_once()
    engine_a.sync_once()  # the second pull comes back empty: the cursor is at the head
    with a.session() as session:
        before = (session.get_one(SyncState, 1).cursor, session.get_one(SyncState, 1).last_sync_at)
    server.requests.clear()
    commits: list[object] = []

    def on_commit(conn: object) -> None:
        commits.append(conn)

    event.listen(a.engine, "commit", on_commit)
    try:
        report = engine_a.sync_once()
    finally:
        event.remove(a.engine, "commit", on_commit)
    assert (report.pushed, report.changes, report.count_mismatch) == (0, 0, {})
    assert server.requests == ["GET /sync/changes"]
    assert commits == []
    with a.session() as session:
        assert (session.get_one(SyncState, 1).cursor, session.get_one(SyncState, 1).last_sync_at) == before
    # a change on the server is still pulled, and then the sync is recorded
    b, engine_b = device("alice")
    engine_b.sync_once()
    EntryRepository(b).add(VehicleRepository(b).list()[0].id, **ENTRY)  # type: ignore[arg-type]
    engine_b.sync_once()
    report = engine_a.sync_once()
    assert report.changes >= 1
    with a.session() as session:
        assert session.get_one(SyncState, 1).last_sync_at != before[1]


def _version(vault: Vault, vehicle_id: str) -> int | None:
    record = VehicleRepository(vault).get(vehicle_id)
    assert record is not None
    return record.version


def test_two_offline_edits_of_one_vehicle_both_reach_the_server(device: Device, server: FakeSyncServer) -> None:
    vault, engine = device("alice")
    vehicle = VehicleRepository(vault).add(VIN, nickname="alt")
    engine.sync_once()
    VehicleRepository(vault).update(vehicle.id, nickname="erste")
    VehicleRepository(vault).update(vehicle.id, meta={"color": "blau"})
    VehicleRepository(vault).update(vehicle.id, nickname="dritte")
    with vault.session() as session:
        assert [m.base_version for m in outbox.pending(session, 10)] == [1, 1, 1]  # all made on version 1
    pushes = server.requests.count("POST /sync/push")
    report = engine.sync_once()
    assert (report.applied, report.rejected) == (3, 0)
    assert ProblemRepository(vault).list() == []
    assert server.records[vehicle.id].data["version"] == 4
    assert server.records[vehicle.id].data["nickname"] == "dritte"
    assert server.records[vehicle.id].data["meta"] == {"color": "blau"}
    assert server.requests.count("POST /sync/push") - pushes == 3  # one guarded edit of a record per request
    assert _version(vault, vehicle.id) == 4
    assert dump(vault) == server.view("alice")


def test_edit_made_while_the_push_of_an_earlier_edit_is_in_flight_arrives(
    device: Device, server: FakeSyncServer
) -> None:
    vault, engine = device("alice")
    vehicle = VehicleRepository(vault).add(VIN, nickname="alt")
    engine.sync_once()
    VehicleRepository(vault).update(vehicle.id, nickname="erste")
    send = engine.client.sync_push
    edits: list[str] = []

    def push_then_edit(request: PushRequest) -> PushResponse:
        response = send(request)  # the server applied the first edit; its answer is not recorded yet
        if not edits:
            edits.append("zweite")
            VehicleRepository(vault).update(vehicle.id, nickname="zweite")
        return response

    engine.client.sync_push = push_then_edit  # type: ignore[method-assign]
    report = engine.sync_once()
    assert (report.applied, report.rejected) == (2, 0)
    assert ProblemRepository(vault).list() == []
    assert server.records[vehicle.id].data["nickname"] == "zweite"
    assert server.records[vehicle.id].data["version"] == 3
    assert dump(vault) == server.view("alice")


def test_edit_in_flight_after_a_lost_response_arrives_once(device: Device, server: FakeSyncServer) -> None:
    vault, engine = device("alice")
    vehicle = VehicleRepository(vault).add(VIN, nickname="alt")
    engine.sync_once()
    VehicleRepository(vault).update(vehicle.id, nickname="erste")
    send = engine.client.sync_push
    server.drop_next_push_response = 1

    def edit_then_push(request: PushRequest) -> PushResponse:
        if server.drop_next_push_response:  # the first attempt: applied, answer lost, meanwhile an edit
            VehicleRepository(vault).update(vehicle.id, nickname="zweite")
        return send(request)

    engine.client.sync_push = edit_then_push  # type: ignore[method-assign]
    report = engine.sync_once()
    assert (report.duplicates, report.applied, report.rejected) == (1, 1, 0)
    assert server.push_applied == 3  # the vehicle and each edit once
    assert server.records[vehicle.id].data["nickname"] == "zweite"
    assert dump(vault) == server.view("alice")


def test_own_edit_chain_still_conflicts_with_another_devices_edit(device: Device, server: FakeSyncServer) -> None:
    a, engine_a = device("alice")
    b, engine_b = device("alice")
    vehicle = VehicleRepository(a).add(VIN, nickname="alt")
    engine_a.sync_once()
    engine_b.sync_once()
    VehicleRepository(b).update(vehicle.id, nickname="von B")
    VehicleRepository(b).update(vehicle.id, nickname="von B, nochmal")
    VehicleRepository(a).update(vehicle.id, nickname="von A")
    engine_a.sync_once()
    report = engine_b.sync_once()
    assert (report.applied, report.rejected) == (0, 2)  # both of B's edits were made on the version A changed
    assert [(p.code, p.args["nickname"]) for p in ProblemRepository(b).list()] == [
        ("conflict", "von B"),
        ("conflict", "von B, nochmal"),
    ]
    assert VehicleRepository(b).get(vehicle.id).nickname == "von A"  # type: ignore[union-attr]
    assert dump(b) == server.view("alice")


def test_outbox_holds_back_and_rebases_only_the_same_records_edits_on_the_same_base(device: Device) -> None:
    vault, _engine = device("alice")
    v = VehicleRepository(vault).add(VIN).id
    w = VehicleRepository(vault).add("WVWZZZ1JZXW000002").id
    with vault.session() as session, session.begin():
        first = outbox.enqueue(session, "vehicle.update", {"vehicle_id": v, "nickname": "1"}, 1)
        outbox.enqueue(session, "vehicle.update", {"vehicle_id": w, "nickname": "2"}, 1)  # another record
        outbox.enqueue(session, "entry.create", {"id": new_id(), "vehicle_id": v, **ENTRY})  # not guarded
        same = outbox.enqueue(session, "vehicle.update", {"vehicle_id": v, "nickname": "3"}, 1)
        newer = outbox.enqueue(session, "vehicle.update", {"vehicle_id": v, "nickname": "4"}, 5)  # a later pull
        unguarded = outbox.enqueue(session, "vehicle.update", {"vehicle_id": v, "nickname": "5"})
    with vault.session() as session, session.begin():
        queued = outbox.pending(session, 10)
        assert [m.name for m in outbox.one_guard_per_record(queued)] == ["vehicle.create"] * 2 + [
            "vehicle.update",
            "vehicle.update",
            "entry.create",
        ]  # cut before the second edit of v guarded by a version
        assert outbox.rebase(session, ("vehicle", v), {v, "server-id"}, first, 1, 2) == 1
    with vault.session() as session:
        bases = {m.mutation_id: m.base_version for m in outbox.pending(session, 10)}
    assert (bases[first], bases[same], bases[newer], bases[unguarded]) == (1, 2, 5, None)
    assert sorted(b for b in bases.values() if b is not None) == [1, 1, 2, 5]  # w's edit kept its base
