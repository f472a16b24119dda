"""GET /public/qr/{token} (API_CONTRACT "Public"; SPEC §8; D20, D21) on SQLite and PostgreSQL.

The /blog and /news rows of the public table belong to the CMS issue and are not tested here.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from shared.public_page import PUBLIC_DISCLAIMER, PUBLIC_PAGE_KEYS
from shared.roles import Role
from syncserver.clock import ManualClock
from syncserver.config import Settings
from syncserver.models.audit import AuditEvent
from syncserver.models.governance import Membership, Organisation
from syncserver.public.service import public_qr_rate
from tests.syncserver.support import SignedIn, db_session, sign_in

VIN = "WVWZZZ1JZXW123456"
HTML_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"
UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)


def create_vehicle(client: TestClient, owner: SignedIn, **fields: Any) -> dict[str, Any]:
    body = {"vin": VIN, "make": "Volkswagen", "model": "Golf", "year": 2019, "engine": "Benzin", **fields}
    response = client.post("/vehicles", json={"vehicle_class": "alltag", **body}, headers=owner.headers)
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    assert data["public_token"]
    return data


@pytest.fixture
def owner(app: FastAPI) -> SignedIn:
    return sign_in(app, role=Role.USER)


@pytest.fixture
def vehicle(client: TestClient, owner: SignedIn) -> dict[str, Any]:
    return create_vehicle(client, owner)


def audit_actions(app: FastAPI, vehicle_id: str) -> list[str]:
    with db_session(app) as session:
        rows = session.scalars(
            select(AuditEvent).where(AuditEvent.target_id == vehicle_id).order_by(AuditEvent.created_at)
        ).all()
        return [row.action for row in rows if row.action.startswith("PUBLIC_SHARE")]


class TestPublicJson:
    def test_exactly_the_contract_keys(self, client: TestClient, vehicle: dict[str, Any]) -> None:
        response = client.get(f"/public/qr/{vehicle['public_token']}")
        assert response.status_code == 200
        body = response.json()
        assert tuple(body) == PUBLIC_PAGE_KEYS
        assert body["disclaimer"] == PUBLIC_DISCLAIMER
        assert body["vin_masked"] == "WVW***3456"
        assert (body["make"], body["model"], body["year"], body["engine"]) == ("Volkswagen", "Golf", 2019, "Benzin")
        assert body["vehicle_class"] == "alltag"
        assert body["trust_light"] in {"rot", "orange", "gelb", "gruen"}
        assert not re.search(r"\d", body["hint"])

    def test_nothing_of_spec_8_3(self, client: TestClient, owner: SignedIn, vehicle: dict[str, Any]) -> None:
        text = client.get(f"/public/qr/{vehicle['public_token']}").text
        assert VIN not in text
        assert "@" not in text
        assert owner.email not in text
        assert not UUID_RE.search(text)
        for word in ("reason_codes", "todo_codes", "top_trust_level", "owner", "document", "vin_hmac", "created_at"):
            assert word not in text

    def test_api_prefix_and_signed_in_user(self, client: TestClient, app: FastAPI, vehicle: dict[str, Any]) -> None:
        other = sign_in(app, role=Role.DEALER)
        assert client.get(f"/api/public/qr/{vehicle['public_token']}").status_code == 200
        assert client.get(f"/public/qr/{vehicle['public_token']}", headers=other.headers).status_code == 200

    def test_unknown_token_is_404(self, client: TestClient) -> None:
        for token in ("unknown", "A" * 43, "x" * 300, "%3Cscript%3E"):
            response = client.get(f"/public/qr/{token}")
            assert response.status_code == 404
            assert response.json() == {"detail": "not_found"}

    def test_stored_summary_is_served_fresh(self, client: TestClient, owner: SignedIn, vehicle: dict[str, Any]) -> None:
        url = f"/public/qr/{vehicle['public_token']}"
        assert client.get(url).json()["accident_status"] == "unbekannt"
        patch = client.patch(
            f"/vehicles/{vehicle['id']}", json={"meta": {"accident_status": "unfallfrei"}}, headers=owner.headers
        )
        assert patch.status_code == 200, patch.text
        body = client.get(url).json()
        assert (body["accident_status"], body["accident_status_label"]) == ("unfallfrei", "Unfallfrei")

    def test_deleted_vehicle_is_404(self, client: TestClient, owner: SignedIn, vehicle: dict[str, Any]) -> None:
        assert client.delete(f"/vehicles/{vehicle['id']}", headers=owner.headers).status_code in (200, 204)
        assert client.get(f"/public/qr/{vehicle['public_token']}").status_code == 404


class TestPublicHtml:
    def test_page_for_browsers(self, client: TestClient, owner: SignedIn, vehicle: dict[str, Any]) -> None:
        response = client.get(f"/public/qr/{vehicle['public_token']}", headers={"Accept": HTML_ACCEPT})
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/html")
        html = response.text
        json_body = client.get(f"/public/qr/{vehicle['public_token']}").json()
        assert '<html lang="de">' in html
        assert f"„{PUBLIC_DISCLAIMER}“" in html
        assert json_body["hint"] in html
        assert "WVW***3456" in html
        assert VIN not in html
        assert "Volkswagen" in html
        assert "Golf" in html
        assert "2019" in html
        assert "Benzin" in html
        assert json_body["accident_status_label"] in html
        assert f"light-{json_body['trust_light']}" in html
        assert "<script" not in html.lower()
        assert not re.search(r"<[^>]+\son\w+=", html)
        assert "@" not in html
        assert not UUID_RE.search(html)
        assert vehicle["public_token"] not in html

    def test_security_headers(self, client: TestClient, vehicle: dict[str, Any]) -> None:
        for accept in (HTML_ACCEPT, "application/json"):
            response = client.get(f"/public/qr/{vehicle['public_token']}", headers={"Accept": accept})
            csp = response.headers["content-security-policy"]
            assert "default-src 'none'" in csp
            assert "style-src 'sha256-" in csp
            assert "script-src" not in csp
            assert response.headers["x-content-type-options"] == "nosniff"
            assert response.headers["referrer-policy"] == "no-referrer"
            assert response.headers["cache-control"] == "no-store"
            assert "accept" in response.headers["vary"].lower()

    @pytest.mark.parametrize(
        ("accept", "html"),
        [
            (HTML_ACCEPT, True),
            ("text/html", True),
            ("application/json", False),
            ("*/*", False),
            (None, False),
            ("application/json, text/html;q=0.5", False),
            ("text/html;q=0.9, application/json;q=0.8", True),
            ("text/*", True),
            ("text/html;q=0", False),
        ],
    )
    def test_negotiation(self, client: TestClient, vehicle: dict[str, Any], accept: str | None, html: bool) -> None:
        headers = {"Accept": accept} if accept is not None else {"Accept": ""}
        response = client.get(f"/public/qr/{vehicle['public_token']}", headers=headers)
        assert response.headers["content-type"].startswith("text/html" if html else "application/json")

    def test_html_is_escaped(self, client: TestClient, app: FastAPI) -> None:
        owner = sign_in(app)
        vehicle = create_vehicle(client, owner, make="<b>Evil</b>", model='Golf "GTI" & Co', engine="<i>")
        html = client.get(f"/public/qr/{vehicle['public_token']}", headers={"Accept": HTML_ACCEPT}).text
        assert "<b>Evil</b>" not in html
        assert "&lt;b&gt;Evil&lt;/b&gt;" in html
        assert "Golf &quot;GTI&quot; &amp; Co" in html
        assert "<i>" not in html

    def test_neutral_404_page_is_identical(self, client: TestClient, owner: SignedIn, app: FastAPI) -> None:
        vehicle = create_vehicle(client, owner)
        old = vehicle["public_token"]
        rotated = client.post(f"/vehicles/{vehicle['id']}/public-token/rotate", headers=owner.headers).json()
        client.post(f"/vehicles/{vehicle['id']}/public-token/disable", headers=owner.headers)
        pages = []
        for token in ("never-issued-token", old, rotated["public_token"]):
            response = client.get(f"/public/qr/{token}", headers={"Accept": HTML_ACCEPT})
            assert response.status_code == 404
            assert response.headers["content-security-policy"].startswith("default-src 'none'")
            pages.append(response.text)
        assert pages[0] == pages[1] == pages[2]
        assert "nicht verfügbar" in pages[0]
        assert "Volkswagen" not in pages[0]


class TestPublicAccess:
    def test_moderator_gets_403(self, client: TestClient, app: FastAPI, vehicle: dict[str, Any]) -> None:
        moderator = sign_in(app, role=Role.MODERATOR)
        response = client.get(f"/public/qr/{vehicle['public_token']}", headers=moderator.headers)
        assert response.status_code == 403
        assert response.json() == {"detail": "role_not_allowed"}

    def test_bad_bearer_is_anonymous(self, client: TestClient, vehicle: dict[str, Any]) -> None:
        response = client.get(f"/public/qr/{vehicle['public_token']}", headers={"Authorization": "Bearer nope"})
        assert response.status_code == 200

    def test_no_consent_needed(self, client: TestClient, app: FastAPI, vehicle: dict[str, Any]) -> None:
        fresh = sign_in(app, consent=False)
        assert client.get(f"/public/qr/{vehicle['public_token']}", headers=fresh.headers).status_code == 200


class TestPublicRateLimit:
    def test_per_ip_limit(self, client: TestClient, settings: Settings, clock: ManualClock) -> None:
        limit = public_qr_rate(settings)
        for _ in range(limit.count):
            assert client.get("/public/qr/some-token").status_code == 404
        response = client.get("/public/qr/some-token")
        assert response.status_code == 429
        assert response.json() == {"detail": "rate_limited"}
        assert int(response.headers["retry-after"]) == limit.seconds
        assert response.headers["cache-control"] == "no-store"
        page = client.get("/public/qr/some-token", headers={"Accept": HTML_ACCEPT})
        assert page.status_code == 429
        assert "Zu viele Anfragen" in page.text
        clock.advance(seconds=2 * limit.seconds + 1)
        assert client.get("/public/qr/some-token").status_code == 404


class TestTokenManagement:
    def test_rotate(self, client: TestClient, app: FastAPI, owner: SignedIn, vehicle: dict[str, Any]) -> None:
        old = vehicle["public_token"]
        response = client.post(f"/vehicles/{vehicle['id']}/public-token/rotate", headers=owner.headers)
        assert response.status_code == 200
        body = response.json()
        assert set(body) == {"vehicle_id", "enabled", "rotated_at", "public_token", "public_path"}
        new = body["public_token"]
        assert body["enabled"] is True
        assert new != old
        assert body["public_path"] == f"/public/qr/{new}"
        assert len(new) >= 22
        assert re.fullmatch(r"[A-Za-z0-9_-]+", new)
        assert client.get(f"/public/qr/{old}").status_code == 404
        assert client.get(f"/public/qr/{new}").status_code == 200
        assert audit_actions(app, vehicle["id"]) == ["PUBLIC_SHARE_ROTATED"]
        status = client.get(f"/vehicles/{vehicle['id']}/public-token", headers=owner.headers).json()
        assert status["public_token"] == new
        assert status["enabled"] is True

    def test_disable_and_enable(
        self, client: TestClient, app: FastAPI, owner: SignedIn, vehicle: dict[str, Any]
    ) -> None:
        base = f"/vehicles/{vehicle['id']}/public-token"
        disabled = client.post(f"{base}/disable", headers=owner.headers)
        assert disabled.status_code == 200
        assert disabled.json()["enabled"] is False
        assert disabled.json()["public_token"] is None
        assert client.get(f"/public/qr/{vehicle['public_token']}").status_code == 404
        assert client.post(f"{base}/disable", headers=owner.headers).status_code == 200  # idempotent
        assert client.get(base, headers=owner.headers).json()["enabled"] is False
        enabled = client.post(f"{base}/rotate", headers=owner.headers).json()
        assert client.get(f"/public/qr/{enabled['public_token']}").status_code == 200
        assert client.get(f"/public/qr/{vehicle['public_token']}").status_code == 404
        assert audit_actions(app, vehicle["id"]) == ["PUBLIC_SHARE_DISABLED", "PUBLIC_SHARE_ENABLED"]

    @pytest.mark.parametrize("action", ["rotate", "disable", None])
    def test_object_and_role_checks(
        self, client: TestClient, app: FastAPI, owner: SignedIn, vehicle: dict[str, Any], action: str | None
    ) -> None:
        url = f"/vehicles/{vehicle['id']}/public-token" + (f"/{action}" if action else "")
        call = client.post if action else client.get
        stranger = sign_in(app, role=Role.VIP)
        assert call(url, headers=stranger.headers).json() == {"detail": "not_found"}
        assert call(url, headers=stranger.headers).status_code == 404
        moderator = sign_in(app, role=Role.MODERATOR)
        response = call(url, headers=moderator.headers)
        assert (response.status_code, response.json()) == (403, {"detail": "role_not_allowed"})
        assert call(url).status_code == 401
        no_consent = sign_in(app, consent=False)
        assert call(url, headers=no_consent.headers).json() == {"detail": "consent_required"}
        unknown = f"/vehicles/{uuid.uuid4()}/public-token" + (f"/{action}" if action else "")
        assert call(unknown, headers=owner.headers).status_code == 404
        admin = sign_in(app, role=Role.ADMIN)
        assert call(url, headers=admin.headers).status_code == 200
        assert client.get(f"/public/qr/{vehicle['public_token']}").status_code == (200 if action is None else 404)

    def test_approved_org_member(self, client: TestClient, app: FastAPI) -> None:
        boss, member, applicant = sign_in(app), sign_in(app), sign_in(app)
        now = app.state.ctx.clock.now()
        org_id = uuid.uuid4()
        with db_session(app) as session:
            session.add(
                Organisation(
                    id=org_id, kind="fleet", name="Flotte", owner_user_id=boss.user_id, created_at=now, updated_at=now
                )
            )
            session.flush()
            for user, status in ((boss, "approved"), (member, "approved"), (applicant, "requested")):
                session.add(
                    Membership(org_id=org_id, user_id=user.user_id, status=status, created_at=now, updated_at=now)
                )
        vehicle = create_vehicle(client, boss, org_id=str(org_id))
        base = f"/vehicles/{vehicle['id']}/public-token"
        assert client.post(f"{base}/rotate", headers=applicant.headers).status_code == 404
        rotated = client.post(f"{base}/rotate", headers=member.headers)
        assert rotated.status_code == 200
        assert client.get(f"/public/qr/{rotated.json()['public_token']}").status_code == 200
        assert audit_actions(app, vehicle["id"]) == ["PUBLIC_SHARE_ROTATED"]
