"""Helpers for document/intake tests: a real clamd with a test signature, test files, upload calls.

Binaries (clamd, tesseract, pdftotext) missing -> the tests that need them are skipped with the
reason, unless CI=true, where they fail. Run as a module it is the worker process of the kill -9 test.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response
from PIL import Image, ImageDraw, ImageFont

from syncserver.clock import SystemClock
from syncserver.config import Settings
from syncserver.context import ServerContext
from syncserver.db import Database
from syncserver.intake.clamd import ClamdClient
from syncserver.mail import build_mailer
from syncserver.security import Keys
from syncserver.worker.main import build_worker
from syncserver.worker.runner import Worker
from syncserver.worker.service import JobContext, JobRegistry
from tests.syncserver.support import ctx_of

# The EICAR test string, assembled so this source file itself is not a "virus".
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
TEST_SIGNATURE = "Ltc.Test.EICAR"
IBAN = "DE89 3704 0044 0532 0130 00"


def require_binary(*names: str) -> None:
    """Skip (or fail with CI=true) when a needed binary is not installed."""
    missing = [n for n in names if shutil.which(n) is None]
    if not missing:
        return
    reason = f"binary not installed: {', '.join(missing)} (apt-get install clamav-daemon tesseract-ocr poppler-utils)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(reason)
    pytest.skip(reason)


# --- clamd -----------------------------------------------------------------------------------------
class Clamd:
    """clamd on a unix socket in a temp dir with one body signature (.ndb, any file type, any offset)."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.socket = base / "clamd.sock"
        db = base / "db"
        db.mkdir()
        (db / "ltc-test.ndb").write_text(f"{TEST_SIGNATURE}:0:*:{EICAR.hex()}\n")
        self.config = base / "clamd.conf"
        self.config.write_text(
            "\n".join(
                [
                    f"LocalSocket {self.socket}",
                    f"DatabaseDirectory {db}",
                    f"PidFile {base / 'clamd.pid'}",
                    f"TemporaryDirectory {base}",
                    "Foreground yes",
                    "StreamMaxLength 30M",
                    "LogTime no",
                    "",
                ]
            )
        )
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def address(self) -> str:
        return f"unix:{self.socket}"

    def start(self, timeout: float = 60.0) -> None:
        log = (self.base / "clamd.out").open("wb")
        self.process = subprocess.Popen(["clamd", "-c", str(self.config)], stdout=log, stderr=subprocess.STDOUT)
        client = ClamdClient(self.address, timeout=5)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("clamd exited: " + (self.base / "clamd.out").read_text()[-2000:])
            if self.socket.exists() and client.ping():
                return
            time.sleep(0.1)
        raise RuntimeError("clamd did not answer PING in time")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)


@pytest.fixture(scope="session")
def clamd() -> Iterator[Clamd]:
    require_binary("clamd")
    with tempfile.TemporaryDirectory(prefix="ltc-clamd-") as tmp:
        server = Clamd(Path(tmp))
        server.start()
        try:
            yield server
        finally:
            server.stop()


# --- test files ------------------------------------------------------------------------------------
def make_pdf(lines: list[str], extra: bytes = b"") -> bytes:
    """A one-page PDF with a real text layer (Helvetica); ``extra`` is appended inside a comment stream."""
    text = "BT /F1 12 Tf 50 750 Td 14 TL " + " ".join(f"({line}) '" for line in lines) + " ET"
    content = zlib.compress(text.encode("latin-1"))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    if extra:
        objects.append(b"<< /Length %d >>\nstream\n" % len(extra) + extra + b"\nendstream")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def clean_pdf() -> bytes:
    return make_pdf(["Rechnung Inspektion", "Oelwechsel und Filter", "Kilometerstand 125000"])


def eicar_pdf() -> bytes:
    return make_pdf(["Rechnung"], extra=EICAR)


def render_png(lines: list[str], fmt: str = "PNG") -> bytes:
    """Text rendered with Pillow, large and black on white, for Tesseract."""
    font: Any
    try:
        font = ImageFont.truetype("DejaVuSans.ttf", 40)
    except OSError:
        font = ImageFont.load_default(size=40)
    image = Image.new("L", (1400, 120 + 70 * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    for index, line in enumerate(lines):
        draw.text((40, 40 + 70 * index), line, fill=0, font=font)
    buffer = io.BytesIO()
    image.save(buffer, format=fmt)
    return buffer.getvalue()


def png_bytes() -> bytes:
    return render_png(["Werkstatt Rechnung"])


# --- API helpers -----------------------------------------------------------------------------------
def upload(
    client: TestClient,
    headers: dict[str, str],
    content: bytes,
    filename: str = "rechnung.pdf",
    *,
    mime: str = "application/pdf",
    path: str = "/documents/upload",
    **fields: str,
) -> Response:
    files = {"file": (filename, content, mime)}
    return client.post(path, headers=headers, files=files, data=fields or None)


def drain(app: FastAPI) -> int:
    """Run every due job synchronously (the app's clock decides what is due)."""
    return build_worker(ctx_of(app), worker_id="test-worker").run_until_idle()


def blob_files(app: FastAPI) -> list[Path]:
    root = ctx_of(app).settings.resolved_blob_dir
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


# --- the kill -9 worker process --------------------------------------------------------------------
BLOCKING_KIND = "test.block"


def _blocking_worker(database_url: str, marker: str) -> None:
    """Claim jobs; a ``test.block`` job writes ``marker`` and then hangs (until killed)."""
    settings = Settings(database_url=database_url, job_lease_seconds=30, worker_poll_seconds=0.05)
    db = Database(database_url)
    ctx = ServerContext(settings, SystemClock(), Keys(settings.secret), build_mailer(settings), db)

    def block(_job: JobContext) -> None:
        Path(marker).write_text("claimed")
        threading.Event().wait()

    Worker(ctx, JobRegistry(handlers={BLOCKING_KIND: block}), worker_id="doomed-worker").run(threading.Event())


if __name__ == "__main__":
    _blocking_worker(sys.argv[1], sys.argv[2])
