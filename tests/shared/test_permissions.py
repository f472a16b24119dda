"""Table tests of the permission matrix: every action × role cell, written out independently."""

from __future__ import annotations

import pytest

from shared.errors import DomainError, ErrorCode
from shared.permissions import (
    CONSENT_EXEMPT_ACTIONS,
    MATRIX,
    MODERATOR_ALLOWED_PREFIXES,
    Action,
    Condition,
    Decision,
    Grant,
    decide,
    grant_for,
    is_allowed,
    moderator_may_access,
    requires_consent,
    requires_second_factor,
)
from shared.roles import Role, Scope, StepUpScope

ROLES = (Role.SUPERADMIN, Role.ADMIN, Role.DEALER, Role.VIP, Role.USER, Role.MODERATOR, Role.PUBLIC)

# Cell notation: "401" unauthorized, "403" forbidden, "mod" = 403 role_not_allowed (moderator hard
# block); otherwise the allowed scopes: all, pub, own, org, oo = own+org, os = own+shared,
# oos = own+org+shared.
#                       superadmin admin  dealer vip    user   moderator public
EXPECTED: dict[str, tuple[str, str, str, str, str, str, str]] = {
    "health": ("pub", "pub", "pub", "pub", "pub", "mod", "pub"),
    "public_site": ("pub", "pub", "pub", "pub", "pub", "mod", "pub"),
    "content_read": ("pub", "pub", "pub", "pub", "pub", "pub", "pub"),
    "auth_login": ("pub", "pub", "pub", "pub", "pub", "pub", "pub"),
    "auth_session": ("own", "own", "own", "own", "own", "own", "401"),
    "consent": ("own", "own", "own", "own", "own", "own", "401"),
    "profile": ("own", "own", "own", "own", "own", "mod", "401"),
    "notifications": ("own", "own", "own", "own", "own", "mod", "401"),
    "support_feedback": ("own", "own", "own", "own", "own", "own", "401"),
    "support_admin": ("all", "all", "403", "403", "403", "mod", "401"),
    "vehicles": ("all", "all", "oos", "oos", "oos", "mod", "401"),
    "collections": ("all", "all", "oo", "oo", "oo", "mod", "401"),
    "entries": ("all", "all", "oos", "oos", "oos", "mod", "401"),
    "gallery": ("all", "all", "oo", "oo", "oo", "mod", "401"),
    "archive": ("all", "all", "oo", "oo", "oo", "mod", "401"),
    "invoices": ("all", "all", "oo", "oo", "oo", "mod", "401"),
    "trust": ("all", "all", "oo", "oo", "oo", "mod", "401"),
    "trust_folders": ("all", "all", "own", "own", "own", "mod", "401"),
    "addon_vehicle": ("all", "all", "oo", "oo", "oo", "mod", "401"),
    "addon_admin": ("all", "all", "403", "403", "403", "mod", "401"),
    "modules": ("all", "all", "oo", "oo", "oo", "mod", "401"),
    "systemlogs": ("all", "all", "oo", "oo", "oo", "mod", "401"),
    "public_share_manage": ("all", "all", "oo", "oo", "oo", "mod", "401"),
    "sync": ("all", "all", "oos", "oos", "oos", "mod", "401"),
    "document_upload": ("all", "all", "oos", "oos", "oos", "mod", "401"),
    "document_read": ("all", "all", "oos", "oos", "oos", "mod", "401"),
    "document_download": ("all", "all", "oos", "oos", "oos", "mod", "401"),
    "document_pii": ("all", "all", "own", "own", "own", "mod", "401"),
    "document_quarantine": ("all", "all", "403", "403", "403", "mod", "401"),
    "document_review": ("all", "all", "403", "403", "403", "mod", "401"),
    "transfer": ("oos", "oos", "oos", "oos", "oos", "mod", "401"),
    "sale_transfer": ("403", "403", "oos", "oos", "403", "mod", "401"),
    "sale_transfer_status": ("all", "all", "os", "os", "403", "mod", "401"),
    "dealer_suite": ("all", "all", "oo", "oo", "403", "mod", "401"),
    "pdf_qr": ("all", "all", "oo", "oo", "oo", "mod", "401"),
    "pdf_trust": ("all", "all", "oo", "oo", "oo", "mod", "401"),
    "pdf_maintenance": ("all", "all", "oo", "oo", "oo", "mod", "401"),
    "export_listing": ("all", "all", "oo", "oo", "403", "mod", "401"),
    "export_redacted": ("all", "all", "oo", "oo", "oo", "mod", "401"),
    "export_user": ("all", "all", "own", "own", "own", "mod", "401"),
    "export_full_grant": ("all", "403", "403", "403", "403", "mod", "401"),
    "export_full": ("all", "403", "403", "403", "403", "mod", "401"),
    "import": ("all", "all", "oo", "org", "403", "mod", "401"),
    "cms_edit": ("all", "all", "403", "403", "403", "own", "401"),
    "cms_review": ("all", "all", "403", "403", "403", "mod", "401"),
    "cms_publish": ("all", "403", "403", "403", "403", "mod", "401"),
    "audit_read": ("all", "all", "403", "403", "403", "mod", "401"),
    "admin_users": ("all", "all", "403", "403", "403", "mod", "401"),
    "admin_step_up": ("all", "all", "403", "403", "403", "mod", "401"),
    "admin_role_grant": ("all", "all", "403", "403", "403", "mod", "401"),
    "admin_moderator_accredit": ("all", "all", "403", "403", "403", "mod", "401"),
    "admin_pii_reveal": ("all", "all", "403", "403", "403", "mod", "401"),
    "admin_vip_business": ("all", "all", "403", "403", "403", "mod", "401"),
    "admin_vip_business_approve": ("all", "403", "403", "403", "403", "mod", "401"),
    "admin_vip_business_staff": ("all", "403", "403", "403", "403", "mod", "401"),
    "admin_orgs": ("all", "all", "403", "403", "403", "mod", "401"),
    "admin_soft_delete": ("all", "all", "403", "403", "403", "mod", "401"),
    "admin_config": ("all", "all", "403", "403", "403", "mod", "401"),
}

