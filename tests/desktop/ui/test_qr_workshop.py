"""QR panel and workshop page against a real sync server: sticker PDF -> image -> zxing-cpp -> access request."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
import zxingcpp
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from desktop.services.qr_service import QrService, QrState
from desktop.services.qr_sticker import StickerLayout, format_code
from desktop.services.tasks import TaskRunner
from desktop.services.workshop_service import WorkshopService
from desktop.sync.client import ApiClient, MemoryTokenStore
from desktop.sync.vehicle_api import VehicleApi, public_url
from desktop.ui.qr.qr_panel import QrPanel
from desktop.ui.workshop.workshop_page import WorkshopPage
from tests.desktop.sync.live_server import LiveServer
from tests.desktop.ui.docs_support import screenshot

TIMEOUT = 20_000
VIN = "WVWZZZ1JZXW000001"


@dataclass
class Account:
    http: httpx.Client
    refresh_token: str
    user_id: str

    def api(self, server: LiveServer) -> VehicleApi:
        return VehicleApi(ApiClient(server.url, token_store=MemoryTokenStore(self.refresh_token)))


def _sign_in(http: httpx.Client, email: str) -> dict[str, str]:
    challenge = http.post("/auth/request", json={"email": email}).json()
    body = {"email": email, "challenge_id": challenge["challenge_id"], "otp": challenge["dev_otp"]}
    return dict(http.post("/auth/verify", json=body).json())


def account(server: LiveServer) -> Account:
    """A signed-in account: one session for the test's own HTTP calls, a second one for the desktop client
    (refreshing a session ends its earlier access token)."""
    email = f"qr-{uuid.uuid4().hex[:8]}@example.org"
    http = httpx.Client(base_url=server.url, timeout=15)
    tokens = _sign_in(http, email)
    http.headers["Authorization"] = f"Bearer {tokens['access_token']}"
    required = http.get("/consent/current").json()["required"]
    now = datetime.now(UTC).isoformat()
    accepted = http.post(
        "/consent/accept", json={"consents": [{**d, "accepted_at": now, "source": "api"} for d in required]}
    )
    assert accepted.status_code == 200, accepted.text
    desktop = _sign_in(httpx.Client(base_url=server.url, timeout=15), email)
    return Account(http, desktop["refresh_token"], str(http.get("/auth/me").json()["user_id"]))


@pytest.fixture
def owner(live_server: LiveServer) -> Iterator[tuple[Account, str]]:
    who = account(live_server)
    created = who.http.post("/vehicles", json={"vin": VIN, "nickname": "Familienkombi"})
    assert created.status_code in (200, 201), created.text
    yield who, str(created.json()["id"])
    who.http.close()


@pytest.fixture
def workshop(live_server: LiveServer) -> Iterator[tuple[Account, str]]:
    who = account(live_server)
    org = who.http.post("/orgs", json={"kind": "workshop", "name": "Meisterwerkstatt Huber"})
    assert org.status_code == 201, org.text
    yield who, str(org.json()["id"])
    who.http.close()


def qr_service(server: LiveServer, who: Account, runner: TaskRunner) -> QrService:
    api = who.api(server)
    service = QrService(lambda: api, lambda: None, runner)
    return service


def render_pdf(pdf: bytes, scale: float = 3.0) -> QImage:
    """Render page 1 of ``pdf`` with QtPdf (in memory)."""
    data = QByteArray(pdf)
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    assert document.status() == QPdfDocument.Status.Ready
    size = document.pagePointSize(0)
    image = document.render(0, QSize(int(size.width() * scale), int(size.height() * scale)))
    document.close()
    return image.convertToFormat(QImage.Format.Format_Grayscale8)


def loaded_panel(qtbot: QtBot, service: QrService, vehicle_id: str) -> QrPanel:
    panel = QrPanel(service, vehicle_id)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.state is not None, timeout=TIMEOUT)
    return panel


@pytest.mark.parametrize("layout", list(StickerLayout))
def test_sticker_pdf_decodes_to_the_public_url(
    qtbot: QtBot, live_server: LiveServer, runner: TaskRunner, owner: tuple[Account, str], layout: StickerLayout
) -> None:
    who, vehicle_id = owner
    panel = loaded_panel(qtbot, qr_service(live_server, who, runner), vehicle_id)
    state = panel.state
    assert state is not None
    assert state.enabled
    assert state.token
    expected = public_url(live_server.url, state.token)
    server_view = who.http.get(f"/vehicles/{vehicle_id}/public-token").json()
    assert server_view["public_token"] == state.token
    image = render_pdf(QrService.sticker_pdf(state, layout))
    texts = {b.text for b in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)}
    assert texts == {expected}
    assert httpx.get(expected, timeout=10).status_code == 200  # the sticker leads to the public page
    assert panel.code.text() == format_code(state.token)


def test_rotate_warns_and_old_stickers_stop_working(
    qtbot: QtBot,
    live_server: LiveServer,
    runner: TaskRunner,
    owner: tuple[Account, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    who, vehicle_id = owner
    service = qr_service(live_server, who, runner)
    panel = loaded_panel(qtbot, service, vehicle_id)
    old = panel.state
    assert old is not None
    assert old.url
    warnings: list[str] = []

    def answer(_parent: object, _title: str, text: str, *_: object) -> QMessageBox.StandardButton:
        warnings.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "warning", answer)
    with qtbot.waitSignal(service.token_changed, timeout=TIMEOUT):
        panel.rotate_button.click()
    assert "Alle bisher gedruckten Aufkleber funktionieren danach nicht mehr" in warnings[0]
    new: QrState | None = panel.state
    assert new is not None
    assert new.token != old.token
    assert httpx.get(old.url, timeout=10).status_code == 404
    assert httpx.get(str(new.url), timeout=10).status_code == 200
    screenshot(panel, "44-qr-code")
    screenshot(panel, "44-qr-code-1920", (1920, 1080))
    preview = panel.print_preview()
    assert preview is not None
    qtbot.addWidget(preview)
    screenshot(preview, "45-qr-druckvorschau")
    screenshot(preview, "45-qr-druckvorschau-1920", (1920, 1080))
    preview.close()

    with qtbot.waitSignal(service.token_changed, timeout=TIMEOUT):
        panel.disable_button.click()
    assert panel.state is not None
    assert not panel.state.enabled
    assert not panel.print_button.isEnabled()
    assert httpx.get(str(new.url), timeout=10).status_code == 404


def test_workshop_reads_a_sticker_from_an_image_file_and_the_request_reaches_the_server(
    qtbot: QtBot,
    live_server: LiveServer,
    runner: TaskRunner,
    owner: tuple[Account, str],
    workshop: tuple[Account, str],
    tmp_path: Path,
) -> None:
    who, vehicle_id = owner
    state = loaded_panel(qtbot, qr_service(live_server, who, runner), vehicle_id).state
    assert state is not None
    photo = tmp_path / "aufkleber.png"
    assert render_pdf(QrService.sticker_pdf(state, StickerLayout.SINGLE), 4.0).save(str(photo))

    member, org_id = workshop
    api = member.api(live_server)  # one client, as in the app (the refresh token rotates)
    service = WorkshopService(lambda: api, runner)
    page = WorkshopPage(service)
    qtbot.addWidget(page)
    with qtbot.waitSignal(service.request_sent, timeout=TIMEOUT):
        page.read_image_file(photo)
    grants = who.http.get(f"/vehicles/{vehicle_id}/workshop-grants").json()
    assert [(g["org_id"], g["status"]) for g in grants] == [(org_id, "requested")]
    assert not page.notice.isHidden()
    assert "Anfrage wurde gesendet" in page.notice.text()

    qtbot.waitUntil(lambda: page.grants.rowCount() == 1, timeout=TIMEOUT)  # the refresh after the request
    assert page.grants.item(0, 2).text() == "angefragt"
    approved = who.http.post(f"/workshop/grants/{grants[0]['id']}/approve", json={"days": 30})
    assert approved.status_code == 200, approved.text
    page.refresh_button.click()
    qtbot.waitUntil(lambda: page.grants.item(0, 0).text() == "Familienkombi", timeout=TIMEOUT)
    assert page.grants.rowCount() == 1
    assert page.grants.item(0, 2).text() == "freigegeben"
    assert page.grants.item(0, 3).text() != "–"  # the expiry date
    screenshot(page, "46-werkstatt")
    screenshot(page, "46-werkstatt-1920", (1920, 1080))


def test_typed_code_and_german_errors(
    qtbot: QtBot,
    live_server: LiveServer,
    runner: TaskRunner,
    owner: tuple[Account, str],
    workshop: tuple[Account, str],
) -> None:
    who, vehicle_id = owner
    token = str(who.http.get(f"/vehicles/{vehicle_id}/public-token").json()["public_token"])
    member, org_id = workshop
    api = member.api(live_server)  # one client, as in the app (the refresh token rotates)
    service = WorkshopService(lambda: api, runner)
    page = WorkshopPage(service)
    qtbot.addWidget(page)
    assert not page.camera_button.isEnabled() or page.camera_note.text()  # offscreen: no camera, a German note
    qtbot.keyClicks(page.code_edit, "x" * 8)
    page.send_request()
    assert "Der Code ist unvollständig" in page.banner.text()
    page.code_edit.setText("a" * 43)
    page.send_request()
    qtbot.waitUntil(lambda: "kein Fahrzeug" in page.banner.text(), timeout=TIMEOUT)
    page.code_edit.clear()
    qtbot.keyClicks(page.code_edit, format_code(token))  # typed as printed, in groups
    with qtbot.waitSignal(service.request_sent, timeout=TIMEOUT):
        qtbot.keyClick(page.code_edit, Qt.Key.Key_Return)
    grants = who.http.get(f"/vehicles/{vehicle_id}/workshop-grants").json()
    assert [g["org_id"] for g in grants] == [org_id]


def test_every_action_is_reachable_by_keyboard(
    qtbot: QtBot, live_server: LiveServer, runner: TaskRunner, owner: tuple[Account, str], workshop: tuple[Account, str]
) -> None:
    who, vehicle_id = owner
    member, _ = workshop
    panel = loaded_panel(qtbot, qr_service(live_server, who, runner), vehicle_id)
    api = member.api(live_server)
    page = WorkshopPage(WorkshopService(lambda: api, runner))
    qtbot.addWidget(page)
    for widget in (panel, page):
        for button in widget.findChildren(QPushButton):
            assert button.focusPolicy() & Qt.FocusPolicy.TabFocus, button.text()
            assert "&" in button.text(), button.text()
    assert page.code_edit.focusPolicy() & Qt.FocusPolicy.TabFocus
