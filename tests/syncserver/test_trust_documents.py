"""The trust summary driven through the real APIs only (issue 4 c, issue 5): red -> orange -> yellow ->
green with a real PDF uploaded to /documents/upload on the entry, scanned CLEAN through the admin scan
route and approved by an admin - no stand-in document source. Evidence in review caps the light at orange,
a PII finding turns it red. The hint never has a digit (checked by ``summary`` on every read)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from shared.roles import Role
from tests.syncserver.intake_support import clean_pdf, upload
from tests.syncserver.support import SignedIn, sign_in
from tests.syncserver.test_entries import entry
from tests.syncserver.test_trust import summary


@pytest.fixture
def api(make_app: Callable[..., FastAPI]) -> Iterator[tuple[FastAPI, TestClient]]:
    app = make_app(worker_in_process=False)  # statuses change only through the routes here
    with TestClient(app) as client:
        yield app, client


def _post(client: TestClient, path: str, who: SignedIn, json: object | None = None) -> dict[str, object]:
    response = client.post(path, headers=who.headers, json=json)
    assert response.status_code in (200, 201), response.text
    body: dict[str, object] = response.json()
    return body


def test_red_orange_yellow_green_with_a_real_document(api: tuple[FastAPI, TestClient]) -> None:
    app, client = api
    owner, admin = sign_in(app), sign_in(app, role=Role.ADMIN)
    vid = str(_post(client, "/vehicles", owner, {"vin": "WVWZZZ1JZXW000001"})["id"])

    red = summary(client, owner, vid)
    assert (red["trust_light"], red["history_status"]) == ("rot", "nicht_vorhanden")
    assert "history_missing" in red["reason_codes"]  # type: ignore[operator]

    row = _post(client, f"/vehicles/{vid}/entries", owner, entry(trust_level="T2"))
    orange = summary(client, owner, vid)
    assert (orange["trust_light"], orange["accident_status"]) == ("orange", "unbekannt")
    assert "accident_status_unknown_cap_orange" in orange["reason_codes"]  # type: ignore[operator]

    patch = client.patch(f"/vehicles/{vid}", json={"meta": {"accident_status": "unfallfrei"}}, headers=owner.headers)
    assert patch.status_code == 200, patch.text
    yellow = summary(client, owner, vid)
    assert (yellow["trust_light"], yellow["verification_level"], yellow["top_trust_level"]) == ("gelb", "mittel", "T2")

    response = upload(client, owner.headers, clean_pdf(), vehicle_id=vid, entry_id=str(row["id"]))
    assert response.status_code == 200, response.text
    doc_id = response.json()["id"]
    in_review = summary(client, owner, vid)
    assert in_review["trust_light"] == "orange"  # evidence in review caps the light (D18)
    assert "document_quarantined_not_approved" in in_review["reason_codes"]  # type: ignore[operator]

    scanned = _post(client, f"/documents/{doc_id}/scan", admin, {"scan_status": "CLEAN"})
    assert (scanned["scan_status"], scanned["approval_status"]) == ("CLEAN", "QUARANTINED")
    assert summary(client, owner, vid)["trust_light"] == "orange"  # scanned, not yet approved

    approved = _post(client, f"/documents/{doc_id}/approve", admin)
    assert approved["approval_status"] == "APPROVED"
    green = summary(client, owner, vid)
    assert green["trust_light"] == "gruen"
    assert (green["top_trust_level"], green["verification_level"]) == ("T3", "hoch")
    assert green["reason_codes"] == []
    assert green["accident_status_label"] == "Unfallfrei"


def test_pii_finding_turns_red_and_clearing_it_restores(api: tuple[FastAPI, TestClient]) -> None:
    app, client = api
    owner, admin = sign_in(app), sign_in(app, role=Role.ADMIN)
    vid = str(_post(client, "/vehicles", owner, {"vin": "WVWZZZ1JZXW000001"})["id"])
    row = _post(client, f"/vehicles/{vid}/entries", owner, entry(trust_level="T2"))
    client.patch(f"/vehicles/{vid}", json={"meta": {"accident_status": "unfallfrei"}}, headers=owner.headers)
    doc_id = upload(client, owner.headers, clean_pdf(), vehicle_id=vid, entry_id=str(row["id"])).json()["id"]
    assert summary(client, owner, vid)["trust_light"] == "orange"

    _post(client, f"/documents/{doc_id}/pii", owner, {"pii_status": "SUSPECTED"})
    red = summary(client, owner, vid)
    assert red["trust_light"] == "rot"
    assert "pii_suspected_blocks_t3" in red["reason_codes"]  # type: ignore[operator]

    _post(client, f"/documents/{doc_id}/pii", admin, {"pii_status": "OK"})  # audited admin override
    _post(client, f"/documents/{doc_id}/scan", admin, {"scan_status": "CLEAN"})
    _post(client, f"/documents/{doc_id}/approve", admin)
    assert summary(client, owner, vid)["trust_light"] == "gruen"
