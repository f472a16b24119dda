"""Access control: route policies, the ``require`` dependency, the actor and the route registry."""

from __future__ import annotations

from syncserver.access.actor import Actor
from syncserver.access.dependencies import CurrentActor, require
from syncserver.access.policy import AUTH_SESSION, AUTH_START, CONSENT, HEALTH, NON_MODERATOR_ROLES, Policy

__all__ = [
    "AUTH_SESSION",
    "AUTH_START",
    "CONSENT",
    "HEALTH",
    "NON_MODERATOR_ROLES",
    "Actor",
    "CurrentActor",
    "Policy",
    "require",
]
