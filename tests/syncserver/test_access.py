"""The route-policy registry and the sweeps over every registered route (D5, D6, API_CONTRACT)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi import APIRouter, Depends, FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from shared.permissions import moderator_may_access
from shared.roles import Role
from syncserver.access import Policy, registry, require
from syncserver.main import create_app
from syncserver.models import AuditEvent
from tests.syncserver.support import ALL_ACCOUNT_ROLES, db_session, sign_in

_PARAM = re.compile(r"\{[^}]+\}")
SAMPLE_ID = "3f9b7b5e-1d6c-4d0e-9a57-0b8a4c2b1e77"


def concrete(path: str) -> str:
    return _PARAM.sub(SAMPLE_ID, path)


def call(client: TestClient, method: str, path: str, headers: dict[str, str] | None = None) -> Any:
    kwargs: dict[str, Any] = {"headers": headers or {}}
    if method in {"POST", "PUT", "PATCH"}:
        kwargs["json"] = {}
    return client.request(method, concrete(path), **kwargs)


def all_routes(app: FastAPI) -> list[tuple[str, str, Policy]]:
    found = []
    for entry in registry.collect(app.router.routes):
        assert entry.policy is not None, f"{entry.path} has no single policy"
        for method in sorted(entry.methods - {"HEAD", "OPTIONS"}):
            found.append((method, entry.path, entry.policy))
    return found


class TestRegistry:
    def test_every_route_has_exactly_one_policy(self, app: FastAPI) -> None:
        entries = registry.collect(app.router.routes)
        assert entries
        assert [e.path for e in entries if e.policy is None] == []
        assert registry.non_api_routes(app.router.routes) == []

    def test_every_route_is_mirrored_under_api(self, app: FastAPI) -> None:
        paths = {(frozenset(e.methods), e.path) for e in registry.collect(app.router.routes)}
        for methods, path in paths:
            if not path.startswith("/api/"):
                assert (methods, "/api" + path) in paths

    def test_app_refuses_a_route_without_policy(self, settings: Any) -> None:
        naked = APIRouter()

        @naked.get("/vehicles/naked")
        def naked_route() -> dict[str, str]:
            """No policy."""
            return {}

        with pytest.raises(RuntimeError, match="no policy"):
            create_app(settings, extra_routers=[naked])

    def test_app_refuses_moderators_outside_d6(self, settings: Any) -> None:
        leaky = APIRouter()
        leaky.add_api_route("/vehicles/leaky", lambda: {}, dependencies=[Depends(require(Policy.signed_in("leaky")))])
        with pytest.raises(RuntimeError, match="moderators outside"):
            create_app(settings, extra_routers=[leaky])

    @pytest.mark.parametrize(
        ("path", "allowed"),
        [
            ("/auth/me", True),
            ("/api/consent/status", True),
            ("/blog", True),
            ("/news/{slug}", True),
            ("/cms/blog/drafts", True),
            ("/support/feedback", True),
            ("/support/admin/inbox", False),
            ("/blogger", False),
            ("/health", False),
            ("/vehicles", False),
            ("/api/admin/users", False),
        ],
    )
    def test_d6_matcher(self, path: str, allowed: bool) -> None:
        assert moderator_may_access(path) is allowed


class TestSweeps:
    def test_anonymous_gets_401_on_every_protected_route(self, app: FastAPI, client: TestClient) -> None:
        checked = 0
        for method, path, policy in all_routes(app):
            if policy.allows_anonymous:
                continue
            response = call(client, method, path)
            assert response.status_code == 401, f"{method} {path}: {response.status_code}"
            assert response.json() == {"detail": "unauthorized"}
            checked += 1
        assert checked >= 20

    def test_moderator_gets_403_on_every_route_outside_d6(self, app: FastAPI, client: TestClient) -> None:
        moderator = sign_in(app, role=Role.MODERATOR)
        checked = 0
        for method, path, _policy in all_routes(app):
            if moderator_may_access(path):
                continue
            response = call(client, method, path, moderator.headers)
            assert response.status_code == 403, f"{method} {path}: {response.status_code}"
            checked += 1
        assert checked >= 10
        with db_session(app) as session:
            reasons = set(session.scalars(select(AuditEvent.reason_code).where(AuditEvent.result == "denied")))
        assert reasons == {"MODERATOR_BLOCK"}

    def test_moderator_reaches_auth_me(self, app: FastAPI, client: TestClient) -> None:
        moderator = sign_in(app, role=Role.MODERATOR)
        assert client.get("/auth/me", headers=moderator.headers).status_code == 200
        assert client.get("/api/auth/me", headers=moderator.headers).status_code == 200

    def test_anonymous_health_but_not_moderator(self, app: FastAPI, client: TestClient) -> None:
        moderator = sign_in(app, role=Role.MODERATOR)
        assert client.get("/health").status_code == 200
        response = client.get("/health", headers=moderator.headers)
        assert (response.status_code, response.json()) == (403, {"detail": "role_not_allowed"})


class TestRoleGate:
    @pytest.mark.parametrize("role", ALL_ACCOUNT_ROLES)
    def test_role_restricted_route(self, app: FastAPI, client: TestClient, role: Role) -> None:
        account = sign_in(app, role=role)
        response = client.get("/probe/vip", headers=account.headers)
        expected = 200 if role in {Role.VIP, Role.DEALER, Role.ADMIN, Role.SUPERADMIN} else 403
        assert response.status_code == expected

    def test_denial_is_audited_with_reason(self, app: FastAPI, client: TestClient) -> None:
        account = sign_in(app, role=Role.USER)
        response = client.get("/probe/vip", headers=account.headers)
        assert response.json() == {"detail": "forbidden"}
        with db_session(app) as session:
            event = session.scalars(select(AuditEvent).where(AuditEvent.action == "ACCESS_DENIED")).one()
        assert (event.result, event.reason_code, event.actor_role) == ("denied", "RBAC_DENY", "user")
        assert event.redacted_metadata["route"] == "/probe/vip"
        assert event.request_id == response.headers["x-request-id"]

    def test_consent_is_checked_before_role(self, app: FastAPI, client: TestClient) -> None:
        account = sign_in(app, role=Role.USER, consent=False)
        assert client.get("/probe/vip", headers=account.headers).json() == {"detail": "consent_required"}