SCOPE_CELLS: dict[str, frozenset[Scope]] = {
    "all": frozenset({Scope.ALL}),
    "pub": frozenset({Scope.PUBLIC}),
    "own": frozenset({Scope.OWN}),
    "org": frozenset({Scope.ORG}),
    "oo": frozenset({Scope.OWN, Scope.ORG}),
    "os": frozenset({Scope.OWN, Scope.SHARED}),
    "oos": frozenset({Scope.OWN, Scope.ORG, Scope.SHARED}),
}
DENIAL_CELLS: dict[str, tuple[int, ErrorCode]] = {
    "401": (401, ErrorCode.UNAUTHORIZED),
    "403": (403, ErrorCode.FORBIDDEN),
    "mod": (403, ErrorCode.ROLE_NOT_ALLOWED),
}

CELLS = [(action, role, row[i]) for action, row in EXPECTED.items() for i, role in enumerate(ROLES)]

# Step-up scopes and conditions, per action, for the roles that are allowed (independent table).
EXPECTED_STEP_UP: dict[str, StepUpScope] = {
    "admin_role_grant": StepUpScope.ROLE_GRANT,
    "admin_moderator_accredit": StepUpScope.MODERATOR_ACCREDIT,
    "admin_pii_reveal": StepUpScope.PII_REVEAL,
    "admin_vip_business_approve": StepUpScope.VIP_BUSINESS_APPROVE,
    "admin_vip_business_staff": StepUpScope.VIP_BUSINESS_STAFF,
    "export_full_grant": StepUpScope.EXPORT_FULL,
    "admin_config": StepUpScope.POLICY_OVERRIDE,
}
EXPECTED_CONDITIONS: dict[tuple[str, Role], frozenset[Condition]] = {
    **{("trust_folders", r): frozenset({Condition.ADDON_GATE}) for r in ROLES[:5]},
    **{("addon_vehicle", r): frozenset({Condition.ADDON_GATE}) for r in ROLES[:5]},
    **{("document_read", r): frozenset({Condition.DOCUMENT_VISIBLE}) for r in (Role.DEALER, Role.VIP, Role.USER)},
    **{("document_download", r): frozenset({Condition.VALID_EVIDENCE}) for r in (Role.DEALER, Role.VIP, Role.USER)},
    **{("sale_transfer_status", r): frozenset({Condition.TRANSFER_PARTY}) for r in (Role.DEALER, Role.VIP)},
    ("dealer_suite", Role.VIP): frozenset({Condition.DEALER_SUITE_ACTIVE}),
    ("export_full", Role.SUPERADMIN): frozenset({Condition.EXPORT_TOKEN}),
}


