"""The vehicle's public QR for the UI: token state, rotate, disable, the sticker PDF (D20, D22, SPEC §8.5).

Contracts:

- Thread: create and call on the GUI thread; REST calls run on the network pool, the nickname lookup on
  the DB worker (``run_in_background``); callbacks come back on the GUI thread.
- Token management is online only (the server owns the token); errors reach ``on_failure`` or ``failed``.
- ``token_changed(QrState)`` is emitted after every successful status/rotate/disable call.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.services.qr_sticker import Sticker, StickerLayout, sticker_pdf
from desktop.services.tasks import TaskRunner, default_runner
from desktop.store.repositories import VehicleRepository
from desktop.store.vault import Vault
from desktop.sync.vehicle_api import PublicTokenState, VehicleApi, public_url


@dataclass(frozen=True, slots=True)
class QrState:
    vehicle_id: str
    enabled: bool
    token: str | None
    url: str | None
    nickname: str

    def sticker(self) -> Sticker | None:
        if not self.enabled or not self.token or not self.url:
            return None
        return Sticker(self.url, self.token, self.nickname)


class QrService(QObject):
    """Facade over :class:`VehicleApi` for the QR panel."""

    token_changed = Signal(object)  # QrState
    failed = Signal(object)

    def __init__(
        self,
        api_source: Callable[[], VehicleApi],
        vault_source: Callable[[], Vault | None],
        runner: TaskRunner | None = None,
    ) -> None:
        super().__init__()
        self._api_source = api_source
        self._vault_source = vault_source
        self._runner = runner
        self._nicknames: dict[str, str] = {}

    @property
    def runner(self) -> TaskRunner:
        return self._runner or default_runner()

    def _state(self, api: VehicleApi, state: PublicTokenState) -> QrState:
        url = public_url(api.server_url, state.token) if state.enabled and state.token else None
        nickname = self._nicknames.get(state.vehicle_id, "")
        return QrState(state.vehicle_id, state.enabled, state.token, url, nickname)

    def _call(
        self,
        vehicle_id: str,
        fn: Callable[[VehicleApi], PublicTokenState],
        then: Callable[[QrState], None] | None,
        fail: Callable[[BaseException], None] | None,
    ) -> None:
        def start(_: Any = None) -> None:
            try:
                api = self._api_source()  # raises when offline / signed out
            except Exception as exc:  # noqa: BLE001 - handed to the caller's failure path like a failed call
                (fail or self.failed.emit)(exc)
                return

            def done(state: PublicTokenState) -> None:
                result = self._state(api, state)
                self.token_changed.emit(result)
                if then is not None:
                    then(result)

            self.runner.run_in_background(lambda: fn(api), done, fail or self.failed.emit, kind="net")

        if vehicle_id in self._nicknames:
            start()
        else:
            self.runner.run_in_background(lambda: self._nickname(vehicle_id), start, lambda _: start())

    def _nickname(self, vehicle_id: str) -> None:
        vault = self._vault_source()
        record = VehicleRepository(vault).get(vehicle_id) if vault is not None else None
        name = (record.nickname or record.vin_masked) if record is not None else ""
        self._nicknames[vehicle_id] = name or ""

    def load(self, vehicle_id: str, then: Callable[[QrState], None] | None = None, fail=None) -> None:
        self._call(vehicle_id, lambda api: api.public_token(vehicle_id), then, fail)

    def rotate(self, vehicle_id: str, then: Callable[[QrState], None] | None = None, fail=None) -> None:
        """A new token: every printed sticker with the old one stops working at once."""
        self._call(vehicle_id, lambda api: api.rotate_public_token(vehicle_id), then, fail)

    def disable(self, vehicle_id: str, then: Callable[[QrState], None] | None = None, fail=None) -> None:
        self._call(vehicle_id, lambda api: api.disable_public_token(vehicle_id), then, fail)

    @staticmethod
    def sticker_pdf(state: QrState, layout: StickerLayout) -> bytes:
        """The sticker PDF of ``state`` (``ValueError`` while the public page is disabled)."""
        sticker = state.sticker()
        if sticker is None:
            raise ValueError("public page disabled")
        return sticker_pdf(sticker, layout)
