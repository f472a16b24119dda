"""The route-group × role permission matrix (SPEC §2.3 with DECISIONS D5-D10, D19, D23 applied).

The matrix is data: :data:`MATRIX` maps every :class:`Action` to one :class:`Grant` per role. A grant
either allows the action within some scopes (plus conditions the caller must still check, and an
optional admin step-up) or denies it with an HTTP outcome. It answers steps 2-3 of the fixed check
order of SPEC §2.1 (role, scope); authentication, consent and object state are the caller's job.

Column reading used below: "✅" for admin/superadmin means scope ``all``; "✅"/"own" for
user/vip/dealer means ``own`` plus ``org`` (the legend: own objects or those of the user's own
business/fleet; org scope only counts for approved members, which the object check verifies).
Personal route groups (auth session, consent, profile, notifications, support feedback) are
``own`` for every role: an admin's "✅" there means "for their own account".

Denials: the anonymous caller always gets 401 ``unauthorized`` (never 403, D5/D-006); the
moderator outside the D6 allow-list gets 403 ``role_not_allowed`` (SPEC §2.5 "moderator hard
block"); every other denial is 403 ``forbidden``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from shared.errors import DomainError, ErrorCode
from shared.roles import ADMIN_ROLES, Role, Scope, StepUpScope


class Action(StrEnum):
    """Route groups and the finer actions inside them that the matrix distinguishes."""

    HEALTH = "health"  # GET /health
    PUBLIC_SITE = "public_site"  # /public/* (QR mini-check)
    CONTENT_READ = "content_read"  # /blog/*, /news/* (published only)
    AUTH_LOGIN = "auth_login"  # /auth/request, /auth/verify, /auth/login, /auth/refresh
    AUTH_SESSION = "auth_session"  # /auth/me, /auth/logout, /auth/password, /auth/totp/*
    CONSENT = "consent"  # /consent/*
    PROFILE = "profile"  # /profile/*, /entitlements/* (own account)
    NOTIFICATIONS = "notifications"  # /notifications/*
    SUPPORT_FEEDBACK = "support_feedback"  # /support/feedback
    SUPPORT_ADMIN = "support_admin"  # /support/admin/*
    VEHICLES = "vehicles"  # /vehicles/* (master data)
    COLLECTIONS = "collections"  # /collections/*
    ENTRIES = "entries"  # /vehicles/{id}/entries/*
    GALLERY = "gallery"  # /vehicles/{id}/gallery/*
    ARCHIVE = "archive"  # /vehicles/{id}/archive/*
    INVOICES = "invoices"  # /vehicles/{id}/invoices/*
    TRUST = "trust"  # /trust/*, /vehicles/{id}/trust-summary
    TRUST_FOLDERS = "trust_folders"  # /trust/folders/*
    ADDON_VEHICLE = "addon_vehicle"  # /addons/vehicles/*
    ADDON_ADMIN = "addon_admin"  # /addons/config/*, /addons/entitlements/*
    MODULES = "modules"  # /modules/*
    SYSTEMLOGS = "systemlogs"  # /systemlogs/*
    PUBLIC_SHARE_MANAGE = "public_share_manage"  # enable/disable/rotate the public QR token
    SYNC = "sync"  # /sync/*
    DOCUMENT_UPLOAD = "document_upload"  # POST /documents/upload
    DOCUMENT_READ = "document_read"  # GET /documents/{id}
    DOCUMENT_DOWNLOAD = "document_download"  # GET /documents/{id}/download
    DOCUMENT_PII = "document_pii"  # POST /documents/{id}/pii
    DOCUMENT_QUARANTINE = "document_quarantine"  # GET /documents/admin/quarantine
    DOCUMENT_REVIEW = "document_review"  # POST /documents/{id}/approve|reject|scan|rescan
    TRANSFER = "transfer"  # /transfer/* (owner-transfer QR)
    SALE_TRANSFER = "sale_transfer"  # /sale/transfer/create|redeem|cancel
    SALE_TRANSFER_STATUS = "sale_transfer_status"  # GET /sale/transfer/status/{tid}
    DEALER_SUITE = "dealer_suite"  # /dealer/*
    PDF_QR = "pdf_qr"  # /pdf/qr/*
    PDF_TRUST = "pdf_trust"  # /pdf/trust/*
    PDF_MAINTENANCE = "pdf_maintenance"  # /pdf/maintenance/*
    EXPORT_LISTING = "export_listing"  # /export/ad/*
    EXPORT_REDACTED = "export_redacted"  # GET /export/vehicle/{id}
    EXPORT_USER = "export_user"  # GET /export/user/{id}
    EXPORT_FULL_GRANT = "export_full_grant"  # POST /export/{vehicle|user}/{id}/grant
    EXPORT_FULL = "export_full"  # GET /export/{vehicle|user}/{id}/full + X-Export-Token
    IMPORT = "import"  # /import/*
    CMS_EDIT = "cms_edit"  # /cms/blog/*, /cms/news/* (drafts, edit, submit, list)
    CMS_REVIEW = "cms_review"  # /cms/review/*
    CMS_PUBLISH = "cms_publish"  # /cms/publish/*
    AUDIT_READ = "audit_read"  # audit log read/filter/export
    ADMIN_USERS = "admin_users"  # GET /admin/users (no e-mail)
    ADMIN_STEP_UP = "admin_step_up"  # POST /admin/step-up/grant
    ADMIN_ROLE_GRANT = "admin_role_grant"  # POST /admin/users/{id}/role
    ADMIN_MODERATOR_ACCREDIT = "admin_moderator_accredit"  # POST /admin/users/{id}/moderator
    ADMIN_PII_REVEAL = "admin_pii_reveal"  # reveal a masked e-mail in the admin user list
    ADMIN_VIP_BUSINESS = "admin_vip_business"  # GET/POST /admin/vip-businesses
    ADMIN_VIP_BUSINESS_APPROVE = "admin_vip_business_approve"  # POST .../{business_id}/approve
    ADMIN_VIP_BUSINESS_STAFF = "admin_vip_business_staff"  # POST .../{business_id}/staff/{user_id}
    ADMIN_ORGS = "admin_orgs"  # organisations and membership approval (SPEC §11.3)
    ADMIN_SOFT_DELETE = "admin_soft_delete"  # soft delete / restore (SPEC §11.5)
    ADMIN_CONFIG = "admin_config"  # legal hold, configuration, retention override (SPEC §11.8)


class Condition(StrEnum):
    """Extra gates an allowed grant still depends on; the caller checks them on the object."""

    ADDON_GATE = "addon_gate"  # SPEC §7.6 gate with grandfathering (D19)
    DOCUMENT_VISIBLE = "document_visible"  # APPROVED, pii OK unless owner; own pending status (D17)
    VALID_EVIDENCE = "valid_evidence"  # SPEC §6.6 (D17: download only valid evidence)
    TRANSFER_PARTY = "transfer_party"  # initiator or redeemer of that sale transfer (D-008)
    DEALER_SUITE_ACTIVE = "dealer_suite_active"  # vip only with an active Dealer Suite (SPEC §10.4)
    EXPORT_TOKEN = "export_token"  # one-time X-Export-Token for this target (D10)


@dataclass(frozen=True, slots=True)
class Grant:
    """One matrix cell: allowed within ``scopes`` (+ conditions, step-up), or denied with a status."""

    allowed: bool
    scopes: frozenset[Scope] = frozenset()
    conditions: frozenset[Condition] = frozenset()
    step_up: StepUpScope | None = None
    status: int | None = None
    code: ErrorCode | None = None

    def __post_init__(self) -> None:
        if self.allowed and not self.scopes:
            raise ValueError("an allowed grant needs at least one scope")
        if not self.allowed and (self.status not in (401, 403) or self.code is None):
            raise ValueError("a denial needs status 401 or 403 and an error code")

    def covers(self, scope: Scope) -> bool:
        """True when this (allowed) grant reaches ``scope``; ``all`` covers every scope."""
        return self.allowed and (scope in self.scopes or Scope.ALL in self.scopes)


@dataclass(frozen=True, slots=True)
class Decision:
    """The answer of :func:`decide`: allowed, or denied with an HTTP status and error code."""

    allowed: bool
    status: int = 200
    code: ErrorCode | None = None
    scopes: frozenset[Scope] = field(default_factory=frozenset)
    conditions: frozenset[Condition] = field(default_factory=frozenset)
    step_up: StepUpScope | None = None

    def raise_if_denied(self) -> None:
        """Raise the :class:`DomainError` of a denial; do nothing when allowed."""
        if not self.allowed:
            raise DomainError(self.code or ErrorCode.FORBIDDEN, self.status)


def _allow(*scopes: Scope, conditions: frozenset[Condition] = frozenset(), step_up: StepUpScope | None = None) -> Grant:
    return Grant(True, frozenset(scopes), conditions, step_up)


_LOGIN = Grant(False, status=401, code=ErrorCode.UNAUTHORIZED)
_FORBIDDEN = Grant(False, status=403, code=ErrorCode.FORBIDDEN)
_MOD_BLOCK = Grant(False, status=403, code=ErrorCode.ROLE_NOT_ALLOWED)
_ALL = _allow(Scope.ALL)
_PUB = _allow(Scope.PUBLIC)
_OWN = _allow(Scope.OWN)
_OWN_ORG = _allow(Scope.OWN, Scope.ORG)
_OWN_ORG_SHARED = _allow(Scope.OWN, Scope.ORG, Scope.SHARED)

_ROLE_ORDER = (Role.SUPERADMIN, Role.ADMIN, Role.DEALER, Role.VIP, Role.USER, Role.MODERATOR, Role.PUBLIC)
_Row = tuple[Grant, Grant, Grant, Grant, Grant, Grant, Grant]


def _members(member: Grant, admin: Grant = _ALL, *, moderator: Grant = _MOD_BLOCK, public: Grant = _LOGIN) -> _Row:
    """A product row: the three member roles share ``member``, both admin roles share ``admin``."""
    return (admin, admin, member, member, member, moderator, public)


def _admins(grant: Grant = _ALL) -> _Row:
    """An admin-only row (admin and superadmin)."""
    return (grant, grant, _FORBIDDEN, _FORBIDDEN, _FORBIDDEN, _MOD_BLOCK, _LOGIN)


def _superadmin(grant: Grant) -> _Row:
    """A superadmin-only row; an admin gets 403 ``forbidden`` (API_CONTRACT)."""
    return (grant, _FORBIDDEN, _FORBIDDEN, _FORBIDDEN, _FORBIDDEN, _MOD_BLOCK, _LOGIN)


_ROWS: dict[Action, _Row] = {
    # SPEC §2.1: the moderator also gets 403 on /public/* and health (D6 does not list them).
    Action.HEALTH: _members(_PUB, _PUB, public=_PUB),
    Action.PUBLIC_SITE: _members(_PUB, _PUB, public=_PUB),
    Action.CONTENT_READ: _members(_PUB, _PUB, moderator=_PUB, public=_PUB),
    # [gap] the "/auth/*" row allows public only "to start login": the session routes need a login.
    Action.AUTH_LOGIN: _members(_PUB, _PUB, moderator=_PUB, public=_PUB),
    Action.AUTH_SESSION: _members(_OWN, _OWN, moderator=_OWN),
    # [conflict] moderator on /consent/*: allowed (D6; the consent gate needs it).
    Action.CONSENT: _members(_OWN, _OWN, moderator=_OWN),
    Action.PROFILE: _members(_OWN, _OWN),
    Action.NOTIFICATIONS: _members(_OWN, _OWN),
    # [conflict] moderator on /support/feedback: allowed (D6).
    Action.SUPPORT_FEEDBACK: _members(_OWN, _OWN, moderator=_OWN),
    Action.SUPPORT_ADMIN: _admins(),
    # shared = D8 workshop grant / T3 share: what a shared actor may do inside (append entries,
    # attach documents, never the owner's PII) is the object check's business.
    Action.VEHICLES: _members(_OWN_ORG_SHARED),
    Action.COLLECTIONS: _members(_OWN_ORG),
    Action.ENTRIES: _members(_OWN_ORG_SHARED),
    Action.GALLERY: _members(_OWN_ORG),
    Action.ARCHIVE: _members(_OWN_ORG),
    Action.INVOICES: _members(_OWN_ORG),
    Action.TRUST: _members(_OWN_ORG),
    # [conflict] D19: every non-moderator role, own vehicles only, behind the add-on gate.
    Action.TRUST_FOLDERS: _members(
        _allow(Scope.OWN, conditions=frozenset({Condition.ADDON_GATE})),
        _allow(Scope.ALL, conditions=frozenset({Condition.ADDON_GATE})),
    ),
    Action.ADDON_VEHICLE: _members(
        _allow(Scope.OWN, Scope.ORG, conditions=frozenset({Condition.ADDON_GATE})),
        _allow(Scope.ALL, conditions=frozenset({Condition.ADDON_GATE})),
    ),
    Action.ADDON_ADMIN: _admins(),
    Action.MODULES: _members(_OWN_ORG),
    Action.SYSTEMLOGS: _members(_OWN_ORG),
    # [gap] user may manage the public share: D20 "the owner can rotate or disable it".
    Action.PUBLIC_SHARE_MANAGE: _members(_OWN_ORG),
    # D6: the moderator does not sync (CMS mode talks to /cms/* directly).
    Action.SYNC: _members(_OWN_ORG_SHARED),
    Action.DOCUMENT_UPLOAD: _members(_OWN_ORG_SHARED),
    Action.DOCUMENT_READ: _members(
        _allow(Scope.OWN, Scope.ORG, Scope.SHARED, conditions=frozenset({Condition.DOCUMENT_VISIBLE}))
    ),
    Action.DOCUMENT_DOWNLOAD: _members(
        _allow(Scope.OWN, Scope.ORG, Scope.SHARED, conditions=frozenset({Condition.VALID_EVIDENCE}))
    ),
    # D16: owner (uploader) or admin.
    Action.DOCUMENT_PII: _members(_OWN),
    Action.DOCUMENT_QUARANTINE: _admins(),
    Action.DOCUMENT_REVIEW: _admins(),  # D9
    # [conflict] D23: all non-moderator roles. Admins transfer their own vehicles and redeem
    # (shared = the transfer token) but get no ``all``: SPEC §10.1 "no admin write".
    Action.TRANSFER: _members(_OWN_ORG_SHARED, _OWN_ORG_SHARED),
    # SPEC §10.2 / D23: sale transfer is vip/dealer only; redeem reaches a foreign vehicle via
    # the token (shared). [gap] admins/superadmin: 403, the role gate names vip and dealer only.
    Action.SALE_TRANSFER: (_FORBIDDEN, _FORBIDDEN, _OWN_ORG_SHARED, _OWN_ORG_SHARED, _FORBIDDEN, _MOD_BLOCK, _LOGIN),
    # [conflict] SPEC §14.2 item 7: admins may read any status; vip/dealer only as a party.
    Action.SALE_TRANSFER_STATUS: (
        _ALL,
        _ALL,
        _allow(Scope.OWN, Scope.SHARED, conditions=frozenset({Condition.TRANSFER_PARTY})),
        _allow(Scope.OWN, Scope.SHARED, conditions=frozenset({Condition.TRANSFER_PARTY})),
        _FORBIDDEN,
        _MOD_BLOCK,
        _LOGIN,
    ),
    Action.DEALER_SUITE: (
        _ALL,
        _ALL,
        _OWN_ORG,
        _allow(Scope.OWN, Scope.ORG, conditions=frozenset({Condition.DEALER_SUITE_ACTIVE})),
        _FORBIDDEN,
        _MOD_BLOCK,
        _LOGIN,
    ),
    Action.PDF_QR: _members(_OWN_ORG),
    Action.PDF_TRUST: _members(_OWN_ORG),
    Action.PDF_MAINTENANCE: _members(_OWN_ORG),
    Action.EXPORT_LISTING: (_ALL, _ALL, _OWN_ORG, _OWN_ORG, _FORBIDDEN, _MOD_BLOCK, _LOGIN),
    Action.EXPORT_REDACTED: _members(_OWN_ORG),
    Action.EXPORT_USER: _members(_OWN),  # self or admin
    # [conflict] D10: full export superadmin only, with step-up and a one-time token.
    Action.EXPORT_FULL_GRANT: _superadmin(_allow(Scope.ALL, step_up=StepUpScope.EXPORT_FULL)),
    Action.EXPORT_FULL: _superadmin(_allow(Scope.ALL, conditions=frozenset({Condition.EXPORT_TOKEN}))),
    # vip "only in a business context" = org scope (an approved VIP-business membership).
    Action.IMPORT: (_ALL, _ALL, _OWN_ORG, _allow(Scope.ORG), _FORBIDDEN, _MOD_BLOCK, _LOGIN),
    # Moderators edit their own posts only (SPEC §12.1); admins edit and review.
    Action.CMS_EDIT: (_ALL, _ALL, _FORBIDDEN, _FORBIDDEN, _FORBIDDEN, _OWN, _LOGIN),
    # /cms/review/* lies outside the moderator's /cms/blog|news prefixes, so: role_not_allowed.
    Action.CMS_REVIEW: _admins(),
    Action.CMS_PUBLISH: _superadmin(_ALL),  # D9
    Action.AUDIT_READ: _admins(),
    Action.ADMIN_USERS: _admins(),
    Action.ADMIN_STEP_UP: _admins(),
    # The target role (superadmin_required) is checked by shared.roles.check_role_grant.
    Action.ADMIN_ROLE_GRANT: _admins(_allow(Scope.ALL, step_up=StepUpScope.ROLE_GRANT)),
    Action.ADMIN_MODERATOR_ACCREDIT: _admins(_allow(Scope.ALL, step_up=StepUpScope.MODERATOR_ACCREDIT)),
    Action.ADMIN_PII_REVEAL: _admins(_allow(Scope.ALL, step_up=StepUpScope.PII_REVEAL)),
    Action.ADMIN_VIP_BUSINESS: _admins(),
    Action.ADMIN_VIP_BUSINESS_APPROVE: _superadmin(_allow(Scope.ALL, step_up=StepUpScope.VIP_BUSINESS_APPROVE)),
    Action.ADMIN_VIP_BUSINESS_STAFF: _superadmin(_allow(Scope.ALL, step_up=StepUpScope.VIP_BUSINESS_STAFF)),
    Action.ADMIN_ORGS: _admins(),
    Action.ADMIN_SOFT_DELETE: _admins(),
    Action.ADMIN_CONFIG: _admins(_allow(Scope.ALL, step_up=StepUpScope.POLICY_OVERRIDE)),
}

#: Action -> {Role -> Grant}; read-only and complete (every action, every role).
MATRIX: Mapping[Action, Mapping[Role, Grant]] = MappingProxyType(
    {action: MappingProxyType(dict(zip(_ROLE_ORDER, row, strict=True))) for action, row in _ROWS.items()}
)

#: Actions reachable without accepted consent (SPEC §2.4: auth, consent, public, blog/news).
#: [gap, decided] every other action is consent-gated, admin and CMS routes included.
CONSENT_EXEMPT_ACTIONS: frozenset[Action] = frozenset(
    {Action.HEALTH, Action.PUBLIC_SITE, Action.CONTENT_READ, Action.AUTH_LOGIN, Action.AUTH_SESSION, Action.CONSENT}
)


def grant_for(role: Role, action: Action) -> Grant:
    """The matrix cell of ``role`` × ``action``."""
    return MATRIX[action][role]


def decide(role: Role, action: Action, scope: Scope | None = None) -> Decision:
    """Role and scope check for one action (deny by default).

    With ``scope=None`` only the role is checked. A scope outside the grant is 403 ``forbidden``,
    or 401 ``unauthorized`` for the anonymous caller, who never gets a 403.
    """
    grant = MATRIX[action][role]
    if not grant.allowed:
        return Decision(False, grant.status or 403, grant.code or ErrorCode.FORBIDDEN)
    if scope is not None and not grant.covers(scope):
        if role is Role.PUBLIC:
            return Decision(False, 401, ErrorCode.UNAUTHORIZED)
        return Decision(False, 403, ErrorCode.FORBIDDEN)
    return Decision(True, 200, None, grant.scopes, grant.conditions, grant.step_up)


def is_allowed(role: Role, action: Action, scope: Scope | None = None) -> bool:
    """True when ``role`` may perform ``action`` (within ``scope`` if given)."""
    return decide(role, action, scope).allowed


def requires_consent(action: Action) -> bool:
    """True when the consent gate (403 ``consent_required``) applies to ``action`` (D4)."""
    return action not in CONSENT_EXEMPT_ACTIONS


def requires_second_factor(action: Action) -> bool:
    """True for admin-only actions: a session without confirmed TOTP gets 403 ``totp_required`` (D2)."""
    allowed = {role for role, grant in MATRIX[action].items() if grant.allowed}
    return bool(allowed) and allowed <= ADMIN_ROLES


#: D6: the only path prefixes a moderator may call; everything else is 403.
MODERATOR_ALLOWED_PREFIXES: tuple[str, ...] = (
    "/auth",
    "/consent",
    "/blog",
    "/news",
    "/cms/blog",
    "/cms/news",
    "/support/feedback",
)
#: Every route is mirrored under this prefix (API_CONTRACT).
API_MIRROR_PREFIX = "/api"


def strip_api_mirror(path: str) -> str:
    """``path`` without the ``/api`` mirror prefix (``/api/auth/me`` -> ``/auth/me``); other paths unchanged."""
    if path == API_MIRROR_PREFIX or path.startswith(API_MIRROR_PREFIX + "/"):
        return path[len(API_MIRROR_PREFIX) :]
    return path


def moderator_may_access(path: str) -> bool:
    """True when ``path`` lies under a D6 prefix (``/auth`` and ``/auth/...``, not ``/authx``).

    ``/api/...`` is the same route as ``/...``. The query string is ignored. Deny by default for
    anything that is not a plain absolute path: empty, relative, ``.``/``..`` or empty segments.
    """
    path = path.split("?", 1)[0].split("#", 1)[0]
    if not path.startswith("/"):
        return False
    path = strip_api_mirror(path)
    segments = path.split("/")[1:]
    if segments and segments[-1] == "":
        segments.pop()  # one trailing slash is harmless
    if not segments or any(seg in ("", ".", "..") for seg in segments):
        return False
    normalised = "/" + "/".join(segments)
    return any(normalised == prefix or normalised.startswith(prefix + "/") for prefix in MODERATOR_ALLOWED_PREFIXES)
