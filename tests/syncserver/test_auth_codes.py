"""/auth/request and /auth/verify (API_CONTRACT auth table, D1, SPEC §3.3-3.5)."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from shared.roles import Role
from syncserver.auth.schemas import REQUEST_MESSAGE
from syncserver.clock import ManualClock
from syncserver.models import AuditEvent, AuthChallenge, User
from tests.syncserver.support import Mailbox, create_user, db_session

EMAIL = "driver@example.org"


def request_code(client: TestClient, email: str = EMAIL) -> dict[str, object]:
    response = client.post("/auth/request", json={"email": email})
    assert response.status_code == 200
    return dict(response.json())


def verify(client: TestClient, challenge_id: object, otp: str, email: str = EMAIL, **extra: object):  # type: ignore[no-untyped-def]
    return client.post("/auth/verify", json={"email": email, "challenge_id": challenge_id, "otp": otp, **extra})


class TestRequest:
    def test_answer_shape_and_mail(self, client: TestClient, mailbox: Mailbox) -> None:
        body = request_code(client)
        assert body["ok"] is True
        assert body["message"] == REQUEST_MESSAGE
        assert body["dev_otp"] is None
        assert len(mailbox.messages(EMAIL)) == 1
        assert len(mailbox.last_code(EMAIL)) == 6

    def test_dev_otp_only_with_switch(self, make_app: Callable[..., FastAPI], mailbox: Mailbox) -> None:
        with TestClient(make_app(dev_expose_otp=True)) as client:
            body = request_code(client)
        assert body["dev_otp"] == mailbox.last_code(EMAIL)

    def test_known_and_unknown_addresses_answer_byte_identically(self, app: FastAPI, client: TestClient) -> None:
        create_user(app, EMAIL)
        known = client.post("/auth/request", json={"email": EMAIL})
        unknown = client.post("/auth/request", json={"email": "nobody@example.org"})
        assert known.status_code == unknown.status_code == 200
        # the challenge id is random per request: equal length, and the rest of the body byte-identical
        known_id, unknown_id = known.json()["challenge_id"], unknown.json()["challenge_id"]
        assert len(known_id) == len(unknown_id)
        assert known.content.replace(known_id.encode(), b"ID") == unknown.content.replace(unknown_id.encode(), b"ID")
        ignore = {"x-request-id", "date"}
        assert {k: v for k, v in known.headers.items() if k not in ignore} == {
            k: v for k, v in unknown.headers.items() if k not in ignore
        }

    def test_malformed_address_gets_the_same_answer_and_no_mail(self, client: TestClient, mailbox: Mailbox) -> None:
        body = request_code(client, "not-an-address")
        assert body["message"] == REQUEST_MESSAGE
        assert mailbox.messages() == []

    def test_missing_field_is_422(self, client: TestClient) -> None:
        assert client.post("/auth/request", json={}).status_code == 422

    def test_per_address_limit_is_silent(self, client: TestClient, mailbox: Mailbox, app: FastAPI) -> None:
        answers = [request_code(client) for _ in range(4)]
        assert [a["message"] for a in answers] == [REQUEST_MESSAGE] * 4
        assert len(mailbox.messages(EMAIL)) == 3  # D1: 3 per 10 min per address
        with db_session(app) as session:
            actions = session.scalars(select(AuditEvent.reason_code).where(AuditEvent.action == "RATE_LIMITED")).all()
        assert actions == ["RATE_LIMIT"]

    def test_per_ip_limit_is_silent(self, client: TestClient, mailbox: Mailbox) -> None:
        for i in range(11):
            request_code(client, f"user{i}@example.org")
        assert len(mailbox.messages()) == 10  # D1: 10 per minute per IP

    def test_limit_window_slides(self, client: TestClient, mailbox: Mailbox, clock: ManualClock) -> None:
        for _ in range(4):
            request_code(client)
        clock.advance(minutes=21)
        request_code(client)
        assert len(mailbox.messages(EMAIL)) == 4

    def test_only_hashes_are_stored(self, client: TestClient, app: FastAPI, mailbox: Mailbox) -> None:
        body = request_code(client)
        code = mailbox.last_code(EMAIL)
        with db_session(app) as session:
            challenge = session.get(AuthChallenge, uuid.UUID(str(body["challenge_id"])))
            assert challenge is not None
            assert code not in challenge.otp_hash
            assert EMAIL not in challenge.email_hmac


class TestVerify:
    def test_first_verification_creates_a_user(self, client: TestClient, mailbox: Mailbox, app: FastAPI) -> None:
        body = request_code(client)
        response = verify(client, body["challenge_id"], mailbox.last_code(EMAIL))
        assert response.status_code == 200
        tokens = response.json()
        assert tokens["token_type"] == "bearer"
        assert tokens["expires_at"]
        assert tokens["refresh_token"]
        me = client.get("/auth/me", headers={"Authorization": f"Bearer {tokens['access_token']}"})
        assert me.status_code == 200
        assert me.json()["role"] == "user"
        assert me.json()["email"] == EMAIL

    def test_known_user_keeps_its_account(self, client: TestClient, mailbox: Mailbox, app: FastAPI) -> None:
        user_id = create_user(app, EMAIL, Role.VIP)
        body = request_code(client)
        tokens = verify(client, body["challenge_id"], mailbox.last_code(EMAIL)).json()
        me = client.get("/auth/me", headers={"Authorization": f"Bearer {tokens['access_token']}"}).json()
        assert me["user_id"] == str(user_id)
        assert me["role"] == "vip"

    def test_address_is_normalised(self, client: TestClient, mailbox: Mailbox) -> None:
        body = request_code(client, "  Driver@EXAMPLE.org ")
        assert (
            verify(client, body["challenge_id"], mailbox.last_code(EMAIL), email="DRIVER@example.org").status_code
            == 200
        )

    def test_bootstrap_superadmin(self, make_app: Callable[..., FastAPI], mailbox: Mailbox) -> None:
        with TestClient(make_app(bootstrap_superadmin_emails=f"other@example.org, {EMAIL.upper()}")) as client:
            body = request_code(client)
            tokens = verify(client, body["challenge_id"], mailbox.last_code(EMAIL)).json()
            me = client.get("/auth/me", headers={"Authorization": f"Bearer {tokens['access_token']}"}).json()
        assert me["role"] == "superadmin"

    def test_wrong_code_is_invalid(self, client: TestClient, mailbox: Mailbox) -> None:
        body = request_code(client)
        wrong = "000000" if mailbox.last_code(EMAIL) != "000000" else "111111"
        response = verify(client, body["challenge_id"], wrong)
        assert response.status_code == 400
        assert response.json() == {"detail": "INVALID"}

    def test_unknown_challenge_is_invalid(self, client: TestClient) -> None:
        response = verify(client, "6f1c1f8e-4c1e-4a43-9a49-1d2c8d0e0c11", "123456")
        assert (response.status_code, response.json()) == (400, {"detail": "INVALID"})

    def test_malformed_challenge_id_is_invalid(self, client: TestClient) -> None:
        response = verify(client, "not-a-uuid", "123456")
        assert (response.status_code, response.json()) == (400, {"detail": "INVALID"})

    def test_other_address_is_invalid(self, client: TestClient, mailbox: Mailbox) -> None:
        body = request_code(client)
        response = verify(client, body["challenge_id"], mailbox.last_code(EMAIL), email="thief@example.org")
        assert (response.status_code, response.json()) == (400, {"detail": "INVALID"})

    def test_code_is_single_use(self, client: TestClient, mailbox: Mailbox) -> None:
        body = request_code(client)
        code = mailbox.last_code(EMAIL)
        assert verify(client, body["challenge_id"], code).status_code == 200
        response = verify(client, body["challenge_id"], code)
        assert (response.status_code, response.json()) == (400, {"detail": "INVALID"})

    def test_expired(self, client: TestClient, mailbox: Mailbox, clock: ManualClock) -> None:
        body = request_code(client)
        clock.advance(minutes=10, seconds=1)
        response = verify(client, body["challenge_id"], mailbox.last_code(EMAIL))
        assert (response.status_code, response.json()) == (400, {"detail": "EXPIRED"})

    def test_still_valid_just_before_expiry(self, client: TestClient, mailbox: Mailbox, clock: ManualClock) -> None:
        body = request_code(client)
        clock.advance(minutes=9, seconds=59)
        assert verify(client, body["challenge_id"], mailbox.last_code(EMAIL)).status_code == 200

    def test_five_wrong_codes_lock_and_the_right_code_no_longer_works(
        self, client: TestClient, mailbox: Mailbox, app: FastAPI
    ) -> None:
        body = request_code(client)
        code = mailbox.last_code(EMAIL)
        wrong = f"{(int(code) + 1) % 1_000_000:06d}"
        answers = [verify(client, body["challenge_id"], wrong) for _ in range(5)]
        assert [a.status_code for a in answers] == [400, 400, 400, 400, 429]
        assert answers[-1].json() == {"detail": "LOCKED"}
        right = verify(client, body["challenge_id"], code)
        assert (right.status_code, right.json()) == (429, {"detail": "LOCKED"})
        with db_session(app) as session:
            assert session.scalars(select(User)).all() == []
            failed = session.scalars(
                select(AuditEvent.reason_code).where(AuditEvent.action == "AUTH_CHALLENGE_FAILED")
            ).all()
        assert sorted(failed) == ["INVALID_CODE"] * 4 + ["LOCKED"] * 2

    def test_verify_rate_limit(self, client: TestClient) -> None:
        answers = [verify(client, "6f1c1f8e-4c1e-4a43-9a49-1d2c8d0e0c11", "123456") for _ in range(21)]
        assert {a.status_code for a in answers[:20]} == {400}
        assert (answers[20].status_code, answers[20].json()) == (429, {"detail": "RATE_LIMIT"})

    def test_verify_rate_limit_resets(self, client: TestClient, clock: ManualClock) -> None:
        for _ in range(21):
            verify(client, "6f1c1f8e-4c1e-4a43-9a49-1d2c8d0e0c11", "123456")
        clock.advance(minutes=2)
        assert verify(client, "6f1c1f8e-4c1e-4a43-9a49-1d2c8d0e0c11", "123456").status_code == 400

    def test_missing_field_is_422(self, client: TestClient) -> None:
        assert client.post("/auth/verify", json={"email": EMAIL, "otp": "123456"}).status_code == 422

    def test_api_mirror(self, client: TestClient, mailbox: Mailbox) -> None:
        body = client.post("/api/auth/request", json={"email": EMAIL}).json()
        response = client.post(
            "/api/auth/verify",
            json={"email": EMAIL, "challenge_id": body["challenge_id"], "otp": mailbox.last_code(EMAIL)},
        )
        assert response.status_code == 200
