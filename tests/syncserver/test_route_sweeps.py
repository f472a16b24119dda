"""Sweeps over every registered route of ``create_app()`` (issue #3 item 6; D2, D4, D5, D6).

Everything is derived from ``app.routes``, the OpenAPI document and the policy registry, never from a
hand-written list, so routes added later are swept automatically. Path parameters get fresh random
values of their declared type, JSON bodies a minimal instance of their schema.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient
from starlette.routing import Route

from shared.permissions import moderator_may_access, strip_api_mirror
from shared.roles import Role
from syncserver.access import Policy, registry
from syncserver.main import create_app
from tests.syncserver.support import SignedIn, sign_in

_IGNORED_METHODS = {"HEAD", "OPTIONS"}


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    policy: Policy


def endpoints(app: FastAPI) -> list[Endpoint]:
    found = []
    for entry in registry.collect(app.router.routes):
        assert entry.policy is not None, f"{entry.path}: {len(entry.policies)} policies"
        found += [Endpoint(m, entry.path, entry.policy) for m in sorted(entry.methods - _IGNORED_METHODS)]
    assert found
    return found


def _resolve(schema: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        node: Any = spec
        for part in schema["$ref"].removeprefix("#/").split("/"):
            node = node[part]
        schema = node
    return schema


def minimal(schema: dict[str, Any], spec: dict[str, Any]) -> Any:
    """A small value that satisfies ``schema`` (required fields only)."""
    schema = _resolve(schema, spec)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            options = [o for o in schema[key] if _resolve(o, spec).get("type") != "null"] or schema[key]
            return minimal(options[0], spec)
    if "enum" in schema:
        return schema["enum"][0]
    if "default" in schema:
        return schema["default"]
    kind, fmt = schema.get("type"), schema.get("format")
    if kind == "object" or "properties" in schema:
        props = schema.get("properties", {})
        return {name: minimal(props[name], spec) for name in schema.get("required", [])}
    if kind == "array":
        return [minimal(schema["items"], spec) for _ in range(schema.get("minItems", 0))]
    if kind in ("integer", "number"):
        return max(1, schema.get("minimum", 1))
    if kind == "boolean":
        return False
    if fmt == "uuid":
        return str(uuid.uuid4())
    if fmt == "date-time":
        return "2030-01-01T00:00:00+00:00"
    if fmt == "date":
        return "2030-01-01"
    return "x" * max(1, schema.get("minLength", 1))


class Caller:
    """Calls any route with filled path parameters and a minimal JSON body, per the app's OpenAPI document."""

    def __init__(self, app: FastAPI, client: TestClient) -> None:
        self.client = client
        self.spec = app.openapi()

    def path_value(self, schema: dict[str, Any]) -> str:
        value = minimal(schema, self.spec)
        if isinstance(value, str) and schema.get("format") != "uuid" and "enum" not in schema:
            return "dummy-" + uuid.uuid4().hex[:8]
        return str(value)

    def __call__(self, endpoint: Endpoint, headers: dict[str, str] | None = None) -> Any:
        operation = self.spec["paths"].get(endpoint.path, {}).get(endpoint.method.lower(), {})
        path = endpoint.path
        for param in operation.get("parameters", []):
            if param["in"] == "path":
                path = path.replace("{" + param["name"] + "}", self.path_value(param.get("schema", {})))
        kwargs: dict[str, Any] = {"headers": headers or {}}
        body = operation.get("requestBody", {}).get("content", {}).get("application/json")
        if body is not None:
            kwargs["json"] = minimal(body["schema"], self.spec)
        assert "{" not in path, f"unfilled parameter in {path}"
        return self.client.request(endpoint.method, path, **kwargs)


@pytest.fixture
def caller(app: FastAPI, client: TestClient) -> Caller:
    return Caller(app, client)


