"""Roles and scopes (DECISIONS D5, SPEC §2.2). The permission matrix lives in ``shared.permissions``."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """Account roles; ``public`` is the anonymous caller and is never stored on an account."""

    USER = "user"
    VIP = "vip"
    DEALER = "dealer"
    MODERATOR = "moderator"
    ADMIN = "admin"
    SUPERADMIN = "superadmin"
    PUBLIC = "public"


class Scope(StrEnum):
    """Object scopes an action may reach (SPEC §2.2)."""

    OWN = "own"
    ORG = "org"
    SHARED = "shared"
    PUBLIC = "public"
    ALL = "all"


#: Roles an account may hold (everything but the anonymous caller).
ACCOUNT_ROLES: frozenset[Role] = frozenset(r for r in Role if r is not Role.PUBLIC)
#: Roles with admin powers; both need a confirmed TOTP second factor (D2).
ADMIN_ROLES: frozenset[Role] = frozenset({Role.ADMIN, Role.SUPERADMIN})
