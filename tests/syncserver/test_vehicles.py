"""POST/GET /vehicles: VIN handling, paywall, visibility (smoke first)."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.syncserver.support import sign_in

VIN = "WVWZZZ1JZXW000001"


def test_create_and_get(app: FastAPI, client: TestClient) -> None:
    owner = sign_in(app)
    response = client.post("/vehicles", json={"vin": " wvwzzz1jzxw 000001 ", "nickname": "Golf"}, headers=owner.headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["vin_masked"] == "WVW***0001"
    assert body["vin"] == VIN
    got = client.get(f"/vehicles/{body['id']}", headers=owner.headers)
    assert got.status_code == 200
    assert got.json()["trust_light"] == "rot"
