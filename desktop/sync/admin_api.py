"""The admin routes of the sync server, over the app's :class:`ApiClient` (no Qt).

Contracts:

- Thread: blocking like :class:`ApiClient`; call it from the network pool, never the GUI thread.
- Authentication, the one refresh on 401 and the error mapping are the client's: this module sends through
  the client's own ``httpx.Client`` and token handling (it needs query parameters, the ``X-Admin-Step-Up``
  header and raw bytes, which the client's JSON helpers do not offer). Errors are typed by ``detail`` code.
- Nothing is written to disk: document content comes back as ``bytes`` in memory and stays there.
- Rows are returned as frozen dataclasses; ids stay strings (the UI never parses them).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from desktop.sync.client import ApiClient

STEP_UP_HEADER = "X-Admin-Step-Up"
ADMIN_ROLES = frozenset({"admin", "superadmin"})
ROLES = ("user", "vip", "dealer", "moderator", "admin", "superadmin")
AUDIT_PAGE = 100


@dataclass(frozen=True, slots=True)
class AdminMe:
    user_id: str
    role: str
    email: str
    totp_enabled: bool
    second_factor: bool

    @property
    def is_admin(self) -> bool:
        return self.role in ADMIN_ROLES


@dataclass(frozen=True, slots=True)
class Enrolment:
    otpauth_uri: str
    secret: str


@dataclass(frozen=True, slots=True)
class UserRow:
    user_id: str
    role: str
    created_at: str


@dataclass(frozen=True, slots=True)
class DocumentRow:
    id: str
    approval_status: str
    scan_status: str
    pii_status: str
    content_type: str
    size_bytes: int
    created_at: str
    owner_user_id: str
    filename: str | None = None
    reject_reason: str | None = None
    pii_note: str | None = None
    scan_detail: str | None = None

    @classmethod
    def of(cls, body: Mapping[str, Any]) -> DocumentRow:
        return cls(
            id=str(body["id"]),
            approval_status=str(body["approval_status"]),
            scan_status=str(body["scan_status"]),
            pii_status=str(body["pii_status"]),
            content_type=str(body["content_type"]),
            size_bytes=int(body["size_bytes"]),
            created_at=str(body["created_at"]),
            owner_user_id=str(body["owner_user_id"]),
            filename=body.get("filename"),
            reject_reason=body.get("reject_reason"),
            pii_note=body.get("pii_note"),
            scan_detail=body.get("scan_detail"),
        )


@dataclass(frozen=True, slots=True)
class BulkResult:
    document_id: str
    ok: bool
    code: str | None


@dataclass(frozen=True, slots=True)
class OrgRow:
    id: str
    kind: str
    name: str
    owner_user_id: str
    approved: bool
    created_at: str
    pending_requests: int
    business_id: str | None = None


@dataclass(frozen=True, slots=True)
class MembershipRow:
    org_id: str
    user_id: str
    status: str
    role: str
    created_at: str


@dataclass(frozen=True, slots=True)
class BusinessRow:
    business_id: str
    owner_user_id: str
    approved: bool
    created_at: str
    staff_user_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AuditRow:
    event_id: str
    created_at: str
    actor_type: str
    actor_id: str | None
    actor_role: str
    action: str
    target_type: str | None
    target_id: str | None
    result: str
    reason_code: str | None
    request_id: str | None


@dataclass(frozen=True, slots=True)
class AuditPage:
    items: tuple[AuditRow, ...]
    next_cursor: str | None


@dataclass(frozen=True, slots=True)
class AuditQuery:
    """Filters of ``GET /admin/audit``; empty values are left out."""

    action: str = ""
    actor: str = ""
    target_type: str = ""
    target_id: str = ""
    result: str = ""
    since: str = ""
    until: str = ""

    def params(self) -> dict[str, str]:
        values = {
            "action": self.action,
            "actor": self.actor,
            "target_type": self.target_type,
            "target_id": self.target_id,
            "result": self.result,
            "from": self.since,
            "to": self.until,
        }
        return {k: v for k, v in values.items() if v}


@dataclass(frozen=True, slots=True)
class AddonRow:
    addon_key: str
    configured: bool
    allow_new: bool
    requires_payment: bool
    admin_only: bool


class AdminApi:
    """Typed admin calls. ``client`` must already hold a session (signed in)."""

    def __init__(self, client: ApiClient) -> None:
        self.client = client

    # -- plumbing ------------------------------------------------------------------------------------

    def _response(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        params: Mapping[str, str] | None = None,
        step_up: str | None = None,
    ) -> httpx.Response:
        headers = {STEP_UP_HEADER: step_up} if step_up else None
        return self.client.request(method, path, json=body, params=params, headers=headers)

    def _json(self, method: str, path: str, body: Any = None, **kw: Any) -> Any:
        return self._response(method, path, body, **kw).json()

    # -- the second factor and step-up ---------------------------------------------------------------

    def me(self) -> AdminMe:
        body = self._json("GET", "/auth/me")
        return AdminMe(
            user_id=str(body["user_id"]),
            role=str(body["role"]),
            email=str(body.get("email") or ""),
            totp_enabled=bool(body.get("totp_enabled")),
            second_factor=bool(body.get("second_factor")),
        )

    def probe(self) -> None:
        """One cheap admin call: raises ``Forbidden`` / ``totp_required`` when the server refuses the mode."""
        self._json("GET", "/admin/users", params={"limit": "1"})

    def totp_enroll(self) -> Enrolment:
        body = self._json("POST", "/auth/totp/enroll")
        return Enrolment(str(body["otpauth_uri"]), str(body["secret"]))

    def totp_confirm(self, code: str) -> tuple[str, ...]:
        """Activate TOTP; the one-time backup codes (shown once, never stored)."""
        return tuple(str(c) for c in self._json("POST", "/auth/totp/confirm", {"code": code.strip()})["backup_codes"])

    def step_up(self, scope: str, code: str) -> str:
        """A one-time step-up token for ``scope`` after re-checking a TOTP or backup code."""
        return str(self._json("POST", "/admin/step-up/verify", {"scope": scope, "code": code.strip()})["token"])

    # -- users ---------------------------------------------------------------------------------------

    def users(self, limit: int = 500) -> tuple[UserRow, ...]:
        rows = self._json("GET", "/admin/users", params={"limit": str(limit)})
        return tuple(UserRow(str(r["user_id"]), str(r["role"]), str(r["created_at"])) for r in rows)

    def reveal_email(self, user_id: str, step_up: str) -> str:
        return str(self._json("POST", f"/admin/users/{user_id}/reveal-email", step_up=step_up)["email"])

    def set_role(self, user_id: str, role: str, step_up: str, reason: str | None = None) -> str:
        body = self._json("POST", f"/admin/users/{user_id}/role", {"role": role, "reason": reason}, step_up=step_up)
        return str(body["new_role"])

    def accredit_moderator(self, user_id: str, step_up: str, reason: str | None = None) -> str:
        body = self._json("POST", f"/admin/users/{user_id}/moderator", {"reason": reason}, step_up=step_up)
        return str(body["new_role"])

    def entitlements(self, user_id: str) -> dict[str, int]:
        return {str(r["key"]): int(r["value"]) for r in self._json("GET", f"/admin/users/{user_id}/entitlements")}

    def set_entitlement(self, user_id: str, key: str, value: int) -> None:
        self._json("POST", f"/admin/users/{user_id}/entitlements", {"key": key, "value": value})

    # -- documents -----------------------------------------------------------------------------------

    def quarantine(self, limit: int = 500) -> tuple[DocumentRow, ...]:
        rows = self._json("GET", "/documents/admin/quarantine", params={"limit": str(limit)})
        return tuple(DocumentRow.of(r) for r in rows)

    def document(self, document_id: str) -> DocumentRow:
        return DocumentRow.of(self._json("GET", f"/documents/{document_id}"))

    def content(self, document_id: str) -> bytes:
        """The document's bytes, in memory only."""
        return self._response("GET", f"/documents/{document_id}/download").content

    def set_scan(self, document_id: str, scan_status: str) -> DocumentRow:
        return DocumentRow.of(self._json("POST", f"/documents/{document_id}/scan", {"scan_status": scan_status}))

    def rescan(self, document_id: str) -> DocumentRow:
        return DocumentRow.of(self._json("POST", f"/documents/{document_id}/rescan"))

    def approve(self, document_id: str) -> DocumentRow:
        return DocumentRow.of(self._json("POST", f"/documents/{document_id}/approve"))

    def reject(self, document_id: str, reason: str) -> DocumentRow:
        return DocumentRow.of(self._json("POST", f"/documents/{document_id}/reject", {"reason": reason}))

    def mark_pii(self, document_id: str, pii_status: str, note: str) -> DocumentRow:
        body = {"pii_status": pii_status, "note": note}
        return DocumentRow.of(self._json("POST", f"/documents/{document_id}/pii", body))

    def bulk_review(self, action: str, document_ids: list[str], reason: str | None = None) -> tuple[BulkResult, ...]:
        body = self._json(
            "POST", "/admin/documents/bulk-review", {"action": action, "document_ids": document_ids, "reason": reason}
        )
        return tuple(BulkResult(str(r["document_id"]), bool(r["ok"]), r.get("code")) for r in body["results"])

    # -- organisations and VIP businesses ------------------------------------------------------------

    def orgs(self) -> tuple[OrgRow, ...]:
        return tuple(
            OrgRow(
                str(r["id"]),
                str(r["kind"]),
                str(r["name"]),
                str(r["owner_user_id"]),
                bool(r["approved"]),
                str(r["created_at"]),
                int(r["pending_requests"]),
                r.get("business_id"),
            )
            for r in self._json("GET", "/admin/orgs")
        )

    def create_org(self, kind: str, name: str) -> str:
        return str(self._json("POST", "/orgs", {"kind": kind, "name": name})["id"])

    def members(self, org_id: str) -> tuple[MembershipRow, ...]:
        rows = self._json("GET", f"/admin/orgs/{org_id}/members")
        return tuple(
            MembershipRow(str(r["org_id"]), str(r["user_id"]), str(r["status"]), str(r["role"]), str(r["created_at"]))
            for r in rows
        )

    def decide_membership(self, org_id: str, user_id: str, approve: bool) -> None:
        self._json("POST", f"/admin/orgs/{org_id}/members/{user_id}/{'approve' if approve else 'revoke'}")

    def businesses(self) -> tuple[BusinessRow, ...]:
        return tuple(
            BusinessRow(
                str(r["business_id"]),
                str(r["owner_user_id"]),
                bool(r["approved"]),
                str(r["created_at"]),
                tuple(str(s) for s in r["staff_user_ids"]),
            )
            for r in self._json("GET", "/admin/vip-businesses")
        )

    def create_business(self, owner_user_id: str, business_id: str | None, reason: str | None) -> str:
        body = {"owner_user_id": owner_user_id, "business_id": business_id or None, "reason": reason or None}
        return str(self._json("POST", "/admin/vip-businesses", body)["business_id"])

    def approve_business(self, business_id: str, step_up: str) -> None:
        self._json("POST", f"/admin/vip-businesses/{business_id}/approve", step_up=step_up)

    def add_staff(self, business_id: str, user_id: str, step_up: str) -> int:
        body = self._json("POST", f"/admin/vip-businesses/{business_id}/staff/{user_id}", step_up=step_up)
        return int(body["staff_count"])

    # -- audit and add-ons ---------------------------------------------------------------------------

    def audit(self, query: AuditQuery, cursor: str | None = None, limit: int = AUDIT_PAGE) -> AuditPage:
        params = {**query.params(), "limit": str(limit)}
        if cursor:
            params["cursor"] = cursor
        body = self._json("GET", "/admin/audit", params=params)
        items = tuple(
            AuditRow(
                event_id=str(r["event_id"]),
                created_at=str(r["created_at"]),
                actor_type=str(r["actor_type"]),
                actor_id=r.get("actor_id"),
                actor_role=str(r["actor_role"]),
                action=str(r["action"]),
                target_type=r.get("target_type"),
                target_id=r.get("target_id"),
                result=str(r["result"]),
                reason_code=r.get("reason_code"),
                request_id=r.get("request_id"),
            )
            for r in body["items"]
        )
        return AuditPage(items, body.get("next_cursor"))

    def addons(self) -> tuple[AddonRow, ...]:
        return tuple(
            AddonRow(
                str(r["addon_key"]),
                bool(r["configured"]),
                bool(r["allow_new"]),
                bool(r["requires_payment"]),
                bool(r["admin_only"]),
            )
            for r in self._json("GET", "/admin/addons")
        )

    def set_addon(self, key: str, allow_new: bool, requires_payment: bool, admin_only: bool) -> None:
        body = {"allow_new": allow_new, "requires_payment": requires_payment, "admin_only": admin_only}
        self._json("POST", f"/addons/config/{key}", body)
