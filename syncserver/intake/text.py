"""Text of an uploaded file for the PII detector: the PDF text layer (poppler's ``pdftotext``),
Tesseract OCR for images and for PDFs without a text layer (pages rendered with ``pdftoppm``).

Every tool runs as a subprocess with a timeout on a file path; no document bytes are logged.
A missing tool, a failing tool or a timeout raises :class:`TextUnavailable` - the caller then treats
the document as SUSPECTED (deny by default).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from shared.documents import ContentType

#: Fewer non-blank characters than this in the PDF text layer -> treat the PDF as image-only.
MIN_TEXT_LAYER_CHARS = 16
OCR_DPI = 200


class TextUnavailable(Exception):
    """The text could not be read; ``reason`` is a short code (never file content)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class TextSettings:
    languages: str = "deu+eng"
    timeout_seconds: float = 120.0
    max_pages: int = 10


@dataclass(frozen=True, slots=True)
class ExtractedText:
    text: str
    method: str  # "pdf_text", "pdf_ocr" or "image_ocr"


def tool_available(name: str) -> bool:
    return shutil.which(name) is not None


def _run(args: list[str], timeout: float) -> str:
    if not tool_available(args[0]):
        raise TextUnavailable(f"{args[0]}_missing")
    try:
        completed = subprocess.run(args, capture_output=True, timeout=timeout, check=False)  # noqa: S603
    except subprocess.TimeoutExpired as exc:
        raise TextUnavailable(f"{args[0]}_timeout") from exc
    except OSError as exc:
        raise TextUnavailable(f"{args[0]}_failed") from exc
    if completed.returncode != 0:
        raise TextUnavailable(f"{args[0]}_failed")
    return completed.stdout.decode("utf-8", "replace")


def ocr_image(path: Path, settings: TextSettings) -> str:
    return _run(["tesseract", str(path), "stdout", "-l", settings.languages, "--psm", "3"], settings.timeout_seconds)


def pdf_text_layer(path: Path, settings: TextSettings) -> str:
    pages = ["-f", "1", "-l", str(settings.max_pages)]
    return _run(["pdftotext", "-q", *pages, "-enc", "UTF-8", str(path), "-"], settings.timeout_seconds)


def pdf_ocr(path: Path, settings: TextSettings) -> str:
    with tempfile.TemporaryDirectory(prefix="ltc-ocr-") as tmp:
        prefix = Path(tmp) / "page"
        pages = ["-f", "1", "-l", str(settings.max_pages)]
        render = ["pdftoppm", "-q", "-r", str(OCR_DPI), "-gray", "-png", *pages, str(path), str(prefix)]
        _run(render, settings.timeout_seconds)
        images = sorted(Path(tmp).glob("page*.png"))
        if not images:
            raise TextUnavailable("pdf_no_pages")
        return "\n".join(ocr_image(image, settings) for image in images)


def extract_text(path: Path, content_type: ContentType, settings: TextSettings) -> ExtractedText:
    """The readable text of the file, by its sniffed type; raises :class:`TextUnavailable`."""
    if content_type == ContentType.PDF:
        text = pdf_text_layer(path, settings)
        if sum(not ch.isspace() for ch in text) >= MIN_TEXT_LAYER_CHARS:
            return ExtractedText(text, "pdf_text")
        return ExtractedText(pdf_ocr(path, settings), "pdf_ocr")
    return ExtractedText(ocr_image(path, settings), "image_ocr")
