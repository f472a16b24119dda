"""Client ids of the creates a push applies one by one (issue #6), on SQLite and PostgreSQL.

ARCHITECTURE "Ids"/"Sync protocol": every mutation gets its own answer and a rejection never blocks the ones
after it. A create whose id the account already used (the same id twice in one push, again in a later push,
or the id of one of its own records) is answered ``rejected`` with ``conflict``: it creates nothing and the id
keeps naming the record that had it first. A free id (no record of the type has it) is kept: the record has the
client's id on the server and in the pull (all but ``entry.revise``, whose new version gets a server id). An id that
names another account's record gets an alias to a record of its own (as in entry runs), and the answer shows nothing
of the other record. ``entry.create`` runs are
covered in ``test_sync_entry_batch``."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from shared.roles import Role
from syncserver.models.addon import TrustFolder, TrustFolderItem
from syncserver.models.document import Document
from syncserver.models.entry import VehicleEntry
from syncserver.models.sync import SyncIdAlias
from syncserver.models.vehicle import Vehicle
from syncserver.models.workshop import WorkshopGrant
from tests.syncserver.support import db_session, sign_in
from tests.syncserver.test_sync_support import ENTRY, Device, replica, workshop_member

PDF = b"%PDF-1.4\n" + b"0123456789" * 200 + b"\n%%EOF\n"
SLOTS = 3  # creates per scenario the services would all accept (distinct titles, VINs, entries, vehicles)


def _vin() -> str:
    return f"WVWZZZ1JZXW{uuid.uuid4().int % 10**6:06d}"


def _vehicle(device: Device) -> dict[str, Any]:
    result = device.one("vehicle.create", id=str(uuid.uuid4()), vin=_vin())
    assert result["status"] == "applied", result
    row: dict[str, Any] = next(r for r in result["rows"] if r["type"] == "vehicle")
    return row


def _created(device: Device, name: str, **args: Any) -> str:
    """The server id of the record a create made (checked to be among the answer's rows)."""
    mine = str(uuid.uuid4())
    result = device.one(name, id=mine, **args)
    assert result["status"] == "applied", result
    server_id = str(result["id_map"].get(mine, mine))
    assert server_id in {r["id"] for r in result["rows"]}, result
    return server_id


@dataclass
class Scenario:
    """One create mutation: a device ready to send it, and ``args(slot)`` the service accepts for each slot."""

    name: str
    record_type: str
    model: type[Any]
    prepare: Callable[[TestClient, FastAPI], tuple[Device, Callable[[int], dict[str, Any]]]]
    keeps: bool = True  # the record keeps a free client id (entry.revise: a server id and an alias)

    def count(self, app: FastAPI) -> int:
        with db_session(app) as session:
            return int(session.scalar(select(func.count()).select_from(self.model)) or 0)


def _prepare_vehicle(client: TestClient, app: FastAPI) -> tuple[Device, Callable[[int], dict[str, Any]]]:
    device = Device(client, sign_in(app, role=Role.VIP))
    vins = [_vin() for _ in range(SLOTS)]
    return device, lambda slot: {"vin": vins[slot]}


def _prepare_revise(client: TestClient, app: FastAPI) -> tuple[Device, Callable[[int], dict[str, Any]]]:
    device = Device(client, sign_in(app, role=Role.VIP))
    vehicle_id = _vehicle(device)["id"]
    entries = [_created(device, "entry.create", vehicle_id=vehicle_id, **ENTRY) for _ in range(SLOTS)]
    return device, lambda slot: {"vehicle_id": vehicle_id, "entry_id": entries[slot], **{**ENTRY, "km": 20000}}


def _prepare_document(client: TestClient, app: FastAPI) -> tuple[Device, Callable[[int], dict[str, Any]]]:
    device = Device(client, sign_in(app, role=Role.VIP))
    vehicle_id = _vehicle(device)["id"]
    sha = hashlib.sha256(PDF).hexdigest()
    uploaded = client.put(f"/sync/blobs/{sha}", content=PDF, params={"offset": 0, "total": len(PDF)},
                          headers=device.user.headers)  # fmt: skip
    assert uploaded.json()["complete"] is True, uploaded.text
    return device, lambda slot: {"vehicle_id": vehicle_id, "sha256": sha, "filename": f"rechnung-{slot}.pdf"}


def _folder_setup(client: TestClient, app: FastAPI) -> tuple[Device, str]:
    admin = sign_in(app, role=Role.ADMIN)
    body = {"allow_new": True, "requires_payment": False, "admin_only": False}
    assert client.post("/addons/config/restauration", json=body, headers=admin.headers).status_code == 200
    device = Device(client, sign_in(app, role=Role.VIP))
    return device, _vehicle(device)["id"]


def _prepare_folder(client: TestClient, app: FastAPI) -> tuple[Device, Callable[[int], dict[str, Any]]]:
    device, vehicle_id = _folder_setup(client, app)
    return device, lambda slot: {"vehicle_id": vehicle_id, "addon_key": "restauration", "title": f"Ordner {slot}"}


def _prepare_item(client: TestClient, app: FastAPI) -> tuple[Device, Callable[[int], dict[str, Any]]]:
    device, vehicle_id = _folder_setup(client, app)
    folder_id = _created(device, "folder.create", vehicle_id=vehicle_id, addon_key="restauration", title="Resto")
    return device, lambda slot: {"folder_id": folder_id, "title": f"Schritt {slot}"}


def _prepare_request(client: TestClient, app: FastAPI) -> tuple[Device, Callable[[int], dict[str, Any]]]:
    owner = Device(client, sign_in(app, role=Role.VIP))
    tokens = [_vehicle(owner)["data"]["public_token"] for _ in range(SLOTS)]
    member, org_id = workshop_member(app)
    return Device(client, member), lambda slot: {"public_token": tokens[slot], "org_id": str(org_id)}


SCENARIOS = [
    Scenario("vehicle.create", "vehicle", Vehicle, _prepare_vehicle),
    Scenario("entry.revise", "entry", VehicleEntry, _prepare_revise, keeps=False),
    Scenario("document.attach", "document", Document, _prepare_document),
    Scenario("folder.create", "folder", TrustFolder, _prepare_folder),
    Scenario("folder_item.create", "folder_item", TrustFolderItem, _prepare_item),
    Scenario("workshop.request_access", "workshop_grant", WorkshopGrant, _prepare_request),
]


@pytest.fixture(params=SCENARIOS, ids=[s.name for s in SCENARIOS])
def scenario(request: pytest.FixtureRequest) -> Scenario:
    return request.param  # type: ignore[no-any-return]


def _codes(results: list[dict[str, Any]]) -> list[tuple[str, str | None]]:
    return [(r["status"], r["code"]) for r in results]


class TestReusedCreateId:
    def test_same_id_twice_in_one_push(self, client: TestClient, app: FastAPI, scenario: Scenario) -> None:
        device, args = scenario.prepare(client, app)
        before = scenario.count(app)
        mine = str(uuid.uuid4())
        results = device.push(
            device.mutation(scenario.name, id=mine, **args(0)),
            device.mutation(scenario.name, id=mine, **args(1)),  # a faulty client
            device.mutation(scenario.name, id=str(uuid.uuid4()), **args(2)),  # not blocked by the rejection
        )
        assert _codes(results) == [("applied", None), ("rejected", "conflict"), ("applied", None)]
        assert (results[1]["rows"], results[1]["id_map"]) == ([], {})
        assert scenario.count(app) == before + 2  # the rejected create wrote nothing
        first = results[0]["id_map"].get(mine, mine)
        assert (first == mine) is scenario.keeps
        with db_session(app) as session:  # the id keeps naming the record that had it first
            aliases = session.execute(select(SyncIdAlias.client_ref, SyncIdAlias.server_id)).all()
            assert [str(s) for c, s in aliases if str(c) == mine] == ([] if scenario.keeps else [first])
            assert session.get(scenario.model, uuid.UUID(first)) is not None
        again = device.push(*[device.mutation(scenario.name, id=mine, **args(1))])  # and in the next push
        assert _codes(again) == [("rejected", "conflict")]

    def test_same_id_in_a_later_push(self, client: TestClient, app: FastAPI, scenario: Scenario) -> None:
        device, args = scenario.prepare(client, app)
        mine = str(uuid.uuid4())
        (first,) = device.push(device.mutation(scenario.name, id=mine, **args(0)))
        assert first["status"] == "applied", first
        before = scenario.count(app)
        rejection = device.mutation(scenario.name, id=mine, **args(1))
        results = device.push(rejection, device.mutation(scenario.name, id=str(uuid.uuid4()), **args(2)))
        assert _codes(results) == [("rejected", "conflict"), ("applied", None)]
        assert scenario.count(app) == before + 1
        assert device.push(rejection) == [results[0]]  # a retry after a lost response: the same answer

    def test_the_id_of_an_own_record(self, client: TestClient, app: FastAPI, scenario: Scenario) -> None:
        device, args = scenario.prepare(client, app)
        server_id = _created(device, scenario.name, **args(0))  # the server's id, which the client now uses
        before = scenario.count(app)
        (reused,) = device.push(device.mutation(scenario.name, id=server_id, **args(1)))
        assert _codes([reused]) == [("rejected", "conflict")]
        assert scenario.count(app) == before
        with db_session(app) as session:
            assert session.scalar(select(func.count()).where(SyncIdAlias.client_ref == uuid.UUID(server_id))) == 0

    def test_the_id_of_another_accounts_record(self, client: TestClient, app: FastAPI, scenario: Scenario) -> None:
        other, other_args = scenario.prepare(client, app)
        foreign = _created(other, scenario.name, **other_args(0))
        device, args = scenario.prepare(client, app)
        results = device.push(
            device.mutation(scenario.name, id=foreign, **args(0)),
            device.mutation(scenario.name, id=foreign, **args(1)),  # the alias is the client's use of the id now
            device.mutation(scenario.name, id=str(uuid.uuid4()), **args(2)),
        )
        assert _codes(results) == [("applied", None), ("rejected", "conflict"), ("applied", None)]
        mine = results[0]["id_map"][foreign]
        assert mine != foreign
        assert foreign not in {r["id"] for r in results[0]["rows"]}  # nothing of the other account's record
        assert mine in {r["id"] for r in results[0]["rows"] if r["type"] == scenario.record_type}
        with db_session(app) as session:
            alias = select(SyncIdAlias.server_id).where(
                SyncIdAlias.user_id == device.user.user_id, SyncIdAlias.client_ref == uuid.UUID(foreign)
            )
            assert str(session.scalar(alias)) == mine


class TestAliasResolution:
    def test_a_rejected_twin_leaves_the_id_naming_the_first_vehicle(self, client: TestClient, app: FastAPI) -> None:
        device = Device(client, sign_in(app, role=Role.VIP))
        mine = str(uuid.uuid4())
        created, twin, renamed = device.push(
            device.mutation("vehicle.create", id=mine, vin=_vin(), nickname="Erster"),
            device.mutation("vehicle.create", id=mine, vin=_vin(), nickname="Zwilling"),
            device.mutation("vehicle.update", vehicle_id=mine, nickname="Umbenannt"),
        )
        assert _codes([created, twin, renamed]) == [("applied", None), ("rejected", "conflict"), ("applied", None)]
        vehicle = next(r for r in renamed["rows"] if r["type"] == "vehicle")
        assert (vehicle["id"], vehicle["data"]["nickname"]) == (mine, "Umbenannt")
        assert created["id_map"] == {}

    def test_an_id_taken_since_the_check_rejects_only_its_mutation(self, client: TestClient, app: FastAPI) -> None:
        """A concurrent push of the same account that made a vehicle under the id between the check and the create
        (the check is patched out here): the create, which got a server id, is rolled back, and no alias re-points
        the id; the rest of the push applies (PostgreSQL too)."""
        device = Device(client, sign_in(app, role=Role.VIP))
        mine = str(uuid.uuid4())
        device.one("vehicle.create", id=mine, vin=_vin())
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr("syncserver.sync.service.SyncService._check_new_id", lambda *_: None)
            results = device.push(
                device.mutation("vehicle.create", id=mine, vin=_vin()),
                device.mutation("vehicle.create", id=str(uuid.uuid4()), vin=_vin()),
            )
        assert _codes(results) == [("rejected", "conflict"), ("applied", None)]
        with db_session(app) as session:
            assert session.scalar(select(func.count()).select_from(Vehicle)) == 2
            assert session.scalar(select(func.count()).select_from(SyncIdAlias)) == 0

    def test_a_free_id_taken_since_the_check_rejects_only_its_mutation(self, client: TestClient, app: FastAPI) -> None:
        """Another account's push inserted a vehicle under the id after this create found it free (the checks are
        patched out here, so the insert meets the primary key): no 500 for the push, only this mutation is
        rejected ``conflict`` and the rest applies (PostgreSQL too: the savepoint keeps the session usable)."""
        other = Device(client, sign_in(app, role=Role.VIP))
        taken = _vehicle(other)["id"]
        device = Device(client, sign_in(app, role=Role.VIP))
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr("syncserver.sync.repository.SyncRepository.id_taken", lambda *_: False)
            results = device.push(
                device.mutation("vehicle.create", id=taken, vin=_vin()),
                device.mutation("vehicle.create", id=str(uuid.uuid4()), vin=_vin()),
            )
        assert _codes(results) == [("rejected", "conflict"), ("applied", None)]
        with db_session(app) as session:
            assert session.scalar(select(func.count()).select_from(Vehicle)) == 2

    def test_an_alias_taken_since_the_check_rejects_only_its_mutation(self, client: TestClient, app: FastAPI) -> None:
        """A concurrent push of the same account that took the alias between the checks and the insert (both
        patched out here): that mutation is rolled back, the rest of the push applies (PostgreSQL too)."""
        other = Device(client, sign_in(app, role=Role.VIP))
        foreign = _created(other, "vehicle.create", vin=_vin())  # another account's: an alias for this one
        device = Device(client, sign_in(app, role=Role.VIP))
        (first,) = device.push(device.mutation("vehicle.create", id=foreign, vin=_vin()))
        assert first["id_map"][foreign] != foreign
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr("syncserver.sync.repository.SyncRepository.ids_in_use", lambda *_: set())
            results = device.push(
                device.mutation("vehicle.create", id=foreign, vin=_vin()),
                device.mutation("vehicle.create", id=str(uuid.uuid4()), vin=_vin()),
            )
        assert _codes(results) == [("rejected", "conflict"), ("applied", None)]
        with db_session(app) as session:
            assert session.scalar(select(func.count()).select_from(Vehicle)) == 3

    def test_an_entry_runs_alias_taken_since_its_check_keeps_the_first(self, client: TestClient, app: FastAPI) -> None:
        other = Device(client, sign_in(app))
        foreign = _created(other, "entry.create", vehicle_id=_vehicle(other)["id"], **ENTRY)
        device = Device(client, sign_in(app))
        vehicle_id = _vehicle(device)["id"]
        (first,) = device.push(device.mutation("entry.create", id=foreign, vehicle_id=vehicle_id, **ENTRY))
        with pytest.MonkeyPatch.context() as patch:  # a concurrent run of the account added it after the read
            patch.setattr("syncserver.sync.repository.SyncRepository.aliases", lambda *_: {})
            (again,) = device.push(device.mutation("entry.create", id=foreign, vehicle_id=vehicle_id, **ENTRY))
        assert (first["status"], again["status"]) == ("applied", "applied")
        with db_session(app) as session:
            alias = select(SyncIdAlias.server_id).where(SyncIdAlias.client_ref == uuid.UUID(foreign))
            assert [str(s) for s in session.scalars(alias)] == [first["id_map"][foreign]]


class TestKeptClientId:
    def test_a_free_id_is_kept_on_the_server_and_in_the_pull(
        self, client: TestClient, app: FastAPI, scenario: Scenario
    ) -> None:
        """ARCHITECTURE "Ids": the record made where it was created keeps its id, so the device has nothing to map."""
        if not scenario.keeps:
            pytest.skip("a new entry version gets a server id")
        device, args = scenario.prepare(client, app)
        mine = str(uuid.uuid4())
        result = device.one(scenario.name, id=mine, **args(0))
        assert (result["status"], result["id_map"]) == ("applied", {}), result
        assert mine in {r["id"] for r in result["rows"] if r["type"] == scenario.record_type}
        with db_session(app) as session:
            assert session.get(scenario.model, uuid.UUID(mine)) is not None
            assert session.scalar(select(func.count()).select_from(SyncIdAlias)) == 0
        pulled = replica(device.pull_all())
        assert (scenario.record_type, mine) in pulled
        assert pulled[(scenario.record_type, mine)]["id"] == mine
        later = device.one(scenario.name, id=str(uuid.uuid4()), **args(1))  # not blocked: a new id of its own
        assert later["status"] == "applied", later