def test_expected_table_covers_every_action() -> None:
    assert set(EXPECTED) == {a.value for a in Action}
    assert set(MATRIX) == set(Action)
    assert all(set(MATRIX[a]) == set(Role) for a in Action)


@pytest.mark.parametrize(("action", "role", "cell"), CELLS)
def test_matrix_cell(action: str, role: Role, cell: str) -> None:
    decision = decide(role, Action(action))
    if cell in DENIAL_CELLS:
        status, code = DENIAL_CELLS[cell]
        assert decision == Decision(False, status, code)
        assert not is_allowed(role, Action(action))
    else:
        assert decision.allowed
        assert decision.status == 200
        assert decision.code is None
        assert decision.scopes == SCOPE_CELLS[cell]
        assert is_allowed(role, Action(action))


@pytest.mark.parametrize(("action", "role", "cell"), [c for c in CELLS if c[2] in SCOPE_CELLS])
@pytest.mark.parametrize("scope", list(Scope))
def test_scope_check(action: str, role: Role, cell: str, scope: Scope) -> None:
    granted = SCOPE_CELLS[cell]
    expect = scope in granted or Scope.ALL in granted
    decision = decide(role, Action(action), scope)
    assert decision.allowed is expect
    if not expect:
        # the anonymous caller never gets a 403 (D5), everybody else gets forbidden
        wanted = (401, ErrorCode.UNAUTHORIZED) if role is Role.PUBLIC else (403, ErrorCode.FORBIDDEN)
        assert (decision.status, decision.code) == wanted


@pytest.mark.parametrize(("action", "role", "cell"), [c for c in CELLS if c[2] in DENIAL_CELLS])
@pytest.mark.parametrize("scope", [None, *Scope])
def test_denied_cell_stays_denied_for_every_scope(action: str, role: Role, cell: str, scope: Scope | None) -> None:
    assert not is_allowed(role, Action(action), scope)
    assert decide(role, Action(action), scope).status == DENIAL_CELLS[cell][0]


@pytest.mark.parametrize(("action", "role", "cell"), [c for c in CELLS if c[2] in SCOPE_CELLS])
def test_step_up_and_conditions(action: str, role: Role, cell: str) -> None:
    decision = decide(role, Action(action))
    assert decision.step_up == EXPECTED_STEP_UP.get(action)
    assert decision.conditions == EXPECTED_CONDITIONS.get((action, role), frozenset())
    assert grant_for(role, Action(action)).step_up == decision.step_up


@pytest.mark.parametrize(
    ("role", "action", "scope", "status", "code"),
    [
        (Role.ADMIN, Action.CMS_PUBLISH, None, 403, ErrorCode.FORBIDDEN),
        (Role.MODERATOR, Action.VEHICLES, Scope.OWN, 403, ErrorCode.ROLE_NOT_ALLOWED),
        (Role.PUBLIC, Action.VEHICLES, None, 401, ErrorCode.UNAUTHORIZED),
        (Role.MODERATOR, Action.CMS_EDIT, Scope.ALL, 403, ErrorCode.FORBIDDEN),
        (Role.PUBLIC, Action.CONTENT_READ, Scope.ALL, 401, ErrorCode.UNAUTHORIZED),
    ],
)
def test_raise_if_denied(role: Role, action: Action, scope: Scope | None, status: int, code: ErrorCode) -> None:
    with pytest.raises(DomainError) as info:
        decide(role, action, scope).raise_if_denied()
    assert (info.value.http_status, info.value.code) == (status, code)


