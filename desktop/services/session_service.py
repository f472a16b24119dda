"""Sign-in, vault and consent flow behind one QObject (the UI's only door to the client and the vault).

First run (no vault yet)::

    SERVER -connect_server-> EMAIL -request_code-> CODE -verify_code-> PASSWORD -set_password-> CONSENT? -> DONE
                               \\-sign_in_with_password------------------------------------------^

``set_password`` sets the account password on the server and creates the local vault with the same password
(or unlocks an existing vault with it). Later starts: ``unlock(password)`` (or ``try_cached_unlock()`` when the
user opted in to the keyring) opens the vault offline, then ``go_online()`` refreshes the session in the
background and asks for consent again when the server's versions moved on (D4).

Threading: every public method returns at once; vault work runs on the DB worker, HTTP on the network pool
(``desktop.services.tasks``). Results arrive as signals on the GUI thread. Errors of a step arrive through
``failed(exc)``; the UI branches on the exception type.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
from PySide6.QtCore import QObject, Signal
from sqlalchemy import func, select

from desktop.credentials import SecretStore
from desktop.paths import AppPaths
from desktop.services.session_types import (
    InvalidServerAddress,
    LocalStatus,
    PasswordPolicyError,
    Step,
    VaultPasswordMismatch,
    check_password,
    normalize_server_url,
)
from desktop.services.tasks import TaskRunner
from desktop.settings import REMEMBER_KEY, SERVER_URL, Settings
from desktop.store.errors import WrongPasswordError
from desktop.store.keyfile import KdfPolicy, tuned_kdf_params
from desktop.store.models import OutboxMutation, SyncState
from desktop.store.vault import Vault, vault_exists
from desktop.sync.client import ApiClient, CodeChallenge, ConsentDoc, ConsentStatus, Me, SecretTokenStore
from desktop.sync.errors import AuthExpired, ConsentRequired, NetworkError, ServerError


class SessionService(QObject):
    """Facade over :class:`ApiClient` and :class:`Vault`; create and use it on the GUI thread."""

    step_changed = Signal(str)
    busy_changed = Signal(bool)
    failed = Signal(object)
    code_sent = Signal(object)
    consent_needed = Signal(object)
    online_changed = Signal(bool)
    signed_out = Signal()
    finished = Signal()

    def __init__(
        self,
        paths: AppPaths,
        settings: Settings,
        secrets: SecretStore,
        runner: TaskRunner,
        *,
        transport: httpx.BaseTransport | None = None,
        kdf: KdfPolicy = tuned_kdf_params,
    ) -> None:
        super().__init__()
        self.paths = paths
        self.settings = settings
        self.secrets = secrets
        self._runner = runner
        self._transport = transport
        self._kdf = kdf
        self.client: ApiClient | None = None
        self.vault: Vault | None = None
        self.email = ""
        self.me: Me | None = None
        self.online = False
        self.step = Step.SERVER
        self._challenge: CodeChallenge | None = None
        self._via_code = False
        self.pending_consent: tuple[ConsentDoc, ...] = ()

    # -- helpers -------------------------------------------------------------------------------------

    @property
    def runner(self) -> TaskRunner:
        """The app's one background helper (DB worker and network pool); other services share it."""
        return self._runner

    @property
    def server_url(self) -> str:
        return str(self.settings[SERVER_URL])

    @property
    def has_vault(self) -> bool:
        return vault_exists(self.paths.vault_dir)

    @property
    def token_is_persistent(self) -> bool:
        """False when the refresh token cannot be kept in a secure keyring (sign in again after a restart)."""
        return self.secrets.is_secure

    def _set_step(self, step: Step) -> None:
        self.step = step
        self.step_changed.emit(step.value)

    def _make_client(self, url: str) -> ApiClient:
        if self.client is not None and self.client.base_url == url:
            return self.client
        if self.client is not None:
            self.client.close()
        store = SecretTokenStore(self.secrets, f"refresh-token:{url}")
        self.client = ApiClient(url, token_store=store, transport=self._transport, on_auth_expired=None)
        return self.client

    def _api(self) -> ApiClient:
        return self.client if self.client is not None else self._make_client(self.server_url)

    def _fail(self, exc: BaseException) -> None:
        self.busy_changed.emit(False)
        if isinstance(exc, NetworkError | ServerError):
            self._set_online(False)
        if isinstance(exc, ConsentRequired):
            self._check_consent()
            return
        self.failed.emit(exc)

    def _run(self, fn: Callable[[], Any], then: Callable[[Any], None], kind: str) -> None:
        self.busy_changed.emit(True)

        def done(result: Any) -> None:
            self.busy_changed.emit(False)
            then(result)

        self._runner.run_in_background(fn, done, self._fail, kind="net" if kind == "net" else "db")

    def _set_online(self, online: bool) -> None:
        if online != self.online:
            self.online = online
            self.online_changed.emit(online)

    # -- first run -----------------------------------------------------------------------------------

    def start(self) -> None:
        """Announce the first step: UNLOCK when a vault exists, else SERVER."""
        self._set_step(Step.UNLOCK if self.has_vault else Step.SERVER)

    def connect_server(self, text: str) -> None:
        """Check the address (``/health``) and remember it; then EMAIL."""
        try:
            url = normalize_server_url(text)
        except InvalidServerAddress as exc:
            self.failed.emit(exc)
            return
        client = self._make_client(url)

        def connected(_: Any) -> None:
            self.settings.set(SERVER_URL.key, url)
            self.settings.save()
            self._set_online(True)
            self._set_step(Step.EMAIL)

        self._run(client.health, connected, "net")

    def request_code(self, email: str) -> None:
        """Send an e-mail code; ``code_sent(CodeChallenge)`` then CODE."""
        self.email = email.strip()
        client = self._api()

        def sent(challenge: CodeChallenge) -> None:
            self._challenge = challenge
            self.code_sent.emit(challenge)
            self._set_step(Step.CODE)

        self._run(lambda: client.request_code(self.email), sent, "net")

    def verify_code(self, otp: str, totp: str | None = None) -> None:
        """Check the e-mail code; then PASSWORD (or on to consent when the vault is open and a password exists)."""
        if self._challenge is None:
            raise RuntimeError("request_code first")
        client, challenge = self._api(), self._challenge

        def work() -> Me:
            client.verify(self.email, challenge.challenge_id, otp.strip(), totp)
            return client.me()

        def verified(me: Me) -> None:
            self.me = me
            self._via_code = True
            if self.vault is not None and me.has_password:
                self._check_consent()
            else:
                self._set_step(Step.PASSWORD)

        self._run(work, verified, "net")

    def sign_in_with_password(self, email: str, password: str, totp: str | None = None) -> None:
        """Password sign-in; opens (or creates) the local vault with the same password."""
        self.email = email.strip()
        client = self._api()

        def work() -> Me:
            client.login(self.email, password, totp)
            return client.me()

        def signed_in(me: Me) -> None:
            self.me = me
            self._via_code = False
            self._open_or_create_vault(password, then=self._check_consent)

        self._run(work, signed_in, "net")

    def set_password(self, password: str, repeat: str) -> None:
        """Policy check, unlock an existing vault (fail early), set the server password, create the vault."""
        try:
            check_password(password, repeat, self.email)
        except PasswordPolicyError as exc:
            self.failed.emit(exc)
            return
        client = self._api()

        def server_side() -> None:
            self._run(lambda: client.set_password(password), lambda _: create(), "net")

        def create() -> None:
            self._open_or_create_vault(password, then=self._check_consent)

        if self.vault is None and self.has_vault:
            self._open_or_create_vault(password, then=server_side)
        else:
            server_side()

    def _open_or_create_vault(self, password: str, then: Callable[[], None]) -> None:
        if self.vault is not None:
            then()
            return
        folder, remember, kdf = self.paths.vault_dir, bool(self.settings[REMEMBER_KEY]), self._kdf

        def work() -> Vault:
            if vault_exists(folder):
                try:
                    vault = Vault.unlock(folder, password)
                except WrongPasswordError as exc:
                    raise VaultPasswordMismatch() from exc
            else:
                vault = Vault.create(folder, password, kdf=kdf)
            if remember:
                vault.remember_key(self.secrets)
            return vault

        def opened(vault: Vault) -> None:
            self.vault = vault
            then()

        self._run(work, opened, "db")

    # -- consent -------------------------------------------------------------------------------------

    def _check_consent(self) -> None:
        client = self._api()

        def checked(status: ConsentStatus) -> None:
            self._set_online(True)
            if status.is_complete:
                self.pending_consent = ()
                self._finish()
            else:
                self.pending_consent = status.required
                self._set_step(Step.CONSENT)
                self.consent_needed.emit(self.pending_consent)

        self._run(client.consent_status, checked, "net")

    def accept_consent(self, docs: tuple[ConsentDoc, ...] | None = None) -> None:
        """Accept the shown documents (the UI checked every tick box), then re-check the status."""
        client, chosen = self._api(), tuple(docs or self.pending_consent)
        self._run(lambda: client.consent_accept(chosen), lambda _: self._check_consent(), "net")

    def _finish(self) -> None:
        self._set_step(Step.DONE)
        self.finished.emit()

    # -- later starts --------------------------------------------------------------------------------

    def try_cached_unlock(self, on_result: Callable[[bool], None]) -> None:
        """Open the vault with the keyring-cached key when the user opted in; ``on_result(opened)``."""
        if not self.settings[REMEMBER_KEY] or not self.has_vault:
            on_result(False)
            return
        folder = self.paths.vault_dir

        def opened(vault: Vault | None) -> None:
            self.vault = vault
            on_result(vault is not None)

        self._runner.run_in_background(
            lambda: Vault.unlock_with_cached_key(folder, self.secrets), opened, lambda _: on_result(False)
        )

    def unlock(self, password: str) -> None:
        """Open the vault offline; ``failed(WrongPasswordError)`` on a wrong password (retry allowed)."""
        folder, remember = self.paths.vault_dir, bool(self.settings[REMEMBER_KEY])

        def work() -> Vault:
            vault = Vault.unlock(folder, password)
            if remember:
                vault.remember_key(self.secrets)
            return vault

        def opened(vault: Vault) -> None:
            self.vault = vault
            self._finish()

        self._run(work, opened, "db")

    def go_online(self) -> None:
        """Refresh the session in the background; ``online_changed``, ``signed_out`` or ``consent_needed``."""
        client = self._api()

        def failed(exc: BaseException) -> None:
            self._set_online(False)
            if isinstance(exc, AuthExpired):
                self.signed_out.emit()
            elif isinstance(exc, ConsentRequired):
                self._check_consent()

        def work() -> tuple[Me, ConsentStatus]:
            return client.me(), client.consent_status()

        def done(result: tuple[Me, ConsentStatus]) -> None:
            self.me, status = result
            self.email = self.me.email
            self._set_online(True)
            if not status.is_complete:
                self.pending_consent = status.required
                self.consent_needed.emit(self.pending_consent)

        self._runner.run_in_background(work, done, failed, kind="net")

    def sign_out(self) -> None:
        """End the server session and forget the refresh token; the vault stays open."""
        client = self._api()

        def done(_: Any) -> None:
            self.me = None
            self._set_online(False)
            self.signed_out.emit()

        self._runner.run_in_background(client.logout, done, kind="net")

    def local_status(self, on_result: Callable[[LocalStatus], None]) -> None:
        """Pending outbox rows and the last sync time, read on the DB worker."""
        vault = self.vault
        if vault is None:
            return

        def work() -> LocalStatus:
            with vault.session() as session:
                pending = session.scalar(select(func.count()).select_from(OutboxMutation)) or 0
                state = session.get(SyncState, 1)
                return LocalStatus(int(pending), state.last_sync_at if state else None)

        self._runner.run_in_background(work, on_result)

    def close(self) -> None:
        """Close the vault and the HTTP client (call on exit)."""
        if self.vault is not None:
            vault, self.vault = self.vault, None
            self._runner.run_in_background(vault.close)
        if self.client is not None:
            self.client.close()
