"""Sync API on SQLite and PostgreSQL: meta, push results, pull visibility and removes, resync, blobs."""

from __future__ import annotations

import hashlib
import uuid

from fastapi import FastAPI
from fastapi.testclient import TestClient

from shared import PROTOCOL_VERSION, SCHEMA_VERSION
from shared.roles import Role
from shared.sync.protocol import PROTOCOL_HEADER, SCHEMA_HEADER
from tests.syncserver.support import sign_in
from tests.syncserver.test_sync_support import ENTRY, VIN, VIN2, Device, replica, workshop_member

PDF = b"%PDF-1.4\n" + b"0123456789" * 2000 + b"\n%%EOF\n"


class TestMeta:
    def test_versions_and_time(self, client: TestClient, app: FastAPI) -> None:
        user = sign_in(app)
        body = client.get("/sync/meta", headers=user.headers).json()
        assert body["protocol_version"] == PROTOCOL_VERSION
        assert body["schema_version"] == SCHEMA_VERSION
        assert body["server_time"]

    def test_protocol_mismatch(self, client: TestClient, app: FastAPI) -> None:
        user = sign_in(app)
        response = client.get("/sync/meta", headers={**user.headers, PROTOCOL_HEADER: str(PROTOCOL_VERSION + 1)})
        assert (response.status_code, response.json()["detail"]) == (409, "protocol_mismatch")
        response = client.get("/sync/changes", params={"schema_version": SCHEMA_VERSION + 1}, headers=user.headers)
        assert (response.status_code, response.json()["detail"]) == (409, "protocol_mismatch")
        ok = {**user.headers, PROTOCOL_HEADER: str(PROTOCOL_VERSION), SCHEMA_HEADER: str(SCHEMA_VERSION)}
        assert client.get("/sync/meta", headers=ok).status_code == 200

    def test_consent_and_moderator(self, client: TestClient, app: FastAPI) -> None:
        no_consent = sign_in(app, consent=False)
        response = Device(client, no_consent).push_raw({"mutation_id": 1, "name": "vehicle.create", "args": {}})
        assert (response.status_code, response.json()["detail"]) == (403, "consent_required")
        moderator = sign_in(app, role=Role.MODERATOR)
        assert client.get("/sync/changes", headers=moderator.headers).status_code == 403
        assert client.get("/sync/meta").status_code == 401


