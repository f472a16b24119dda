"""POST /admin/documents/bulk-review, GET /admin/addons and GET /admin/orgs on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from shared.roles import Role
from syncserver.models.audit import AuditEvent
from tests.syncserver.intake_support import clean_pdf, upload
from tests.syncserver.support import SignedIn, db_session, sign_in


@dataclass
class World:
    app: FastAPI
    client: TestClient
    owner: SignedIn
    admin: SignedIn

    def upload(self) -> str:
        response = upload(self.client, self.owner.headers, clean_pdf())
        assert response.status_code == 200, response.text
        return str(response.json()["id"])

    def clean(self, document_id: str) -> None:
        response = self.client.post(
            f"/documents/{document_id}/scan", headers=self.admin.headers, json={"scan_status": "CLEAN"}
        )
        assert response.status_code == 200, response.text

    def bulk(self, who: SignedIn, body: dict[str, object]) -> tuple[int, dict[str, object]]:
        response = self.client.post("/admin/documents/bulk-review", headers=who.headers, json=body)
        return response.status_code, response.json()

    def status_of(self, document_id: str, who: SignedIn | None = None) -> dict[str, object]:
        response = self.client.get(f"/documents/{document_id}", headers=(who or self.admin).headers)
        assert response.status_code == 200, response.text
        body: dict[str, object] = response.json()
        return body


@pytest.fixture
def world(make_app: Callable[..., FastAPI]) -> Iterator[World]:
    app = make_app(worker_in_process=False)
    with TestClient(app) as client:
        yield World(app, client, sign_in(app, role=Role.USER), sign_in(app, role=Role.ADMIN))


def actions_for(app: FastAPI, document_id: str) -> list[str]:
    with db_session(app) as session:
        rows = session.scalars(select(AuditEvent).where(AuditEvent.target_id == document_id)).all()
        return [row.action for row in rows]


class TestBulkReview:
    def test_approve_reports_each_document_and_keeps_going(self, world: World) -> None:
        ready, pending, rejected = world.upload(), world.upload(), world.upload()
        world.clean(ready)
        assert world.bulk(world.admin, {"action": "reject", "document_ids": [rejected]})[0] == 200
        status, body = world.bulk(world.admin, {"action": "approve", "document_ids": [ready, pending, rejected]})
        assert status == 200
        assert (body["action"], body["succeeded"], body["failed"]) == ("approve", 1, 2)
        assert [(r["document_id"], r["ok"], r["code"]) for r in body["results"]] == [  # type: ignore[union-attr]
            (ready, True, None),
            (pending, False, "not_scanned_clean"),
            (rejected, False, "document_rejected"),
        ]
        assert world.status_of(ready)["approval_status"] == "APPROVED"
        assert world.status_of(pending)["approval_status"] == "QUARANTINED"
        assert "UPLOAD_APPROVED" in actions_for(world.app, ready)
        assert "UPLOAD_APPROVED" not in actions_for(world.app, pending)

    def test_reject_with_reason_reaches_the_owner(self, world: World) -> None:
        first, second = world.upload(), world.upload()
        status, body = world.bulk(
            world.admin, {"action": "reject", "document_ids": [first, second], "reason": "unleserlich"}
        )
        assert (status, body["succeeded"]) == (200, 2)
        for document_id in (first, second):
            seen = world.status_of(document_id, world.owner)
            assert (seen["approval_status"], seen["reject_reason"]) == ("REJECTED", "unleserlich")

    def test_duplicates_are_handled_once_and_unknown_ids_fail(self, world: World) -> None:
        doc = world.upload()
        unknown = str(uuid.uuid4())
        _, body = world.bulk(world.admin, {"action": "reject", "document_ids": [doc, doc, unknown]})
        assert [(r["ok"], r["code"]) for r in body["results"]] == [(True, None), (False, "not_found")]  # type: ignore[union-attr]

    def test_pii_finding_blocks_approval(self, world: World) -> None:
        doc = world.upload()
        world.clean(doc)
        response = world.client.post(
            f"/documents/{doc}/pii", headers=world.admin.headers, json={"pii_status": "SUSPECTED", "note": "iban"}
        )
        assert response.status_code == 200
        _, body = world.bulk(world.admin, {"action": "approve", "document_ids": [doc]})
        assert body["results"][0]["code"] == "pii_not_cleared"  # type: ignore[index]

    @pytest.mark.parametrize("ids", [[], [str(uuid.uuid4()) for _ in range(101)]])
    def test_size_limits(self, world: World, ids: list[str]) -> None:
        assert world.bulk(world.admin, {"action": "approve", "document_ids": ids})[0] == 422

    def test_owner_cannot_use_it(self, world: World) -> None:
        doc = world.upload()
        assert world.bulk(world.owner, {"action": "approve", "document_ids": [doc]}) == (403, {"detail": "forbidden"})

    def test_admin_without_second_factor(self, world: World) -> None:
        admin = sign_in(world.app, role=Role.ADMIN, totp=False)
        doc = world.upload()
        assert world.bulk(admin, {"action": "approve", "document_ids": [doc]}) == (403, {"detail": "totp_required"})


class TestAddonList:
    def test_defaults_then_configured(self, app: FastAPI, client: TestClient) -> None:
        admin = sign_in(app, role=Role.ADMIN)
        before = {row["addon_key"]: row for row in client.get("/admin/addons", headers=admin.headers).json()}
        assert set(before) == {"unfall", "oldtimer", "restauration"}
        assert before["oldtimer"]["configured"] is False
        assert (before["oldtimer"]["allow_new"], before["oldtimer"]["requires_payment"]) == (False, True)
        body = {"allow_new": True, "requires_payment": False, "admin_only": True}
        assert client.post("/addons/config/oldtimer", headers=admin.headers, json=body).status_code == 200
        after = {row["addon_key"]: row for row in client.get("/admin/addons", headers=admin.headers).json()}
        row = after["oldtimer"]
        assert (row["configured"], row["allow_new"], row["requires_payment"], row["admin_only"]) == (
            True,
            True,
            False,
            True,
        )

    def test_members_forbidden(self, app: FastAPI, client: TestClient) -> None:
        user = sign_in(app, role=Role.VIP)
        assert client.get("/admin/addons", headers=user.headers).status_code == 403


class TestOrgList:
    def test_all_orgs_with_open_requests(self, app: FastAPI, client: TestClient) -> None:
        admin = sign_in(app, role=Role.ADMIN)
        owner, joiner = sign_in(app, role=Role.DEALER), sign_in(app, role=Role.USER)
        org = client.post("/orgs", headers=owner.headers, json={"kind": "workshop", "name": "Werkstatt Nord"}).json()
        assert client.post(f"/orgs/{org['id']}/membership", headers=joiner.headers).status_code == 200
        rows = client.get("/admin/orgs", headers=admin.headers).json()
        [row] = [r for r in rows if r["id"] == org["id"]]
        assert (row["name"], row["kind"], row["pending_requests"], row["owner_user_id"]) == (
            "Werkstatt Nord",
            "workshop",
            1,
            str(owner.user_id),
        )
        approve = client.post(f"/admin/orgs/{org['id']}/members/{joiner.user_id}/approve", headers=admin.headers)
        assert approve.status_code == 200
        [row] = [r for r in client.get("/admin/orgs", headers=admin.headers).json() if r["id"] == org["id"]]
        assert row["pending_requests"] == 0

    def test_members_forbidden(self, app: FastAPI, client: TestClient) -> None:
        user = sign_in(app, role=Role.USER)
        assert client.get("/admin/orgs", headers=user.headers).status_code == 403
