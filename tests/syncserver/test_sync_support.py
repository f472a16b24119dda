"""Helpers for the sync API tests: push/pull wrappers, a workshop organisation with an approved member."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from shared.roles import Role
from syncserver.models.governance import Membership, MembershipRole, MembershipStatus, Organisation, OrgKind
from tests.syncserver.support import SignedIn, ctx_of, db_session, sign_in

VIN = "WVWZZZ1JZXW000001"
VIN2 = "WVWZZZ1JZXW000002"
ENTRY = {"date": "2020-05-01", "type": "service", "performed_by": "own_work", "km": 12000}


class Device:
    """One client installation of a signed-in account, with its own mutation counter and cursor."""

    def __init__(self, client: TestClient, user: SignedIn) -> None:
        self.client = client
        self.user = user
        self.client_id = uuid.uuid4()
        self.next_id = 1
        self.cursor: str | None = None

    def mutation(self, name: str, base_version: int | None = None, **args: Any) -> dict[str, Any]:
        m: dict[str, Any] = {"mutation_id": self.next_id, "name": name, "args": args}
        if base_version is not None:
            m["base_version"] = base_version
        self.next_id += 1
        return m

    def push_raw(self, *mutations: dict[str, Any]) -> Any:
        body = {"client_id": str(self.client_id), "mutations": list(mutations)}
        return self.client.post("/sync/push", json=body, headers=self.user.headers)

    def push(self, *mutations: dict[str, Any]) -> list[dict[str, Any]]:
        response = self.push_raw(*mutations)
        assert response.status_code == 200, response.text
        results: list[dict[str, Any]] = response.json()["results"]
        return results

    def one(self, name: str, base_version: int | None = None, **args: Any) -> dict[str, Any]:
        return self.push(self.mutation(name, base_version, **args))[0]

    def pull_all(self, limit: int = 50) -> list[dict[str, Any]]:
        changes: list[dict[str, Any]] = []
        while True:
            params: dict[str, Any] = {"limit": limit}
            if self.cursor is not None:
                params["cursor"] = self.cursor
            response = self.client.get("/sync/changes", params=params, headers=self.user.headers)
            assert response.status_code == 200, response.text
            page = response.json()
            changes += page["changes"]
            self.cursor = page["cursor"]
            if not page["has_more"]:
                return changes


def replica(changes: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    """Apply changes like a client: upserts store, deletes and removes drop (a vehicle remove drops children)."""
    state: dict[tuple[str, str], dict[str, Any]] = {}
    for c in changes:
        key = (c["type"], c["id"])
        if c["op"] == "upsert":
            state[key] = c["data"]
        else:
            state.pop(key, None)
            if c["op"] == "remove" and c["type"] == "vehicle":
                for k in [k for k, v in state.items() if k[0] != "workshop_grant" and v.get("vehicle_id") == c["id"]]:
                    state.pop(k)
    return state


def workshop_member(app: FastAPI) -> tuple[SignedIn, uuid.UUID]:
    """A user who is an approved member of a new workshop organisation."""
    user = sign_in(app, role=Role.DEALER)
    now = ctx_of(app).clock.now()
    with db_session(app) as session:
        org = Organisation(kind=OrgKind.WORKSHOP.value, name="Werkstatt", owner_user_id=user.user_id, approved=True,
                           created_at=now, updated_at=now)  # fmt: skip
        session.add(org)
        session.flush()
        session.add(
            Membership(org_id=org.id, user_id=user.user_id, status=MembershipStatus.APPROVED.value,
                       role=MembershipRole.OWNER.value, approved_at=now, created_at=now, updated_at=now)
        )  # fmt: skip
        org_id = org.id
    return user, org_id
