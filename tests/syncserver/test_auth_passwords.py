"""Argon2id parameters are settings; a hash made with other parameters is upgraded at the next login."""

from __future__ import annotations

from collections.abc import Callable

import argon2
from fastapi import FastAPI
from fastapi.testclient import TestClient

from syncserver.auth.passwords import DEFAULT_PARAMS, Argon2Params, PasswordHasher
from syncserver.config import Settings
from syncserver.models.user import User
from tests.syncserver.support import PASSWORD, create_user, db_session

EMAIL = "hash@example.org"
OLD = Argon2Params(memory_kib=8 * 1024, time_cost=1, parallelism=1)


def _stored_params(app: FastAPI, user_id: object) -> argon2.Parameters:
    with db_session(app) as session:
        user = session.get(User, user_id)
        assert user is not None
        assert user.password_hash is not None
        return argon2.extract_parameters(user.password_hash)


def _store_hash(app: FastAPI, user_id: object, stored: str) -> None:
    with db_session(app) as session:
        user = session.get(User, user_id)
        assert user is not None
        user.password_hash = stored


def test_default_is_the_owasp_profile() -> None:
    settings = Settings()
    assert settings.argon2 == DEFAULT_PARAMS
    assert (DEFAULT_PARAMS.memory_kib, DEFAULT_PARAMS.time_cost, DEFAULT_PARAMS.parallelism) == (19 * 1024, 2, 1)
    params = argon2.extract_parameters(PasswordHasher.hash(PASSWORD))
    assert params.type is argon2.Type.ID
    assert (params.memory_cost, params.time_cost, params.parallelism) == (19 * 1024, 2, 1)


def test_old_parameters_are_rehashed_at_login(app: FastAPI, client: TestClient) -> None:
    user_id = create_user(app, EMAIL, password=PASSWORD)
    _store_hash(app, user_id, PasswordHasher.hash(PASSWORD, OLD))
    assert _stored_params(app, user_id).time_cost == 1

    assert client.post("/auth/login", json={"email": EMAIL, "password": PASSWORD}).status_code == 200
    params = _stored_params(app, user_id)
    assert (params.memory_cost, params.time_cost, params.parallelism) == (19 * 1024, 2, 1)
    assert client.post("/auth/login", json={"email": EMAIL, "password": PASSWORD}).status_code == 200


def test_a_wrong_password_does_not_rehash(app: FastAPI, client: TestClient) -> None:
    user_id = create_user(app, EMAIL, password=PASSWORD)
    old_hash = PasswordHasher.hash(PASSWORD, OLD)
    _store_hash(app, user_id, old_hash)
    assert client.post("/auth/login", json={"email": EMAIL, "password": "not it at all"}).status_code == 401
    with db_session(app) as session:
        user = session.get(User, user_id)
        assert user is not None
        assert user.password_hash == old_hash


def test_configured_parameters_apply(make_app: Callable[..., FastAPI]) -> None:
    app = make_app(argon2_time_cost=3, argon2_memory_kib=12 * 1024, argon2_max_concurrent=1)
    user_id = create_user(app, EMAIL, password=PASSWORD)  # made with the defaults
    with TestClient(app) as client:
        assert client.post("/auth/login", json={"email": EMAIL, "password": PASSWORD}).status_code == 200
        again = client.post("/auth/login", json={"email": EMAIL, "password": PASSWORD})
        assert again.status_code == 200
        headers = {"Authorization": f"Bearer {again.json()['access_token']}"}
        changed = client.post("/auth/password", json={"password": "another long secret"}, headers=headers)
        assert changed.status_code == 200
    params = _stored_params(app, user_id)
    assert (params.memory_cost, params.time_cost) == (12 * 1024, 3)


def test_unknown_address_costs_a_verification_with_the_same_parameters(app: FastAPI, client: TestClient) -> None:
    create_user(app, EMAIL, password=PASSWORD)
    unknown = client.post("/auth/login", json={"email": "ghost@example.org", "password": PASSWORD})
    wrong = client.post("/auth/login", json={"email": EMAIL, "password": "not it at all"})
    assert unknown.status_code == wrong.status_code == 401
    assert unknown.content == wrong.content
    assert not PasswordHasher.verify(None, PASSWORD)
    assert not PasswordHasher.needs_rehash(PasswordHasher.hash(PASSWORD))
    assert PasswordHasher.needs_rehash("not an argon2 hash")
