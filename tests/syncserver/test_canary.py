"""Canary: a full flow with a known e-mail, password and VIN-like string; none of them (nor any token or
code) may appear in the captured log lines or in the audit rows (SPEC §11.6, §13.2)."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from syncserver.logs import make_handler, scrub
from syncserver.models import AuditEvent
from tests.syncserver.support import Mailbox, db_session

EMAIL = "canary.person@example.org"
PASSWORD = "Canary-Passw0rd-Secret"
VIN = "WVWZZZ1JZ3W386752"


@pytest.fixture
def captured_logs() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    handler = make_handler(stream)
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield stream
    root.removeHandler(handler)
    root.setLevel(old_level)


def test_full_flow_leaks_nothing(
    app: FastAPI, client: TestClient, mailbox: Mailbox, captured_logs: io.StringIO
) -> None:
    secrets: list[str] = [EMAIL, PASSWORD, VIN]
    challenge = client.post("/auth/request", json={"email": EMAIL}).json()["challenge_id"]
    otp = mailbox.last_code(EMAIL)
    wrong = f"{(int(otp) + 1) % 1_000_000:06d}"
    client.post("/auth/verify", json={"email": EMAIL, "challenge_id": challenge, "otp": wrong})
    tokens = client.post("/auth/verify", json={"email": EMAIL, "challenge_id": challenge, "otp": otp}).json()
    headers = {"Authorization": f"Bearer {tokens['access_token']}"}
    secrets += [otp, tokens["access_token"], tokens["refresh_token"]]

    client.get(f"/probe/product?vin={VIN}", headers=headers)  # consent_required, audited
    now = "2030-01-01T12:00:00+00:00"
    consents = [{"doc_type": t, "doc_version": "v1", "accepted_at": now, "source": "ui"} for t in ("terms", "privacy")]
    assert client.post("/consent/accept", json={"consents": consents}, headers=headers).status_code == 200
    assert client.post("/auth/password", json={"password": PASSWORD}, headers=headers).status_code == 200
    login = client.post("/auth/login", json={"email": EMAIL, "password": PASSWORD})
    assert login.status_code == 200
    secrets += [login.json()["access_token"], login.json()["refresh_token"]]
    client.post("/auth/login", json={"email": EMAIL, "password": PASSWORD + "x"})
    client.post("/auth/login", json={"email": VIN, "password": 1})  # 422
    client.get(f"/vehicles/{VIN}/history", headers=headers)  # 404 with the VIN in the path
    client.get(f"/probe/product?vin={VIN}&email={EMAIL}", headers=headers)
    refreshed = client.post("/auth/refresh", json={"refresh_token": login.json()["refresh_token"]})
    client.post("/auth/refresh", json={"refresh_token": login.json()["refresh_token"]})  # reuse
    secrets.append(refreshed.json()["access_token"])
    client.post("/auth/logout", headers=headers)
    logging.getLogger("some.library").warning("failed for %s with %s and %s", EMAIL, VIN, PASSWORD)

    lines = captured_logs.getvalue().splitlines()
    assert any(json.loads(line).get("route_template") == "/auth/verify" for line in lines)
    with db_session(app) as session:
        events = session.scalars(select(AuditEvent)).all()
    assert {"AUTH_CHALLENGE_CREATED", "AUTH_CHALLENGE_FAILED", "SESSION_CREATED", "CONSENT_ACCEPTED"} <= {
        e.action for e in events
    }
    audit_text = "\n".join(
        json.dumps({c.name: str(getattr(e, c.name)) for c in AuditEvent.__table__.columns}) for e in events
    )
    for haystack in (captured_logs.getvalue(), audit_text):
        for secret in secrets:
            assert secret not in haystack
            assert secret.lower() not in haystack.lower()


def test_scrub_patterns() -> None:
    text = scrub(f"mail {EMAIL} vin {VIN} token {'a' * 43} code 123456 text 'free words'")
    for leaked in (EMAIL, VIN, "a" * 43, "123456", "free words"):
        assert leaked not in text
