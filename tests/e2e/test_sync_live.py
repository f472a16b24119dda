"""Desktop engines in separate vaults against a real uvicorn server on a free loopback port.

Every test runs on SQLite and on PostgreSQL. PostgreSQL needs ``LTC_TEST_POSTGRES_URL`` (a fresh database
is created on that server per module and dropped afterwards); unset -> skipped with the reason shown,
except with ``CI=true``, where it fails.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from desktop.store import outbox, replica
from desktop.store.keyfile import fixed_kdf_policy
from desktop.store.models import SyncState
from desktop.store.outbox import CONSENT_HOLD
from desktop.store.problem_messages import message_for
from desktop.store.repositories import (
    DocumentRepository,
    EntryRepository,
    ProblemRepository,
    SyncStateRepository,
    VehicleRepository,
)
from desktop.store.vault import Vault
from desktop.sync.client import ApiClient
from desktop.sync.engine import PAUSE_ENV, Backoff, SyncEngine
from desktop.sync.errors import ConsentRequired
from shared.sync.protocol import PushRequest, PushResponse
from syncserver.models.governance import Membership, MembershipRole, MembershipStatus, Organisation, OrgKind
from tests.desktop.sync.live_server import ROOT, LiveServer
from tests.syncserver.intake_support import Clamd, clamd, make_pdf  # noqa: F401  (clamd: the fixture)

ENTRY = {"date": "2025-01-02", "type": "inspection", "performed_by": "specialist_workshop", "km": 1000}
PASSWORD = "vault-pass"


def _postgres_url() -> str | None:
    url = os.environ.get("LTC_TEST_POSTGRES_URL")
    if url:
        return url
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail("PostgreSQL required in CI: LTC_TEST_POSTGRES_URL is not set")
    pytest.skip("PostgreSQL e2e variant skipped: LTC_TEST_POSTGRES_URL is not set")
    return None


@contextmanager
def _server_env(backend: str) -> Iterator[dict[str, str]]:
    """Server environment for the backend; PostgreSQL gets a fresh database, dropped afterwards."""
    if backend == "sqlite":
        yield {}
        return
    base = _postgres_url()
    assert base is not None
    name = f"ltc_e2e_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except SQLAlchemyError as exc:
        admin.dispose()
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"PostgreSQL required in CI: {type(exc).__name__}")
        pytest.skip(f"PostgreSQL e2e variant skipped: cannot use {make_url(base).host}: {type(exc).__name__}")
    url = make_url(base).set(database=name).render_as_string(hide_password=False)
    try:
        yield {"LTC_DATABASE_URL": url, "LTC_WORKER_IN_PROCESS": "1"}
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def live(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with _server_env(backend) as env:
        server = LiveServer(tmp_path_factory.mktemp("server"), extra_env=env).start()
        try:
            yield server
        finally:
            server.stop()


class DropPushResponse(httpx.BaseTransport):
    """Forwards to the real server; the first ``drops`` push responses are lost on the way back."""

    def __init__(self, drops: int) -> None:
        self._inner = httpx.HTTPTransport()
        self.drops = drops

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self._inner.handle_request(request)
        if request.url.path.endswith("/sync/push") and self.drops:
            self.drops -= 1
            response.read()
            raise httpx.ReadError("response lost", request=request)
        return response


def _signed_in(
    live: LiveServer, email: str, transport: httpx.BaseTransport | None = None, *, consent: bool = True
) -> ApiClient:
    """An ApiClient signed in with the e-mail code the development server reveals (consent accepted)."""
    client = ApiClient(live.url, transport=transport)
    challenge = client.request_code(email)
    assert challenge.dev_otp
    client.verify(email, challenge.challenge_id, challenge.dev_otp)
    missing = client.consent_status().missing
    if missing and consent:
        client.consent_accept(missing)
    return client


Device = Callable[..., tuple[Vault, SyncEngine]]


@pytest.fixture
def device(live: LiveServer, tmp_path: Path) -> Iterator[Device]:
    opened: list[tuple[Vault, ApiClient]] = []

    def make(
        email: str, transport: httpx.BaseTransport | None = None, *, consent: bool = True
    ) -> tuple[Vault, SyncEngine]:
        vault = Vault.create(tmp_path / f"v{len(opened)}", PASSWORD, kdf=fixed_kdf_policy(1, 8, 1))
        client = _signed_in(live, email, transport, consent=consent)
        SyncStateRepository(vault).bind(user_id=client.me().user_id, server_url=live.url)
        opened.append((vault, client))
        return vault, SyncEngine(vault, client, backoff=Backoff(base=0.01, attempts=5))

    yield make
    for vault, client in opened:
        client.close()
        vault.close()


def _dump(vault: Vault) -> dict[str, dict[str, dict[str, object]]]:
    with vault.session() as session:
        return replica.dump(session)


def _vin(n: int) -> str:
    return f"WVWZZZ1JZXW{n:06d}"


def test_offline_entry_reaches_the_other_device(device: Device) -> None:
    a, engine_a = device("e2e-two@example.org")
    b, engine_b = device("e2e-two@example.org")
    vehicle = VehicleRepository(a).add(_vin(1), nickname="Golf")
    entry = EntryRepository(a).add(vehicle.id, **ENTRY)  # type: ignore[arg-type]
    report = engine_a.sync_once()
    assert report.rejected == 0
    vehicle_id = report.id_map.get(vehicle.id, vehicle.id)
    engine_b.sync_once()
    assert [e.id for e in EntryRepository(b).list(vehicle_id)] == [report.id_map.get(entry.id, entry.id)]
    assert EntryRepository(b).list(vehicle_id)[0].km == ENTRY["km"]
    engine_a.sync_once()
    assert _dump(a) == _dump(b)


def test_paywalled_second_vehicle_is_reverted_and_listed(device: Device) -> None:
    vault, engine = device("e2e-paywall@example.org")
    VehicleRepository(vault).add(_vin(2))
    second = VehicleRepository(vault).add(_vin(3))
    engine.sync_once()
    assert second.id not in {v.id for v in VehicleRepository(vault).list()}
    assert [p.code for p in ProblemRepository(vault).list()] == ["vehicle_limit_reached"]


def test_lost_push_response_is_applied_once(device: Device) -> None:
    vault, engine = device("e2e-lost@example.org", DropPushResponse(1))
    vehicle = VehicleRepository(vault).add(_vin(4))
    EntryRepository(vault).add(vehicle.id, **ENTRY)  # type: ignore[arg-type]
    report = engine.sync_once()
    assert report.duplicates == 2
    assert report.applied == 0
    vehicle_id = report.id_map.get(vehicle.id, vehicle.id)
    assert len(EntryRepository(vault).list(vehicle_id)) == 1
    b, engine_b = device("e2e-lost@example.org")
    engine_b.sync_once()
    assert [v.id for v in VehicleRepository(b).list()] == [vehicle_id]
    assert len(EntryRepository(b).list(vehicle_id)) == 1


def _cli(live: LiveServer, vault: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LTC_VAULT_PASSWORD": PASSWORD, **(env or {})}
    command = [sys.executable, "-m", "desktop", "cli", "--vault", str(vault), "--server", live.url, *args]
    return subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_kill_9_inside_a_page_apply_leaves_a_consistent_vault(device: Device, live: LiveServer, tmp_path: Path) -> None:
    a, engine_a = device("e2e-kill@example.org")
    vehicle = VehicleRepository(a).add(_vin(5))
    for km in range(60):
        EntryRepository(a).add(vehicle.id, **{**ENTRY, "km": km})  # type: ignore[arg-type]
    vehicle_id = engine_a.sync_once().id_map.get(vehicle.id, vehicle.id)
    folder = tmp_path / "killed"
    assert _cli(live, folder, "init").wait(60) == 0
    assert _cli(live, folder, "login", "--email", "e2e-kill@example.org", "--otp", "dev").wait(60) == 0
    paused = tmp_path / "paused"
    process = _cli(live, folder, "sync", "--page-limit", "10", env={PAUSE_ENV: f"25:{paused}"})
    for _ in range(1200):  # the engine creates the file inside the third page's transaction, then sleeps
        if paused.exists() or process.poll() is not None:
            break
        time.sleep(0.05)
    assert paused.exists(), process.stderr.read() if process.stderr else ""
    process.send_signal(signal.SIGKILL)
    process.wait(30)
    vault = Vault.unlock(folder, PASSWORD)
    try:
        with vault.session() as session:
            cursor = session.get_one(SyncState, 1).cursor
            local = replica.dump(session)
    finally:
        vault.close()
    assert cursor is not None
    # cursor and data agree: the replica holds exactly the pages up to the stored cursor (two of ten rows)
    expected: dict[str, dict[str, object]] = {}
    probe = _signed_in(live, "e2e-kill@example.org")
    try:
        page_cursor = None
        while page_cursor != cursor:
            page = probe.sync_changes(page_cursor, 10)
            for change in page.changes:
                if change.op.value == "upsert" and change.data is not None:
                    expected.setdefault(change.type.value, {})[str(change.id)] = change.data
            page_cursor = page.cursor
            assert page.has_more
    finally:
        probe.close()
    assert {k: set(v) for k, v in local.items() if v} == {k: set(v) for k, v in expected.items()}
    finished = _cli(live, folder, "sync")
    assert finished.wait(120) == 0, finished.stderr.read() if finished.stderr else ""
    vault = Vault.unlock(folder, PASSWORD)
    try:
        assert len(EntryRepository(vault).list(vehicle_id)) == 60
        engine_a.sync_once()
        assert _dump(vault) == _dump(a)
    finally:
        vault.close()


def test_missing_consent_keeps_the_work_lists_the_problem_and_clears_it_after_consent(device: Device) -> None:
    vault, engine = device("e2e-consent@example.org", consent=False)
    vehicle = VehicleRepository(vault).add(_vin(6), nickname="Ohne Zustimmung")
    with pytest.raises(ConsentRequired):
        engine.sync_once()
    problems = ProblemRepository(vault).list()
    assert [(p.code, p.name) for p in problems] == [("consent_required", CONSENT_HOLD)]
    assert problems[0].message == message_for("consent_required")
    assert SyncStateRepository(vault).status().pending_mutations == 1  # the work is kept, nothing reverted
    assert VehicleRepository(vault).get(vehicle.id) is not None
    with pytest.raises(ConsentRequired):
        engine.sync_once()
    assert len(ProblemRepository(vault).list()) == 1  # listed once, not once per attempt
    client = engine.client
    client.consent_accept(client.consent_status().missing)
    report = engine.sync_once()
    assert (report.applied, report.rejected) == (1, 0)
    assert ProblemRepository(vault).list() == []
    assert SyncStateRepository(vault).status().pending_mutations == 0
    assert [v.vin for v in VehicleRepository(vault).list()] == [_vin(6)]


def _server_db_url(live: LiveServer) -> str:
    return live.extra_env.get("LTC_DATABASE_URL") or f"sqlite:///{(live.data_dir / 'ltc-server.sqlite3').resolve()}"


def _workshop(live: LiveServer, email: str) -> str:
    """A dealer account that owns an approved workshop organisation (set up the way an admin would)."""
    command = [sys.executable, "-m", "syncserver", "users", "create", "--email", email, "--role", "dealer"]
    done = subprocess.run(command, env=live._env(), cwd=ROOT, check=True, capture_output=True, text=True)
    user_id = uuid.UUID(done.stdout.split()[2])  # "created user <id> with role dealer"
    engine = create_engine(_server_db_url(live))
    try:
        with Session(engine) as session, session.begin():
            now = datetime.now(UTC)
            org = Organisation(kind=OrgKind.WORKSHOP.value, name="Werkstatt", owner_user_id=user_id, approved=True,
                               created_at=now, updated_at=now)  # fmt: skip
            session.add(org)
            session.flush()
            session.add(
                Membership(org_id=org.id, user_id=user_id, status=MembershipStatus.APPROVED.value,
                           role=MembershipRole.OWNER.value, approved_at=now, created_at=now, updated_at=now)
            )  # fmt: skip
            return str(org.id)
    finally:
        engine.dispose()


def _enqueue(vault: Vault, name: str, **args: object) -> None:
    with vault.session() as session, session.begin():
        outbox.enqueue(session, name, dict(args))


def _grants(vault: Vault) -> dict[str, dict[str, object]]:
    return _dump(vault).get("workshop_grant", {})


def test_forbidden_edit_is_reverted_and_a_revoked_grant_removes_the_vehicle_from_the_workshop(
    device: Device, live: LiveServer
) -> None:
    owner, owner_engine = device("e2e-owner@example.org")
    vehicle = VehicleRepository(owner).add(_vin(7), nickname="Privat")
    EntryRepository(owner).add(vehicle.id, **ENTRY)  # type: ignore[arg-type]
    vehicle_id = owner_engine.sync_once().id_map.get(vehicle.id, vehicle.id)
    public_token = _dump(owner)["vehicle"][vehicle_id]["public_token"]
    org_id = _workshop(live, "e2e-shop@example.org")
    shop, shop_engine = device("e2e-shop@example.org")
    _enqueue(shop, "workshop.request_access", id=str(uuid.uuid4()), public_token=public_token, org_id=org_id)
    shop_engine.sync_once()
    owner_engine.sync_once()
    (grant_id,) = _grants(owner)
    _enqueue(owner, "workshop.grant.approve", grant_id=grant_id, days=30)
    owner_engine.sync_once()
    shop_engine.sync_once()
    assert VehicleRepository(shop).get(vehicle_id) is not None
    assert len(EntryRepository(shop).list(vehicle_id)) == 1
    # forbidden edit: a workshop may add entries but not rename the owner's vehicle
    VehicleRepository(shop).update(vehicle_id, nickname="Werkstattname")
    report = shop_engine.sync_once()
    assert report.rejected == 1
    assert [p.code for p in ProblemRepository(shop).list()] == ["forbidden"]
    assert ProblemRepository(shop).list()[0].args["nickname"] == "Werkstattname"  # the user's payload is kept
    assert VehicleRepository(shop).get(vehicle_id).nickname == _dump(shop)["vehicle"][vehicle_id]["nickname"]  # type: ignore[union-attr]
    assert _dump(shop)["vehicle"][vehicle_id]["nickname"] in (None, "Privat")
    # revoke: the vehicle and everything under it leave the workshop's replica; the grant shows "revoked"
    _enqueue(owner, "workshop.grant.revoke", grant_id=grant_id)
    owner_engine.sync_once()
    shop_engine.sync_once()
    assert VehicleRepository(shop).get(vehicle_id) is None
    assert EntryRepository(shop).list(vehicle_id) == []
    assert _grants(shop)[grant_id]["status"] == "revoked"
    assert not {k: v for k, v in _dump(shop).items() if k in ("vehicle", "entry", "document", "trust_summary") and v}


def _await_synced_status(vault: Vault, engine: SyncEngine, document_id: str, done: Callable[[str], bool]) -> str:
    status = ""
    for _ in range(300):  # bounded: the server's worker polls every 2 s
        engine.sync_once()
        record = DocumentRepository(vault).get(document_id)
        assert record is not None
        status = str(record.scan_status)
        if done(status):
            break
        time.sleep(0.1)
    return status


def _attach_offline(device: Device, email: str, n: int, tmp_path: Path) -> tuple[Vault, SyncEngine, str, ApiClient]:
    vault, engine = device(email)
    vehicle = VehicleRepository(vault).add(_vin(n))
    pdf = tmp_path / "rechnung.pdf"
    pdf.write_bytes(make_pdf(["Rechnung", "Inspektion"]))
    document = DocumentRepository(vault).attach(vehicle.id, pdf)
    report = engine.sync_once()
    assert report.rejected == 0
    assert report.uploaded_bytes == pdf.stat().st_size
    document_id = report.id_map.get(document.id, document.id)
    record = DocumentRepository(vault).get(document_id)
    assert record is not None
    assert (record.synced, record.pending, record.sha256) == (True, False, document.sha256)
    return vault, engine, document_id, engine.client


def test_file_attached_offline_is_uploaded_and_its_status_syncs_back(
    device: Device, live: LiveServer, tmp_path: Path
) -> None:
    """Whatever clamd this server has (none: the scan stays pending), the replica shows the server's status."""
    vault, engine, document_id, client = _attach_offline(device, "e2e-file@example.org", 8, tmp_path)
    server_status = client.request("GET", f"/documents/{document_id}").json()["scan_status"]
    engine.sync_once()
    record = DocumentRepository(vault).get(document_id)
    assert record is not None
    assert record.scan_status == server_status


