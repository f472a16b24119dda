"""The intake pipeline end to end through the API and the job worker: real clamd (test signature),
real pdftotext/Tesseract, scanner missing or unreachable, retention, the 25 MB upload, trust link."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from shared.roles import Role
from syncserver.clock import ManualClock
from syncserver.models.job import Job
from syncserver.worker.main import build_worker
from tests.syncserver.intake_support import (
    IBAN,
    TEST_SIGNATURE,
    Clamd,
    blob_files,
    clamd,
    clean_pdf,
    drain,
    eicar_pdf,
    render_png,
    require_binary,
    upload,
)
from tests.syncserver.support import SignedIn, ctx_of, db_session, sign_in

__all__ = ["clamd"]
MB = 1024 * 1024


def _doc(client: TestClient, who: SignedIn, doc_id: str) -> dict[str, object]:
    response = client.get(f"/documents/{doc_id}", headers=who.headers)
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body


@pytest.fixture
def scanning(make_app: Callable[..., FastAPI], clamd: Clamd) -> Iterator[tuple[FastAPI, TestClient]]:
    app = make_app(worker_in_process=False, clamd=clamd.address)
    with TestClient(app) as client:
        yield app, client


class TestWithClamd:
    def test_eicar_pdf_rejected_automatically(self, scanning: tuple[FastAPI, TestClient]) -> None:
        app, client = scanning
        user, admin = sign_in(app), sign_in(app, role=Role.ADMIN)
        doc_id = upload(client, user.headers, eicar_pdf()).json()["id"]
        drain(app)
        body = _doc(client, admin, doc_id)
        assert (body["scan_status"], body["approval_status"]) == ("INFECTED", "REJECTED")
        assert str(body["scan_detail"]).startswith(f"signature:{TEST_SIGNATURE}")
        assert _doc(client, user, doc_id)["scan_detail"] is None
        assert client.get(f"/documents/{doc_id}/download", headers=user.headers).status_code == 403

    def test_clean_pdf_scanned_checked_approved_downloadable(self, scanning: tuple[FastAPI, TestClient]) -> None:
        require_binary("pdftotext")
        app, client = scanning
        user, admin = sign_in(app), sign_in(app, role=Role.ADMIN)
        doc_id = upload(client, user.headers, clean_pdf()).json()["id"]
        assert drain(app) == 2  # scan, then PII check
        body = _doc(client, admin, doc_id)
        assert (body["scan_status"], body["pii_status"], body["approval_status"]) == ("CLEAN", "OK", "QUARANTINED")
        assert client.get(f"/documents/{doc_id}/download", headers=user.headers).status_code == 403
        assert client.post(f"/documents/{doc_id}/approve", headers=admin.headers).status_code == 200
        assert client.get(f"/documents/{doc_id}/download", headers=user.headers).content == clean_pdf()

    def test_png_with_iban_suspected_by_ocr(self, scanning: tuple[FastAPI, TestClient]) -> None:
        require_binary("tesseract")
        app, client = scanning
        user, admin = sign_in(app), sign_in(app, role=Role.ADMIN)
        png = render_png(["Bankverbindung", f"IBAN {IBAN}"])
        doc_id = upload(client, user.headers, png, "konto.png", mime="image/png").json()["id"]
        drain(app)
        body = _doc(client, user, doc_id)
        assert body["pii_status"] == "SUSPECTED"
        assert body["pii_note"] == "pii_check: iban"
        assert "3704" not in str(body)
        approve = client.post(f"/documents/{doc_id}/approve", headers=admin.headers)
        assert approve.json() == {"detail": "pii_not_cleared"}

    def test_unreadable_text_is_suspected(self, scanning: tuple[FastAPI, TestClient]) -> None:
        app, client = scanning
        user = sign_in(app)
        broken = b"\x89PNG\r\n\x1a\n" + b"\x00garbage" * 50
        doc_id = upload(client, user.headers, broken, "kaputt.png", mime="image/png").json()["id"]
        drain(app)
        body = _doc(client, user, doc_id)
        assert (body["scan_status"], body["pii_status"]) == ("CLEAN", "SUSPECTED")
        assert body["pii_note"] == "pii_check: text_unreadable"


class TestWithoutScanner:
    def test_not_configured_stays_pending_and_admins_see_why(self, make_app: Callable[..., FastAPI]) -> None:
        app = make_app(worker_in_process=False)
        with TestClient(app) as client:
            user, admin = sign_in(app), sign_in(app, role=Role.ADMIN)
            doc_id = upload(client, user.headers, clean_pdf()).json()["id"]
            drain(app)
            body = _doc(client, admin, doc_id)
            assert (body["scan_status"], body["scan_detail"]) == ("PENDING", "scanner_not_configured")
            assert body["scan_pending_reason"] == "scanner_not_configured"
            listed = client.get("/documents/admin/quarantine", headers=admin.headers).json()
            assert [(d["id"], d["scan_detail"]) for d in listed] == [(doc_id, "scanner_not_configured")]
            assert [d["scan_pending_reason"] for d in listed] == ["scanner_not_configured"]
            assert _doc(client, user, doc_id)["scan_detail"] is None
            assert _doc(client, user, doc_id)["scan_pending_reason"] is None

    def test_waiting_scans_are_queued_again_once_clamd_answers(
        self, make_app: Callable[..., FastAPI], clamd: Clamd
    ) -> None:
        """No scanner at upload; later clamd is configured: the periodic job scans it without an admin."""
        app = make_app(worker_in_process=False)
        with TestClient(app) as client:
            user = sign_in(app)
            doc_id = upload(client, user.headers, clean_pdf()).json()["id"]
            drain(app)
            assert _doc(client, user, doc_id)["scan_status"] == "PENDING"
        app = make_app(worker_in_process=False, clamd=clamd.address)  # the same database, now with clamd
        with TestClient(app) as client:
            admin = sign_in(app, role=Role.ADMIN)
            worker = build_worker(ctx_of(app), worker_id="test-worker")
            worker.ensure_periodic()  # what the worker loop does when it starts
            worker.run_until_idle()
            body = _doc(client, admin, doc_id)
            assert (body["scan_status"], body["pii_status"], body["scan_pending_reason"]) == ("CLEAN", "OK", None)
            with db_session(app) as session:
                scans = session.scalars(select(Job).where(Job.kind == "document.scan")).all()
            assert sorted(job.status for job in scans) == ["done", "done"]

    def test_unreachable_retries_with_backoff_then_gives_up(
        self, make_app: Callable[..., FastAPI], clock: ManualClock
    ) -> None:
        app = make_app(worker_in_process=False, clamd="unix:/nonexistent/clamd.sock", job_max_attempts=3)
        with TestClient(app) as client:
            user, admin = sign_in(app), sign_in(app, role=Role.ADMIN)
            doc_id = upload(client, user.headers, clean_pdf()).json()["id"]
            assert drain(app) == 1
            assert drain(app) == 0  # backing off
            body = _doc(client, admin, doc_id)
            assert (body["scan_status"], body["scan_detail"]) == ("PENDING", "scanner_unreachable")
            for _ in range(5):
                clock.advance(hours=2)
                drain(app)
            with db_session(app) as session:
                job = session.scalars(select(Job).where(Job.kind == "document.scan")).one()
                assert (job.status, job.attempts, job.last_error) == ("dead", 3, "scanner_unreachable")
            admin = sign_in(app, role=Role.ADMIN)  # the first admin session has timed out meanwhile
            assert _doc(client, admin, doc_id)["scan_status"] == "PENDING"
            pipeline = client.get("/documents/admin/pipeline", headers=admin.headers).json()
            assert pipeline["scan_status"] == {"PENDING": 1}
            assert pipeline["jobs"] == {"dead": 1}
            assert _doc(client, admin, doc_id)["scan_pending_reason"] == "scanner_unreachable"


class TestRetention:
    def test_rejected_and_confirmed_pii_purged_after_30_days(
        self, make_app: Callable[..., FastAPI], clock: ManualClock
    ) -> None:
        app = make_app(worker_in_process=False)
        with TestClient(app) as client:
            user, admin = sign_in(app), sign_in(app, role=Role.ADMIN)
            rejected = upload(client, user.headers, clean_pdf()).json()["id"]
            confirmed = upload(client, user.headers, clean_pdf()).json()["id"]
            kept = upload(client, user.headers, clean_pdf()).json()["id"]
            client.post(f"/documents/{rejected}/reject", headers=admin.headers)
            client.post(f"/documents/{confirmed}/pii", headers=user.headers, json={"pii_status": "CONFIRMED"})
            worker = build_worker(app.state.ctx)
            clock.advance(days=29)
            worker.ensure_periodic()
            worker.run_until_idle()
            assert len(blob_files(app)) == 3
            clock.advance(days=2)
            with db_session(app) as session:
                periodic = session.scalars(select(Job).where(Job.kind == "documents.retention")).one()
                periodic.run_after = clock.now() - timedelta(seconds=1)
            worker.run_until_idle()
            assert len(blob_files(app)) == 1
            admin = sign_in(app, role=Role.ADMIN)  # sessions do not last 31 days
            for doc_id in (rejected, confirmed):
                assert client.get(f"/documents/{doc_id}", headers=admin.headers).status_code == 404
            assert _doc(client, admin, kept)["approval_status"] == "QUARANTINED"


class TestLargeUpload:
    def test_25_mb_is_413_and_nothing_on_disk(self, make_app: Callable[..., FastAPI]) -> None:
        app = make_app(worker_in_process=False)
        with TestClient(app) as client:
            user = sign_in(app)
            big = clean_pdf() + b"\0" * (25 * MB)
            response = upload(client, user.headers, big)
            assert response.status_code == 413
            assert response.json() == {"detail": "too_large"}
            assert blob_files(app) == []

    def test_streamed_without_length_is_cut_at_the_cap(self, make_app: Callable[..., FastAPI]) -> None:
        app = make_app(worker_in_process=False)
        with TestClient(app) as client:
            user = sign_in(app)
            boundary = "ltcboundary"
            head = (
                f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\n'
                "Content-Type: application/pdf\r\n\r\n"
            ).encode()

            def body() -> Iterator[bytes]:
                yield head + clean_pdf()
                for _ in range(25):
                    yield b"\0" * MB
                yield f"\r\n--{boundary}--\r\n".encode()

            headers = {**user.headers, "Content-Type": f"multipart/form-data; boundary={boundary}"}
            response = client.post("/documents/upload", headers=headers, content=body())
            assert response.status_code == 413
            assert blob_files(app) == []


class TestTrustLink:
    def test_document_status_feeds_the_trust_summary(self, make_app: Callable[..., FastAPI]) -> None:
        app = make_app(worker_in_process=False)
        with TestClient(app) as client:
            user = sign_in(app)
            vehicle = client.post("/vehicles", headers=user.headers, json={"vin": "WVWZZZ1JZXW000002"}).json()["id"]
            doc_id = upload(client, user.headers, clean_pdf(), vehicle_id=vehicle).json()["id"]
            summary = client.get(f"/vehicles/{vehicle}/trust-summary", headers=user.headers).json()
            assert "document_quarantined_not_approved" in summary["reason_codes"]
            client.post(f"/documents/{doc_id}/pii", headers=user.headers, json={"pii_status": "CONFIRMED"})
            summary = client.get(f"/vehicles/{vehicle}/trust-summary", headers=user.headers).json()
            assert "pii_confirmed_blocks_t3" in summary["reason_codes"]
            client.delete(f"/documents/{doc_id}", headers=user.headers)
            summary = client.get(f"/vehicles/{vehicle}/trust-summary", headers=user.headers).json()
            assert "pii_confirmed_blocks_t3" not in summary["reason_codes"]
