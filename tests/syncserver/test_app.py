"""App factory, health, request ids, /api mirror, error bodies, production guards."""

from __future__ import annotations

import asyncio
from typing import Any

import anyio.to_thread
import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from syncserver.config import Settings
from syncserver.middleware import AdmissionGate, RequestContextMiddleware


class TestHealth:
    @pytest.mark.parametrize("path", ["/health", "/api/health"])
    def test_ok(self, client: TestClient, path: str) -> None:
        response = client.get(path)
        assert response.status_code == 200
        assert response.json() == {"ok": True}


class TestRequestId:
    def test_generated_when_missing(self, client: TestClient) -> None:
        assert len(client.get("/health").headers["x-request-id"]) >= 16

    def test_well_formed_one_is_echoed(self, client: TestClient) -> None:
        assert client.get("/health", headers={"X-Request-Id": "abc-12345678"}).headers["x-request-id"] == "abc-12345678"

    def test_malformed_one_is_replaced(self, client: TestClient) -> None:
        response = client.get("/health", headers={"X-Request-Id": "bad id with spaces"})
        assert response.headers["x-request-id"] != "bad id with spaces"

    def test_error_responses_carry_it(self, client: TestClient) -> None:
        assert client.get("/auth/me").headers.get("x-request-id")


class TestErrorBodies:
    def test_unknown_route(self, client: TestClient) -> None:
        response = client.get("/no/such/route")
        assert response.status_code == 404
        assert response.json() == {"detail": "not_found"}

    def test_validation_error_does_not_echo_input(self, client: TestClient) -> None:
        response = client.post("/auth/login", json={"email": "secret@example.org", "password": 12345})
        assert response.status_code == 422
        assert "secret@example.org" not in response.text
        assert response.json()["detail"][0]["loc"] == ["body", "password"]

    def test_malformed_json_is_422(self, client: TestClient) -> None:
        response = client.post("/auth/request", content=b"{not json", headers={"content-type": "application/json"})
        assert response.status_code == 422

    def test_401_has_www_authenticate(self, client: TestClient) -> None:
        response = client.get("/auth/me")
        assert response.status_code == 401
        assert response.json() == {"detail": "unauthorized"}
        assert response.headers["www-authenticate"] == "Bearer"


class TestProductionGuards:
    def test_missing_secret_refused(self) -> None:
        with pytest.raises(ValidationError, match="LTC_SECRET_KEY"):
            Settings(env="production", secret_key="")

    def test_short_secret_refused(self) -> None:
        with pytest.raises(ValidationError, match="LTC_SECRET_KEY"):
            Settings(env="production", secret_key="x" * 31)

    def test_dev_switch_refused(self) -> None:
        with pytest.raises(ValidationError, match="LTC_DEV_EXPOSE_OTP"):
            Settings(env="production", secret_key="x" * 40, dev_expose_otp=True)

    def test_env_prefix(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("LTC_ENV", "production")
        monkeypatch.setenv("LTC_SECRET_KEY", "s" * 32)
        monkeypatch.setenv("LTC_BOOTSTRAP_SUPERADMIN_EMAILS", " Boss@Example.org , other@example.org")
        settings = Settings()
        assert settings.is_production
        assert settings.bootstrap_superadmins == {"boss@example.org", "other@example.org"}

    def test_no_docs_in_production(self, make_app, database) -> None:  # type: ignore[no-untyped-def]
        app = make_app(env="production", secret_key="p" * 40)
        with TestClient(app) as client:
            assert client.get("/openapi.json").status_code == 404
            assert client.get("/health").status_code == 200


class TestAdmissionGate:
    def test_no_more_requests_inside_than_the_gate_admits(self) -> None:
        inside, peak, finished = 0, 0, 0

        async def app(scope: Any, receive: Any, send: Any) -> None:
            nonlocal inside, peak
            inside += 1
            peak = max(peak, inside)
            for _ in range(5):
                await asyncio.sleep(0)  # let the other requests try to get in
            inside -= 1
            await send({"type": "http.response.start", "status": 200, "headers": []})
            await send({"type": "http.response.body", "body": b""})

        gated = RequestContextMiddleware(app, AdmissionGate(capacity=2))

        async def one_request() -> None:
            nonlocal finished
            messages: list[Any] = []

            async def send(message: Any) -> None:
                messages.append(message)

            async def receive() -> Any:
                return {"type": "http.request", "body": b""}

            await gated({"type": "http", "method": "GET", "path": "/x", "headers": []}, receive, send)
            assert messages[0]["status"] == 200
            finished += 1

        async def main() -> None:
            await asyncio.gather(*(one_request() for _ in range(7)))

        asyncio.run(main())
        assert peak == 2
        assert finished == 7

    def test_default_capacity_is_the_worker_thread_pool(self) -> None:
        async def capacity() -> int:
            return AdmissionGate().semaphore._value

        async def pool_size() -> int:
            return int(anyio.to_thread.current_default_thread_limiter().total_tokens)

        assert asyncio.run(capacity()) == asyncio.run(pool_size())
