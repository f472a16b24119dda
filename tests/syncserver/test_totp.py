"""TOTP enrolment, confirmation, backup codes and admin second-factor rules (D2, D3)."""

from __future__ import annotations

from datetime import timedelta

import pyotp
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from shared.roles import Role
from syncserver.clock import ManualClock
from tests.syncserver.support import PASSWORD, enable_totp, sign_in, totp_code


def login(client: TestClient, email: str, **extra: object):  # type: ignore[no-untyped-def]
    return client.post("/auth/login", json={"email": email, "password": PASSWORD, **extra})


class TestEnrolAndConfirm:
    def test_flow(self, app: FastAPI, client: TestClient) -> None:
        account = sign_in(app, role=Role.ADMIN, totp=False)
        enrol = client.post("/auth/totp/enroll", headers=account.headers)
        assert enrol.status_code == 200
        uri = enrol.json()["otpauth_uri"]
        assert uri.startswith("otpauth://totp/")
        secret = pyotp.parse_uri(uri).secret
        confirm = client.post("/auth/totp/confirm", json={"code": totp_code(secret, app)}, headers=account.headers)
        assert confirm.status_code == 200
        codes = confirm.json()["backup_codes"]
        assert len(codes) == 10
        assert len(set(codes)) == 10
        me = client.get("/auth/me", headers=account.headers).json()
        assert me["totp_enabled"] is True
        assert me["second_factor"] is True
        assert client.get("/probe/admin", headers=account.headers).status_code == 200

    def test_confirm_with_wrong_code(self, app: FastAPI, client: TestClient) -> None:
        account = sign_in(app, totp=False)
        secret = pyotp.parse_uri(client.post("/auth/totp/enroll", headers=account.headers).json()["otpauth_uri"]).secret
        wrong = f"{(int(totp_code(secret, app)) + 1) % 1_000_000:06d}"
        response = client.post("/auth/totp/confirm", json={"code": wrong}, headers=account.headers)
        assert (response.status_code, response.json()) == (400, {"detail": "INVALID"})

    def test_confirm_without_enrolment(self, app: FastAPI, client: TestClient) -> None:
        response = client.post("/auth/totp/confirm", json={"code": "123456"}, headers=sign_in(app).headers)
        assert (response.status_code, response.json()) == (400, {"detail": "totp_not_enrolled"})

    def test_enrol_when_already_enabled(self, app: FastAPI, client: TestClient) -> None:
        account = sign_in(app, role=Role.ADMIN)
        response = client.post("/auth/totp/enroll", headers=account.headers)
        assert (response.status_code, response.json()) == (409, {"detail": "totp_already_enabled"})

    def test_missing_code_is_422(self, app: FastAPI, client: TestClient) -> None:
        assert client.post("/auth/totp/confirm", json={}, headers=sign_in(app).headers).status_code == 422

    @pytest.mark.parametrize("path", ["/auth/totp/enroll", "/auth/totp/confirm"])
    def test_anonymous(self, client: TestClient, path: str) -> None:
        assert client.post(path, json={"code": "123456"}).status_code == 401