class TestPush:
    def test_applied_with_rows_under_the_clients_id(self, client: TestClient, app: FastAPI) -> None:
        """A free client id is kept (ARCHITECTURE "Ids"): no id_map; taken ids: ``test_sync_create_ids``."""
        device = Device(client, sign_in(app))
        local_id = str(uuid.uuid4())
        result = device.one("vehicle.create", id=local_id, vin=VIN, nickname="Golf")
        assert (result["status"], result["id_map"]) == ("applied", {})
        server_id = local_id
        vehicle = next(r for r in result["rows"] if r["type"] == "vehicle")
        assert vehicle["id"] == server_id
        assert vehicle["data"]["vin"] == VIN
        assert {r["type"] for r in result["rows"]} >= {"vehicle", "trust_summary"}
        # a later mutation may name the vehicle by the client's id
        entry = device.one("entry.create", id=str(uuid.uuid4()), vehicle_id=local_id, **ENTRY)
        assert entry["status"] == "applied"
        assert next(r for r in entry["rows"] if r["type"] == "entry")["data"]["vehicle_id"] == server_id

    def test_paywall_rejection_does_not_block_the_rest(self, client: TestClient, app: FastAPI) -> None:
        device = Device(client, sign_in(app))
        results = device.push(
            device.mutation("vehicle.create", id=str(uuid.uuid4()), vin=VIN),
            device.mutation("vehicle.create", id=str(uuid.uuid4()), vin=VIN2),
            device.mutation("vehicle.create", id=str(uuid.uuid4()), vin="bad"),
        )
        assert [r["status"] for r in results] == ["applied", "rejected", "rejected"]
        assert results[1]["code"] == "vehicle_limit_reached"
        assert results[2]["code"] == "invalid_vin_format"
        vehicles = [c for c in device.pull_all() if c["type"] == "vehicle"]
        assert len({c["id"] for c in vehicles}) == 1

    def test_forbidden_edit_and_stale_base_version(self, client: TestClient, app: FastAPI) -> None:
        owner = Device(client, sign_in(app))
        vehicle_id = owner.one("vehicle.create", id=str(uuid.uuid4()), vin=VIN)["rows"][0]["id"]
        stranger = Device(client, sign_in(app))
        rejected = stranger.one("vehicle.update", vehicle_id=vehicle_id, nickname="mine")
        assert (rejected["status"], rejected["code"]) == ("rejected", "not_found")
        workshop, org_id = workshop_member(app)
        shop = Device(client, workshop)
        token = owner.pull_all()
        public_token = next(c for c in token if c["type"] == "vehicle")["data"]["public_token"]
        grant_id = shop.one(
            "workshop.request_access", id=str(uuid.uuid4()), public_token=public_token, org_id=str(org_id)
        )["rows"][0]["id"]
        assert owner.one("workshop.grant.approve", grant_id=grant_id)["status"] == "applied"
        forbidden = shop.one("vehicle.update", vehicle_id=vehicle_id, nickname="shop")
        assert (forbidden["status"], forbidden["code"]) == ("rejected", "forbidden")
        ok = owner.one("vehicle.update", base_version=1, vehicle_id=vehicle_id, nickname="A")
        assert ok["status"] == "applied"
        stale = owner.one("vehicle.update", base_version=1, vehicle_id=vehicle_id, nickname="B")
        assert (stale["status"], stale["code"]) == ("rejected", "conflict")

    def test_duplicate_after_lost_response(self, client: TestClient, app: FastAPI) -> None:
        device = Device(client, sign_in(app))
        create = device.mutation("vehicle.create", id=str(uuid.uuid4()), vin=VIN)
        over = device.mutation("vehicle.create", id=str(uuid.uuid4()), vin=VIN2)
        first = device.push(create, over)
        again = device.push(create, over)  # the response was lost: the client sends the same batch
        assert again[0]["status"] == "duplicate"
        assert again[0]["rows"] == first[0]["rows"]
        assert again[0]["id_map"] == first[0]["id_map"]
        assert again[1] == first[1]  # a rejection is answered the same way again
        vehicles = {c["id"] for c in device.pull_all() if c["type"] == "vehicle"}
        assert len(vehicles) == 1

    def test_client_id_of_another_account(self, client: TestClient, app: FastAPI) -> None:
        first = Device(client, sign_in(app))
        first.one("vehicle.create", id=str(uuid.uuid4()), vin=VIN)
        other = Device(client, sign_in(app))
        other.client_id = first.client_id
        response = other.push_raw(other.mutation("vehicle.create", id=str(uuid.uuid4()), vin=VIN))
        assert (response.status_code, response.json()["detail"]) == (403, "forbidden")

    def test_entry_revision_and_folder(self, client: TestClient, app: FastAPI) -> None:
        device = Device(client, sign_in(app))
        vehicle_id = device.one("vehicle.create", id=str(uuid.uuid4()), vin=VIN)["rows"][0]["id"]
        entry = device.one("entry.create", id=str(uuid.uuid4()), vehicle_id=vehicle_id, **ENTRY)
        entry_id = next(r for r in entry["rows"] if r["type"] == "entry")["id"]
        revised = device.one("entry.revise", id=str(uuid.uuid4()), vehicle_id=vehicle_id, entry_id=entry_id,
                             **{**ENTRY, "km": 13000})  # fmt: skip
        assert revised["status"] == "applied"
        entries = {r["id"]: r["data"] for r in revised["rows"] if r["type"] == "entry"}
        assert entries[entry_id]["is_latest"] is False
        pulled = replica(device.pull_all())
        assert len([k for k in pulled if k[0] == "entry"]) == 2  # all versions
        missing = device.one("entry.revise", id=str(uuid.uuid4()), vehicle_id=vehicle_id, entry_id=str(uuid.uuid4()),
                             **ENTRY)  # fmt: skip
        assert (missing["status"], missing["code"]) == ("rejected", "entry_not_found")
        bad = device.one("entry.create", id=str(uuid.uuid4()), vehicle_id=vehicle_id, date="x")
        assert (bad["status"], bad["code"]) == ("rejected", "validation_failed")