def test_records_made_offline_keep_their_ids(device: Device, live: LiveServer, tmp_path: Path) -> None:
    """ARCHITECTURE "Ids": the server keeps the ids a device made offline (free ones), so nothing is mapped: the
    replica rows stay under their ids (the document with its local file) and another device pulls the same ids."""
    vault, engine = device("e2e-ids@example.org")
    vehicle = VehicleRepository(vault).add(_vin(23), nickname="Eigene Id")
    pdf = tmp_path / "rechnung.pdf"
    pdf.write_bytes(make_pdf(["Rechnung", "Eigene Id"]))
    document = DocumentRepository(vault).attach(vehicle.id, pdf)
    report = engine.sync_once()
    assert (report.applied, report.rejected, report.id_map) == (2, 0, {})
    record = DocumentRepository(vault).get(document.id)
    assert record is not None
    assert (record.synced, record.has_local_blob, record.upload_state) == (True, True, "uploaded")
    assert engine.client.request("GET", f"/documents/{document.id}").json()["id"] == document.id
    assert list(_dump(vault)["vehicle"]) == [vehicle.id]
    other, other_engine = device("e2e-ids@example.org")
    other_engine.sync_once()
    assert list(_dump(other)["vehicle"]) == [vehicle.id]
    assert list(_dump(other)["document"]) == [document.id]


