"""Workshop access (D8) for the UI: read a sticker, send the access request, list the granted vehicles.

Contracts:

- Thread: create and call on the GUI thread; REST calls run on the network pool, image decoding on the
  network pool too (it touches no vault); callbacks come back on the GUI thread.
- Stickers are decoded with zxing-cpp from a ``QImage`` (a file or a camera frame); the token is taken from
  the public URL (``/public/qr/<token>``) or from a typed code (spaces ignored).
- ``grants_changed(list[GrantView])`` is emitted after every refresh and after a successful request.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import zxingcpp
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from desktop.services.qr_sticker import parse_code
from desktop.services.tasks import TaskRunner, default_runner
from desktop.services.workshop_errors import InvalidCode, NoWorkshop, StickerNotFound
from desktop.sync.vehicle_api import GrantedVehicle, GrantRow, OrgRow, VehicleApi

MIN_TOKEN_CHARS = 16
MAX_TOKEN_CHARS = 64
__all__ = ["GrantView", "InvalidCode", "NoWorkshop", "StickerNotFound", "WorkshopService"]


@dataclass(frozen=True, slots=True)
class GrantView:
    grant: GrantRow
    vehicle: GrantedVehicle | None
    org_name: str


def token_from_text(text: str) -> str:
    """The token of a scanned URL or a typed code; :class:`InvalidCode` when it cannot be one."""
    token = parse_code(text)
    if not MIN_TOKEN_CHARS <= len(token) <= MAX_TOKEN_CHARS or "/" in token:
        raise InvalidCode(text)
    return token


def decode_image(image: QImage) -> str:
    """The token of the first QR code in ``image`` that points at a public page (else :class:`StickerNotFound`)."""
    if image.isNull():
        raise StickerNotFound("empty image")
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    for barcode in zxingcpp.read_barcodes(gray, formats=zxingcpp.BarcodeFormat.QRCode):
        if "/public/qr/" in barcode.text:
            return token_from_text(barcode.text)
    raise StickerNotFound("no sticker code")


def decode_file(path: Path) -> str:
    image = QImage(str(path))
    if image.isNull():
        raise StickerNotFound(str(path))
    return decode_image(image)


class WorkshopService(QObject):
    """Facade over :class:`VehicleApi` for the workshop page."""

    grants_changed = Signal(object)  # list[GrantView]
    request_sent = Signal(object)  # GrantView
    failed = Signal(object)

    def __init__(self, api_source: Callable[[], VehicleApi], runner: TaskRunner | None = None) -> None:
        super().__init__()
        self._api_source = api_source
        self._runner = runner
        self.orgs: list[OrgRow] = []

    @property
    def runner(self) -> TaskRunner:
        return self._runner or default_runner()

    def _net(self, fn, then, fail) -> None:  # type: ignore[no-untyped-def]
        self.runner.run_in_background(fn, then, fail or self.failed.emit, kind="net")

    def decode_file(self, path: Path, then: Callable[[str], None], fail=None) -> None:
        self._net(lambda: decode_file(path), then, fail)

    def decode_image(self, image: QImage, then: Callable[[str], None], fail=None) -> None:
        """Decode a camera frame off the GUI thread (the copy is the worker's own)."""
        frame = image.copy()
        self._net(lambda: decode_image(frame), then, fail)

    def _workshop_org(self, api: VehicleApi) -> OrgRow:
        orgs = [o for o in api.workshop_orgs() if o.membership_status in (None, "approved")]
        self.orgs = orgs
        if not orgs:
            raise NoWorkshop()
        return orgs[0]

    def request_access(self, text: str, then: Callable[[GrantView], None] | None = None, fail=None) -> None:
        """Send the access request for a scanned URL or typed code in the name of the first workshop org."""
        token = token_from_text(text)
        api = self._api_source()

        def work() -> GrantView:
            org = self._workshop_org(api)
            return GrantView(api.request_access(token, org.id), None, org.name)

        def done(view: GrantView) -> None:
            self.request_sent.emit(view)
            if then is not None:
                then(view)
            self.refresh()

        self._net(work, done, fail)

    def refresh(self, then: Callable[[list[GrantView]], None] | None = None, fail=None) -> None:
        """The grants of the caller's workshops, newest first, with the vehicle where access is active."""
        api = self._api_source()

        def work() -> list[GrantView]:
            orgs = {o.id: o.name for o in api.workshop_orgs()}
            vehicles = {v.id: v for v in api.workshop_vehicles()}
            grants = sorted(api.workshop_grants(), key=lambda g: g.created_at or "", reverse=True)
            return [GrantView(g, vehicles.get(g.vehicle_id), orgs.get(g.org_id, "")) for g in grants]

        def done(views: list[GrantView]) -> None:
            self.grants_changed.emit(views)
            if then is not None:
                then(views)

        self._net(work, done, fail)
