"""Roles, scopes, step-up scopes and role-grant rules (DECISIONS D2, D3, D5, D7; SPEC §2.2, §3.8, §11).

The route-group × role matrix lives in :mod:`shared.permissions`. Everything here is pure: parsing
raises :class:`~shared.errors.DomainError` with the contract's codes, nothing reads a clock.
"""

from __future__ import annotations

from enum import StrEnum

from shared.errors import DomainError, ErrorCode


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
    """Object scopes an action may reach (SPEC §2.2).

    ``all`` is the admin scope and covers every other scope; ``shared`` is an explicit, revocable
    grant (workshop access D8, T3 share, transfer token).
    """

    OWN = "own"
    ORG = "org"
    SHARED = "shared"
    PUBLIC = "public"
    ALL = "all"


#: Roles an account may hold (everything but the anonymous caller).
ACCOUNT_ROLES: frozenset[Role] = frozenset(r for r in Role if r is not Role.PUBLIC)
#: Roles with admin powers; both need a confirmed TOTP second factor (D2).
ADMIN_ROLES: frozenset[Role] = frozenset({Role.ADMIN, Role.SUPERADMIN})
#: Roles that own vehicles and use the product (not content-only, not anonymous).
MEMBER_ROLES: frozenset[Role] = frozenset({Role.USER, Role.VIP, Role.DEALER})
#: Roles an admin may grant without a superadmin (SPEC §11.1); ``superadmin`` needs a superadmin.
ADMIN_GRANTABLE_ROLES: frozenset[Role] = ACCOUNT_ROLES - {Role.SUPERADMIN}

#: Staff seats of one VIP business (D7, SPEC §11.3); changing it is a superadmin decision.
VIP_BUSINESS_STAFF_SEATS = 2


def parse_role(value: str) -> Role:
    """Parse a wire role value (exact, lower-case), ``public`` included.

    Raises ``DomainError(invalid_role)`` (400) for anything else.
    """
    try:
        return Role(value)
    except ValueError:
        raise DomainError(ErrorCode.INVALID_ROLE) from None


def parse_account_role(value: str) -> Role:
    """Parse a role an account may hold; ``public`` and unknown values raise ``invalid_role``."""
    role = parse_role(value)
    if role not in ACCOUNT_ROLES:
        raise DomainError(ErrorCode.INVALID_ROLE)
    return role


def check_role_grant(actor_role: Role, target_role: Role | str, current_role: Role | None = None) -> Role:
    """Check that ``actor_role`` may set a user's role to ``target_role``; return the parsed role.

    Order (API_CONTRACT admin table, step-up is checked by the caller afterwards):

    1. the anonymous caller -> 401 ``unauthorized``; any non-admin -> 403 ``forbidden``;
    2. ``public`` or an unknown role -> 400 ``invalid_role``;
    3. granting ``superadmin`` as an admin -> 403 ``superadmin_required``;
    4. [gap, decided] changing the role of a current superadmin as an admin -> 403
       ``superadmin_required`` too: otherwise an admin could demote the project owner and so
       undo the superadmin-only grant.
    """
    if actor_role is Role.PUBLIC:
        raise DomainError(ErrorCode.UNAUTHORIZED)
    if actor_role not in ADMIN_ROLES:
        raise DomainError(ErrorCode.FORBIDDEN)
    target = target_role if isinstance(target_role, Role) else parse_role(target_role)
    if target not in ACCOUNT_ROLES:
        raise DomainError(ErrorCode.INVALID_ROLE)
    if actor_role is not Role.SUPERADMIN and (target is Role.SUPERADMIN or current_role is Role.SUPERADMIN):
        raise DomainError(ErrorCode.SUPERADMIN_REQUIRED)
    return target


def can_grant_role(actor_role: Role, target_role: Role | str, current_role: Role | None = None) -> bool:
    """Boolean form of :func:`check_role_grant`."""
    try:
        check_role_grant(actor_role, target_role, current_role)
    except DomainError:
        return False
    return True


class StepUpScope(StrEnum):
    """Scopes of an admin step-up grant (SPEC §3.8, API_CONTRACT ``POST /admin/step-up/grant``).

    The first four are the original's; the others cover the remaining step-up cases of §3.8:
    revealing masked PII (§11.1, AT-ADM-02), the full export (D10) and policy/incident overrides
    (legal hold, retention override, §11.8).
    """

    ROLE_GRANT = "role_grant"
    MODERATOR_ACCREDIT = "moderator_accredit"
    VIP_BUSINESS_APPROVE = "vip_business_approve"
    VIP_BUSINESS_STAFF = "vip_business_staff"
    PII_REVEAL = "pii_reveal"
    EXPORT_FULL = "export_full"
    POLICY_OVERRIDE = "policy_override"


def parse_step_up_scope(value: str) -> StepUpScope:
    """Parse a step-up scope; unknown values raise ``DomainError(invalid_step_up_scope)`` (400)."""
    try:
        return StepUpScope(value)
    except ValueError:
        raise DomainError(ErrorCode.INVALID_STEP_UP_SCOPE) from None


#: Step-up window bounds in seconds (D3: 10 minutes; SPEC §3.8 [impl]: clamp to 60 s .. 10 min).
STEP_UP_TTL_MIN_SECONDS = 60
STEP_UP_TTL_MAX_SECONDS = 600
STEP_UP_TTL_DEFAULT_SECONDS = 600


def clamp_step_up_ttl(requested: int | None = None) -> int:
    """The step-up grant lifetime for a requested ``ttl_seconds``: default 600, clamped to 60..600."""
    if requested is None:
        return STEP_UP_TTL_DEFAULT_SECONDS
    if isinstance(requested, bool) or not isinstance(requested, int):
        raise DomainError(ErrorCode.VALIDATION_FAILED, message="ttl_seconds must be an integer")
    return max(STEP_UP_TTL_MIN_SECONDS, min(STEP_UP_TTL_MAX_SECONDS, requested))


def check_vip_staff_seat(current_staff_count: int, already_staff: bool) -> bool:
    """Decide adding one staff member to an approved VIP business (SPEC §11.3).

    Returns ``False`` for a no-op (already staff), ``True`` when a seat is free; raises
    ``DomainError(staff_limit_reached)`` (409) when all seats are taken.
    """
    if current_staff_count < 0:
        raise ValueError("current_staff_count must not be negative")
    if already_staff:
        return False
    if current_staff_count >= VIP_BUSINESS_STAFF_SEATS:
        raise DomainError(ErrorCode.STAFF_LIMIT_REACHED)
    return True
