"""The public QR page in a real headless Chromium against a real uvicorn server (D21, SPEC §8.2-8.4).

At 375 x 812 (a phone) the page must fit without horizontal scrolling, show the hint and the verbatim
disclaimer without scrolling, apply its hashed inline style under the CSP, mask the VIN and carry no
e-mail, no internal id and no digit in the hint. Screenshots are kept in tests/e2e/artifacts/.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import httpx
import pytest

from shared.public_page import PUBLIC_DISCLAIMER
from shared.roles import Role
from tests.e2e.browser import Chromium, dump_dom
from tests.e2e.conftest import LiveServer
from tests.syncserver.support import sign_in

VIN = "WDB2030461A123456"
UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)


def _visible(selector: str) -> str:
    """JS: the element exists, is rendered, and lies fully inside the first screen (no scrolling)."""
    return (
        f"(() => {{ const e = document.querySelector({selector!r}); if (!e) return false;"
        " const r = e.getBoundingClientRect(); const s = getComputedStyle(e);"
        " return s.display !== 'none' && s.visibility !== 'hidden' && parseFloat(s.opacity) > 0"
        " && r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0"
        " && r.bottom <= window.innerHeight && r.right <= window.innerWidth; })()"
    )


CHECKS = {
    "inner_width": "window.innerWidth",
    "scroll_width": "document.documentElement.scrollWidth",
    "body_scroll_width": "document.body.scrollWidth",
    "disclaimer_text": "document.getElementById('disclaimer').textContent",
    "hint_text": "document.getElementById('hint').textContent",
    "vin_text": "document.getElementById('vin').textContent",
    "disclaimer_visible": _visible("#disclaimer"),
    "hint_visible": _visible("#hint"),
    "light_visible": _visible("#trust-light"),
    "accident_visible": _visible("#accident"),
    "light_background": "getComputedStyle(document.getElementById('trust-light')).backgroundColor",
    "scripts": "document.scripts.length",
}


@pytest.fixture(scope="module")
def public_url(live_server: LiveServer) -> tuple[str, dict[str, Any]]:
    """A vehicle created over real HTTP by a signed-in owner; returns its page URL and the vehicle body."""
    owner = sign_in(live_server.app, email="halter@example.org", role=Role.USER)
    body = {"vin": VIN, "make": "Mercedes-Benz", "model": "C 200", "year": 2004, "engine": "Benzin, Hinterradantrieb"}
    response = httpx.post(
        f"{live_server.base_url}/vehicles", json={**body, "vehicle_class": "alltag"}, headers=owner.headers
    )
    assert response.status_code == 200, response.text
    vehicle: dict[str, Any] = response.json()
    return f"{live_server.base_url}/public/qr/{vehicle['public_token']}", vehicle


def test_page_at_phone_width(chromium: Chromium, public_url: tuple[str, dict[str, Any]], artifacts: Path) -> None:
    url, vehicle = public_url
    result = chromium.open(url, CHECKS)
    shot = artifacts / "public-qr-375x812.png"
    shot.write_bytes(result.screenshot)
    (artifacts / "public-qr-375x812.html").write_text(result.dom, encoding="utf-8")
    print(f"screenshot: {shot}")  # noqa: T201 - the artefact path belongs in the test log
    values = result.values
    assert result.status == 200
    assert values["inner_width"] == 375
    assert values["scroll_width"] <= 375
    assert values["body_scroll_width"] <= 375
    assert values["disclaimer_text"] == f"„{PUBLIC_DISCLAIMER}“"
    assert values["disclaimer_visible"] is True
    assert values["hint_visible"] is True
    assert values["light_visible"] is True
    assert values["accident_visible"] is True
    assert not re.search(r"\d", values["hint_text"])
    assert values["vin_text"] == "WDB***3456"
    assert values["scripts"] == 0
    # the hashed inline style is applied under the CSP: the light badge has its colour
    assert values["light_background"] not in ("rgba(0, 0, 0, 0)", "transparent")
    assert VIN not in result.dom
    assert "@" not in result.dom
    assert not UUID_RE.search(result.dom)
    assert vehicle["id"] not in result.dom
    assert result.screenshot.startswith(b"\x89PNG")


def test_dump_dom_holds_the_disclaimer(chromium: Chromium, public_url: tuple[str, dict[str, Any]]) -> None:
    url, _ = public_url
    dom = dump_dom(url)
    assert PUBLIC_DISCLAIMER in dom
    assert "WDB***3456" in dom
    assert "Mercedes-Benz" in dom


def test_unknown_token_shows_the_404_page(chromium: Chromium, live_server: LiveServer, artifacts: Path) -> None:
    url = f"{live_server.base_url}/public/qr/this-token-was-never-issued"
    result = chromium.open(url, {"title": "document.title", "h1": "document.querySelector('h1').textContent"})
    (artifacts / "public-qr-404-375x812.png").write_bytes(result.screenshot)
    assert result.status == 404
    assert result.values["h1"] == "Dieser Fahrzeug-Check ist nicht verfügbar"
    assert "Mercedes" not in result.dom
