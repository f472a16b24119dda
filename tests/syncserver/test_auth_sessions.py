"""/auth/login, /auth/refresh, /auth/logout, /auth/me, /auth/password (D1, D3)."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from shared.roles import Role
from syncserver.clock import ManualClock
from syncserver.models import AuditEvent, AuthSession, AuthToken
from tests.syncserver.support import ALL_ACCOUNT_ROLES, PASSWORD, create_user, db_session, sign_in

EMAIL = "owner@example.org"


def login(client: TestClient, email: str = EMAIL, password: str = PASSWORD, **extra: object):  # type: ignore[no-untyped-def]
    return client.post("/auth/login", json={"email": email, "password": password, **extra})


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


class TestLogin:
    def test_success(self, app: FastAPI, client: TestClient) -> None:
        create_user(app, EMAIL, password=PASSWORD)
        response = login(client)
        assert response.status_code == 200
        body = response.json()
        assert set(body) >= {"access_token", "token_type", "expires_at", "refresh_token"}
        assert client.get("/auth/me", headers=bearer(body["access_token"])).status_code == 200

    def test_tokens_are_random_and_stored_hashed(self, app: FastAPI, client: TestClient) -> None:
        create_user(app, EMAIL, password=PASSWORD)
        body = login(client).json()
        assert len(body["access_token"]) >= 43
        assert body["access_token"] != login(client).json()["access_token"]
        with db_session(app) as session:
            hashes = session.scalars(select(AuthToken.token_hash)).all()
        assert body["access_token"] not in hashes
        assert body["refresh_token"] not in hashes

    def test_wrong_password_and_unknown_address_look_the_same(self, app: FastAPI, client: TestClient) -> None:
        create_user(app, EMAIL, password=PASSWORD)
        wrong = login(client, password="not the password")
        unknown = login(client, email="ghost@example.org")
        assert wrong.status_code == unknown.status_code == 401
        assert wrong.content == unknown.content == b'{"detail":"invalid_credentials"}'

    def test_account_without_password(self, app: FastAPI, client: TestClient) -> None:
        create_user(app, EMAIL)
        assert login(client).json() == {"detail": "invalid_credentials"}

    def test_failures_are_audited_without_the_address(self, app: FastAPI, client: TestClient) -> None:
        login(client)
        with db_session(app) as session:
            event = session.scalars(select(AuditEvent).where(AuditEvent.action == "AUTH_LOGIN_FAILED")).one()
        assert event.result == "denied"
        assert event.reason_code == "INVALID_CREDENTIALS"
        assert EMAIL not in str(event.redacted_metadata)
        assert len(event.redacted_metadata["email_hmac"]) == 64

    def test_rate_limited_per_address(self, app: FastAPI, client: TestClient) -> None:
        create_user(app, EMAIL, password=PASSWORD)
        answers = [login(client, password="wrong password") for _ in range(11)]
        assert answers[-1].status_code == 429
        assert answers[-1].json() == {"detail": "rate_limited"}
        assert login(client).status_code == 429

    def test_missing_field_is_422(self, client: TestClient) -> None:
        assert client.post("/auth/login", json={"email": EMAIL}).status_code == 422


class TestMe:
    @pytest.mark.parametrize("role", ALL_ACCOUNT_ROLES)
    def test_every_role(self, app: FastAPI, client: TestClient, role: Role) -> None:
        account = sign_in(app, role=role, consent=False)
        response = client.get("/auth/me", headers=account.headers)
        assert response.status_code == 200
        assert response.json()["role"] == role.value
        assert response.json()["user_id"] == str(account.user_id)

    @pytest.mark.parametrize("header", ["", "Bearer", "Bearer nonsense", "Basic abc", "Bearer " + "x" * 300])
    def test_bad_credentials(self, client: TestClient, header: str) -> None:
        response = client.get("/auth/me", headers={"Authorization": header} if header else {})
        assert (response.status_code, response.json()) == (401, {"detail": "unauthorized"})

    def test_access_token_expires_after_an_hour(self, app: FastAPI, client: TestClient, clock: ManualClock) -> None:
        account = sign_in(app)
        clock.advance(minutes=59)
        assert client.get("/auth/me", headers=account.headers).status_code == 200
        clock.advance(minutes=1)
        assert client.get("/auth/me", headers=account.headers).status_code == 401


class TestRefresh:
    def test_rotates(self, app: FastAPI, client: TestClient) -> None:
        account = sign_in(app)
        response = client.post("/auth/refresh", json={"refresh_token": account.refresh_token})
        assert response.status_code == 200
        fresh = response.json()
        assert fresh["refresh_token"] != account.refresh_token
        assert client.get("/auth/me", headers=bearer(fresh["access_token"])).status_code == 200
        assert client.get("/auth/me", headers=account.headers).status_code == 401  # superseded access token

    def test_reuse_of_a_spent_token_revokes_the_family(self, app: FastAPI, client: TestClient) -> None:
        account = sign_in(app)
        fresh = client.post("/auth/refresh", json={"refresh_token": account.refresh_token}).json()
        reuse = client.post("/auth/refresh", json={"refresh_token": account.refresh_token})
        assert (reuse.status_code, reuse.json()) == (401, {"detail": "unauthorized"})
        assert client.get("/auth/me", headers=bearer(fresh["access_token"])).status_code == 401
        assert client.post("/auth/refresh", json={"refresh_token": fresh["refresh_token"]}).status_code == 401
        with db_session(app) as session:
            family = session.scalars(select(AuthSession)).one()
            reasons = session.scalars(select(AuditEvent.reason_code).where(AuditEvent.result == "denied")).all()
        assert family.revoked_reason == "refresh_reuse"
        assert "TOKEN_REUSE" in reasons

    def test_reuse_does_not_touch_other_sessions(self, app: FastAPI, client: TestClient) -> None:
        create_user(app, EMAIL, password=PASSWORD)
        first, second = login(client).json(), login(client).json()
        client.post("/auth/refresh", json={"refresh_token": first["refresh_token"]})
        client.post("/auth/refresh", json={"refresh_token": first["refresh_token"]})
        assert client.get("/auth/me", headers=bearer(second["access_token"])).status_code == 200

    def test_unknown_token(self, client: TestClient) -> None:
        response = client.post("/auth/refresh", json={"refresh_token": "x" * 43})
        assert (response.status_code, response.json()) == (401, {"detail": "unauthorized"})

    def test_access_token_is_not_a_refresh_token(self, app: FastAPI, client: TestClient) -> None:
        account = sign_in(app)
        assert client.post("/auth/refresh", json={"refresh_token": account.access_token}).status_code == 401

    def test_refresh_token_expires_after_30_days(self, app: FastAPI, client: TestClient, clock: ManualClock) -> None:
        account = sign_in(app)
        clock.advance(days=30)
        assert client.post("/auth/refresh", json={"refresh_token": account.refresh_token}).status_code == 401

    def test_missing_field_is_422(self, client: TestClient) -> None:
        assert client.post("/auth/refresh", json={}).status_code == 422


class TestLogout:
    def test_token_then_gives_401(self, app: FastAPI, client: TestClient) -> None:
        account = sign_in(app)
        response = client.post("/auth/logout", headers=account.headers)
        assert (response.status_code, response.json()) == (200, {"ok": True})
        assert client.get("/auth/me", headers=account.headers).status_code == 401
        assert client.post("/auth/refresh", json={"refresh_token": account.refresh_token}).status_code == 401

    def test_needs_a_session(self, client: TestClient) -> None:
        assert client.post("/auth/logout").status_code == 401


class TestPassword:
    def test_set_then_login(self, app: FastAPI, client: TestClient) -> None:
        account = sign_in(app, password=None)
        assert client.post(
            "/auth/password", json={"password": "a brand new secret"}, headers=account.headers
        ).json() == {"ok": True}
        assert login(client, account.email, "a brand new secret").status_code == 200

    @pytest.mark.parametrize("password", ["short", "123456789", "PASTE-EMAIL", "PASTE-LOCAL"])
    def test_weak(self, app: FastAPI, client: TestClient, password: str) -> None:
        account = sign_in(app, email="longlocalpart@example.org")
        password = {"PASTE-EMAIL": "LongLocalPart@example.org", "PASTE-LOCAL": "longlocalpart"}.get(password, password)
        response = client.post("/auth/password", json={"password": password}, headers=account.headers)
        assert (response.status_code, response.json()) == (400, {"detail": "weak_password"})

    def test_change_revokes_other_sessions(self, app: FastAPI, client: TestClient) -> None:
        create_user(app, EMAIL, password=PASSWORD)
        first, second = login(client).json(), login(client).json()
        client.post("/auth/password", json={"password": "another long secret"}, headers=bearer(first["access_token"]))
        assert client.get("/auth/me", headers=bearer(first["access_token"])).status_code == 200
        assert client.get("/auth/me", headers=bearer(second["access_token"])).status_code == 401
        assert login(client).status_code == 401

    def test_needs_a_session(self, client: TestClient) -> None:
        assert client.post("/auth/password", json={"password": "long enough secret"}).status_code == 401

    def test_missing_field_is_422(self, app: FastAPI, client: TestClient) -> None:
        assert client.post("/auth/password", json={}, headers=sign_in(app).headers).status_code == 422