def test_file_attached_offline_is_scanned_by_clamd_and_clean_syncs_back(
    device: Device,
    live: LiveServer,
    tmp_path: Path,
    clamd: Clamd,  # noqa: F811  (the session fixture imported above)
) -> None:
    live.restart({"LTC_CLAMD": clamd.address, "LTC_WORKER_POLL_SECONDS": "0.2"})
    vault, engine, document_id, client = _attach_offline(device, "e2e-scan@example.org", 9, tmp_path)
    status = _await_synced_status(vault, engine, document_id, lambda s: s != "PENDING")
    assert status == "CLEAN"
    assert client.request("GET", f"/documents/{document_id}").json()["scan_status"] == status


# -- version chains (issue #6: a device's own consecutive edits never conflict with each other) --------------


def _server_vehicle(vault: Vault, vehicle_id: str) -> dict[str, object]:
    return _dump(vault)["vehicle"][vehicle_id]


def test_two_offline_edits_of_a_vehicle_and_of_an_entry_both_reach_the_server(device: Device) -> None:
    a, engine_a = device("e2e-chain@example.org")
    vehicle = VehicleRepository(a).add(_vin(20), nickname="alt")
    entry = EntryRepository(a).add(vehicle.id, **ENTRY)  # type: ignore[arg-type]
    report = engine_a.sync_once()
    vehicle_id = report.id_map.get(vehicle.id, vehicle.id)
    entry_id = report.id_map.get(entry.id, entry.id)
    version = VehicleRepository(a).get(vehicle_id).version  # type: ignore[union-attr]
    assert version is not None
    # offline: two edits of the vehicle (both on the same server version), two revisions of the entry
    VehicleRepository(a).update(vehicle_id, nickname="erste")
    VehicleRepository(a).update(vehicle_id, meta={"color": "blau"})
    first = EntryRepository(a).revise(entry_id, km=1100)
    EntryRepository(a).revise(first.id, km=1200, note="zweite Korrektur")
    report = engine_a.sync_once()
    assert (report.applied, report.rejected) == (4, 0)
    assert ProblemRepository(a).list() == []
    b, engine_b = device("e2e-chain@example.org")
    engine_b.sync_once()
    server = VehicleRepository(b).get(vehicle_id)
    assert server is not None
    assert (server.nickname, server.meta.get("color"), server.version) == ("erste", "blau", version + 2)
    [latest] = EntryRepository(b).list(vehicle_id)
    assert (latest.km, latest.note, latest.version) == (1200, "zweite Korrektur", 3)
    assert len(EntryRepository(b).list(vehicle_id, latest_only=False)) == 3
    engine_a.sync_once()
    assert _dump(a) == _dump(b)


