"""The desktop's HTTP client: a plain synchronous ``httpx.Client`` wrapper (CONVENTIONS item 3).

Contracts:

- Thread: blocking; call it from the network pool of ``desktop.services.tasks``, never the GUI thread.
  One instance may be shared by several workers: the token refresh is serialised by a lock.
- Every request carries a fresh ``X-Request-Id``; protected calls carry ``Authorization: Bearer``.
- A 401 on a protected call triggers exactly one refresh with the rotating refresh token and one retry;
  when that fails too, the stored tokens are cleared and :class:`AuthExpired` is raised.
- Errors are mapped by the contract's ``detail`` code (see :mod:`desktop.sync.errors`); transport
  failures become :class:`NetworkError`, 5xx :class:`ServerError` (both ``retryable``).
- The refresh token is kept only through a :class:`TokenStore` (OS keyring or memory; never a clear file);
  the access token lives in memory only.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

import httpx

from desktop.credentials import SecretStore, SecretStoreError
from desktop.sync.errors import (
    ApiError,
    AuthExpired,
    NetworkError,
    ServerError,
    error_for,
)
from desktop.sync.sync_calls import SyncCalls
from shared.errors import ErrorCode

DEFAULT_TIMEOUT = httpx.Timeout(15.0, connect=5.0)
USER_AGENT = "ltc-desktop"
REQUEST_ID_HEADER = "X-Request-Id"


class TokenStore(Protocol):
    """Where the refresh token survives between starts. Implementations must not write it in clear to disk."""

    def load(self) -> str | None: ...

    def save(self, refresh_token: str) -> None: ...

    def clear(self) -> None: ...


class MemoryTokenStore:
    """Keeps the refresh token for this process only (tests; machines without a secure keyring)."""

    def __init__(self, refresh_token: str | None = None) -> None:
        self._token = refresh_token

    def load(self) -> str | None:
        return self._token

    def save(self, refresh_token: str) -> None:
        self._token = refresh_token

    def clear(self) -> None:
        self._token = None


class SecretTokenStore:
    """The refresh token in a :class:`SecretStore` (the OS keyring) under ``name``.

    Keyring failures never break a sign-in: the token is then kept in memory for this session only,
    and ``persistent`` turns false so the UI can say so.
    """

    def __init__(self, secrets: SecretStore, name: str) -> None:
        self._secrets = secrets
        self._name = name
        self._memory: str | None = None
        self._persistent: bool | None = None  # asked on first use: opening the keyring may be slow

    @property
    def persistent(self) -> bool:
        if self._persistent is None:
            self._persistent = self._secrets.is_secure
        return self._persistent

    def load(self) -> str | None:
        if self._memory is not None:
            return self._memory
        try:
            return self._secrets.get_secret(self._name)
        except SecretStoreError:
            return None

    def save(self, refresh_token: str) -> None:
        self._memory = refresh_token
        if not self.persistent:
            return
        try:
            self._secrets.set_secret(self._name, refresh_token)
        except SecretStoreError:
            self._persistent = False

    def clear(self) -> None:
        self._memory = None
        try:
            self._secrets.delete_secret(self._name)
        except SecretStoreError:
            return None


@dataclass(frozen=True, slots=True)
class CodeChallenge:
    """Answer of ``/auth/request``; ``dev_otp`` is only set by a development server."""

    challenge_id: str
    message: str
    dev_otp: str | None = None


@dataclass(frozen=True, slots=True)
class Tokens:
    access_token: str
    refresh_token: str
    expires_at: str
    refresh_expires_at: str | None = None


@dataclass(frozen=True, slots=True)
class Me:
    user_id: str
    role: str
    email: str
    has_password: bool
    totp_enabled: bool
    consent_complete: bool


@dataclass(frozen=True, slots=True)
class ConsentDoc:
    doc_type: str
    doc_version: str


@dataclass(frozen=True, slots=True)
class ConsentStatus:
    required: tuple[ConsentDoc, ...]
    accepted: tuple[ConsentDoc, ...]
    is_complete: bool

    @property
    def missing(self) -> tuple[ConsentDoc, ...]:
        """Required documents not accepted in their current version."""
        return tuple(doc for doc in self.required if doc not in self.accepted)


def _docs(items: Any) -> tuple[ConsentDoc, ...]:
    return tuple(ConsentDoc(str(i["doc_type"]), str(i["doc_version"])) for i in items or [])


def _utcnow() -> datetime:
    return datetime.now(UTC)


class ApiClient(SyncCalls):
    """Synchronous client of the sync server: auth, consent and the ``/sync/*`` calls (:class:`SyncCalls`)."""

    def __init__(
        self,
        base_url: str,
        *,
        token_store: TokenStore | None = None,
        transport: httpx.BaseTransport | None = None,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        now: Callable[[], datetime] = _utcnow,
        on_auth_expired: Callable[[], None] | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.tokens = token_store if token_store is not None else MemoryTokenStore()
        self._now = now
        self._on_auth_expired = on_auth_expired
        self._access_token: str | None = None
        self._refresh_lock = threading.Lock()
        self._http = httpx.Client(
            base_url=self.base_url,
            transport=transport,
            timeout=timeout,
            headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
        )
        self.last_request_id: str | None = None

    # -- plumbing ------------------------------------------------------------------------------------

    def close(self) -> None:
        self._http.close()

    @property
    def has_session(self) -> bool:
        """True when an access token or a stored refresh token exists (not whether it is still valid)."""
        return self._access_token is not None or self.tokens.load() is not None

    def _send(self, method: str, path: str, body: Any, bearer: str | None, **extra: Any) -> httpx.Response:
        request_id = uuid.uuid4().hex
        self.last_request_id = request_id
        headers = {REQUEST_ID_HEADER: request_id, **extra.pop("headers", {})}
        if bearer is not None:
            headers["Authorization"] = f"Bearer {bearer}"
        try:
            return self._http.request(method, path, json=body, headers=headers, **extra)
        except httpx.TransportError as exc:
            raise NetworkError(None, None, f"{type(exc).__name__}: cannot reach {self.base_url}") from exc

    @staticmethod
    def _json(response: httpx.Response) -> Any:
        try:
            return response.json()
        except ValueError:
            return None

    def _check(self, response: httpx.Response) -> Any:
        body = self._json(response)
        if response.status_code >= 400:
            raise error_for(response.status_code, body)
        return body

    def _public(self, method: str, path: str, body: Any = None) -> Any:
        return self._check(self._send(method, path, body, None))

    def _authed(self, method: str, path: str, body: Any = None, **extra: Any) -> Any:
        return self._check(self._authed_response(method, path, body, **extra))

    def _authed_response(self, method: str, path: str, body: Any = None, **extra: Any) -> httpx.Response:
        """A protected call with one refresh on 401; ``extra`` goes to httpx (params, headers, content)."""
        token = self._access_token
        if token is None:
            token = self._refresh_locked(None)
        response = self._send(method, path, body, token, **dict(extra))
        if response.status_code == 401:
            token = self._refresh_locked(token)
            response = self._send(method, path, body, token, **dict(extra))
            if response.status_code == 401:
                self._expire()
                raise AuthExpired(ErrorCode.UNAUTHORIZED, 401)
        return response

    def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        content: bytes | None = None,
    ) -> httpx.Response:
        """A protected call for callers beyond the typed methods (admin calls, raw uploads).

        Same contract as every typed call: fresh ``X-Request-Id``, bearer token with one refresh on 401
        (then :class:`AuthExpired`), transport failures as :class:`NetworkError`, any status >= 400 raised
        as the mapped :class:`ApiError`. ``headers`` are added to the defaults; ``content`` is sent as the
        raw body (``json`` must then be ``None``).
        """
        extra: dict[str, Any] = {"headers": dict(headers or {})}
        if params is not None:
            extra["params"] = dict(params)
        if content is not None:
            extra["content"] = content
        response = self._authed_response(method, path, json, **extra)
        if response.status_code >= 400:
            raise error_for(response.status_code, self._json(response))
        return response

    def _expire(self) -> None:
        self._access_token = None
        self.tokens.clear()
        if self._on_auth_expired is not None:
            self._on_auth_expired()

    def _refresh_locked(self, stale_access: str | None) -> str:
        """Refresh once; a concurrent caller that already refreshed is reused (compare the stale token)."""
        with self._refresh_lock:
            if self._access_token is not None and self._access_token != stale_access:
                return self._access_token
            self._do_refresh()
            assert self._access_token is not None
            return self._access_token

    def _do_refresh(self) -> Tokens:
        refresh_token = self.tokens.load()
        if not refresh_token:
            self._expire()
            raise AuthExpired(ErrorCode.UNAUTHORIZED, 401, "no refresh token stored")
        try:
            body = self._public("POST", "/auth/refresh", {"refresh_token": refresh_token})
        except AuthExpired:
            self._expire()
            raise
        except ApiError as exc:
            if isinstance(exc, NetworkError | ServerError):
                raise
            self._expire()
            raise AuthExpired(exc.code, exc.status) from exc
        return self._adopt(body)

    def _adopt(self, body: Any) -> Tokens:
        tokens = Tokens(
            access_token=str(body["access_token"]),
            refresh_token=str(body["refresh_token"]),
            expires_at=str(body["expires_at"]),
            refresh_expires_at=body.get("refresh_expires_at"),
        )
        self._access_token = tokens.access_token
        self.tokens.save(tokens.refresh_token)
        return tokens

    # -- auth ----------------------------------------------------------------------------------------

    def health(self) -> bool:
        """``GET /health``; true when the server answers ``{"ok": true}``."""
        body = self._public("GET", "/health")
        return bool(isinstance(body, dict) and body.get("ok"))

    def request_code(self, email: str) -> CodeChallenge:
        """Ask for a 6-digit e-mail code (always "sent", whether or not the address is known)."""
        body = self._public("POST", "/auth/request", {"email": email})
        return CodeChallenge(str(body["challenge_id"]), str(body.get("message") or ""), body.get("dev_otp"))

    def verify(self, email: str, challenge_id: str, otp: str, totp: str | None = None) -> Tokens:
        """Exchange the e-mail code for a session (creates the account on first use)."""
        payload: dict[str, Any] = {"email": email, "challenge_id": challenge_id, "otp": otp}
        if totp:
            payload["totp"] = totp
        return self._adopt(self._public("POST", "/auth/verify", payload))

    def login(self, email: str, password: str, totp: str | None = None) -> Tokens:
        """Password sign-in."""
        payload: dict[str, Any] = {"email": email, "password": password}
        if totp:
            payload["totp"] = totp
        return self._adopt(self._public("POST", "/auth/login", payload))

    def refresh(self) -> Tokens:
        """Rotate the stored refresh token now (raises :class:`AuthExpired` when it is gone or spent)."""
        with self._refresh_lock:
            return self._do_refresh()

    def me(self) -> Me:
        body = self._authed("GET", "/auth/me")
        return Me(
            user_id=str(body["user_id"]),
            role=str(body["role"]),
            email=str(body.get("email") or ""),
            has_password=bool(body.get("has_password")),
            totp_enabled=bool(body.get("totp_enabled")),
            consent_complete=bool(body.get("consent_complete")),
        )

    def set_password(self, password: str) -> None:
        """Set or change the account password (the server revokes the account's other sessions)."""
        self._authed("POST", "/auth/password", {"password": password})

    def logout(self) -> None:
        """End the session on the server (best effort) and forget the tokens locally in any case."""
        try:
            if self._access_token is not None:
                self._check(self._send("POST", "/auth/logout", None, self._access_token))
        except (AuthExpired, NetworkError, ServerError):
            pass
        finally:
            self._access_token = None
            self.tokens.clear()

    # -- consent -------------------------------------------------------------------------------------

    def consent_current(self) -> tuple[ConsentDoc, ...]:
        return _docs(self._authed("GET", "/consent/current")["required"])

    def consent_status(self) -> ConsentStatus:
        body = self._authed("GET", "/consent/status")
        return ConsentStatus(_docs(body["required"]), _docs(body["accepted"]), bool(body["is_complete"]))

    def consent_accept(self, docs: Sequence[ConsentDoc], accepted_at: datetime | None = None) -> None:
        """Record that the user ticked each document in the UI (``source`` ``ui``)."""
        when = (accepted_at or self._now()).astimezone(UTC).isoformat()
        consents = [
            {"doc_type": d.doc_type, "doc_version": d.doc_version, "accepted_at": when, "source": "ui"} for d in docs
        ]
        self._authed("POST", "/consent/accept", {"consents": consents})
