"""Benchmark: document upload throughput (MB/s through the real app, streamed into quarantine) and the
latency of the pipeline steps: clamd INSTREAM scan, PDF text layer, Tesseract OCR of a PNG.

In-process app (TestClient) on a fresh SQLite database; clamd is started with the test signature
database when the binary is installed. Prints figures only (no pass/fail).

    .venv/bin/python bench/intake.py [--size-mb 10] [--uploads 10] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fastapi.testclient import TestClient  # noqa: E402 - after the path set-up

from shared.documents import ContentType  # noqa: E402
from shared.roles import Role  # noqa: E402
from syncserver.config import Settings  # noqa: E402
from syncserver.intake.clamd import ClamdClient  # noqa: E402
from syncserver.intake.text import TextSettings, TextUnavailable, extract_text, tool_available  # noqa: E402
from syncserver.main import create_app  # noqa: E402
from syncserver.migrate import upgrade  # noqa: E402
from tests.syncserver.intake_support import IBAN, Clamd, clean_pdf, render_png  # noqa: E402
from tests.syncserver.support import sign_in  # noqa: E402

MB = 1024 * 1024


def _timed(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000, max(samples) * 1000


def bench_upload(tmp: Path, size_mb: int, uploads: int) -> None:
    url = f"sqlite:///{tmp / 'bench.sqlite3'}"
    upgrade(url)
    settings = Settings(database_url=url, data_dir=tmp / "data", worker_in_process=False, upload_max_bytes=64 * MB)
    app = create_app(settings)
    payload = clean_pdf() + b"\0" * (size_mb * MB)
    with TestClient(app) as client:
        user = sign_in(app, role=Role.USER)
        start = time.perf_counter()
        for index in range(uploads):
            files = {"file": (f"bench-{index}.pdf", payload, "application/pdf")}
            response = client.post("/documents/upload", headers=user.headers, files=files)
            assert response.status_code == 200, response.text
        elapsed = time.perf_counter() - start
    total = len(payload) * uploads / MB
    print(f"upload: {uploads} x {len(payload) / MB:.1f} MB in {elapsed:.2f} s = {total / elapsed:.1f} MB/s")


def bench_scan(tmp: Path, size_mb: int, repeat: int) -> None:
    if not tool_available("clamd"):
        print("clamd scan: skipped (clamd not installed)")
        return
    (tmp / "clamd").mkdir()
    server = Clamd(tmp / "clamd")
    server.start()
    try:
        client = ClamdClient(server.address)
        small, big = clean_pdf(), clean_pdf() + b"\0" * (size_mb * MB)
        for label, data in (("small PDF", small), (f"{size_mb} MB PDF", big)):
            median, worst = _timed(lambda data=data: client.scan_stream([data]), repeat)
            print(f"clamd scan ({label}): median {median:.1f} ms, max {worst:.1f} ms")
    finally:
        server.stop()


def bench_text(tmp: Path, repeat: int) -> None:
    settings = TextSettings()
    pdf, png = tmp / "text.pdf", tmp / "iban.png"
    pdf.write_bytes(clean_pdf())
    png.write_bytes(render_png(["Bankverbindung", f"IBAN {IBAN}"]))
    for label, path, kind in (("PDF text layer", pdf, ContentType.PDF), ("PNG OCR", png, ContentType.PNG)):
        try:
            median, worst = _timed(lambda p=path, k=kind: extract_text(p, k, settings), repeat)
        except TextUnavailable as exc:
            print(f"{label}: skipped ({exc.reason})")
            continue
        print(f"{label}: median {median:.1f} ms, max {worst:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size-mb", type=int, default=10)
    parser.add_argument("--uploads", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ltc-bench-intake-") as tmp:
        base = Path(tmp)
        bench_upload(base, args.size_mb, args.uploads)
        bench_scan(base, args.size_mb, args.repeat)
        bench_text(base, args.repeat)


if __name__ == "__main__":
    main()
