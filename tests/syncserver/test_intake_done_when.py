"""Issue 5 "Done when", bullet by bullet, on SQLite and PostgreSQL with a real clamd (test signature),
real pdftotext and Tesseract. Gaps left by test_documents.py / test_intake_pipeline.py only.

Run as a module it is the worker process of the kill -9 test: it claims the real ``document.scan`` job of
an uploaded document and hangs in it until killed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from shared.roles import Role
from syncserver.clock import ManualClock
from syncserver.config import Settings
from syncserver.context import ServerContext
from syncserver.db import Database
from syncserver.documents.effects import JOB_SCAN
from syncserver.mail import build_mailer
from syncserver.models.audit import AuditEvent
from syncserver.models.document import Document
from syncserver.models.job import Job, JobStatus
from syncserver.security import Keys
from syncserver.worker.main import build_worker
from syncserver.worker.runner import Worker
from syncserver.worker.service import JobContext, JobRegistry
from tests.syncserver.intake_support import (
    EICAR,
    IBAN,
    Clamd,
    blob_files,
    clamd,
    clean_pdf,
    drain,
    eicar_pdf,
    make_pdf,
    render_png,
    require_binary,
    upload,
)
from tests.syncserver.support import SignedIn, ctx_of, db_session, sign_in
from tests.syncserver.test_entries import entry
from tests.syncserver.test_trust import summary

__all__ = ["clamd"]
MB = 1024 * 1024
REPO_ROOT = Path(__file__).resolve().parents[2]
EMAIL = "max.mustermann@example.org"


@pytest.fixture
def scanning(make_app: Callable[..., FastAPI], clamd: Clamd) -> Iterator[tuple[FastAPI, TestClient]]:
    require_binary("pdftotext", "tesseract")
    app = make_app(worker_in_process=False, clamd=clamd.address)
    with TestClient(app) as client:
        yield app, client


def _doc(client: TestClient, who: SignedIn, doc_id: str) -> dict[str, object]:
    response = client.get(f"/documents/{doc_id}", headers=who.headers)
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body


def _upload_ok(client: TestClient, who: SignedIn, content: bytes, name: str = "r.pdf", **kw: str) -> str:
    mime = "image/png" if name.endswith(".png") else "application/pdf"
    response = upload(client, who.headers, content, name, mime=mime, **kw)
    assert response.status_code == 200, response.text
    return str(response.json()["id"])


def _actions(app: FastAPI, doc_id: str) -> list[str]:
    with db_session(app) as session:
        rows = session.scalars(select(AuditEvent).where(AuditEvent.target_id == doc_id)).all()
        return [row.action for row in sorted(rows, key=lambda r: (r.created_at, r.action != "UPLOAD_RECEIVED"))]


def _nothing_stored(app: FastAPI) -> None:
    """Neither a file (quarantine or approved) nor a document row nor a job is left."""
    assert blob_files(app) == []
    with db_session(app) as session:
        assert session.scalars(select(Document)).all() == []
        assert session.scalars(select(Job)).all() == []


# --- bullet 1: EICAR --------------------------------------------------------------------------------
class TestEicar:
    def test_eicar_pdf_infected_rejected_audited_never_downloadable(
        self, scanning: tuple[FastAPI, TestClient], clock: ManualClock
    ) -> None:
        app, client = scanning
        owner, admin = sign_in(app), sign_in(app, role=Role.ADMIN)
        doc_id = _upload_ok(client, owner, eicar_pdf())
        assert drain(app) == 1  # the scan; no PII check is queued for infected content
        body = _doc(client, owner, doc_id)
        assert (body["scan_status"], body["approval_status"]) == ("INFECTED", "REJECTED")
        assert _actions(app, doc_id) == [
            "UPLOAD_RECEIVED",
            "UPLOAD_QUARANTINED",
            "UPLOAD_SCANNED_SUSPICIOUS",
            "UPLOAD_REJECTED",
        ]
        with db_session(app) as session:
            rejected = session.scalars(
                select(AuditEvent).where(AuditEvent.target_id == doc_id, AuditEvent.action == "UPLOAD_REJECTED")
            ).one()
            assert rejected.redacted_metadata.get("reason") == "infected"
        download = f"/documents/{doc_id}/download"
        assert client.get(download, headers=owner.headers).status_code == 403
        # Nothing brings it back: approve is refused, an admin PII override changes nothing.
        assert client.post(f"/documents/{doc_id}/approve", headers=admin.headers).json() == {
            "detail": "document_rejected"
        }
        client.post(f"/documents/{doc_id}/pii", headers=admin.headers, json={"pii_status": "OK"})
        assert client.get(download, headers=owner.headers).status_code == 403
        assert _doc(client, owner, doc_id)["approval_status"] == "REJECTED"
        # After the 30-day retention it is gone altogether.
        clock.advance(days=31)
        worker = build_worker(ctx_of(app), worker_id="test-worker")
        worker.ensure_periodic()  # the retention sweep runs as soon as the worker starts
        worker.run_until_idle()
        assert blob_files(app) == []

    def test_bare_eicar_is_415_before_any_scan(self, scanning: tuple[FastAPI, TestClient]) -> None:
        app, client = scanning
        owner = sign_in(app)
        for name, mime in (("eicar.com", "application/octet-stream"), ("eicar.pdf", "application/pdf")):
            response = upload(client, owner.headers, EICAR, name, mime=mime)
            assert response.status_code == 415
            assert response.json()["detail"] in ("mime_not_allowed", "ext_not_allowed")
        assert drain(app) == 0  # no scan job was ever queued
        _nothing_stored(app)
        with db_session(app) as session:
            actions = [e.action for e in session.scalars(select(AuditEvent)) if e.action.startswith(("UPLOAD", "DOC"))]
        assert actions == ["UPLOAD_REJECTED", "UPLOAD_REJECTED"]


# --- bullet 2: outcomes of the pipeline ---------------------------------------------------------------
class TestOutcomes:
    def test_pdf_with_email_and_iban_is_suspected(self, scanning: tuple[FastAPI, TestClient]) -> None:
        app, client = scanning
        owner = sign_in(app)
        pdf = make_pdf(["Rechnung Inspektion", f"Kontakt: {EMAIL}", f"IBAN {IBAN}"])
        doc_id = _upload_ok(client, owner, pdf)
        assert drain(app) == 2
        body = _doc(client, owner, doc_id)
        assert (body["scan_status"], body["pii_status"]) == ("CLEAN", "SUSPECTED")
        assert body["pii_note"] == "pii_check: email,iban"
        with db_session(app) as session:
            dump = " ".join(str(e.redacted_metadata) for e in session.scalars(select(AuditEvent)))
        assert "mustermann" not in dump
        assert "3704" not in dump

    def test_png_showing_an_email_is_suspected_through_ocr(self, scanning: tuple[FastAPI, TestClient]) -> None:
        app, client = scanning
        owner = sign_in(app)
        doc_id = _upload_ok(client, owner, render_png(["Kontakt", EMAIL]), "kontakt.png")
        drain(app)
        body = _doc(client, owner, doc_id)
        assert (body["scan_status"], body["pii_status"], body["pii_note"]) == (
            "CLEAN",
            "SUSPECTED",
            "pii_check: email",
        )
        with db_session(app) as session:
            marked = session.scalars(
                select(AuditEvent).where(AuditEvent.target_id == doc_id, AuditEvent.action == "DOCUMENT_PII_MARKED")
            ).one()
            assert marked.redacted_metadata.get("detail") == "image_ocr"

    def test_clean_scanned_invoice_image_is_ok(self, scanning: tuple[FastAPI, TestClient]) -> None:
        app, client = scanning
        owner, admin = sign_in(app), sign_in(app, role=Role.ADMIN)
        invoice = render_png(
            ["Autohaus Beispiel", "Rechnung Nr. 2024-117", "Ölwechsel und Ölfilter", "Summe 149,90 EUR"]
        )
        doc_id = _upload_ok(client, owner, invoice, "rechnung.png")
        assert drain(app) == 2
        body = _doc(client, owner, doc_id)
        assert (body["scan_status"], body["pii_status"], body["approval_status"]) == ("CLEAN", "OK", "QUARANTINED")
        assert "UPLOAD_PII_CHECKED" in _actions(app, doc_id)
        assert client.post(f"/documents/{doc_id}/approve", headers=admin.headers).status_code == 200
        assert client.get(f"/documents/{doc_id}/download", headers=owner.headers).content == invoice


# --- bullet 3: approve preconditions in order; REJECTED final -------------------------------------------
class TestApproveOrder:
    def test_each_check_wins_over_the_later_ones(self, make_app: Callable[..., FastAPI]) -> None:
        app = make_app(worker_in_process=False)
        with TestClient(app) as client:
            owner, admin = sign_in(app), sign_in(app, role=Role.ADMIN)

            def new(*, pii: bool = False, rejected: bool = False, deleted: bool = False) -> str:
                doc_id = _upload_ok(client, owner, clean_pdf())  # scan PENDING
                if pii:
                    client.post(f"/documents/{doc_id}/pii", headers=owner.headers, json={"pii_status": "SUSPECTED"})
                if rejected:
                    client.post(f"/documents/{doc_id}/reject", headers=admin.headers, json={"reason": "x"})
                if deleted:
                    assert client.delete(f"/documents/{doc_id}", headers=admin.headers).status_code == 200
                return doc_id

            def approve(doc_id: str) -> object:
                response = client.post(f"/documents/{doc_id}/approve", headers=admin.headers)
                assert response.status_code == 409
                return response.json()["detail"]

            # Every check fails at once -> the first; drop one failing check at a time -> the next.
            assert approve(new(pii=True, rejected=True, deleted=True)) == "document_deleted"
            assert approve(new(pii=True, rejected=True)) == "document_rejected"
            assert approve(new(pii=True)) == "not_scanned_clean"
            suspected = new(pii=True)
            client.post(f"/documents/{suspected}/scan", headers=admin.headers, json={"scan_status": "CLEAN"})
            assert approve(suspected) == "pii_not_cleared"

    def test_rejected_stays_final(self, make_app: Callable[..., FastAPI]) -> None:
        app = make_app(worker_in_process=False)
        with TestClient(app) as client:
            owner, admin = sign_in(app), sign_in(app, role=Role.ADMIN)
            doc_id = _upload_ok(client, owner, clean_pdf())
            client.post(f"/documents/{doc_id}/reject", headers=admin.headers, json={"reason": "unleserlich"})
            for path, body in (
                ("scan", {"scan_status": "CLEAN"}),
                ("pii", {"pii_status": "OK"}),
                ("rescan", None),
                ("approve", None),
                ("reject", None),
            ):
                client.post(f"/documents/{doc_id}/{path}", headers=admin.headers, json=body)
                assert _doc(client, admin, doc_id)["approval_status"] == "REJECTED", path
            assert client.post(f"/documents/{doc_id}/approve", headers=admin.headers).json() == {
                "detail": "document_rejected"
            }
            assert client.get(f"/documents/{doc_id}/download", headers=owner.headers).status_code == 403


# --- bullet 4: bad inputs -----------------------------------------------------------------------------
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


class TestBadInputs:
    def test_20_mb_plus_one_byte_is_413_and_nothing_stored(self, make_app: Callable[..., FastAPI]) -> None:
        app = make_app(worker_in_process=False)  # the default cap: 20 MB
        assert ctx_of(app).settings.upload_max_bytes == 20 * MB
        with TestClient(app) as client:
            owner = sign_in(app)
            exact = clean_pdf().ljust(20 * MB, b" ")
            response = upload(client, owner.headers, exact + b" ")
            assert (response.status_code, response.json()) == (413, {"detail": "too_large"})
            _nothing_stored(app)
            assert upload(client, owner.headers, exact).status_code == 200  # the cap itself is allowed

    @pytest.mark.parametrize(
        ("label", "content", "filename", "mime"),
        [
            ("elf renamed .pdf", b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200, "rechnung.pdf", "application/pdf"),
            ("exe renamed .pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200, "rechnung.pdf", "application/pdf"),
            (
                "png bytes named .pdf",
                PNG_MAGIC + b"\x00\x00\x00\rIHDR" + b"\x00" * 64,
                "rechnung.pdf",
                "application/pdf",
            ),
            ("empty file", b"", "leer.pdf", "application/pdf"),
        ],
    )
    def test_wrong_type_is_415_and_nothing_stored(
        self, make_app: Callable[..., FastAPI], label: str, content: bytes, filename: str, mime: str
    ) -> None:
        app = make_app(worker_in_process=False)
        with TestClient(app) as client:
            owner = sign_in(app)
            response = upload(client, owner.headers, content, filename, mime=mime)
            assert response.status_code == 415, label
            assert response.json() == {"detail": "mime_not_allowed"}, label
            _nothing_stored(app)

    def test_truncated_pdf_accepted_but_never_clean_and_ok(self, scanning: tuple[FastAPI, TestClient]) -> None:
        app, client = scanning
        owner, admin = sign_in(app), sign_in(app, role=Role.ADMIN)
        pdf = clean_pdf()
        ids = [_upload_ok(client, owner, pdf[:cut]) for cut in (20, len(pdf) // 2, len(pdf) - 60)]
        drain(app)
        for doc_id in ids:
            body = _doc(client, admin, doc_id)
            assert (body["scan_status"], body["pii_status"]) != ("CLEAN", "OK")
            assert (body["pii_status"], body["pii_note"]) == ("SUSPECTED", "pii_check: text_unreadable")
            assert client.post(f"/documents/{doc_id}/approve", headers=admin.headers).json() == {
                "detail": "pii_not_cleared"
            }


# --- bullet 5: a worker killed mid-job ------------------------------------------------------------------
def _hanging_scan_worker(database_url: str, marker: str, now: str, lease_seconds: str) -> None:
    """Claim the document's scan job with the test's time, write ``marker`` and hang until killed."""
    settings = Settings(database_url=database_url, job_lease_seconds=int(lease_seconds), worker_poll_seconds=0.05)
    db = Database(database_url)
    ctx = ServerContext(
        settings, ManualClock(datetime.fromisoformat(now)), Keys(settings.secret), build_mailer(settings), db
    )

    def hang(_job: JobContext) -> None:
        Path(marker).write_text("claimed")
        threading.Event().wait()

    Worker(ctx, JobRegistry(handlers={JOB_SCAN: hang}), worker_id="doomed-worker").run(threading.Event())


class TestKilledWorker:
    def test_document_job_killed_mid_scan_is_finished_by_the_next_worker(
        self, scanning: tuple[FastAPI, TestClient], clock: ManualClock, tmp_path: Path
    ) -> None:
        app, client = scanning
        owner = sign_in(app)
        doc_id = _upload_ok(client, owner, clean_pdf())
        marker = tmp_path / "claimed"
        env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
        args = [ctx_of(app).db.url, str(marker), clock.now().isoformat(), "30"]
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.syncserver.test_intake_done_when", *args], cwd=REPO_ROOT, env=env
        )
        try:
            while not marker.exists() and child.poll() is None:
                try:
                    child.wait(0.05)
                except subprocess.TimeoutExpired:
                    pass
            assert marker.exists(), "the worker process never claimed the scan job"
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait(10)
        assert child.returncode == -signal.SIGKILL
        with db_session(app) as session:
            job = session.scalars(select(Job).where(Job.kind == JOB_SCAN)).one()
            assert (job.status, job.lease_owner) == (JobStatus.RUNNING, "doomed-worker")
        assert _doc(client, owner, doc_id)["scan_status"] == "PENDING"
        assert drain(app) == 0  # the dead worker's lease still holds
        clock.advance(seconds=31)
        assert drain(app) == 2  # the next worker takes the scan over, then the PII check
        body = _doc(client, owner, doc_id)
        assert (body["scan_status"], body["pii_status"]) == ("CLEAN", "OK")
        with db_session(app) as session:
            assert {(j.kind, j.status) for j in session.scalars(select(Job))} == {
                (JOB_SCAN, JobStatus.DONE),
                ("document.pii", JobStatus.DONE),
            }
            stuck = session.scalars(select(Document).where(Document.scan_status == "PENDING")).all()
            assert stuck == []


# --- bullet 6: the trust summary through the API ---------------------------------------------------------
class TestTrustThroughThePipeline:
    def test_orange_in_review_red_with_a_pii_finding(self, scanning: tuple[FastAPI, TestClient]) -> None:
        app, client = scanning
        owner = sign_in(app)
        vid = client.post("/vehicles", json={"vin": "WVWZZZ1JZXW000001"}, headers=owner.headers).json()["id"]
        row = client.post(f"/vehicles/{vid}/entries", json=entry(trust_level="T2"), headers=owner.headers).json()
        client.patch(f"/vehicles/{vid}", json={"meta": {"accident_status": "unfallfrei"}}, headers=owner.headers)
        assert summary(client, owner, vid)["trust_light"] == "gelb"
        pdf = make_pdf(["Rechnung", f"Kontakt: {EMAIL}", f"IBAN {IBAN}"])
        _upload_ok(client, owner, pdf, vehicle_id=vid, entry_id=row["id"])
        in_review = summary(client, owner, vid)
        assert in_review["trust_light"] == "orange"
        assert "document_quarantined_not_approved" in in_review["reason_codes"]  # type: ignore[operator]
        drain(app)  # clamd: CLEAN; pdftotext: e-mail and IBAN -> SUSPECTED
        red = summary(client, owner, vid)
        assert red["trust_light"] == "rot"
        assert "pii_suspected_blocks_t3" in red["reason_codes"]  # type: ignore[operator]


if __name__ == "__main__":
    _hanging_scan_worker(*sys.argv[1:5])