class TestLoginWithTotp:
    def test_password_login_needs_totp(self, app: FastAPI, client: TestClient) -> None:
        account = sign_in(app, role=Role.ADMIN, password=PASSWORD)
        missing = login(client, account.email)
        assert (missing.status_code, missing.json()) == (401, {"detail": "totp_required"})
        wrong = login(
            client, account.email, totp="000000" if totp_code(account.totp_secret or "", app) != "000000" else "111111"
        )
        assert wrong.status_code == 401
        assert login(client, account.email, totp=totp_code(account.totp_secret or "", app, 1)).status_code == 200

    def test_code_cannot_be_replayed(self, app: FastAPI, client: TestClient, clock: ManualClock) -> None:
        account = sign_in(app, role=Role.ADMIN, password=PASSWORD)
        clock.advance(seconds=90)
        code = totp_code(account.totp_secret or "", app)
        assert login(client, account.email, totp=code).status_code == 200
        assert login(client, account.email, totp=code).json() == {"detail": "totp_required"}

    def test_backup_code_works_once(self, app: FastAPI, client: TestClient) -> None:
        account = sign_in(app, role=Role.SUPERADMIN, password=PASSWORD)
        code = account.backup_codes[0]
        assert login(client, account.email, totp=code.upper()).status_code == 200
        assert login(client, account.email, totp=code).status_code == 401

    def test_email_code_login_needs_totp(self, make_app, mailbox, clock: ManualClock) -> None:  # type: ignore[no-untyped-def]
        app = make_app()
        account = sign_in(app, role=Role.ADMIN)
        with TestClient(app) as client:
            challenge = client.post("/auth/request", json={"email": account.email}).json()["challenge_id"]
            otp = mailbox.last_code(account.email)
            body = {"email": account.email, "challenge_id": challenge, "otp": otp}
            assert client.post("/auth/verify", json=body).json() == {"detail": "totp_required"}
            clock.advance(seconds=31)
            ok = client.post("/auth/verify", json={**body, "totp": totp_code(account.totp_secret or "", app)})
            assert ok.status_code == 200
            headers = {"Authorization": f"Bearer {ok.json()['access_token']}"}
            assert client.get("/probe/admin", headers=headers).status_code == 200


class TestAdminSessions:
    def test_admin_without_second_factor_gets_totp_required(self, app: FastAPI, client: TestClient) -> None:
        account = sign_in(app, role=Role.ADMIN, totp=False)
        response = client.get("/probe/admin", headers=account.headers)
        assert (response.status_code, response.json()) == (403, {"detail": "totp_required"})

    def test_admin_with_totp_but_session_without_it(self, app: FastAPI, client: TestClient) -> None:
        account = sign_in(app, role=Role.ADMIN, totp=False)
        enable_totp(app, account.user_id)  # confirmed elsewhere; this session never proved it
        assert client.get("/probe/admin", headers=account.headers).json() == {"detail": "totp_required"}

    @pytest.mark.parametrize("role", [Role.USER, Role.VIP, Role.DEALER])
    def test_non_admins_are_forbidden(self, app: FastAPI, client: TestClient, role: Role) -> None:
        account = sign_in(app, role=role, totp=True)
        assert client.get("/probe/admin", headers=account.headers).json() == {"detail": "forbidden"}

    def test_superadmin_only_route(self, app: FastAPI, client: TestClient) -> None:
        admin = sign_in(app, role=Role.ADMIN)
        superadmin = sign_in(app, role=Role.SUPERADMIN)
        assert client.get("/probe/superadmin", headers=admin.headers).status_code == 403
        assert client.get("/probe/superadmin", headers=superadmin.headers).status_code == 200

    def test_idle_timeout(self, app: FastAPI, client: TestClient, clock: ManualClock) -> None:
        account = sign_in(app, role=Role.ADMIN)
        clock.advance(minutes=14)
        assert client.get("/probe/admin", headers=account.headers).status_code == 200
        clock.advance(minutes=14)
        assert client.get("/probe/admin", headers=account.headers).status_code == 200
        clock.advance(minutes=15, seconds=1)
        assert client.get("/auth/me", headers=account.headers).status_code == 401

    def test_four_hour_maximum(self, app: FastAPI, client: TestClient, clock: ManualClock) -> None:
        account = sign_in(app, role=Role.ADMIN)
        refresh, started = account.refresh_token, clock.now()
        for _ in range(20):  # keep it busy every 15 min; it still ends after 4 h
            clock.advance(minutes=14, seconds=59)
            response = client.post("/auth/refresh", json={"refresh_token": refresh})
            if response.status_code != 200:
                break
            refresh = response.json()["refresh_token"]
        assert response.status_code == 401
        assert timedelta(hours=4) <= clock.now() - started < timedelta(hours=4, minutes=15)

    def test_user_sessions_have_no_idle_timeout(self, app: FastAPI, client: TestClient, clock: ManualClock) -> None:
        account = sign_in(app)
        clock.advance(minutes=50)
        assert client.get("/auth/me", headers=account.headers).status_code == 200
