"""Helpers of the vehicle/entry/sync UI tests: the sign-in flow, screenshots at two sizes, a tiny PNG."""

from __future__ import annotations

import os
import struct
import zlib
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
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


def clipped_texts(root: QWidget) -> list[str]:
    """Visible one-line labels and buttons under ``root`` whose text is wider than the space they got."""
    clipped = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel) and not widget.wordWrap() and widget.text() and widget.pixmap().isNull():
            if widget.textFormat() == Qt.TextFormat.RichText or "<" in widget.text():
                continue
            lines = widget.text().replace("&&", "&").replace("&", "").splitlines() or [""]
            need = max(widget.fontMetrics().horizontalAdvance(line) for line in lines)
            room = widget.contentsRect().width() - 2 * widget.margin() - max(widget.indent(), 0)
            if need > room:
                clipped.append(f"{type(widget).__name__} {widget.text()!r}: {need} > {room}")
        elif isinstance(widget, QAbstractButton) and widget.text():
            if widget.minimumSizeHint().width() > widget.width():
                clipped.append(f"{type(widget).__name__} {widget.text()!r}: {widget.minimumSizeHint().width()}")
    return clipped


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def shoot(widget: QWidget, name: str, sizes: tuple[tuple[int, int], ...] = SIZES) -> list[Path]:
    """Save ``widget`` as docs/screenshots/<name>-<w>x<h>.png at each size (only with LTC_SCREENSHOTS=1);
    asserts that no label or button text is clipped at that size."""
    if os.environ.get("LTC_SCREENSHOTS") != "1":
        return []
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    saved = []
    for width, height in sizes:
        widget.resize(width, height)
        if widget.layout() is not None:
            widget.layout().activate()  # no processEvents here: it reorders the sign-in flow's signals
        assert clipped_texts(widget) == [], (name, width, height)
        path = SCREENSHOT_DIR / f"{name}-{width}x{height}.png"
        widget.grab().save(str(path))
        saved.append(path)
    return saved


def shoot_over(window: QWidget, dialog: QWidget, name: str, sizes: tuple[tuple[int, int], ...] = SIZES) -> list[Path]:
    """Save a dialog as the user sees it: centred on ``window`` (dimmed) at each window size, as
    docs/screenshots/<name>-<w>x<h>.png (only with LTC_SCREENSHOTS=1); asserts no clipped text in the dialog."""
    if os.environ.get("LTC_SCREENSHOTS") != "1":
        return []
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    saved = []
    for width, height in sizes:
        window.resize(width, height)
        dialog.resize(dialog.sizeHint().expandedTo(dialog.size()).boundedTo(window.size()))
        _settle()
        assert clipped_texts(dialog) == [], (name, width, height)
        image = window.grab().toImage()
        painter = QPainter(image)
        painter.fillRect(image.rect(), QColor(0, 0, 0, 70))
        picture = dialog.grab()
        painter.drawPixmap((width - picture.width()) // 2, (height - picture.height()) // 2, picture)
        painter.end()
        path = SCREENSHOT_DIR / f"{name}-{width}x{height}.png"
        image.save(str(path))
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
