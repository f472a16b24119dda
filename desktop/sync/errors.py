"""Typed errors of the sync client, one class per contract code (``shared.errors.ErrorCode``).

The client maps an HTTP answer to an exception by the ``detail`` code only, never by message text.
``retryable`` is true for the errors a later attempt may cure (network trouble, 5xx); the UI and the
sync engine branch on the type (or ``code``), never on ``str(exc)``.
"""

from __future__ import annotations

from typing import Any

from shared.errors import ErrorCode


class ApiError(Exception):
    """Any failed call. ``code`` is the contract's ``detail`` code (``None`` when the server sent none)."""

    retryable: bool = False

    def __init__(self, code: str | None = None, status: int | None = None, message: str | None = None) -> None:
        self.code = code
        self.status = status
        super().__init__(message or code or (f"HTTP {status}" if status else "request failed"))


class NetworkError(ApiError):
    """The server could not be reached (DNS, refused, timeout, TLS). Retry later; work offline meanwhile."""

    retryable = True


class ServerError(ApiError):
    """The server failed (5xx). Retry with backoff."""

    retryable = True


class AuthExpired(ApiError):
    """No valid session any more (401 even after one refresh): stored tokens are cleared, sign in again."""


class InvalidCredentials(ApiError):
    """Wrong e-mail or password (the same answer for an unknown address)."""


class TotpRequired(ApiError):
    """The account has a confirmed second factor: repeat the call with ``totp``."""


class InvalidCode(ApiError):
    """The e-mail code is wrong, or the challenge is unknown."""


class CodeExpired(InvalidCode):
    """The e-mail code's challenge expired: request a new code."""


class Locked(ApiError):
    """Too many wrong codes: the challenge is locked until it expires."""


class RateLimited(ApiError):
    """Too many requests; try again later."""


class ConsentRequired(ApiError):
    """The current terms/privacy versions are not accepted yet (D4): show the consent screen, then resume."""


class InvalidConsent(ApiError):
    """The consent body was refused (a wrong or missing version)."""


class WeakPassword(ApiError):
    """The password breaks the policy (at least 10 characters, not the e-mail)."""


class Forbidden(ApiError):
    """Authenticated but not allowed (403 with a code not covered above)."""


class NotFound(ApiError):
    """404."""


class ValidationFailed(ApiError):
    """422: the request body did not validate."""


class Conflict(ApiError):
    """409 ``conflict``: the record changed meanwhile."""


class FullResyncRequired(ApiError):
    """409 ``full_resync_required``: the cursor is unknown or expired; drop the replica's server data, pull again."""


class ProtocolMismatch(ApiError):
    """409 ``protocol_mismatch``: this app speaks another protocol or schema version than the server."""


_BY_CODE: dict[str, type[ApiError]] = {
    ErrorCode.CONFLICT: Conflict,
    ErrorCode.FULL_RESYNC_REQUIRED: FullResyncRequired,
    ErrorCode.PROTOCOL_MISMATCH: ProtocolMismatch,
    ErrorCode.UNAUTHORIZED: AuthExpired,
    ErrorCode.INVALID_CREDENTIALS: InvalidCredentials,
    ErrorCode.TOTP_REQUIRED: TotpRequired,
    ErrorCode.INVALID: InvalidCode,
    ErrorCode.EXPIRED: CodeExpired,
    ErrorCode.LOCKED: Locked,
    ErrorCode.RATE_LIMIT: RateLimited,
    ErrorCode.RATE_LIMITED: RateLimited,
    ErrorCode.CONSENT_REQUIRED: ConsentRequired,
    ErrorCode.INVALID_CONSENT: InvalidConsent,
    ErrorCode.WEAK_PASSWORD: WeakPassword,
    ErrorCode.FORBIDDEN: Forbidden,
    ErrorCode.NOT_FOUND: NotFound,
    ErrorCode.VALIDATION_FAILED: ValidationFailed,
}

_BY_STATUS: dict[int, type[ApiError]] = {
    401: AuthExpired,
    403: Forbidden,
    404: NotFound,
    422: ValidationFailed,
    429: RateLimited,
}


def detail_code(body: Any) -> str | None:
    """The code of a contract error body: ``{"detail": "<code>"}`` or ``{"detail": {"code": "<code>"}}``."""
    if not isinstance(body, dict):
        return None
    detail = body.get("detail")
    if isinstance(detail, str):
        return detail
    if isinstance(detail, dict) and isinstance(detail.get("code"), str):
        return str(detail["code"])
    return None


def error_for(status: int, body: Any) -> ApiError:
    """The typed exception for an HTTP error answer (status >= 400)."""
    code = detail_code(body)
    if status >= 500:
        return ServerError(code, status)
    if code is not None and code in _BY_CODE:
        return _BY_CODE[code](code, status)
    return _BY_STATUS.get(status, ApiError)(code, status)
