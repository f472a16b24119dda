"""Add-on gate with grandfathering (SPEC §7.6, D19)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from shared.addons import (
    DEFAULT_ADDON_KEY,
    AddonConfig,
    AddonKey,
    GateDecision,
    GateOutcome,
    VehicleAddonState,
    check_addon_gate,
    disable_addon,
    enable_addon,
    parse_addon_key,
)
from shared.errors import DomainError, ErrorCode
from shared.roles import Role

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
EARLIER = datetime(2024, 1, 1, tzinfo=UTC)
OPEN_FREE = AddonConfig(allow_new=True, requires_payment=False)
OPEN_PAID = AddonConfig(allow_new=True, requires_payment=True)
ADMIN_ONLY_OPEN = AddonConfig(allow_new=True, requires_payment=False, admin_only=True)
NEW = VehicleAddonState()
GRANDFATHERED = VehicleAddonState(active=False, addon_first_enabled_at=EARLIER)


def test_addon_keys_and_default() -> None:
    assert {key.value for key in AddonKey} == {"unfall", "oldtimer", "restauration"}
    assert DEFAULT_ADDON_KEY.value == "restauration"


@pytest.mark.parametrize(("raw", "key"), [("restauration", AddonKey.RESTORATION), (" Oldtimer ", AddonKey.OLDTIMER)])
def test_parse_addon_key(raw: str, key: AddonKey) -> None:
    assert parse_addon_key(raw) is key


@pytest.mark.parametrize("raw", ["restoration", "", "militaria"])
def test_parse_addon_key_unknown_is_not_available(raw: str) -> None:
    with pytest.raises(DomainError) as info:
        parse_addon_key(raw)
    assert info.value.code is ErrorCode.ADDON_NOT_AVAILABLE
    assert info.value.body == {"detail": {"code": "addon_not_available"}}


def test_config_defaults_deny_by_default() -> None:
    assert AddonConfig() == AddonConfig(allow_new=False, requires_payment=True, admin_only=False)


@pytest.mark.parametrize(
    ("config", "state", "role", "entitled", "legacy", "outcome"),
    [
        # new activation, step 5
        (OPEN_FREE, NEW, Role.USER, False, False, GateOutcome.NEW_ACTIVATION),
        (OPEN_FREE, None, Role.DEALER, False, False, GateOutcome.NEW_ACTIVATION),
        (OPEN_PAID, NEW, Role.VIP, True, False, GateOutcome.NEW_ACTIVATION),
        (OPEN_PAID, NEW, Role.ADMIN, False, False, GateOutcome.NEW_ACTIVATION),  # admins skip the paywall
        (ADMIN_ONLY_OPEN, NEW, Role.SUPERADMIN, False, False, GateOutcome.NEW_ACTIVATION),
        # grandfathered: the gate never applies, whatever the config
        (None, GRANDFATHERED, Role.USER, False, False, GateOutcome.GRANDFATHERED),
        (AddonConfig(), GRANDFATHERED, Role.USER, False, False, GateOutcome.GRANDFATHERED),
        (AddonConfig(admin_only=True), GRANDFATHERED, Role.USER, False, False, GateOutcome.GRANDFATHERED),
        # legacy folder data: back-filled
        (None, NEW, Role.USER, False, True, GateOutcome.LEGACY_BACKFILL),
        (AddonConfig(), None, Role.VIP, False, True, GateOutcome.LEGACY_BACKFILL),
    ],
)
def test_gate_allows(
    config: AddonConfig | None,
    state: VehicleAddonState | None,
    role: Role,
    entitled: bool,
    legacy: bool,
    outcome: GateOutcome,
) -> None:
    decision = check_addon_gate(
        config=config, state=state, actor_role=role, has_entitlement=entitled, now=NOW, has_legacy_folder_data=legacy
    )
    expected_time = EARLIER if outcome is GateOutcome.GRANDFATHERED else NOW
    assert decision == GateDecision(outcome, expected_time)


@pytest.mark.parametrize(
    ("config", "role", "entitled", "code"),
    [
        (None, Role.USER, True, ErrorCode.ADDON_NOT_AVAILABLE),  # 1
        (None, Role.ADMIN, True, ErrorCode.ADDON_NOT_AVAILABLE),  # 1 applies to admins too
        (AddonConfig(admin_only=True), Role.USER, True, ErrorCode.ADMIN_ONLY),  # 2 before 3
        (AddonConfig(admin_only=True, allow_new=True), Role.VIP, True, ErrorCode.ADMIN_ONLY),
        (AddonConfig(), Role.USER, True, ErrorCode.ADDON_NOT_AVAILABLE),  # 3 before 4
        (AddonConfig(), Role.ADMIN, True, ErrorCode.ADDON_NOT_AVAILABLE),
        (AddonConfig(allow_new=False, requires_payment=True), Role.USER, False, ErrorCode.ADDON_NOT_AVAILABLE),
        (OPEN_PAID, Role.USER, False, ErrorCode.PAYWALL_REQUIRED),  # 4
        (OPEN_PAID, Role.DEALER, False, ErrorCode.PAYWALL_REQUIRED),
        (OPEN_FREE, Role.MODERATOR, True, ErrorCode.FORBIDDEN),  # D19: never moderators
        (OPEN_FREE, Role.PUBLIC, True, ErrorCode.FORBIDDEN),
    ],
)
def test_gate_denies_in_spec_order(config: AddonConfig | None, role: Role, entitled: bool, code: ErrorCode) -> None:
    with pytest.raises(DomainError) as info:
        check_addon_gate(config=config, state=NEW, actor_role=role, has_entitlement=entitled, now=NOW)
    assert info.value.code is code
    assert info.value.http_status == 403


def test_moderator_is_refused_even_on_a_grandfathered_vehicle() -> None:
    with pytest.raises(DomainError) as info:
        check_addon_gate(config=None, state=GRANDFATHERED, actor_role=Role.MODERATOR, has_entitlement=True, now=NOW)
    assert info.value.code is ErrorCode.FORBIDDEN


def test_enable_disable_reenable_keeps_first_enabled_at() -> None:
    enabled = enable_addon(NEW, config=OPEN_PAID, actor_role=Role.USER, has_entitlement=True, now=EARLIER)
    assert enabled == VehicleAddonState(active=True, addon_first_enabled_at=EARLIER)
    disabled = disable_addon(enabled)
    assert disabled == VehicleAddonState(active=False, addon_first_enabled_at=EARLIER)
    assert disabled.grandfathered
    # the admin closed the add-on and the entitlement ended: the vehicle keeps it anyway
    again = enable_addon(disabled, config=AddonConfig(), actor_role=Role.USER, has_entitlement=False, now=NOW)
    assert again == VehicleAddonState(active=True, addon_first_enabled_at=EARLIER)


def test_enable_refused_for_a_new_vehicle_leaves_no_state() -> None:
    with pytest.raises(DomainError) as info:
        enable_addon(None, config=OPEN_PAID, actor_role=Role.USER, has_entitlement=False, now=NOW)
    assert info.value.body == {"detail": {"code": "paywall_required"}}


def test_enable_with_legacy_data_backfills() -> None:
    state = enable_addon(
        None, config=None, actor_role=Role.USER, has_entitlement=False, now=NOW, has_legacy_folder_data=True
    )
    assert state == VehicleAddonState(active=True, addon_first_enabled_at=NOW)


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (None, VehicleAddonState(active=False, addon_first_enabled_at=None)),
        (NEW, NEW),
        (VehicleAddonState(active=True, addon_first_enabled_at=EARLIER), GRANDFATHERED),
    ],
)
def test_disable_addon(state: VehicleAddonState | None, expected: VehicleAddonState) -> None:
    assert disable_addon(state) == expected
    assert disable_addon(state).grandfathered is (expected.addon_first_enabled_at is not None)
