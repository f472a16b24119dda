"""API tests for every row of the Documents table (API_CONTRACT) on SQLite and PostgreSQL.

Jobs are not run here (the in-process worker is off), so statuses change only through the routes;
the pipeline with real clamd and Tesseract is in test_intake_pipeline.py.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from shared.roles import Role
from syncserver.models.audit import AuditEvent
from syncserver.models.document import Document
from syncserver.models.job import Job
from tests.syncserver.intake_support import blob_files, clean_pdf, png_bytes, upload
from tests.syncserver.support import SignedIn, db_session, sign_in

VIN = "WVWZZZ1JZXW000001"


@dataclass
class World:
    app: FastAPI
    client: TestClient
    owner: SignedIn
    other: SignedIn
    admin: SignedIn
    vehicle_id: str

    def upload(self, who: SignedIn | None = None, content: bytes | None = None, **kw: str) -> dict[str, object]:
        response = upload(self.client, (who or self.owner).headers, content or clean_pdf(), **kw)
        assert response.status_code == 200, response.text
        body: dict[str, object] = response.json()
        return body

    def post(self, path: str, who: SignedIn, json: object | None = None) -> tuple[int, object]:
        response = self.client.post(path, headers=who.headers, json=json)
        return response.status_code, response.json()


@pytest.fixture
def world(make_app: Callable[..., FastAPI]) -> Iterator[World]:
    app = make_app(worker_in_process=False)
    with TestClient(app) as client:
        owner = sign_in(app, role=Role.USER)
        response = client.post("/vehicles", headers=owner.headers, json={"vin": VIN})
        assert response.status_code == 200, response.text
        yield World(
            app, client, owner, sign_in(app, role=Role.USER), sign_in(app, role=Role.ADMIN), response.json()["id"]
        )


def _audit_actions(app: FastAPI, document_id: object) -> list[str]:
    with db_session(app) as session:
        rows = session.scalars(select(AuditEvent).where(AuditEvent.target_id == str(document_id))).all()
        return [row.action for row in sorted(rows, key=lambda r: r.created_at)]


def _approve_ready(world: World, document_id: object) -> None:
    assert world.post(f"/documents/{document_id}/scan", world.admin, {"scan_status": "CLEAN"})[0] == 200


class TestUpload:
    def test_contract_shape(self, world: World) -> None:
        content = clean_pdf()
        body = world.upload(filename="../Rechnung  März?.pdf", vehicle_id=world.vehicle_id)
        assert body["approval_status"] == "QUARANTINED"
        assert body["status"] == "QUARANTINED"
        assert body["scan_status"] == "PENDING"
        assert body["pii_status"] == "OK"
        assert body["checksum_sha256"] == hashlib.sha256(content).hexdigest()
        assert body["owner_user_id"] == str(world.owner.user_id)
        assert body["vehicle_id"] == world.vehicle_id
        assert body["size_bytes"] == len(content)
        assert body["content_type"] == "application/pdf"
        assert body["filename"] == "Rechnung März_.pdf"
        assert body["created_at"]
        assert body["scan_detail"] is None

    def test_stored_in_quarantine_and_scan_queued(self, world: World) -> None:
        body = world.upload(content=png_bytes(), filename="foto.png", mime="image/png")
        assert body["content_type"] == "image/png"
        files = blob_files(world.app)
        assert len(files) == 1
        assert "quarantine" in files[0].parts
        assert files[0].read_bytes() == png_bytes()
        with db_session(world.app) as session:
            jobs = session.scalars(select(Job)).all()
            assert [(j.kind, j.ref) for j in jobs] == [("document.scan", body["id"])]

    def test_audit_without_file_names(self, world: World) -> None:
        body = world.upload(filename="Max-Mustermann-Rechnung.pdf")
        assert _audit_actions(world.app, body["id"]) == ["UPLOAD_RECEIVED", "UPLOAD_QUARANTINED"]
        with db_session(world.app) as session:
            dump = " ".join(str(e.redacted_metadata) for e in session.scalars(select(AuditEvent)))
        assert "Mustermann" not in dump

    @pytest.mark.parametrize(
        ("content", "filename", "code"),
        [
            (b"MZ\x90\x00 not a document", "rechnung.pdf", "mime_not_allowed"),
            (b"GIF89a....", "bild.gif", "mime_not_allowed"),
            (b"", "leer.pdf", "mime_not_allowed"),
            (clean_pdf(), "rechnung.exe", "ext_not_allowed"),
            (clean_pdf(), "rechnung.png", "mime_not_allowed"),
        ],
    )
    def test_wrong_type_415_nothing_stored(self, world: World, content: bytes, filename: str, code: str) -> None:
        response = upload(world.client, world.owner.headers, content, filename, mime="application/pdf")
        assert response.status_code == 415
        assert response.json() == {"detail": code}
        assert blob_files(world.app) == []
        with db_session(world.app) as session:
            assert session.scalars(select(Document)).all() == []
            rejected = session.scalars(select(AuditEvent).where(AuditEvent.action == "UPLOAD_REJECTED")).all()
            assert [(e.result, e.redacted_metadata.get("reason")) for e in rejected] == [("denied", code)]

    def test_size_limit_413(self, make_app: Callable[..., FastAPI]) -> None:
        app = make_app(worker_in_process=False, upload_max_bytes=1000)
        with TestClient(app) as client:
            user = sign_in(app)
            exact = clean_pdf().ljust(1000, b" ")
            assert upload(client, user.headers, exact).status_code == 200
            response = upload(client, user.headers, exact + b" ")
            assert response.status_code == 413
            assert response.json() == {"detail": "too_large"}
            assert len(blob_files(app)) == 1

    def test_missing_file_422(self, world: World) -> None:
        response = world.client.post("/documents/upload", headers=world.owner.headers, data={"vehicle_id": "x"})
        assert response.status_code == 422

    def test_foreign_vehicle_404_and_file_removed(self, world: World) -> None:
        response = upload(world.client, world.other.headers, clean_pdf(), vehicle_id=world.vehicle_id)
        assert response.status_code == 404
        assert blob_files(world.app) == []

    def test_bad_uuid_422_and_file_removed(self, world: World) -> None:
        response = upload(world.client, world.owner.headers, clean_pdf(), vehicle_id="not-a-uuid")
        assert response.status_code == 422
        assert blob_files(world.app) == []

    def test_moderator_and_anonymous(self, world: World) -> None:
        moderator = sign_in(world.app, role=Role.MODERATOR)
        assert upload(world.client, moderator.headers, clean_pdf()).status_code == 403
        assert upload(world.client, {}, clean_pdf()).status_code == 401
        assert blob_files(world.app) == []

    def test_api_prefix(self, world: World) -> None:
        assert upload(world.client, world.owner.headers, clean_pdf(), path="/api/documents/upload").status_code == 200


class TestReadAndDownload:
    def test_owner_sees_own_pending_status_but_no_content(self, world: World) -> None:
        doc = world.upload(vehicle_id=world.vehicle_id)
        response = world.client.get(f"/documents/{doc['id']}", headers=world.owner.headers)
        assert response.status_code == 200
        assert response.json()["approval_status"] == "QUARANTINED"
        assert world.client.get(f"/documents/{doc['id']}/download", headers=world.owner.headers).status_code == 403
        assert "ACCESS_DENIED" in _audit_actions(world.app, doc["id"])

    def test_stranger_404(self, world: World) -> None:
        doc = world.upload(vehicle_id=world.vehicle_id)
        for path in (f"/documents/{doc['id']}", f"/documents/{doc['id']}/download"):
            assert world.client.get(path, headers=world.other.headers).status_code == 404
        assert world.client.get(f"/documents/{uuid.uuid4()}", headers=world.owner.headers).status_code == 404

    def test_admin_any_state_with_scan_detail(self, world: World) -> None:
        doc = world.upload()
        response = world.client.get(f"/documents/{doc['id']}", headers=world.admin.headers)
        assert response.status_code == 200
        content = world.client.get(f"/documents/{doc['id']}/download", headers=world.admin.headers)
        assert content.status_code == 200
        assert content.content == clean_pdf()
        assert content.headers["content-type"] == "application/pdf"
        assert "Rechnung" not in content.headers["content-disposition"]

    def test_valid_evidence_downloadable_by_owner_only(self, world: World) -> None:
        doc = world.upload(vehicle_id=world.vehicle_id)
        _approve_ready(world, doc["id"])
        assert world.post(f"/documents/{doc['id']}/approve", world.admin)[0] == 200
        files = blob_files(world.app)
        assert len(files) == 1
        assert "approved" in files[0].parts
        response = world.client.get(f"/documents/{doc['id']}/download", headers=world.owner.headers)
        assert response.status_code == 200
        assert response.content == clean_pdf()
        assert world.client.get(f"/documents/{doc['id']}/download", headers=world.other.headers).status_code == 404

    def test_pii_flagged_approved_document_hidden_from_non_uploader(self, world: World) -> None:
        admin_doc = world.upload(who=world.admin, vehicle_id=world.vehicle_id)
        _approve_ready(world, admin_doc["id"])
        assert world.post(f"/documents/{admin_doc['id']}/approve", world.admin)[0] == 200
        path = f"/documents/{admin_doc['id']}"
        assert world.client.get(path, headers=world.owner.headers).status_code == 200
        assert world.post(f"{path}/pii", world.admin, {"pii_status": "SUSPECTED"})[0] == 200
        assert world.client.get(path, headers=world.owner.headers).status_code == 403
        assert world.client.get(f"{path}/download", headers=world.owner.headers).status_code == 403

    def test_moderator_403(self, world: World) -> None:
        doc = world.upload()
        moderator = sign_in(world.app, role=Role.MODERATOR)
        assert world.client.get(f"/documents/{doc['id']}", headers=moderator.headers).status_code == 403


class TestQuarantineList:
    def test_admin_newest_first(self, world: World, clock: object) -> None:
        first = world.upload()
        clock.advance(seconds=5)  # type: ignore[attr-defined]
        second = world.upload(who=world.other)
        clock.advance(seconds=5)  # type: ignore[attr-defined]
        third = world.upload()
        _approve_ready(world, third["id"])
        world.post(f"/documents/{third['id']}/approve", world.admin)
        response = world.client.get("/documents/admin/quarantine", headers=world.admin.headers)
        assert response.status_code == 200
        assert [d["id"] for d in response.json()] == [second["id"], first["id"]]

    def test_non_admin_403(self, world: World) -> None:
        assert world.client.get("/documents/admin/quarantine", headers=world.owner.headers).status_code == 403

    def test_admin_without_second_factor(self, world: World) -> None:
        admin = sign_in(world.app, role=Role.ADMIN, totp=False)
        response = world.client.get("/documents/admin/quarantine", headers=admin.headers)
        assert response.json() == {"detail": "totp_required"}


class TestScan:
    def test_infected_rejects(self, world: World) -> None:
        doc = world.upload(vehicle_id=world.vehicle_id)
        status, body = world.post(f"/documents/{doc['id']}/scan", world.admin, {"scan_status": "INFECTED"})
        assert status == 200
        assert body["scan_status"] == "INFECTED"  # type: ignore[index]
        assert body["approval_status"] == "REJECTED"  # type: ignore[index]
        assert world.post(f"/documents/{doc['id']}/approve", world.admin) == (409, {"detail": "document_rejected"})
        actions = _audit_actions(world.app, doc["id"])
        assert actions[-2:] == ["UPLOAD_SCANNED_SUSPICIOUS", "UPLOAD_REJECTED"]

    def test_clean_queues_pii_check(self, world: World) -> None:
        doc = world.upload()
        _approve_ready(world, doc["id"])
        with db_session(world.app) as session:
            kinds = sorted(j.kind for j in session.scalars(select(Job)))
        assert kinds == ["document.pii", "document.scan"]

    def test_invalid_value_and_non_admin(self, world: World) -> None:
        doc = world.upload()
        assert world.post(f"/documents/{doc['id']}/scan", world.admin, {"scan_status": "FINE"})[0] == 422
        assert world.post(f"/documents/{doc['id']}/scan", world.owner, {"scan_status": "CLEAN"})[0] == 403

    def test_rescan_requeues(self, world: World) -> None:
        doc = world.upload()
        _approve_ready(world, doc["id"])
        status, body = world.post(f"/documents/{doc['id']}/rescan", world.admin)
        assert status == 200
        assert body["scan_status"] == "PENDING"  # type: ignore[index]


class TestApprove:
    def test_preconditions_in_order(self, world: World) -> None:
        doc = world.upload()
        path = f"/documents/{doc['id']}"
        assert world.post(f"{path}/approve", world.admin) == (409, {"detail": "not_scanned_clean"})
        _approve_ready(world, doc["id"])
        assert world.post(f"{path}/pii", world.owner, {"pii_status": "SUSPECTED"})[0] == 200
        assert world.post(f"{path}/approve", world.admin) == (409, {"detail": "pii_not_cleared"})
        assert world.post(f"{path}/reject", world.admin, {"reason": "blurry"})[0] == 200
        assert world.post(f"{path}/approve", world.admin) == (409, {"detail": "document_rejected"})
        assert world.client.delete(path, headers=world.admin.headers).status_code == 200
        assert world.post(f"{path}/approve", world.admin) == (409, {"detail": "document_deleted"})

    def test_success_and_noop(self, world: World) -> None:
        doc = world.upload()
        _approve_ready(world, doc["id"])
        status, body = world.post(f"/documents/{doc['id']}/approve", world.admin)
        assert status == 200
        assert body["approval_status"] == "APPROVED"  # type: ignore[index]
        assert world.post(f"/documents/{doc['id']}/approve", world.admin)[0] == 200
        assert _audit_actions(world.app, doc["id"]).count("UPLOAD_APPROVED") == 1

    def test_non_admin_403(self, world: World) -> None:
        doc = world.upload()
        assert world.post(f"/documents/{doc['id']}/approve", world.owner)[0] == 403


class TestReject:
    def test_final(self, world: World) -> None:
        doc = world.upload()
        status, body = world.post(f"/documents/{doc['id']}/reject", world.admin, {"reason": "unleserlich"})
        assert status == 200
        assert body["approval_status"] == "REJECTED"  # type: ignore[index]
        _approve_ready(world, doc["id"])
        assert world.post(f"/documents/{doc['id']}/approve", world.admin) == (409, {"detail": "document_rejected"})

    def test_without_body_and_non_admin(self, world: World) -> None:
        doc = world.upload()
        assert world.post(f"/documents/{doc['id']}/reject", world.owner)[0] == 403
        assert world.post(f"/documents/{doc['id']}/reject", world.admin)[0] == 200

    def test_reason_too_long(self, world: World) -> None:
        doc = world.upload()
        assert world.post(f"/documents/{doc['id']}/reject", world.admin, {"reason": "x" * 501})[0] == 422


class TestPii:
    def test_owner_marks_never_back_to_ok(self, world: World) -> None:
        doc = world.upload()
        path = f"/documents/{doc['id']}/pii"
        status, body = world.post(path, world.owner, {"pii_status": "CONFIRMED", "note": "Adresse sichtbar"})
        assert status == 200
        assert body["pii_status"] == "CONFIRMED"  # type: ignore[index]
        assert world.post(path, world.owner, {"pii_status": "OK"}) == (409, {"detail": "invalid_transition"})
        assert world.post(path, world.other, {"pii_status": "SUSPECTED"})[0] == 404

    def test_admin_override_audited(self, world: World) -> None:
        doc = world.upload()
        path = f"/documents/{doc['id']}/pii"
        world.post(path, world.owner, {"pii_status": "SUSPECTED"})
        status, body = world.post(path, world.admin, {"pii_status": "OK"})
        assert status == 200
        assert body["pii_status"] == "OK"  # type: ignore[index]
        assert _audit_actions(world.app, doc["id"])[-1] == "DOCUMENT_PII_OVERRIDE"
        _approve_ready(world, doc["id"])
        assert world.post(f"/documents/{doc['id']}/approve", world.admin)[0] == 200


class TestReplaceAndDelete:
    def test_replacement_deletes_the_replaced(self, world: World) -> None:
        old = world.upload(vehicle_id=world.vehicle_id)
        world.post(f"/documents/{old['id']}/pii", world.owner, {"pii_status": "CONFIRMED"})
        response = upload(
            world.client,
            world.owner.headers,
            png_bytes(),
            "clean.png",
            mime="image/png",
            path=f"/documents/{old['id']}/replace",
        )
        assert response.status_code == 200, response.text
        new = response.json()
        assert new["replaces_document_id"] == old["id"]
        assert new["vehicle_id"] == world.vehicle_id
        assert new["pii_status"] == "OK"
        assert world.client.get(f"/documents/{old['id']}", headers=world.owner.headers).status_code == 404
        assert [p.read_bytes() for p in blob_files(world.app)] == [png_bytes()]
        with db_session(world.app) as session:
            row = session.get(Document, uuid.UUID(str(old["id"])))
            assert row is not None
            assert (row.deleted_reason, row.filename, row.storage_key) == ("replaced", None, None)

    def test_stranger_cannot_replace(self, world: World) -> None:
        old = world.upload()
        response = upload(world.client, world.other.headers, clean_pdf(), path=f"/documents/{old['id']}/replace")
        assert response.status_code == 404
        assert len(blob_files(world.app)) == 1

    def test_delete(self, world: World) -> None:
        doc = world.upload()
        assert world.client.delete(f"/documents/{doc['id']}", headers=world.other.headers).status_code == 404
        assert world.client.delete(f"/documents/{doc['id']}", headers=world.owner.headers).status_code == 200
        assert blob_files(world.app) == []
        assert world.client.get(f"/documents/{doc['id']}", headers=world.owner.headers).status_code == 404
        assert world.post(f"/documents/{doc['id']}/pii", world.owner, {"pii_status": "SUSPECTED"})[0] == 409
