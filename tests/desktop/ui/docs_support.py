"""Helpers of the documents / trust-folder / QR / workshop UI tests: a local vault, files, screenshots."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QPdfWriter
from PySide6.QtWidgets import QApplication

from desktop.store import replica
from desktop.store.keyfile import fixed_kdf_policy
from desktop.store.vault import Vault

SCREENSHOT_DIR = Path(__file__).resolve().parents[3] / "docs" / "screenshots"
PASSWORD = "dokumente-passwort-1"
VEHICLE_ID = "0193a000-0000-7000-8000-000000000001"


def open_vault(folder: Path) -> Vault:
    return Vault.create(folder, PASSWORD, kdf=fixed_kdf_policy(time_cost=1, memory_cost_kib=8, parallelism=1))


def seed(vault: Vault, documents: list[dict[str, Any]], nickname: str = "Mein Golf") -> None:
    """Materialise a vehicle and server document rows as a sync page would."""
    now = datetime.now(UTC)
    vehicle = {"id": VEHICLE_ID, "vin_masked": "WVW*******1234", "nickname": nickname, "version": 1}
    rows: list[tuple[str, str, str | None, int | None, dict[str, Any]]] = [
        ("vehicle", VEHICLE_ID, VEHICLE_ID, 1, vehicle)
    ]
    for seq, doc in enumerate(documents, start=2):
        rows.append(("document", doc["id"], VEHICLE_ID, seq, {"vehicle_id": VEHICLE_ID, "size_bytes": 48_000, **doc}))
    with vault.session() as session, session.begin():
        replica.upsert_rows(session, rows, now)


def pdf_bytes(title: str, text: str = "Rechnung Inspektion") -> bytes:
    """A one-page PDF made in memory; ``title`` lands uncompressed in the document info."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(title)
    painter = QPainter(writer)
    painter.drawText(QRectF(200, 200, 6000, 600), text)
    painter.end()
    del writer
    buffer.close()
    return bytes(data.data())


def png_file(path: Path, colour: str = "#3b82c4", size: int = 320) -> Path:
    image = QImage(size, int(size * 0.75), QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    painter = QPainter(image)
    painter.fillRect(40, 40, size // 2, size // 4, QColor("#f2c14e"))
    painter.end()
    image.save(str(path), "PNG")
    return path


def screenshot(widget: Any, name: str, size: tuple[int, int] = (1280, 800)) -> None:
    """Render ``widget`` into docs/screenshots/<name>.png (only with LTC_SCREENSHOTS=1)."""
    if os.environ.get("LTC_SCREENSHOTS") != "1":
        return
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    widget.resize(*size)
    widget.show()
    for _ in range(3):
        QApplication.processEvents()
    widget.grab().save(str(SCREENSHOT_DIR / f"{name}.png"))


def files_containing(root: Path, needle: bytes) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and needle in p.read_bytes()]
