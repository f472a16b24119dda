"""GET /vehicles/{id}/trust-summary driven through the API to every colour; hints never carry a digit."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from shared.documents import ApprovalStatus, PiiStatus, ScanStatus
from shared.roles import Role
from shared.trust import DocumentFacts
from syncserver.trust.sources import VehicleDocument, register_document_source, unregister_document_source
from tests.syncserver.support import SignedIn, sign_in
from tests.syncserver.test_entries import entry

KEYS = {
    "trust_light", "hint", "reason_codes", "todo_codes", "verification_level", "accident_status",
    "accident_status_label", "history_status", "evidence_status", "top_trust_level",
}  # fmt: skip


@pytest.fixture
def evidence() -> Iterator[set[uuid.UUID]]:
    """Entry ids that carry one approved, clean, PII-free document (the documents domain stands in)."""
    attached: set[uuid.UUID] = set()

    def source(_session: Session, _vehicle_id: uuid.UUID) -> Iterable[VehicleDocument]:
        facts = DocumentFacts(ApprovalStatus.APPROVED, ScanStatus.CLEAN, PiiStatus.OK)
        return [VehicleDocument(entry_id, facts) for entry_id in attached]

    register_document_source(source)
    yield attached
    unregister_document_source(source)


def summary(client: TestClient, who: SignedIn, vid: str) -> dict[str, object]:
    response = client.get(f"/vehicles/{vid}/trust-summary", headers=who.headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == KEYS
    assert not re.search(r"\d", str(body["hint"]))
    return dict(body)


def test_red_orange_yellow_green(app: FastAPI, client: TestClient, evidence: set[uuid.UUID]) -> None:
    owner = sign_in(app)
    vid = client.post("/vehicles", json={"vin": "WVWZZZ1JZXW000001"}, headers=owner.headers).json()["id"]
    red = summary(client, owner, vid)
    assert red["trust_light"] == "rot"
    assert "history_missing" in red["reason_codes"]  # type: ignore[operator]
    assert red["history_status"] == "nicht_vorhanden"

    row = client.post(f"/vehicles/{vid}/entries", json=entry(trust_level="T2"), headers=owner.headers).json()
    orange = summary(client, owner, vid)
    assert orange["trust_light"] == "orange"
    assert orange["accident_status"] == "unbekannt"
    assert "accident_status_unknown_cap_orange" in orange["reason_codes"]  # type: ignore[operator]

    patch = client.patch(f"/vehicles/{vid}", json={"meta": {"accident_status": "unfallfrei"}}, headers=owner.headers)
    assert patch.status_code == 200
    yellow = summary(client, owner, vid)
    assert yellow["trust_light"] == "gelb"
    assert yellow["verification_level"] == "mittel"
    assert yellow["todo_codes"] == yellow["reason_codes"]

    evidence.add(uuid.UUID(row["id"]))
    client.post(f"/vehicles/{vid}/entries/{row['id']}/revisions", json=entry(trust_level="T2"), headers=owner.headers)
    green = summary(client, owner, vid)
    assert green["trust_light"] == "gruen"
    assert green["top_trust_level"] == "T3"
    assert green["verification_level"] == "hoch"
    assert green["reason_codes"] == []
    assert green["accident_status_label"] == "Unfallfrei"


def test_vip_sees_top_three_todos(app: FastAPI, client: TestClient) -> None:
    def in_review(_session: Session, _vehicle_id: uuid.UUID) -> Iterable[VehicleDocument]:
        return [
            VehicleDocument(None, DocumentFacts(ApprovalStatus.QUARANTINED, ScanStatus.PENDING, PiiStatus.SUSPECTED))
        ]

    vip = sign_in(app, role=Role.VIP)
    vid = client.post("/vehicles", json={"vin": "WVWZZZ1JZXW000001"}, headers=vip.headers).json()["id"]
    register_document_source(in_review)
    try:
        client.post(f"/vehicles/{vid}/entries", json=entry(trust_level="T1"), headers=vip.headers)
    finally:
        unregister_document_source(in_review)
    body = summary(client, vip, vid)
    assert len(body["reason_codes"]) > 3  # type: ignore[arg-type]
    assert body["todo_codes"] == body["reason_codes"][:3]  # type: ignore[index]


def test_not_accident_free_needs_completed_accident_trust(app: FastAPI, client: TestClient) -> None:
    owner = sign_in(app)
    vid = client.post("/vehicles", json={"vin": "WVWZZZ1JZXW000001"}, headers=owner.headers).json()["id"]
    client.post(f"/vehicles/{vid}/entries", json=entry(), headers=owner.headers)
    meta = {"accident_status": "nicht_unfallfrei", "accident_trust_completed": False}
    client.patch(f"/vehicles/{vid}", json={"meta": meta}, headers=owner.headers)
    body = summary(client, owner, vid)
    assert "accident_not_free_requires_completed_accident_trust" in body["reason_codes"]  # type: ignore[operator]
    assert body["trust_light"] == "orange"