class TestChanges:
    def test_stranger_sees_nothing(self, client: TestClient, app: FastAPI) -> None:
        owner = Device(client, sign_in(app))
        owner.one("vehicle.create", id=str(uuid.uuid4()), vin=VIN)
        assert Device(client, sign_in(app)).pull_all() == []
        admin = Device(client, sign_in(app, role=Role.ADMIN))
        assert admin.pull_all() == []  # admins keep to their own data in sync

    def test_workshop_grant_then_revoke(self, client: TestClient, app: FastAPI) -> None:
        owner = Device(client, sign_in(app))
        created = owner.one("vehicle.create", id=str(uuid.uuid4()), vin=VIN, nickname="Privat")
        vehicle_id = created["rows"][0]["id"]
        public_token = created["rows"][0]["data"]["public_token"]
        owner.one("entry.create", id=str(uuid.uuid4()), vehicle_id=vehicle_id, **ENTRY)
        workshop, org_id = workshop_member(app)
        shop = Device(client, workshop)
        request = shop.one(
            "workshop.request_access", id=str(uuid.uuid4()), public_token=public_token, org_id=str(org_id)
        )
        grant_id = request["rows"][0]["id"]
        log = shop.pull_all()
        assert set(replica(log)) == {("workshop_grant", grant_id)}  # its own request, not the vehicle
        owner.one("workshop.grant.approve", grant_id=grant_id)
        log += shop.pull_all()
        seen = replica(log)
        vehicle = seen[("vehicle", vehicle_id)]
        assert vehicle["owner_user_id"] is None
        assert vehicle["vin"] is None
        assert vehicle["vin_hmac"] is None
        assert vehicle["public_token"] is None
        assert vehicle["vin_masked"].endswith("0001")
        assert [k for k in seen if k[0] == "entry"]
        assert ("trust_summary", vehicle_id) not in seen
        assert shop.one("entry.create", id=str(uuid.uuid4()), vehicle_id=vehicle_id, **ENTRY)["status"] == "applied"
        owner.one("workshop.grant.revoke", grant_id=grant_id)
        latest = shop.pull_all()
        assert ("remove", "vehicle", vehicle_id) in [(c["op"], c["type"], c["id"]) for c in latest]
        seen = replica(log + latest)
        assert not [k for k in seen if k[0] in ("vehicle", "entry", "document", "trust_summary")]
        assert seen[("workshop_grant", grant_id)]["status"] == "revoked"
        fresh = replica(Device(client, workshop).pull_all())  # a new device of the workshop: same picture
        assert fresh == seen
        again = shop.one("entry.create", id=str(uuid.uuid4()), vehicle_id=vehicle_id, **ENTRY)
        assert (again["status"], again["code"]) == ("rejected", "forbidden")

    def test_tombstone_and_pagination(self, client: TestClient, app: FastAPI) -> None:
        device = Device(client, sign_in(app))
        vehicle_id = device.one("vehicle.create", id=str(uuid.uuid4()), vin=VIN)["rows"][0]["id"]
        for km in range(5):
            device.one("entry.create", id=str(uuid.uuid4()), vehicle_id=vehicle_id, **{**ENTRY, "km": km})
        paged = replica(Device(client, device.user).pull_all(limit=2))
        whole = replica(Device(client, device.user).pull_all(limit=500))
        assert paged == whole
        assert len([k for k in whole if k[0] == "entry"]) == 5
        device.pull_all()
        device.one("vehicle.delete", vehicle_id=vehicle_id)
        changes = device.pull_all()
        assert any(c["op"] in ("delete", "remove") and c["id"] == vehicle_id for c in changes)

    def test_bad_cursor_requires_full_resync(self, client: TestClient, app: FastAPI) -> None:
        user = sign_in(app)
        for cursor in ("garbage", "c1.99.0", "c1.1.999999"):
            response = client.get("/sync/changes", params={"cursor": cursor}, headers=user.headers)
            assert (response.status_code, response.json()["detail"]) == (409, "full_resync_required")


