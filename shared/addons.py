"""Add-on gate with grandfathering (SPEC §7.5-7.6, DECISIONS D19).

A vehicle is *new* for an add-on only while ``addon_first_enabled_at`` is NULL; only then may
the gate refuse. Once set, the add-on stays usable forever, including re-activation after a
deactivation. Denials are 403 with ``{"detail": {"code": ...}}`` (``shared.errors``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from shared.errors import DomainError, ErrorCode
from shared.roles import ADMIN_ROLES, Role


class AddonKey(StrEnum):
    """Trust-folder add-ons. ``restauration`` is the original's key and the folder default."""

    ACCIDENT = "unfall"
    OLDTIMER = "oldtimer"
    RESTORATION = "restauration"


DEFAULT_ADDON_KEY = AddonKey.RESTORATION
#: Roles that may use trust folders at all (D19: every non-moderator role, on own vehicles).
ADDON_ROLES: frozenset[Role] = frozenset({Role.USER, Role.VIP, Role.DEALER}) | ADMIN_ROLES


def parse_addon_key(raw: str) -> AddonKey:
    """The add-on for its key; an unknown key is an add-on that is not available (403)."""
    try:
        return AddonKey(raw.strip().lower())
    except ValueError:
        raise DomainError(ErrorCode.ADDON_NOT_AVAILABLE) from None


@dataclass(frozen=True, slots=True)
class AddonConfig:
    """Admin switches per add-on; the defaults deny new activations (SPEC §7.6)."""

    allow_new: bool = False
    requires_payment: bool = True
    admin_only: bool = False


@dataclass(frozen=True, slots=True)
class VehicleAddonState:
    """Per vehicle and add-on."""

    active: bool = False
    addon_first_enabled_at: datetime | None = None

    @property
    def grandfathered(self) -> bool:
        return self.addon_first_enabled_at is not None


class GateOutcome(StrEnum):
    GRANDFATHERED = "grandfathered"  # first enabled earlier: the gate never applies
    LEGACY_BACKFILL = "legacy_backfill"  # folder data predates the gate: back-fill the timestamp
    NEW_ACTIVATION = "new_activation"  # passed the gate for the first time


@dataclass(frozen=True, slots=True)
class GateDecision:
    """An allowed use; ``addon_first_enabled_at`` is the value to store (never overwritten)."""

    outcome: GateOutcome
    addon_first_enabled_at: datetime


def check_addon_gate(
    *,
    config: AddonConfig | None,
    state: VehicleAddonState | None,
    actor_role: Role,
    has_entitlement: bool,
    now: datetime,
    has_legacy_folder_data: bool = False,
) -> GateDecision:
    """Allow a use or activation of an add-on on a vehicle, or raise 403.

    0. A role outside D19 (moderator, public) -> ``forbidden``.
    Grandfathering: ``addon_first_enabled_at`` set -> allowed, whatever the config says; trust-folder
    data already on the vehicle -> allowed and the timestamp is back-filled with ``now``.
    New activation, in the order of SPEC §7.6:

    1. no config -> ``addon_not_available``;
    2. ``admin_only`` and the actor is not an admin -> ``admin_only``;
    3. ``allow_new`` is false -> ``addon_not_available``;
    4. ``requires_payment``, not an admin, no enabled entitlement -> ``paywall_required``;
    5. otherwise allowed; ``addon_first_enabled_at = now``.
    """
    if actor_role not in ADDON_ROLES:
        raise DomainError(ErrorCode.FORBIDDEN, message="add-ons: role not allowed")
    if state is not None and state.addon_first_enabled_at is not None:
        return GateDecision(GateOutcome.GRANDFATHERED, state.addon_first_enabled_at)
    if has_legacy_folder_data:
        return GateDecision(GateOutcome.LEGACY_BACKFILL, now)
    is_admin = actor_role in ADMIN_ROLES
    if config is None:
        raise DomainError(ErrorCode.ADDON_NOT_AVAILABLE)
    if config.admin_only and not is_admin:
        raise DomainError(ErrorCode.ADMIN_ONLY)
    if not config.allow_new:
        raise DomainError(ErrorCode.ADDON_NOT_AVAILABLE)
    if config.requires_payment and not is_admin and not has_entitlement:
        raise DomainError(ErrorCode.PAYWALL_REQUIRED)
    return GateDecision(GateOutcome.NEW_ACTIVATION, now)


def enable_addon(
    state: VehicleAddonState | None,
    *,
    config: AddonConfig | None,
    actor_role: Role,
    has_entitlement: bool,
    now: datetime,
    has_legacy_folder_data: bool = False,
) -> VehicleAddonState:
    """Activate through the gate; keeps an existing ``addon_first_enabled_at``."""
    decision = check_addon_gate(
        config=config,
        state=state,
        actor_role=actor_role,
        has_entitlement=has_entitlement,
        now=now,
        has_legacy_folder_data=has_legacy_folder_data,
    )
    return VehicleAddonState(active=True, addon_first_enabled_at=decision.addon_first_enabled_at)


def disable_addon(state: VehicleAddonState | None) -> VehicleAddonState:
    """Deactivate; ``addon_first_enabled_at`` stays (grandfathering)."""
    return replace(state or VehicleAddonState(), active=False)
