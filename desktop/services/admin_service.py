"""The privileged admin mode (D2, D3, SPEC §3.8): entering it, its time limits, step-up and online-only calls.

- Entering: the server decides. ``check_entry`` reads ``/auth/me``; only admin/superadmin go on. Without a
  confirmed TOTP the UI walks through ``enroll``/``confirm`` (backup codes are handed to the UI once and never
  kept); a session without the second factor signs in again with password + TOTP (``reauthenticate``).
  ``start`` then probes one admin route, so the mode only opens when the server accepts the session.
- Limits: at most 4 h from ``start`` and 15 min without activity (``touch``), measured on the injected
  monotonic ``clock``; a QTimer calls :meth:`check`, which ends the mode with a reason. The server enforces
  the same limits on its side.
- Step-up: :meth:`with_step_up` exchanges a TOTP/backup code for a one-time grant of a scope and runs the
  action with it, in one background task.
- Online only, nothing on disk: every call goes to the server through the network pool; results live in
  memory in the widgets, which :attr:`ended` tells to clear themselves. An expired session ends the mode.

Threading: create and use on the GUI thread; HTTP runs on the network pool of ``desktop.services.tasks``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from enum import StrEnum
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.services.tasks import TaskRunner
from desktop.sync.admin_api import AdminApi, AdminMe, Enrolment
from desktop.sync.client import ApiClient
from desktop.sync.errors import AuthExpired

MAX_SECONDS = 4 * 3600
IDLE_SECONDS = 15 * 60
CHECK_INTERVAL_MS = 15_000

T = TypeVar("T")


class EndReason(StrEnum):
    MAX_DURATION = "max_duration"
    IDLE = "idle"
    USER = "user"
    SIGNED_OUT = "signed_out"


class NotAnAdmin(Exception):
    """The server says this account is neither admin nor superadmin."""


class AdminMode(QObject):
    """One admin-mode session over the signed-in :class:`ApiClient`."""

    started = Signal()
    ended = Signal(str)
    #: Emitted with the seconds left (the smaller of the two limits) on every check.
    remaining_changed = Signal(int)

    def __init__(
        self,
        client: ApiClient,
        runner: TaskRunner,
        *,
        clock: Callable[[], float] = time.monotonic,
        max_seconds: int = MAX_SECONDS,
        idle_seconds: int = IDLE_SECONDS,
        check_interval_ms: int = CHECK_INTERVAL_MS,
    ) -> None:
        super().__init__()
        self.client = client
        self.api = AdminApi(client)
        self.runner = runner
        self._clock = clock
        self.max_seconds = max_seconds
        self.idle_seconds = idle_seconds
        self.me: AdminMe | None = None
        self._started_at: float | None = None
        self._last_activity = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(check_interval_ms)
        self._timer.timeout.connect(self.check)

    # -- state ---------------------------------------------------------------------------------------

    @property
    def active(self) -> bool:
        return self._started_at is not None

    @property
    def is_superadmin(self) -> bool:
        return self.me is not None and self.me.role == "superadmin"

    def remaining(self) -> int:
        """Seconds until the mode ends by itself (0 when inactive)."""
        if self._started_at is None:
            return 0
        now = self._clock()
        left = min(self._started_at + self.max_seconds - now, self._last_activity + self.idle_seconds - now)
        return max(0, int(left))

    def touch(self) -> None:
        """Record user activity (resets the idle limit, never the 4 h limit)."""
        if self.active:
            self._last_activity = self._clock()

    def check(self) -> None:
        """End the mode when a limit is reached; else announce the time left."""
        if self._started_at is None:
            return
        now = self._clock()
        if now - self._started_at >= self.max_seconds:
            self.end(EndReason.MAX_DURATION)
        elif now - self._last_activity >= self.idle_seconds:
            self.end(EndReason.IDLE)
        else:
            self.remaining_changed.emit(self.remaining())

    def end(self, reason: EndReason = EndReason.USER) -> None:
        if self._started_at is None:
            return
        self._started_at = None
        self._timer.stop()
        self.ended.emit(reason.value)

    # -- entering ------------------------------------------------------------------------------------

    def check_entry(self, on_success: Callable[[AdminMe], None], on_failure: Callable[[BaseException], None]) -> None:
        """Ask the server who we are; ``NotAnAdmin`` for every other role."""

        def work() -> AdminMe:
            me = self.api.me()
            if not me.is_admin:
                raise NotAnAdmin(me.role)
            return me

        def done(me: AdminMe) -> None:
            self.me = me
            on_success(me)

        self.runner.run_in_background(work, done, on_failure, kind="net")

    def enroll(self, on_success: Callable[[Enrolment], None], on_failure: Callable[[BaseException], None]) -> None:
        self.runner.run_in_background(self.api.totp_enroll, on_success, on_failure, kind="net")

    def confirm(
        self, code: str, on_success: Callable[[tuple[str, ...]], None], on_failure: Callable[[BaseException], None]
    ) -> None:
        self.runner.run_in_background(lambda: self.api.totp_confirm(code), on_success, on_failure, kind="net")

    def reauthenticate(
        self, email: str, password: str, totp: str, on_success: Callable[[Any], None], on_failure: Callable[..., None]
    ) -> None:
        """Sign in again with the second factor (a session from before the TOTP enrolment lacks it)."""
        self.runner.run_in_background(
            lambda: self.client.login(email, password, totp), on_success, on_failure, kind="net"
        )

    def start(self, on_success: Callable[[], None], on_failure: Callable[[BaseException], None]) -> None:
        """Open the mode once the server accepts an admin call with this session."""

        def done(_: Any) -> None:
            now = self._clock()
            self._started_at = self._last_activity = now
            self._timer.start()
            self.started.emit()
            on_success()

        self.runner.run_in_background(self.api.probe, done, on_failure, kind="net")

    # -- calls while active --------------------------------------------------------------------------

    def call(
        self,
        fn: Callable[[AdminApi], T],
        on_success: Callable[[T], None],
        on_failure: Callable[[BaseException], None],
    ) -> None:
        """Run one admin call on the network pool (counts as activity); an expired session ends the mode."""
        if not self.active:
            return
        self.touch()
        api = self.api

        def failed(exc: BaseException) -> None:
            if isinstance(exc, AuthExpired):
                self.end(EndReason.SIGNED_OUT)
            on_failure(exc)

        self.runner.run_in_background(lambda: fn(api), on_success, failed, kind="net")

    def with_step_up(
        self,
        scope: str,
        code: str,
        action: Callable[[AdminApi, str], T],
        on_success: Callable[[T], None],
        on_failure: Callable[[BaseException], None],
    ) -> None:
        """Get a one-time grant for ``scope`` with ``code`` and run ``action(api, token)`` in the same task."""
        self.call(lambda api: action(api, api.step_up(scope, code)), on_success, on_failure)