def _sweep(app: FastAPI, caller: Caller, who: SignedIn | None, select: Any) -> Iterator[tuple[Endpoint, Any]]:
    headers = who.headers if who else None
    for endpoint in endpoints(app):
        if select(endpoint):
            yield endpoint, caller(endpoint, headers)


class TestRegistry:
    def test_every_route_of_the_app_has_a_policy(self, settings: Any) -> None:
        app = create_app(settings)
        api_routes = [c for c in iter_route_contexts(app.router.routes) if isinstance(c.original_route, APIRoute)]
        entries = registry.collect(app.router.routes)
        assert len(entries) == len(api_routes)
        assert [e.path for e in entries if e.policy is None] == []
        others = [r.path for r in app.router.routes if isinstance(r, Route) and not isinstance(r, APIRoute)]
        assert set(others) <= registry.DOCS_PATHS

    def test_every_route_is_mirrored_under_api(self, settings: Any) -> None:
        app = create_app(settings)
        keys = {(e.path, frozenset(e.methods), e.policy) for e in registry.collect(app.router.routes)}
        bare = {k for k in keys if not k[0].startswith("/api/") and k[0] != "/api"}
        assert bare
        for path, methods, policy in bare:
            assert ("/api" + path, methods, policy) in keys, path

    def test_admin_routes_demand_a_second_factor(self, app: FastAPI) -> None:
        for endpoint in endpoints(app):
            if strip_api_mirror(endpoint.path).startswith("/admin/"):
                assert endpoint.policy.totp, endpoint.path
                assert endpoint.policy.roles <= {Role.ADMIN, Role.SUPERADMIN}, endpoint.path


class TestSweeps:
    def test_anonymous_gets_401_on_every_protected_route(self, app: FastAPI, caller: Caller) -> None:
        results = list(_sweep(app, caller, None, lambda e: not e.policy.allows_anonymous))
        assert len(results) >= 40
        wrong = [(e.method, e.path, r.status_code) for e, r in results if r.status_code != 401]
        assert wrong == []
        assert {r.json()["detail"] for _, r in results} == {"unauthorized"}

    def test_moderator_gets_403_outside_d6(self, app: FastAPI, caller: Caller) -> None:
        moderator = sign_in(app, role=Role.MODERATOR, consent=True)
        results = list(_sweep(app, caller, moderator, lambda e: not moderator_may_access(e.path)))
        assert len(results) >= 40
        wrong = [(e.method, e.path, r.status_code) for e, r in results if r.status_code != 403]
        assert wrong == []

    def test_admin_without_second_factor_gets_totp_required(self, app: FastAPI, caller: Caller) -> None:
        admin = sign_in(app, role=Role.SUPERADMIN, totp=False)
        results = list(_sweep(app, caller, admin, lambda e: e.policy.totp))
        assert len(results) >= 20
        wrong = [
            (e.method, e.path, r.status_code, r.text) for e, r in results if r.json() != {"detail": "totp_required"}
        ]
        assert wrong == []

    @pytest.mark.parametrize("role", [Role.USER, Role.VIP, Role.DEALER])
    def test_members_get_403_on_admin_routes(self, app: FastAPI, caller: Caller, role: Role) -> None:
        member = sign_in(app, role=role)
        results = list(_sweep(app, caller, member, lambda e: role not in e.policy.roles))
        assert len(results) >= 20
        wrong = [(e.method, e.path, r.status_code) for e, r in results if r.json() != {"detail": "forbidden"}]
        assert wrong == []

    def test_consent_gate_on_every_consent_route(self, app: FastAPI, caller: Caller) -> None:
        user = sign_in(app, role=Role.USER, consent=False)
        results = list(_sweep(app, caller, user, lambda e: e.policy.consent and Role.USER in e.policy.roles))
        assert len(results) >= 10
        wrong = [(e.method, e.path, r.status_code) for e, r in results if r.json() != {"detail": "consent_required"}]
        assert wrong == []