def test_raise_if_denied_is_silent_when_allowed() -> None:
    decide(Role.USER, Action.VEHICLES, Scope.OWN).raise_if_denied()


@pytest.mark.parametrize(
    ("kwargs", "valid"),
    [
        ({"allowed": True, "scopes": frozenset({Scope.OWN})}, True),
        ({"allowed": True}, False),
        ({"allowed": False, "status": 403, "code": ErrorCode.FORBIDDEN}, True),
        ({"allowed": False, "status": 404, "code": ErrorCode.NOT_FOUND}, False),
        ({"allowed": False, "status": 403}, False),
    ],
)
def test_grant_validation(kwargs: dict[str, object], valid: bool) -> None:
    if valid:
        Grant(**kwargs)  # type: ignore[arg-type]
    else:
        with pytest.raises(ValueError, match="grant|denial"):
            Grant(**kwargs)  # type: ignore[arg-type]


CONSENT_EXEMPT = {"health", "public_site", "content_read", "auth_login", "auth_session", "consent"}


@pytest.mark.parametrize("action", list(Action))
def test_consent_gate(action: Action) -> None:
    assert requires_consent(action) is (action.value not in CONSENT_EXEMPT)
    assert (action in CONSENT_EXEMPT_ACTIONS) is (action.value in CONSENT_EXEMPT)


SECOND_FACTOR = {
    "support_admin",
    "addon_admin",
    "document_quarantine",
    "document_review",
    "export_full_grant",
    "export_full",
    "cms_review",
    "cms_publish",
    "audit_read",
    "admin_users",
    "admin_step_up",
    "admin_role_grant",
    "admin_moderator_accredit",
    "admin_pii_reveal",
    "admin_vip_business",
    "admin_vip_business_approve",
    "admin_vip_business_staff",
    "admin_orgs",
    "admin_soft_delete",
    "admin_config",
}


@pytest.mark.parametrize("action", list(Action))
def test_second_factor(action: Action) -> None:
    assert requires_second_factor(action) is (action.value in SECOND_FACTOR)


PREFIX_SWEEP = [
    ("/auth", True),
    ("/auth/", True),
    ("/auth/me", True),
    ("/auth/totp/confirm", True),
    ("/authx", False),
    ("/authx/me", False),
    ("/auth-me", False),
    ("/api/auth/me", True),
    ("/api/auth", True),
    ("/api/authx", False),
    ("/api", False),
    ("/api/", False),
    ("/apix/auth/me", False),
    ("/api/api/auth/me", False),
    ("/consent/status", True),
    ("/api/consent/accept", True),
    ("/blog", True),
    ("/blog/some-slug", True),
    ("/blogs", False),
    ("/news/x", True),
    ("/newsletter", False),
    ("/cms/blog", True),
    ("/cms/blog/drafts", True),
    ("/cms/news/12/submit", True),
    ("/cms/newsroom", False),
    ("/cms", False),
    ("/cms/review/blog/1", False),
    ("/cms/publish/1", False),
    ("/api/cms/publish/1", False),
    ("/support/feedback", True),
    ("/api/support/feedback", True),
    ("/support/feedbacks", False),
    ("/support/admin/inbox", False),
    ("/support", False),
    ("/public/qr/abc", False),
    ("/health", False),
    ("/vehicles", False),
    ("/documents/upload", False),
    ("/sync/push", False),
    ("/admin/users", False),
    ("/", False),
    ("", False),
    ("auth/me", False),
    ("/AUTH/me", False),
    ("/auth/me?x=1", True),
    ("/vehicles?next=/auth", False),
    ("/auth/me#frag", True),
    ("/auth/../vehicles", False),
    ("/auth/./me", False),
    ("/auth//me", False),
    ("//auth/me", False),
    ("/api//auth/me", False),
]


