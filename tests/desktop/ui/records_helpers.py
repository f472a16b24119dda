"""Helpers of the vehicle/entry/sync UI tests: the sign-in flow, screenshots at two sizes, a tiny PNG."""

from __future__ import annotations

import os
import struct
import zlib
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop.credentials import MemorySecretStore
from desktop.paths import AppPaths
from desktop.services.session_service import SessionService
from desktop.services.session_types import Step
from desktop.services.tasks import TaskRunner
from desktop.ui.dialogs.sign_in import SignInDialog
from tests.desktop.ui.conftest import PASSWORD, SCREENSHOT_DIR, make_session

TIMEOUT = 20_000
SIZES = ((1280, 800), (1920, 1080))


def register(qtbot: QtBot, paths: AppPaths, runner: TaskRunner, url: str, email: str) -> SessionService:
    """Drive the first-run dialog: server, e-mail code, password, consent (as test_sign_in does)."""
    session = make_session(paths, runner, url, MemorySecretStore())
    session.start()
    dialog = SignInDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: session.step == Step.EMAIL, timeout=TIMEOUT)
    qtbot.keyClicks(dialog.email_edit, email)
    codes: list[str] = []
    session.code_sent.connect(lambda challenge: codes.append(challenge.dev_otp))
    qtbot.keyClick(dialog.email_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: session.step == Step.CODE, timeout=TIMEOUT)
    qtbot.keyClicks(dialog.code_edit, codes[0])
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: session.step == Step.PASSWORD, timeout=TIMEOUT)
    qtbot.keyClicks(dialog.new_password_edit, PASSWORD)
    qtbot.keyClicks(dialog.repeat_password_edit, PASSWORD)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: session.step == Step.CONSENT, timeout=TIMEOUT)
    dialog.consent.terms.setChecked(True)
    dialog.consent.privacy.setChecked(True)
    with qtbot.waitSignal(dialog.accepted, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    return session


def shoot(widget: QWidget, name: str, sizes: tuple[tuple[int, int], ...] = SIZES) -> list[Path]:
    """Save ``widget`` as docs/screenshots/<name>-<w>x<h>.png at each size (only with LTC_SCREENSHOTS=1)."""
    if os.environ.get("LTC_SCREENSHOTS") != "1":
        return []
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    saved = []
    for width, height in sizes:
        widget.resize(width, height)
        path = SCREENSHOT_DIR / f"{name}-{width}x{height}.png"
        widget.grab().save(str(path))
        saved.append(path)
    return saved


def tiny_png(path: Path) -> Path:
    """A valid 2x2 PNG (the server sniffs the magic bytes)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    body = chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + body + chunk(b"IEND", b""))
    return path