class TestBlobs:
    def _upload(self, device: Device, content: bytes, chunk: int = 7000) -> str:
        sha = hashlib.sha256(content).hexdigest()
        for start in range(0, len(content), chunk):
            part = content[start : start + chunk]
            headers = {**device.user.headers, "Content-Range": f"bytes {start}-{start + len(part) - 1}/{len(content)}"}
            response = device.client.put(f"/sync/blobs/{sha}", content=part, headers=headers)
            assert response.status_code == 200, response.text
        return sha

    def test_resumable_upload_attach_and_visibility(self, client: TestClient, app: FastAPI) -> None:
        device = Device(client, sign_in(app))
        sha = hashlib.sha256(PDF).hexdigest()
        first = client.put(f"/sync/blobs/{sha}", content=PDF[:5000], params={"offset": 0, "total": len(PDF)},
                           headers=device.user.headers)  # fmt: skip
        assert first.json() == {"sha256": sha, "received": 5000, "total": len(PDF), "complete": False}
        head = client.head(f"/sync/blobs/{sha}", headers=device.user.headers)
        assert head.headers["Upload-Offset"] == "5000"
        gap = client.put(f"/sync/blobs/{sha}", content=PDF[9000:10000], params={"offset": 9000, "total": len(PDF)},
                         headers=device.user.headers)  # fmt: skip
        assert (gap.status_code, gap.json()["detail"]) == (409, "conflict")
        self._upload(device, PDF)  # resends the first 5000 bytes (ignored) and the rest
        status = client.get(f"/sync/blobs/{sha}/status", headers=device.user.headers).json()
        assert status["complete"] is True
        vehicle_id = device.one("vehicle.create", id=str(uuid.uuid4()), vin=VIN)["rows"][0]["id"]
        attached = device.one("document.attach", id=str(uuid.uuid4()), vehicle_id=vehicle_id, sha256=sha,
                              filename="rechnung.pdf")  # fmt: skip
        assert attached["status"] == "applied", attached
        doc = next(r for r in attached["rows"] if r["type"] == "document")["data"]
        assert (doc["approval_status"], doc["scan_status"]) == ("QUARANTINED", "PENDING")
        assert doc["checksum_sha256"] == sha
        assert client.get(f"/sync/blobs/{sha}", headers=device.user.headers).content == PDF  # back to the uploader
        stranger = sign_in(app)
        assert client.get(f"/sync/blobs/{sha}", headers=stranger.headers).status_code == 404
        docs = [c for c in device.pull_all() if c["type"] == "document"]
        assert docs[-1]["data"]["approval_status"] == "QUARANTINED"

    def test_hash_mismatch_and_missing_blob(self, client: TestClient, app: FastAPI) -> None:
        device = Device(client, sign_in(app))
        wrong = "0" * 64
        response = client.put(f"/sync/blobs/{wrong}", content=PDF, params={"offset": 0, "total": len(PDF)},
                              headers=device.user.headers)  # fmt: skip
        assert (response.status_code, response.json()["detail"]) == (422, "validation_failed")
        status = client.get(f"/sync/blobs/{wrong}/status", headers=device.user.headers).json()
        assert status["received"] == 0
        vehicle_id = device.one("vehicle.create", id=str(uuid.uuid4()), vin=VIN)["rows"][0]["id"]
        missing = device.one("document.attach", id=str(uuid.uuid4()), vehicle_id=vehicle_id, sha256=wrong,
                             filename="x.pdf")  # fmt: skip
        assert (missing["status"], missing["code"]) == ("rejected", "not_found")


class TestCounts:
    def test_last_page_carries_live_counts_of_what_the_actor_sees(self, client: TestClient, app: FastAPI) -> None:
        owner = Device(client, sign_in(app))
        vehicle_id = owner.one("vehicle.create", vin=VIN)["rows"][0]["id"]
        for km in (1, 2):
            owner.one("entry.create", vehicle_id=vehicle_id, **{**ENTRY, "km": km})
        stranger = Device(client, sign_in(app))
        first = client.get("/sync/changes", params={"limit": 1}, headers=owner.user.headers).json()
        assert first["has_more"] is True
        assert first["counts"] is None
        owner.pull_all(limit=1)
        last = client.get("/sync/changes", params={"cursor": owner.cursor}, headers=owner.user.headers).json()
        assert (last["has_more"], last["changes"], last["counts"]) == (False, [], {"vehicle": 1, "entry": 2})
        alone = client.get("/sync/changes", headers=stranger.user.headers).json()
        assert alone["counts"] == {"vehicle": 0, "entry": 0}
        owner.one("vehicle.delete", vehicle_id=vehicle_id)
        gone = client.get("/sync/changes", params={"cursor": owner.cursor}, headers=owner.user.headers).json()
        assert gone["counts"] == {"vehicle": 0, "entry": 0}
