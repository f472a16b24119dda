"""Table tests of role parsing, role grants, step-up scopes and VIP staff seats."""

from __future__ import annotations

import pytest

from shared.errors import DomainError, ErrorCode
from shared.roles import (
    ACCOUNT_ROLES,
    ADMIN_GRANTABLE_ROLES,
    ADMIN_ROLES,
    MEMBER_ROLES,
    VIP_BUSINESS_STAFF_SEATS,
    Role,
    StepUpScope,
    can_grant_role,
    check_role_grant,
    check_vip_staff_seat,
    clamp_step_up_ttl,
    parse_account_role,
    parse_role,
    parse_step_up_scope,
)


def test_role_sets() -> None:
    assert {r.value for r in ACCOUNT_ROLES} == {"user", "vip", "dealer", "moderator", "admin", "superadmin"}
    assert {r.value for r in ADMIN_ROLES} == {"admin", "superadmin"}
    assert {r.value for r in MEMBER_ROLES} == {"user", "vip", "dealer"}
    assert {r.value for r in ADMIN_GRANTABLE_ROLES} == {"user", "vip", "dealer", "moderator", "admin"}
    assert VIP_BUSINESS_STAFF_SEATS == 2


@pytest.mark.parametrize(
    ("value", "role", "account_ok"),
    [
        ("user", Role.USER, True),
        ("vip", Role.VIP, True),
        ("dealer", Role.DEALER, True),
        ("moderator", Role.MODERATOR, True),
        ("admin", Role.ADMIN, True),
        ("superadmin", Role.SUPERADMIN, True),
        ("public", Role.PUBLIC, False),
        ("VIP", None, False),
        (" user", None, False),
        ("root", None, False),
        ("", None, False),
    ],
)
def test_parse_role(value: str, role: Role | None, account_ok: bool) -> None:
    if role is None:
        with pytest.raises(DomainError) as info:
            parse_role(value)
        assert info.value.code is ErrorCode.INVALID_ROLE
        assert info.value.http_status == 400
    else:
        assert parse_role(value) is role
    if account_ok:
        assert parse_account_role(value) is role
    else:
        with pytest.raises(DomainError) as info:
            parse_account_role(value)
        assert info.value.code is ErrorCode.INVALID_ROLE


# (actor, target, current role of the user or None, expected code or None for allowed)
GRANT_CASES = [
    (Role.SUPERADMIN, "superadmin", None, None),
    (Role.SUPERADMIN, "admin", Role.SUPERADMIN, None),
    (Role.SUPERADMIN, "moderator", None, None),
    (Role.SUPERADMIN, Role.USER, Role.ADMIN, None),
    (Role.ADMIN, "superadmin", None, ErrorCode.SUPERADMIN_REQUIRED),
    (Role.ADMIN, Role.SUPERADMIN, Role.USER, ErrorCode.SUPERADMIN_REQUIRED),
    (Role.ADMIN, "user", Role.SUPERADMIN, ErrorCode.SUPERADMIN_REQUIRED),
    (Role.ADMIN, "admin", None, None),
    (Role.ADMIN, "vip", Role.USER, None),
    (Role.ADMIN, "dealer", None, None),
    (Role.ADMIN, "moderator", None, None),
    (Role.ADMIN, "user", Role.ADMIN, None),
    (Role.ADMIN, "public", None, ErrorCode.INVALID_ROLE),
    (Role.ADMIN, Role.PUBLIC, None, ErrorCode.INVALID_ROLE),
    (Role.SUPERADMIN, "public", None, ErrorCode.INVALID_ROLE),
    (Role.ADMIN, "owner", None, ErrorCode.INVALID_ROLE),
    (Role.SUPERADMIN, "Superadmin", None, ErrorCode.INVALID_ROLE),
    (Role.USER, "vip", None, ErrorCode.FORBIDDEN),
    (Role.VIP, "dealer", None, ErrorCode.FORBIDDEN),
    (Role.DEALER, "bogus", None, ErrorCode.FORBIDDEN),
    (Role.MODERATOR, "moderator", None, ErrorCode.FORBIDDEN),
    (Role.PUBLIC, "user", None, ErrorCode.UNAUTHORIZED),
]
STATUS = {
    ErrorCode.SUPERADMIN_REQUIRED: 403,
    ErrorCode.INVALID_ROLE: 400,
    ErrorCode.FORBIDDEN: 403,
    ErrorCode.UNAUTHORIZED: 401,
}


@pytest.mark.parametrize(("actor", "target", "current", "code"), GRANT_CASES)
def test_role_grant(actor: Role, target: Role | str, current: Role | None, code: ErrorCode | None) -> None:
    if code is None:
        assert check_role_grant(actor, target, current) is Role(target)
        assert can_grant_role(actor, target, current)
    else:
        with pytest.raises(DomainError) as info:
            check_role_grant(actor, target, current)
        assert info.value.code is code
        assert info.value.http_status == STATUS[code]
        assert not can_grant_role(actor, target, current)


@pytest.mark.parametrize(
    ("value", "scope"),
    [
        ("role_grant", StepUpScope.ROLE_GRANT),
        ("moderator_accredit", StepUpScope.MODERATOR_ACCREDIT),
        ("vip_business_approve", StepUpScope.VIP_BUSINESS_APPROVE),
        ("vip_business_staff", StepUpScope.VIP_BUSINESS_STAFF),
        ("pii_reveal", StepUpScope.PII_REVEAL),
        ("export_full", StepUpScope.EXPORT_FULL),
        ("policy_override", StepUpScope.POLICY_OVERRIDE),
        ("ROLE_GRANT", None),
        ("role-grant", None),
        ("admin", None),
        ("", None),
    ],
)
def test_parse_step_up_scope(value: str, scope: StepUpScope | None) -> None:
    if scope is None:
        with pytest.raises(DomainError) as info:
            parse_step_up_scope(value)
        assert info.value.code is ErrorCode.INVALID_STEP_UP_SCOPE
        assert info.value.http_status == 400
    else:
        assert parse_step_up_scope(value) is scope


@pytest.mark.parametrize(
    ("requested", "ttl"),
    [(None, 600), (600, 600), (601, 600), (10_000, 600), (300, 300), (60, 60), (59, 60), (0, 60), (-5, 60)],
)
def test_clamp_step_up_ttl(requested: int | None, ttl: int) -> None:
    assert clamp_step_up_ttl(requested) == ttl


@pytest.mark.parametrize("bad", [True, 1.5, "600"])
def test_clamp_step_up_ttl_rejects_non_integers(bad: object) -> None:
    with pytest.raises(DomainError) as info:
        clamp_step_up_ttl(bad)  # type: ignore[arg-type]
    assert info.value.code is ErrorCode.VALIDATION_FAILED


@pytest.mark.parametrize(
    ("count", "already", "result"),
    [(0, False, True), (1, False, True), (2, False, "full"), (3, False, "full"), (2, True, False), (1, True, False)],
)
def test_vip_staff_seat(count: int, already: bool, result: bool | str) -> None:
    if result == "full":
        with pytest.raises(DomainError) as info:
            check_vip_staff_seat(count, already)
        assert info.value.code is ErrorCode.STAFF_LIMIT_REACHED
        assert info.value.http_status == 409
    else:
        assert check_vip_staff_seat(count, already) is result


def test_vip_staff_seat_rejects_negative_count() -> None:
    with pytest.raises(ValueError, match="negative"):
        check_vip_staff_seat(-1, False)