def test_edit_made_while_a_push_of_an_earlier_edit_is_in_flight_arrives(device: Device) -> None:
    vault, engine = device("e2e-inflight@example.org")
    vehicle = VehicleRepository(vault).add(_vin(21), nickname="alt")
    vehicle_id = engine.sync_once().id_map.get(vehicle.id, vehicle.id)
    VehicleRepository(vault).update(vehicle_id, nickname="erste")
    send = engine.client.sync_push
    edited: list[str] = []

    def push_then_edit(request: PushRequest) -> PushResponse:
        response = send(request)  # applied on the server; the answer is not recorded locally yet
        if not edited:
            edited.append("zweite")
            VehicleRepository(vault).update(vehicle_id, nickname="zweite")
        return response

    engine.client.sync_push = push_then_edit  # type: ignore[method-assign]
    report = engine.sync_once()
    assert (report.applied, report.rejected) == (2, 0)
    assert ProblemRepository(vault).list() == []
    b, engine_b = device("e2e-inflight@example.org")
    engine_b.sync_once()
    assert VehicleRepository(b).get(vehicle_id).nickname == "zweite"  # type: ignore[union-attr]
    assert _dump(vault) == _dump(b)


def test_concurrent_edit_of_another_device_still_conflicts(device: Device) -> None:
    a, engine_a = device("e2e-concurrent@example.org")
    b, engine_b = device("e2e-concurrent@example.org")
    vehicle = VehicleRepository(a).add(_vin(22), nickname="alt")
    vehicle_id = engine_a.sync_once().id_map.get(vehicle.id, vehicle.id)
    engine_b.sync_once()
    VehicleRepository(a).update(vehicle_id, nickname="von A")
    VehicleRepository(a).update(vehicle_id, nickname="von A, nochmal")
    VehicleRepository(b).update(vehicle_id, nickname="von B")
    assert engine_b.sync_once().rejected == 0
    report = engine_a.sync_once()
    assert report.rejected == 2  # both of A's edits were made on the version B changed meanwhile
    assert [(p.code, p.args["nickname"]) for p in ProblemRepository(a).list()] == [
        ("conflict", "von A"),
        ("conflict", "von A, nochmal"),
    ]
    assert ProblemRepository(a).list()[0].server_state is not None
    assert VehicleRepository(a).get(vehicle_id).nickname == "von B"  # type: ignore[union-attr]
    assert _server_vehicle(a, vehicle_id)["nickname"] == "von B"
    engine_b.sync_once()
    assert _dump(a) == _dump(b)
