"""Benchmark: document intake (issue 5).

- uploads/s of 1 MB PDFs through the real app (streamed into quarantine, SHA-256, document row, scan job);
- seconds from upload to CLEAN for a 20 MB PDF (the default cap) with a real clamd: the upload request,
  then the worker claims the scan job, streams the blob to clamd (INSTREAM) and stores CLEAN - target < 3 s;
  upload to CLEAN + PII OK (pdftotext) is printed as well;
- MB/s of larger uploads and the latency of the single steps: clamd scan, PDF text layer, Tesseract OCR.

In-process app (TestClient) on a fresh SQLite database; the worker is run synchronously right after the
upload (no poll interval in the figure); clamd is started with the test signature database when the
binary is installed. Prints figures and ``os.getloadavg()`` only (no pass/fail).

    .venv/bin/python bench/intake.py [--small-uploads 50] [--big-runs 3] [--size-mb 10] [--uploads 10] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
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
from syncserver.worker.main import build_worker  # noqa: E402
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


def bench_intake(tmp: Path, small_uploads: int, big_runs: int) -> None:
    """uploads/s for 1 MB PDFs; seconds from upload to CLEAN (and to PII OK) for a 20 MB PDF with clamd."""
    if not tool_available("clamd"):
        print("upload -> CLEAN: skipped (clamd not installed)")
        return
    (tmp / "clamd-intake").mkdir()
    server = Clamd(tmp / "clamd-intake")
    server.start()
    url = f"sqlite:///{tmp / 'intake.sqlite3'}"
    upgrade(url)
    settings = Settings(database_url=url, data_dir=tmp / "intake-data", worker_in_process=False, clamd=server.address)
    app = create_app(settings)
    one_mb, cap = clean_pdf().ljust(MB, b" "), clean_pdf().ljust(settings.upload_max_bytes, b" ")
    try:
        with TestClient(app) as client:
            user = sign_in(app, role=Role.USER)
            start = time.perf_counter()
            for index in range(small_uploads):
                files = {"file": (f"small-{index}.pdf", one_mb, "application/pdf")}
                response = client.post("/documents/upload", headers=user.headers, files=files)
                assert response.status_code == 200, response.text
            elapsed = time.perf_counter() - start
            print(f"upload 1 MB PDF: {small_uploads} in {elapsed:.2f} s = {small_uploads / elapsed:.1f} uploads/s")
            worker = build_worker(app.state.ctx, worker_id="bench-worker")
            worker.run_until_idle()  # the small ones' scans and PII checks, not timed
            to_clean, to_ok = [], []
            for index in range(big_runs):
                start = time.perf_counter()
                files = {"file": (f"big-{index}.pdf", cap, "application/pdf")}
                response = client.post("/documents/upload", headers=user.headers, files=files)
                assert response.status_code == 200, response.text
                doc_id = response.json()["id"]
                assert worker.run_once()  # the scan job
                doc = client.get(f"/documents/{doc_id}", headers=user.headers).json()
                to_clean.append(time.perf_counter() - start)
                assert doc["scan_status"] == "CLEAN", doc
                assert worker.run_once()  # the PII check
                doc = client.get(f"/documents/{doc_id}", headers=user.headers).json()
                to_ok.append(time.perf_counter() - start)
                assert doc["pii_status"] == "OK", doc
            size = len(cap) / MB
            print(
                f"upload -> CLEAN, {size:.0f} MB PDF with clamd: median {statistics.median(to_clean):.2f} s, "
                f"max {max(to_clean):.2f} s over {big_runs} (target < 3 s)"
            )
            print(f"upload -> CLEAN + PII OK, {size:.0f} MB PDF: median {statistics.median(to_ok):.2f} s")
    finally:
        server.stop()


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
    parser.add_argument("--small-uploads", type=int, default=50)
    parser.add_argument("--big-runs", type=int, default=3)
    parser.add_argument("--size-mb", type=int, default=10)
    parser.add_argument("--uploads", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ltc-bench-intake-") as tmp:
        base = Path(tmp)
        print(f"load average before: {tuple(round(x, 2) for x in os.getloadavg())}, cpus: {os.cpu_count()}")
        bench_intake(base, args.small_uploads, args.big_runs)
        bench_upload(base, args.size_mb, args.uploads)
        bench_scan(base, args.size_mb, args.repeat)
        bench_text(base, args.repeat)
        print(f"load average after: {tuple(round(x, 2) for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
