"""Admin-mode tests: a real sync server subprocess, accounts made with the operator CLI or the e-mail code."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import subprocess  # noqa: E402 - the platform must be chosen before Qt loads
import sys  # noqa: E402
import uuid  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from datetime import UTC, datetime  # noqa: E402

import httpx  # noqa: E402
import pyotp  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from pytestqt.qtbot import QtBot  # noqa: E402

from desktop.credentials import MemorySecretStore  # noqa: E402
from desktop.paths import AppPaths  # noqa: E402
from desktop.services.session_service import SessionService  # noqa: E402
from desktop.services.session_types import Step  # noqa: E402
from desktop.services.tasks import TaskRunner  # noqa: E402
from desktop.ui.admin.admin_window import AdminWindow  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402
from tests.desktop import qt_support  # noqa: E402
from tests.desktop.qt_support import make_session  # noqa: E402
from tests.desktop.sync.live_server import ROOT, LiveServer  # noqa: E402

SCREENSHOT_DIR = ROOT / "docs" / "screenshots"
PASSWORD = "admin-passwort-sicher-1"
TIMEOUT = 20_000


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


# The shared fixtures, bound here so pytest finds them for this package.
themed = qt_support.themed
app_paths = qt_support.app_paths
runner = qt_support.runner
live_server = qt_support.live_server_fixture("admin-server")


def cli_user(server: LiveServer, role: str, password: str = PASSWORD) -> str:
    """Create an account with the operator CLI (as an operator would); returns its e-mail."""
    email = f"{role}-{uuid.uuid4().hex[:8]}@example.org"
    command = [sys.executable, "-m", "syncserver", "users", "create", "--email", email, "--role", role]
    subprocess.run([*command, "--password", password], env=server._env(), cwd=ROOT, check=True, capture_output=True)
    return email


@dataclass
class Account:
    """A signed-in account used over plain HTTP (the document owner, a second admin, staff)."""

    email: str
    user_id: str
    http: httpx.Client
    totp_secret: str | None = None
    backup_codes: tuple[str, ...] = ()
    used_codes: int = 0

    def next_code(self) -> str:
        """An unused backup code (each one works once: sign-ins and step-ups spend them)."""
        code = self.backup_codes[self.used_codes]
        self.used_codes += 1
        return code

    def get(self, path: str, **kw: object) -> httpx.Response:
        return self.http.get(path, **kw)  # type: ignore[arg-type]

    def post(self, path: str, **kw: object) -> httpx.Response:
        return self.http.post(path, **kw)  # type: ignore[arg-type]


def _consent(http: httpx.Client) -> None:
    required = http.get("/consent/current").json()["required"]
    now = datetime.now(UTC).isoformat()
    consents = [{**doc, "accepted_at": now, "source": "api"} for doc in required]
    assert http.post("/consent/accept", json={"consents": consents}).status_code == 200


def member(server: LiveServer) -> Account:
    """A new role-user account via the e-mail code (dev_otp), with consent."""
    email = f"user-{uuid.uuid4().hex[:8]}@example.org"
    http = httpx.Client(base_url=server.url, timeout=15)
    challenge = http.post("/auth/request", json={"email": email}).json()
    body = {"email": email, "challenge_id": challenge["challenge_id"], "otp": challenge["dev_otp"]}
    tokens = http.post("/auth/verify", json=body).json()
    http.headers["Authorization"] = f"Bearer {tokens['access_token']}"
    _consent(http)
    return Account(email, str(http.get("/auth/me").json()["user_id"]), http)


def http_admin(server: LiveServer, role: str) -> Account:
    """A CLI-made admin with TOTP enrolled over HTTP and a second-factor session."""
    email = cli_user(server, role)
    http = httpx.Client(base_url=server.url, timeout=15)
    tokens = http.post("/auth/login", json={"email": email, "password": PASSWORD}).json()
    http.headers["Authorization"] = f"Bearer {tokens['access_token']}"
    _consent(http)
    secret = http.post("/auth/totp/enroll").json()["secret"]
    confirmed = http.post("/auth/totp/confirm", json={"code": pyotp.TOTP(secret).now()})
    assert confirmed.status_code == 200, confirmed.text
    codes = tuple(confirmed.json()["backup_codes"])
    return Account(email, str(http.get("/auth/me").json()["user_id"]), http, secret, codes)


def signed_in_session(
    qtbot: QtBot,
    paths: AppPaths,
    runner: TaskRunner,
    server: LiveServer,
    email: str,
    password: str = PASSWORD,
    totp: str | None = None,
) -> SessionService:
    """A desktop session signed in with the password (vault created, consent accepted)."""
    session = make_session(paths, runner, server.url, MemorySecretStore())
    session.start()
    session.connect_server(server.url)
    qtbot.waitUntil(lambda: session.step == Step.EMAIL, timeout=TIMEOUT)
    errors: list[BaseException] = []
    session.failed.connect(errors.append)
    session.sign_in_with_password(email, password, totp)
    qtbot.waitUntil(lambda: session.step in (Step.CONSENT, Step.DONE) or bool(errors), timeout=TIMEOUT)
    assert not errors, errors
    if session.step == Step.CONSENT:
        session.accept_consent()
        qtbot.waitUntil(lambda: session.step == Step.DONE, timeout=TIMEOUT)
    return session


def save_screenshot(widget: object, name: str, size: tuple[int, int] | None = (1280, 800)) -> None:
    """Render ``widget`` into docs/screenshots/<name>.png (only with LTC_SCREENSHOTS=1)."""
    if os.environ.get("LTC_SCREENSHOTS") != "1":
        return
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    if size is not None:
        widget.resize(*size)  # type: ignore[attr-defined]
    QApplication.processEvents()
    widget.grab().save(str(SCREENSHOT_DIR / f"{name}.png"))  # type: ignore[attr-defined]


def enter_mode(
    qtbot: QtBot, session: SessionService, runner: TaskRunner, clock: FakeClock | None = None
) -> tuple[MainWindow, AdminWindow]:
    """Open the main window, trigger "Admin-Modus" and wait for the admin window (second factor present)."""
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.admin.runner = runner
    window.admin.clock = clock
    session.go_online()
    qtbot.waitUntil(lambda: session.me is not None and session.online, timeout=TIMEOUT)
    window.update_admin_action()
    assert window.admin_action.isVisible()
    window.admin_action.trigger()
    qtbot.waitUntil(lambda: window.admin.window is not None and window.admin.window.isVisible(), timeout=TIMEOUT)
    admin_window = window.admin.window
    assert admin_window is not None
    qtbot.addWidget(admin_window)
    return window, admin_window
