"""/consent/* and the consent gate (D4, SPEC §2.4, §3.7)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from syncserver.clock import ManualClock
from syncserver.models import AuditEvent
from tests.syncserver.support import db_session, sign_in


def consents(clock: ManualClock, **override: Any) -> list[dict[str, Any]]:
    at = clock.now().isoformat()
    items = [
        {"doc_type": "terms", "doc_version": "v1", "accepted_at": at, "source": "ui"},
        {"doc_type": "privacy", "doc_version": "v1", "accepted_at": at, "source": "ui"},
    ]
    items[0].update(override)
    return items


class TestCurrentAndStatus:
    def test_current(self, app: FastAPI, client: TestClient) -> None:
        response = client.get("/consent/current", headers=sign_in(app, consent=False).headers)
        assert response.status_code == 200
        assert response.json() == {
            "required": [{"doc_type": "terms", "doc_version": "v1"}, {"doc_type": "privacy", "doc_version": "v1"}]
        }

    def test_versions_are_settings(self, make_app: Callable[..., FastAPI]) -> None:
        app = make_app(consent_terms_version="2031-01", consent_privacy_version="v7")
        with TestClient(app) as client:
            body = client.get("/consent/current", headers=sign_in(app, consent=False).headers).json()
        assert body["required"] == [
            {"doc_type": "terms", "doc_version": "2031-01"},
            {"doc_type": "privacy", "doc_version": "v7"},
        ]

    def test_status_before_and_after(self, app: FastAPI, client: TestClient, clock: ManualClock) -> None:
        account = sign_in(app, consent=False)
        before = client.get("/consent/status", headers=account.headers).json()
        assert before["accepted"] == []
        assert before["is_complete"] is False
        client.post("/consent/accept", json={"consents": consents(clock)}, headers=account.headers)
        after = client.get("/consent/status", headers=account.headers).json()
        assert after["is_complete"] is True
        assert {(a["doc_type"], a["doc_version"], a["source"]) for a in after["accepted"]} == {
            ("terms", "v1", "ui"),
            ("privacy", "v1", "ui"),
        }
        assert all(a["accepted_at"] for a in after["accepted"])

    @pytest.mark.parametrize("path", ["/consent/current", "/consent/status"])
    def test_anonymous_gets_401(self, client: TestClient, path: str) -> None:
        assert client.get(path).status_code == 401


class TestAccept:
    def test_ok_and_idempotent(self, app: FastAPI, client: TestClient, clock: ManualClock) -> None:
        account = sign_in(app, consent=False)
        for _ in range(2):
            response = client.post("/consent/accept", json={"consents": consents(clock)}, headers=account.headers)
            assert (response.status_code, response.json()) == (200, {"ok": True})
        assert len(client.get("/consent/status", headers=account.headers).json()["accepted"]) == 2
        with db_session(app) as session:
            audited = session.scalars(select(AuditEvent).where(AuditEvent.action == "CONSENT_ACCEPTED")).all()
        assert sorted(e.redacted_metadata["doc_type"] for e in audited) == ["privacy", "terms"]

    @pytest.mark.parametrize(
        "override",
        [
            {"doc_version": "v0"},
            {"doc_version": ""},
            {"doc_type": "cookies"},
            {"source": "web"},
            {"accepted_at": "yesterday"},
            {"accepted_at": "2999-01-01T00:00:00Z"},
        ],
    )
    def test_bad_values_are_400(
        self, app: FastAPI, client: TestClient, clock: ManualClock, override: dict[str, str]
    ) -> None:
        account = sign_in(app, consent=False)
        response = client.post(
            "/consent/accept", json={"consents": consents(clock, **override)}, headers=account.headers
        )
        assert (response.status_code, response.json()) == (400, {"detail": "invalid_consent"})
        assert client.get("/consent/status", headers=account.headers).json()["accepted"] == []

    def test_duplicate_type_is_400(self, app: FastAPI, client: TestClient, clock: ManualClock) -> None:
        items = consents(clock)
        items[1] = dict(items[0])
        response = client.post("/consent/accept", json={"consents": items}, headers=sign_in(app, consent=False).headers)
        assert response.status_code == 400

    def test_missing_document_is_400(self, app: FastAPI, client: TestClient, clock: ManualClock) -> None:
        only_terms = consents(clock)[:1]
        headers = sign_in(app, consent=False).headers
        assert client.post("/consent/accept", json={"consents": only_terms}, headers=headers).status_code == 400

    @pytest.mark.parametrize("field", ["doc_type", "doc_version", "accepted_at", "source"])
    def test_missing_field_is_422(self, app: FastAPI, client: TestClient, clock: ManualClock, field: str) -> None:
        items = consents(clock)
        del items[0][field]
        headers = sign_in(app, consent=False).headers
        assert client.post("/consent/accept", json={"consents": items}, headers=headers).status_code == 422

    def test_missing_list_is_422(self, app: FastAPI, client: TestClient) -> None:
        assert client.post("/consent/accept", json={}, headers=sign_in(app, consent=False).headers).status_code == 422


class TestGate:
    def test_product_route_blocked_until_accepted(self, app: FastAPI, client: TestClient, clock: ManualClock) -> None:
        account = sign_in(app, consent=False)
        blocked = client.get("/probe/product", headers=account.headers)
        assert (blocked.status_code, blocked.json()) == (403, {"detail": "consent_required"})
        assert client.get("/api/probe/product", headers=account.headers).status_code == 403
        client.post("/consent/accept", json={"consents": consents(clock)}, headers=account.headers)
        assert client.get("/probe/product", headers=account.headers).status_code == 200

    def test_block_is_audited(self, app: FastAPI, client: TestClient) -> None:
        account = sign_in(app, consent=False)
        client.get("/probe/product", headers=account.headers)
        with db_session(app) as session:
            event = session.scalars(select(AuditEvent).where(AuditEvent.action == "CONSENT_REQUIRED_BLOCK")).one()
        assert event.result == "denied"
        assert event.reason_code == "CONSENT_MISSING"
        assert event.actor_id == account.user_id
        assert event.redacted_metadata["route"] == "/probe/product"

    def test_auth_and_consent_routes_stay_reachable(self, app: FastAPI, client: TestClient) -> None:
        account = sign_in(app, consent=False)
        assert client.get("/auth/me", headers=account.headers).status_code == 200
        assert client.get("/consent/status", headers=account.headers).status_code == 200

    def test_version_bump_blocks_until_reaccepted(
        self, app: FastAPI, make_app: Callable[..., FastAPI], clock: ManualClock
    ) -> None:
        account = sign_in(app)
        with TestClient(app) as client:
            assert client.get("/probe/product", headers=account.headers).status_code == 200
        bumped = make_app(consent_terms_version="v2")
        with TestClient(bumped) as client:
            response = client.get("/probe/product", headers=account.headers)
            assert (response.status_code, response.json()) == (403, {"detail": "consent_required"})
            assert client.get("/consent/status", headers=account.headers).json()["is_complete"] is False
            old = client.post("/consent/accept", json={"consents": consents(clock)}, headers=account.headers)
            assert old.status_code == 400
            new = consents(clock, doc_version="v2")
            assert client.post("/consent/accept", json={"consents": new}, headers=account.headers).status_code == 200
            assert client.get("/probe/product", headers=account.headers).status_code == 200