@pytest.mark.parametrize(("path", "allowed"), PREFIX_SWEEP)
def test_moderator_prefix_sweep(path: str, allowed: bool) -> None:
    assert moderator_may_access(path) is allowed


def test_moderator_prefixes_are_d6() -> None:
    assert set(MODERATOR_ALLOWED_PREFIXES) == {
        "/auth",
        "/consent",
        "/blog",
        "/news",
        "/cms/blog",
        "/cms/news",
        "/support/feedback",
    }


# One example path per action: the path allow-list and the matrix must agree for the moderator.
EXAMPLE_PATHS: dict[str, str] = {
    "health": "/health",
    "public_site": "/public/qr/tok",
    "content_read": "/blog/slug",
    "auth_login": "/auth/verify",
    "auth_session": "/auth/me",
    "consent": "/consent/accept",
    "profile": "/profile/me",
    "notifications": "/notifications",
    "support_feedback": "/support/feedback",
    "support_admin": "/support/admin/tickets",
    "vehicles": "/vehicles/1",
    "collections": "/collections",
    "entries": "/vehicles/1/entries",
    "gallery": "/vehicles/1/gallery",
    "archive": "/vehicles/1/archive",
    "invoices": "/vehicles/1/invoices",
    "trust": "/vehicles/1/trust-summary",
    "trust_folders": "/trust/folders",
    "addon_vehicle": "/addons/vehicles/1/enable",
    "addon_admin": "/addons/config/restauration",
    "modules": "/modules",
    "systemlogs": "/systemlogs",
    "public_share_manage": "/vehicles/1/public-token/rotate",
    "sync": "/sync/changes",
    "document_upload": "/documents/upload",
    "document_read": "/documents/1",
    "document_download": "/documents/1/download",
    "document_pii": "/documents/1/pii",
    "document_quarantine": "/documents/admin/quarantine",
    "document_review": "/documents/1/approve",
    "transfer": "/transfer/create",
    "sale_transfer": "/sale/transfer/create",
    "sale_transfer_status": "/sale/transfer/status/1",
    "dealer_suite": "/dealer/listings",
    "pdf_qr": "/pdf/qr/1",
    "pdf_trust": "/pdf/trust/1",
    "pdf_maintenance": "/pdf/maintenance/1",
    "export_listing": "/export/ad/1",
    "export_redacted": "/export/vehicle/1",
    "export_user": "/export/user/1",
    "export_full_grant": "/export/vehicle/1/grant",
    "export_full": "/export/vehicle/1/full",
    "import": "/import/validate",
    "cms_edit": "/cms/news/drafts",
    "cms_review": "/cms/review/news/1",
    "cms_publish": "/cms/publish/1",
    "audit_read": "/admin/audit",
    "admin_users": "/admin/users",
    "admin_step_up": "/admin/step-up/grant",
    "admin_role_grant": "/admin/users/1/role",
    "admin_moderator_accredit": "/admin/users/1/moderator",
    "admin_pii_reveal": "/admin/users/1/reveal",
    "admin_vip_business": "/admin/vip-businesses",
    "admin_vip_business_approve": "/admin/vip-businesses/b/approve",
    "admin_vip_business_staff": "/admin/vip-businesses/b/staff/u",
    "admin_orgs": "/admin/orgs",
    "admin_soft_delete": "/admin/restore/1",
    "admin_config": "/admin/config",
}


@pytest.mark.parametrize("action", list(Action))
def test_moderator_paths_agree_with_matrix(action: Action) -> None:
    path = EXAMPLE_PATHS[action.value]
    assert moderator_may_access(path) is is_allowed(Role.MODERATOR, action)
    assert moderator_may_access("/api" + path) is is_allowed(Role.MODERATOR, action)
