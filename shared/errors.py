"""Stable error codes and the one domain error type.

Every ``detail`` string of the REST contract lives here exactly once. The server renders a
:class:`DomainError` as ``{"detail": "<code>"}`` (or ``{"detail": {"code": "<code>"}}`` for the
add-on gate); the desktop branches on the code, never on message text.
"""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    """Every error ``detail`` the server may answer with."""

    # generic
    UNAUTHORIZED = "unauthorized"
    FORBIDDEN = "forbidden"
    ROLE_NOT_ALLOWED = "role_not_allowed"
    NOT_FOUND = "not_found"
    RATE_LIMITED = "rate_limited"
    CONFLICT = "conflict"
    VALIDATION_FAILED = "validation_failed"
    # auth / OTP
    INVALID = "INVALID"
    EXPIRED = "EXPIRED"
    LOCKED = "LOCKED"
    RATE_LIMIT = "RATE_LIMIT"
    INVALID_CREDENTIALS = "invalid_credentials"
    TOTP_REQUIRED = "totp_required"
    TOTP_ALREADY_ENABLED = "totp_already_enabled"
    TOTP_NOT_ENROLLED = "totp_not_enrolled"
    WEAK_PASSWORD = "weak_password"
    # consent
    CONSENT_REQUIRED = "consent_required"
    INVALID_CONSENT = "invalid_consent"
    # admin / governance
    ADMIN_STEP_UP_REQUIRED = "admin_step_up_required"
    ADMIN_STEP_UP_INVALID = "admin_step_up_invalid"
    INVALID_STEP_UP_SCOPE = "invalid_step_up_scope"
    SUPERADMIN_REQUIRED = "superadmin_required"
    INVALID_ROLE = "invalid_role"
    USER_NOT_FOUND = "user_not_found"
    BUSINESS_NOT_FOUND = "business_not_found"
    BUSINESS_NOT_APPROVED = "business_not_approved"
    STAFF_LIMIT_REACHED = "staff_limit_reached"
    ORG_NOT_FOUND = "org_not_found"
    MEMBERSHIP_NOT_FOUND = "membership_not_found"
    ENTITLEMENT_REQUIRED = "entitlement_required"
    # vehicles / entries
    VEHICLE_LIMIT_REACHED = "vehicle_limit_reached"
    INVALID_VIN_FORMAT = "invalid_vin_format"
    ENTRY_NOT_FOUND = "entry_not_found"
    INVALID_ENTRY = "invalid_entry"
    # add-ons / trust folders
    ADDON_NOT_AVAILABLE = "addon_not_available"
    ADMIN_ONLY = "admin_only"
    PAYWALL_REQUIRED = "paywall_required"
    FOLDER_EXISTS = "folder_exists"
    # documents
    TOO_LARGE = "too_large"
    EXT_NOT_ALLOWED = "ext_not_allowed"
    MIME_NOT_ALLOWED = "mime_not_allowed"
    DOCUMENT_DELETED = "document_deleted"
    DOCUMENT_REJECTED = "document_rejected"
    SCAN_NOT_CLEAN = "scan_not_clean"
    NOT_SCANNED_CLEAN = "not_scanned_clean"
    PII_NOT_CLEARED = "pii_not_cleared"
    INVALID_TRANSITION = "invalid_transition"
    # exports
    MISSING_EXPORT_TOKEN = "missing_export_token"
    EXPORT_TOKEN_INVALID = "export_token_invalid"
    EXPORT_TOKEN_EXPIRED = "export_token_expired"
    EXPORT_TOKEN_ALREADY_USED = "export_token_already_used"
    EXPORT_TOKEN_TARGET_MISMATCH = "export_token_target_mismatch"
    # transfers
    TRANSFER_NOT_FOUND = "transfer_not_found"
    TRANSFER_EXPIRED = "transfer_expired"
    TRANSFER_NOT_REDEEMABLE = "transfer_not_redeemable"
    TRANSFER_NOT_CANCELLABLE = "transfer_not_cancellable"
    # CMS
    INVALID_SLUG = "invalid_slug"
    SLUG_CONFLICT = "slug_conflict"
    PUBLISHED_ARTICLE_READ_ONLY = "published_article_read_only"
    REVIEW_REQUIRED = "review_required"
    # sync
    FULL_RESYNC_REQUIRED = "full_resync_required"
    PROTOCOL_MISMATCH = "protocol_mismatch"


#: Codes rendered as ``{"detail": {"code": ...}}`` (the add-on gate's shape in the contract).
OBJECT_BODY_CODES: frozenset[ErrorCode] = frozenset(
    {ErrorCode.ADDON_NOT_AVAILABLE, ErrorCode.ADMIN_ONLY, ErrorCode.PAYWALL_REQUIRED}
)

