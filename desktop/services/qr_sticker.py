"""QR sticker layout: the public URL as a QR code, the typed code and the nickname, painted with QtGui.

Contracts:

- Pure painting: :func:`paint_stickers` draws onto any ``QPagedPaintDevice`` (``QPdfWriter`` here, the UI's
  ``QPrinter`` for printing and the print preview), so the PDF and the printout are the same layout.
- The QR code is made by the ``qrcode`` library (error correction M) and drawn as vector rectangles with a
  quiet zone of four modules; no bitmap scaling, so it stays sharp at every printer resolution.
- The sticker carries the public URL only (D20): nothing personal, no VIN.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)

QUIET_MODULES = 4
CODE_GROUP = 4
#: ``QCoreApplication.translate`` under the short name that pyside6-lupdate also recognises.
translate = QCoreApplication.translate


class StickerLayout(StrEnum):
    A4_SHEET = "a4"  # 2 x 5 labels of 90 x 55 mm on A4
    SINGLE = "single"  # one 90 x 55 mm label per page (label printers)


LABEL_MM = QSizeF(90.0, 55.0)
SHEET_COLUMNS = 2
SHEET_ROWS = 5


@dataclass(frozen=True, slots=True)
class Sticker:
    url: str
    token: str
    nickname: str


def qr_matrix(text: str) -> list[list[bool]]:
    """The QR modules of ``text`` without a border (True = dark)."""
    # qrcode (and the Pillow it pulls in) loads with the first code drawn, not with the QR panel: the panel
    # is built when a vehicle opens, and it has no code to draw before the server answers
    import qrcode  # noqa: PLC0415
    from qrcode.constants import ERROR_CORRECT_M  # noqa: PLC0415

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(text)
    code.make(fit=True)
    return [[bool(cell) for cell in row] for row in code.get_matrix()]


def format_code(token: str) -> str:
    """The token in groups of four for reading and typing (spaces are ignored when typed back)."""
    return " ".join(token[i : i + CODE_GROUP] for i in range(0, len(token), CODE_GROUP))


def code_lines(token: str, groups_per_line: int = 4) -> str:
    """:func:`format_code` broken after every ``groups_per_line`` groups (never inside a group)."""
    groups = format_code(token).split()
    return "\n".join(" ".join(groups[i : i + groups_per_line]) for i in range(0, len(groups), groups_per_line))


def parse_code(text: str) -> str:
    """A typed or scanned sticker text back to the token: a full public URL or the grouped code."""
    text = text.strip()
    if "/public/qr/" in text:
        text = text.split("/public/qr/", 1)[1].split("?", 1)[0].split("#", 1)[0].strip("/")
    return "".join(text.split())


def paint_qr(painter: QPainter, matrix: list[list[bool]], box: QRectF) -> None:
    """Draw the code with its quiet zone, centred and square inside ``box``."""
    size = len(matrix) + 2 * QUIET_MODULES
    side = min(box.width(), box.height())
    module = side / size
    left = box.left() + (box.width() - side) / 2 + QUIET_MODULES * module
    top = box.top() + (box.height() - side) / 2 + QUIET_MODULES * module
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#ffffff"))
    painter.drawRect(QRectF(left - QUIET_MODULES * module, top - QUIET_MODULES * module, side, side))
    painter.setBrush(QColor("#000000"))
    for y, row in enumerate(matrix):
        x = 0
        while x < len(row):
            if not row[x]:
                x += 1
                continue
            start = x
            while x < len(row) and row[x]:
                x += 1
            # a small overlap closes hairline gaps between neighbouring modules in PDF viewers
            painter.drawRect(
                QRectF(left + start * module, top + y * module, (x - start) * module + 0.01, module + 0.01)
            )
    painter.restore()


def qr_image(text: str, pixels: int = 320) -> QImage:
    """The QR code as an image (for the panel on screen)."""
    image = QImage(pixels, pixels, QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    paint_qr(painter, qr_matrix(text), QRectF(0, 0, pixels, pixels))
    painter.end()
    return image


def _font(painter: QPainter, points: float, *, bold: bool = False, mono: bool = False) -> QFont:
    font = QFont("DejaVu Sans Mono" if mono else "DejaVu Sans")
    if mono:
        font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


def paint_label(painter: QPainter, sticker: Sticker, rect: QRectF, matrix: list[list[bool]], mm: float) -> None:
    """One label inside ``rect`` (device units; ``mm`` = device units per millimetre)."""
    painter.save()
    painter.setPen(QColor("#b8c2cc"))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(rect.adjusted(0.5 * mm, 0.5 * mm, -0.5 * mm, -0.5 * mm), 2 * mm, 2 * mm)
    pad = 3 * mm
    side = rect.height() - 2 * pad
    paint_qr(painter, matrix, QRectF(rect.left() + pad, rect.top() + pad, side, side))
    text_left = rect.left() + pad + side + 2 * mm
    width = rect.right() - pad - text_left
    y = rect.top() + pad + 1 * mm
    flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)

    def block(text: str, font: QFont, colour: str, gap_mm: float) -> None:
        nonlocal y
        painter.setFont(font)
        painter.setPen(QColor(colour))
        bounds = painter.boundingRect(QRectF(text_left, y, width, rect.bottom() - y), flags, text)
        painter.drawText(QRectF(text_left, y, width, bounds.height()), flags, text)
        y += bounds.height() + gap_mm * mm

    block("LifeTimeCircle Service Heft", _font(painter, 6.5, bold=True), "#1f5fa8", 1.2)
    block(
        sticker.nickname or translate("QrSticker", "Fahrzeug"),
        _font(painter, 9.5, bold=True),
        "#1d2733",
        1.5,
    )
    block(translate("QrSticker", "Nachweis-Check: QR-Code scannen"), _font(painter, 6.0), "#5b6b7c", 1.5)
    block(translate("QrSticker", "Code"), _font(painter, 5.5, bold=True), "#5b6b7c", 0.4)
    block(code_lines(sticker.token), _font(painter, 6.0, mono=True), "#1d2733", 0)
    painter.restore()


def label_rects(layout: StickerLayout, page_mm: QSizeF) -> list[QRectF]:
    """Label positions in millimetres on one page of ``layout``."""
    if layout == StickerLayout.SINGLE:
        return [QRectF(0, 0, LABEL_MM.width(), LABEL_MM.height())]
    left = (page_mm.width() - SHEET_COLUMNS * LABEL_MM.width()) / 2
    top = (page_mm.height() - SHEET_ROWS * LABEL_MM.height()) / 2
    return [
        QRectF(left + c * LABEL_MM.width(), top + r * LABEL_MM.height(), LABEL_MM.width(), LABEL_MM.height())
        for r in range(SHEET_ROWS)
        for c in range(SHEET_COLUMNS)
    ]


def page_layout(layout: StickerLayout) -> QPageLayout:
    if layout == StickerLayout.SINGLE:
        size = QPageSize(LABEL_MM, QPageSize.Unit.Millimeter, "Etikett 90 x 55 mm")  # kept as given: wide
    else:
        size = QPageSize(QPageSize.PageSizeId.A4)
    portrait = QPageLayout.Orientation.Portrait
    return QPageLayout(size, portrait, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)


def paint_stickers(device: QPagedPaintDevice, sticker: Sticker, layout: StickerLayout, copies: int = 1) -> None:
    """Paint ``copies`` pages of ``layout`` on ``device`` (its page layout must already be set)."""
    painter = QPainter(device)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    full = device.pageLayout().fullRectPoints()
    page_mm = QSizeF(full.width() * 25.4 / 72, full.height() * 25.4 / 72)
    mm = device.width() / page_mm.width() if page_mm.width() else 1.0
    matrix = qr_matrix(sticker.url)
    for page in range(max(1, copies)):
        if page:
            device.newPage()
        for box in label_rects(layout, page_mm):
            rect = QRectF(box.left() * mm, box.top() * mm, box.width() * mm, box.height() * mm)
            paint_label(painter, sticker, rect, matrix, mm)
    painter.end()


def sticker_pdf(sticker: Sticker, layout: StickerLayout, resolution: int = 600) -> bytes:
    """The sticker sheet as PDF bytes (QPdfWriter into memory)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(resolution)
    writer.setTitle(translate("QrSticker", "QR-Aufkleber"))
    writer.setCreator("LifeTimeCircle Service Heft")
    writer.setPageLayout(page_layout(layout))
    paint_stickers(writer, sticker, layout)
    del writer  # flushes the PDF into the buffer
    buffer.close()
    return bytes(data.data())
