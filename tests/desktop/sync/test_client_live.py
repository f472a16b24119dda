"""ApiClient against a real uvicorn server subprocess on a free loopback port."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop.sync.client import ApiClient, MemoryTokenStore
from desktop.sync.errors import AuthExpired, ConsentRequired, InvalidCode, InvalidCredentials, WeakPassword
from tests.desktop.sync.live_server import LiveServer

pytestmark = pytest.mark.slow
PASSWORD = "ein-sicheres-passwort"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    live = LiveServer(tmp_path_factory.mktemp("server")).start()
    yield live
    live.stop()


def test_register_set_password_consent_and_me(server: LiveServer) -> None:
    store = MemoryTokenStore()
    client = ApiClient(server.url, token_store=store)
    assert client.health()
    email = "neu@example.org"

    challenge = client.request_code(email)
    assert challenge.dev_otp is not None
    with pytest.raises(InvalidCode):
        client.verify(email, challenge.challenge_id, "000000" if challenge.dev_otp != "000000" else "111111")
    client.verify(email, challenge.challenge_id, challenge.dev_otp)
    assert store.load()

    with pytest.raises(WeakPassword):
        client.set_password(email)
    client.set_password(PASSWORD)

    status = client.consent_status()
    assert not status.is_complete
    assert {d.doc_type for d in status.missing} == {"terms", "privacy"}
    client.consent_accept(client.consent_current())
    assert client.consent_status().is_complete

    me = client.me()
    assert me.email == email
    assert me.role == "user"
    assert me.has_password
    assert me.consent_complete

    # a second device signs in with the password; a refresh rotates the token
    other = ApiClient(server.url, token_store=MemoryTokenStore())
    with pytest.raises(InvalidCredentials):
        other.login(email, "falsches-passwort")
    other.login(email, PASSWORD)
    first = other.tokens.load()
    other.refresh()
    assert other.tokens.load() != first
    assert other.me().user_id == me.user_id

    client.logout()
    assert not client.has_session
    with pytest.raises(AuthExpired):
        client.me()
    client.close()
    other.close()


def test_the_consent_gate_answers_consent_required(server: LiveServer) -> None:
    client = ApiClient(server.url, token_store=MemoryTokenStore())
    email = "gate@example.org"
    challenge = client.request_code(email)
    assert challenge.dev_otp is not None
    client.verify(email, challenge.challenge_id, challenge.dev_otp)
    with pytest.raises(ConsentRequired):
        client._authed("GET", "/vehicles")  # a product route; the typed methods for it come with the sync engine
    client.close()