#: The default HTTP status of each code. ``totp_required`` is 401 at login and 403 on admin
#: routes; callers pass the status explicitly where a code has more than one.
DEFAULT_STATUS: dict[ErrorCode, int] = {
    ErrorCode.UNAUTHORIZED: 401,
    ErrorCode.FORBIDDEN: 403,
    ErrorCode.ROLE_NOT_ALLOWED: 403,
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.RATE_LIMITED: 429,
    ErrorCode.CONFLICT: 409,
    ErrorCode.VALIDATION_FAILED: 422,
    ErrorCode.INVALID: 400,
    ErrorCode.EXPIRED: 400,
    ErrorCode.LOCKED: 429,
    ErrorCode.RATE_LIMIT: 429,
    ErrorCode.INVALID_CREDENTIALS: 401,
    ErrorCode.TOTP_REQUIRED: 403,
    ErrorCode.TOTP_ALREADY_ENABLED: 409,
    ErrorCode.TOTP_NOT_ENROLLED: 400,
    ErrorCode.WEAK_PASSWORD: 400,
    ErrorCode.CONSENT_REQUIRED: 403,
    ErrorCode.INVALID_CONSENT: 400,
    ErrorCode.ADMIN_STEP_UP_REQUIRED: 403,
    ErrorCode.ADMIN_STEP_UP_INVALID: 403,
    ErrorCode.INVALID_STEP_UP_SCOPE: 400,
    ErrorCode.SUPERADMIN_REQUIRED: 403,
    ErrorCode.INVALID_ROLE: 400,
    ErrorCode.USER_NOT_FOUND: 404,
    ErrorCode.BUSINESS_NOT_FOUND: 404,
    ErrorCode.BUSINESS_NOT_APPROVED: 400,
    ErrorCode.STAFF_LIMIT_REACHED: 409,
    ErrorCode.ORG_NOT_FOUND: 404,
    ErrorCode.MEMBERSHIP_NOT_FOUND: 404,
    ErrorCode.ENTITLEMENT_REQUIRED: 403,
    ErrorCode.VEHICLE_LIMIT_REACHED: 403,
    ErrorCode.INVALID_VIN_FORMAT: 422,
    ErrorCode.ENTRY_NOT_FOUND: 404,
    ErrorCode.INVALID_ENTRY: 422,
    ErrorCode.ADDON_NOT_AVAILABLE: 403,
    ErrorCode.ADMIN_ONLY: 403,
    ErrorCode.PAYWALL_REQUIRED: 403,
    ErrorCode.FOLDER_EXISTS: 409,
    ErrorCode.TOO_LARGE: 413,
    ErrorCode.EXT_NOT_ALLOWED: 415,
    ErrorCode.MIME_NOT_ALLOWED: 415,
    ErrorCode.DOCUMENT_DELETED: 409,
    ErrorCode.DOCUMENT_REJECTED: 409,
    ErrorCode.SCAN_NOT_CLEAN: 409,
    ErrorCode.NOT_SCANNED_CLEAN: 409,
    ErrorCode.PII_NOT_CLEARED: 409,
    ErrorCode.INVALID_TRANSITION: 409,
    ErrorCode.MISSING_EXPORT_TOKEN: 400,
    ErrorCode.EXPORT_TOKEN_INVALID: 403,
    ErrorCode.EXPORT_TOKEN_EXPIRED: 403,
    ErrorCode.EXPORT_TOKEN_ALREADY_USED: 403,
    ErrorCode.EXPORT_TOKEN_TARGET_MISMATCH: 403,
    ErrorCode.TRANSFER_NOT_FOUND: 404,
    ErrorCode.TRANSFER_EXPIRED: 410,
    ErrorCode.TRANSFER_NOT_REDEEMABLE: 409,
    ErrorCode.TRANSFER_NOT_CANCELLABLE: 409,
    ErrorCode.INVALID_SLUG: 400,
    ErrorCode.SLUG_CONFLICT: 409,
    ErrorCode.PUBLISHED_ARTICLE_READ_ONLY: 409,
    ErrorCode.REVIEW_REQUIRED: 409,
    ErrorCode.FULL_RESYNC_REQUIRED: 409,
    ErrorCode.PROTOCOL_MISMATCH: 409,
}


class DomainError(Exception):
    """A rule violation with a stable code and an HTTP status.

    ``message`` is for developers and logs only (never PII); clients branch on ``code``.
    """

    def __init__(self, code: ErrorCode, http_status: int | None = None, message: str | None = None) -> None:
        self.code = code
        self.http_status = http_status if http_status is not None else DEFAULT_STATUS[code]
        self.message = message or code.value
        super().__init__(self.message)

    @property
    def body(self) -> dict[str, object]:
        """The JSON error body of the contract."""
        if self.code in OBJECT_BODY_CODES:
            return {"detail": {"code": self.code.value}}
        return {"detail": self.code.value}

    def __repr__(self) -> str:
        return f"DomainError({self.code.value!r}, {self.http_status})"
