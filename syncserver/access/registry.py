"""The route-policy registry: every API route must carry exactly one policy (through ``require``).

``collect`` walks the app's routes (the /api mirror included); ``verify`` fails closed at start-up
on a route without a policy, with two policies, or with a policy that lets a moderator out of D6.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts
from starlette.routing import BaseRoute

from shared.permissions import moderator_may_access
from syncserver.access.dependencies import POLICY_ATTRIBUTE
from syncserver.access.policy import Policy

#: Framework routes that are not part of the API (served only outside production mode).
DOCS_PATHS = frozenset({"/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"})


@dataclass(frozen=True, slots=True)
class RouteEntry:
    path: str
    methods: frozenset[str]
    name: str
    policies: tuple[Policy, ...]

    @property
    def policy(self) -> Policy | None:
        return self.policies[0] if len(self.policies) == 1 else None


def _policies(dependant: Dependant) -> list[Policy]:
    found: list[Policy] = []
    stack = [dependant]
    while stack:
        current = stack.pop()
        policy = getattr(current.call, POLICY_ATTRIBUTE, None)
        if isinstance(policy, Policy) and policy not in found:
            found.append(policy)
        stack.extend(current.dependencies)
    return found


def collect(routes: list[BaseRoute]) -> list[RouteEntry]:
    """Every API route (included routers flattened, prefixes applied) with the policies it declares."""
    entries = []
    for context in iter_route_contexts(routes):
        if isinstance(context.original_route, APIRoute):
            dependant: Dependant = context.dependant
            entries.append(
                RouteEntry(
                    str(context.path),
                    frozenset(context.methods or ()),
                    str(context.name),
                    tuple(_policies(dependant)),
                )
            )
    return entries


def non_api_routes(routes: list[BaseRoute]) -> list[str]:
    """Paths of routes that are neither API routes nor framework docs (should be empty)."""
    paths = []
    for context in iter_route_contexts(routes):
        path = str(context.path)
        if not isinstance(context.original_route, APIRoute) and path not in DOCS_PATHS:
            paths.append(path)
    return paths


def verify(routes: list[BaseRoute]) -> list[RouteEntry]:
    """Raise ``RuntimeError`` listing every route that breaks the rules; return the registry otherwise."""
    entries = collect(routes)
    problems = []
    for entry in entries:
        label = f"{','.join(sorted(entry.methods))} {entry.path}"
        if not entry.policies:
            problems.append(f"{label}: no policy (use syncserver.access.require)")
        elif len(entry.policies) > 1:
            problems.append(f"{label}: more than one policy")
        elif entry.policies[0].allows_moderator and not moderator_may_access(entry.path):
            problems.append(f"{label}: policy {entry.policies[0].name!r} admits moderators outside DECISIONS D6")
    problems.extend(f"{path}: not an API route" for path in non_api_routes(routes))
    if problems:
        raise RuntimeError("route policy registry check failed:\n  " + "\n  ".join(problems))
    return entries
