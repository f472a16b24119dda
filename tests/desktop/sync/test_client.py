"""ApiClient against httpx.MockTransport: headers, token refresh, error mapping by code."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime

import httpx
import pytest

from desktop.credentials import MemorySecretStore, UnavailableSecretStore
from desktop.sync.client import ApiClient, ConsentDoc, MemoryTokenStore, SecretTokenStore
from desktop.sync.errors import (
    ApiError,
    AuthExpired,
    CodeExpired,
    ConsentRequired,
    InvalidCode,
    InvalidCredentials,
    Locked,
    NetworkError,
    RateLimited,
    ServerError,
    TotpRequired,
    WeakPassword,
    error_for,
)

Handler = Callable[[httpx.Request], httpx.Response]


def tokens(n: int) -> dict[str, str]:
    return {
        "access_token": f"access-{n}",
        "token_type": "bearer",
        "expires_at": "2026-11-26T02:00:00Z",
        "refresh_token": f"refresh-{n}",
        "refresh_expires_at": "2026-12-26T02:00:00Z",
    }


def client_with(handler: Handler, store: MemoryTokenStore | None = None) -> ApiClient:
    transport = httpx.MockTransport(handler)
    return ApiClient("http://ltc.test/", token_store=store or MemoryTokenStore(), transport=transport)


class TestRequests:
    def test_request_code_sends_email_and_a_request_id(self) -> None:
        seen: list[httpx.Request] = []

        def handler(request: httpx.Request) -> httpx.Response:
            seen.append(request)
            return httpx.Response(200, json={"ok": True, "challenge_id": "c1", "message": "m", "dev_otp": "123456"})

        client = client_with(handler)
        challenge = client.request_code("a@example.org")
        assert challenge.challenge_id == "c1"
        assert challenge.dev_otp == "123456"
        assert json.loads(seen[0].content) == {"email": "a@example.org"}
        assert seen[0].url == "http://ltc.test/auth/request"
        assert len(seen[0].headers["X-Request-Id"]) == 32
        assert "Authorization" not in seen[0].headers

    def test_each_request_gets_a_new_request_id(self) -> None:
        ids: list[str] = []

        def handler(request: httpx.Request) -> httpx.Response:
            ids.append(request.headers["X-Request-Id"])
            return httpx.Response(200, json={"ok": True})

        client = client_with(handler)
        client.health()
        client.health()
        assert len(set(ids)) == 2
        assert client.last_request_id == ids[-1]

    def test_verify_keeps_the_refresh_token_in_the_store_and_sends_bearer(self) -> None:
        store = MemoryTokenStore()

        def handler(request: httpx.Request) -> httpx.Response:
            if request.url.path == "/auth/verify":
                return httpx.Response(200, json=tokens(1))
            assert request.headers["Authorization"] == "Bearer access-1"
            return httpx.Response(
                200,
                json={
                    "user_id": "u1",
                    "role": "user",
                    "email": "a@example.org",
                    "has_password": False,
                    "totp_enabled": False,
                    "consent_complete": False,
                },
            )

        client = client_with(handler, store)
        client.verify("a@example.org", "c1", "123456")
        assert store.load() == "refresh-1"
        me = client.me()
        assert me.user_id == "u1"
        assert not me.has_password

    def test_consent_accept_body(self) -> None:
        bodies: list[object] = []

        def handler(request: httpx.Request) -> httpx.Response:
            if request.url.path == "/auth/refresh":
                return httpx.Response(200, json=tokens(2))
            bodies.append(json.loads(request.content))
            return httpx.Response(200, json={"ok": True})

        client = client_with(handler, MemoryTokenStore("refresh-1"))
        when = datetime(2026, 11, 26, 1, 0, tzinfo=UTC)
        client.consent_accept([ConsentDoc("terms", "v1"), ConsentDoc("privacy", "v1")], accepted_at=when)
        assert bodies == [
            {
                "consents": [
                    {"doc_type": "terms", "doc_version": "v1", "accepted_at": when.isoformat(), "source": "ui"},
                    {"doc_type": "privacy", "doc_version": "v1", "accepted_at": when.isoformat(), "source": "ui"},
                ]
            }
        ]


class TestRefresh:
    def test_a_401_refreshes_once_and_retries(self) -> None:
        store = MemoryTokenStore("refresh-1")
        calls: list[str] = []

        def handler(request: httpx.Request) -> httpx.Response:
            calls.append(f"{request.url.path} {request.headers.get('Authorization', '')}")
            if request.url.path == "/auth/refresh":
                assert json.loads(request.content) == {"refresh_token": "refresh-1"}
                return httpx.Response(200, json=tokens(2))
            if request.headers["Authorization"] == "Bearer access-2":
                return httpx.Response(200, json={"required": [], "accepted": [], "is_complete": True})
            return httpx.Response(401, json={"detail": "unauthorized"})

        client = client_with(handler, store)
        assert client.consent_status().is_complete
        assert calls == ["/auth/refresh ", "/consent/status Bearer access-2"]
        assert store.load() == "refresh-2"

    def test_a_second_401_after_the_refresh_raises_auth_expired(self) -> None:
        store = MemoryTokenStore()
        paths: list[str] = []

        def handler(request: httpx.Request) -> httpx.Response:
            paths.append(request.url.path)
            if request.url.path == "/auth/login":
                return httpx.Response(200, json=tokens(1))
            if request.url.path == "/auth/refresh":
                return httpx.Response(200, json=tokens(2))
            return httpx.Response(401, json={"detail": "unauthorized"})

        client = client_with(handler, store)
        client.login("a@example.org", "pw")
        with pytest.raises(AuthExpired):
            client.consent_current()
        assert paths == ["/auth/login", "/consent/current", "/auth/refresh", "/consent/current"]
        assert store.load() is None

    def test_failed_refresh_clears_tokens_and_raises_auth_expired(self) -> None:
        store = MemoryTokenStore("spent")
        expired: list[bool] = []

        def handler(request: httpx.Request) -> httpx.Response:
            return httpx.Response(401, json={"detail": "unauthorized"})

        client = ApiClient(
            "http://ltc.test",
            token_store=store,
            transport=httpx.MockTransport(handler),
            on_auth_expired=lambda: expired.append(True),
        )
        with pytest.raises(AuthExpired):
            client.me()
        assert store.load() is None
        assert expired == [True]
        assert not client.has_session

    def test_no_refresh_token_means_auth_expired_without_a_request(self) -> None:
        def handler(request: httpx.Request) -> httpx.Response:
            raise AssertionError("no request expected")

        with pytest.raises(AuthExpired):
            client_with(handler).me()

    def test_network_error_during_refresh_keeps_the_token(self) -> None:
        store = MemoryTokenStore("refresh-1")

        def handler(request: httpx.Request) -> httpx.Response:
            raise httpx.ConnectError("refused", request=request)

        with pytest.raises(NetworkError) as caught:
            client_with(handler, store).me()
        assert caught.value.retryable
        assert store.load() == "refresh-1"


class TestErrorMapping:
    @pytest.mark.parametrize(
        ("status", "body", "expected"),
        [
            (400, {"detail": "INVALID"}, InvalidCode),
            (400, {"detail": "EXPIRED"}, CodeExpired),
            (429, {"detail": "LOCKED"}, Locked),
            (429, {"detail": "RATE_LIMIT"}, RateLimited),
            (429, {"detail": "rate_limited"}, RateLimited),
            (401, {"detail": "invalid_credentials"}, InvalidCredentials),
            (401, {"detail": "totp_required"}, TotpRequired),
            (403, {"detail": "consent_required"}, ConsentRequired),
            (400, {"detail": "weak_password"}, WeakPassword),
            (503, {"detail": "whatever"}, ServerError),
            (500, None, ServerError),
            (418, {"detail": "teapot"}, ApiError),
        ],
    )
    def test_code_decides_the_type(self, status: int, body: object, expected: type[ApiError]) -> None:
        error = error_for(status, body)
        assert type(error) is expected

    def test_message_text_is_ignored(self) -> None:
        error = error_for(403, {"detail": {"code": "consent_required"}, "message": "INVALID"})
        assert isinstance(error, ConsentRequired)
        assert error.code == "consent_required"

    def test_login_error_is_not_mistaken_for_an_expired_session(self) -> None:
        def handler(request: httpx.Request) -> httpx.Response:
            return httpx.Response(401, json={"detail": "invalid_credentials"})

        with pytest.raises(InvalidCredentials):
            client_with(handler).login("a@example.org", "wrong")

    def test_consent_required_on_a_protected_call(self) -> None:
        def handler(request: httpx.Request) -> httpx.Response:
            if request.url.path == "/auth/refresh":
                return httpx.Response(200, json=tokens(2))
            return httpx.Response(403, json={"detail": "consent_required"})

        with pytest.raises(ConsentRequired):
            client_with(handler, MemoryTokenStore("r")).me()

    def test_transport_failure_is_a_retryable_network_error(self) -> None:
        def handler(request: httpx.Request) -> httpx.Response:
            raise httpx.ReadTimeout("slow", request=request)

        with pytest.raises(NetworkError) as caught:
            client_with(handler).request_code("a@example.org")
        assert caught.value.retryable

    def test_server_error_is_retryable(self) -> None:
        with pytest.raises(ServerError) as caught:
            client_with(lambda r: httpx.Response(502, text="bad gateway")).health()
        assert caught.value.retryable
        assert caught.value.status == 502


class TestLogout:
    def test_logout_forgets_tokens_even_when_offline(self) -> None:
        store = MemoryTokenStore()

        def handler(request: httpx.Request) -> httpx.Response:
            if request.url.path == "/auth/login":
                return httpx.Response(200, json=tokens(1))
            raise httpx.ConnectError("down", request=request)

        client = client_with(handler, store)
        client.login("a@example.org", "pw")
        client.logout()
        assert store.load() is None
        assert not client.has_session


class TestSecretTokenStore:
    def test_keeps_the_token_in_the_secret_store(self) -> None:
        secrets = MemorySecretStore()
        store = SecretTokenStore(secrets, "refresh:http://x")
        store.save("t1")
        assert secrets.get_secret("refresh:http://x") == "t1"
        assert SecretTokenStore(secrets, "refresh:http://x").load() == "t1"
        store.clear()
        assert secrets.names() == []

    def test_without_a_secure_store_it_keeps_the_token_for_the_session_only(self) -> None:
        store = SecretTokenStore(UnavailableSecretStore("no keyring"), "refresh")
        store.save("t1")
        assert store.load() == "t1"
        assert not store.persistent


class TestPublicRequest:
    """``ApiClient.request``: the public way to send extra headers, query parameters or raw bytes."""

    def test_headers_params_and_raw_bytes_with_one_refresh(self) -> None:
        seen: list[httpx.Request] = []

        def handler(request: httpx.Request) -> httpx.Response:
            if request.url.path == "/auth/refresh":
                return httpx.Response(200, json=tokens(2))
            seen.append(request)
            if request.headers["Authorization"] == "Bearer access-2":
                return httpx.Response(200, json={"ok": True})
            return httpx.Response(401, json={"detail": "unauthorized"})

        client = client_with(handler, MemoryTokenStore("refresh-1"))
        response = client.request(
            "PUT", "/x", params={"offset": "3"}, headers={"X-Step-Up": "grant"}, content=b"\x00raw"
        )
        assert response.json() == {"ok": True}
        assert len(seen) == 1
        last = seen[-1]
        assert last.url.params["offset"] == "3"
        assert last.headers["X-Step-Up"] == "grant"
        assert last.content == b"\x00raw"
        assert last.headers["X-Request-Id"] == client.last_request_id

    def test_error_statuses_are_mapped_and_transport_failures_are_network_errors(self) -> None:
        def refused(request: httpx.Request) -> httpx.Response:
            if request.url.path == "/auth/refresh":
                return httpx.Response(200, json=tokens(1))
            return httpx.Response(403, json={"detail": "consent_required"})

        with pytest.raises(ConsentRequired):
            client_with(refused, MemoryTokenStore("r")).request("GET", "/y")

        def broken(request: httpx.Request) -> httpx.Response:
            raise httpx.ConnectError("down", request=request)

        with pytest.raises(NetworkError):
            client_with(broken, MemoryTokenStore("r")).request("GET", "/y")
