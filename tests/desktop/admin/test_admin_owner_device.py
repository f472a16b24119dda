"""Issue 8 "Done when" through the owner's own device, against one real server subprocess.

The owner has an encrypted vault and a ``SyncEngine``; the PDF is attached on the device
(``DocumentsService.attach_files`` -> ``document.attach`` in the outbox) and the sync uploads it through
``/sync/blobs``. The admin reviews it in the privileged mode UI (preview, approve or reject with a reason);
the owner's next sync brings the status into the replica and the owner's Dokumente tab shows the badge.

The server's worker is waited for by polling the audit trail of the document (bounded by ``TIMEOUT``):
first the scan job (no clamd here: ``UPLOAD_SCAN_DEFERRED``), then, after the admin's CLEAN, the PII check
(``UPLOAD_PII_CHECKED``), so the admin never decides while a job of the worker is still open.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.paths import AppPaths
from desktop.services.documents_service import Badge, DocumentsService
from desktop.services.tasks import TaskRunner
from desktop.store import replica
from desktop.store.keyfile import fixed_kdf_policy
from desktop.store.records import DocumentRecord
from desktop.store.repositories import DocumentRepository, SyncStateRepository, VehicleRepository
from desktop.store.vault import Vault
from desktop.sync.client import ApiClient
from desktop.sync.engine import Backoff, SyncEngine, SyncReport
from desktop.ui.admin.admin_window import AdminWindow
from desktop.ui.documents.documents_tab import DocumentsModel, DocumentsTab
from tests.desktop.admin.conftest import TIMEOUT, Account, enter_mode, http_admin, signed_in_session
from tests.desktop.sync.live_server import LiveServer
from tests.syncserver.intake_support import make_pdf

VAULT_PASSWORD = "besitzer-tresor-passwort-1"
REASON = "Beleg unleserlich, bitte neu fotografieren"


@dataclass
class OwnerDevice:
    """The owner's desktop: vault, signed-in client, sync engine, the documents service and one vehicle."""

    vault: Vault
    client: ApiClient
    engine: SyncEngine
    service: DocumentsService
    vehicle_id: str

    def sync(self) -> SyncReport:
        report = self.engine.sync_once()
        assert report.rejected == 0, report
        return report

    def record(self, document_id: str) -> DocumentRecord:
        found = DocumentRepository(self.vault).get(document_id)
        assert found is not None
        return found

    def server_row(self, document_id: str) -> dict[str, Any]:
        """The document as the replica holds the server's row (``server_data``)."""
        with self.vault.session() as session:
            return dict(replica.dump(session)["document"][document_id])


def _vin() -> str:
    digits = f"{uuid.uuid4().int % 10**6:06d}"
    return f"WVWZZZ1JZXW{digits}"


@pytest.fixture
def owner(live_server: LiveServer, tmp_path: Path) -> Iterator[OwnerDevice]:
    """A new owner signed in with the e-mail code on a fresh vault, with one synced vehicle."""
    email = f"owner-{uuid.uuid4().hex[:8]}@example.org"
    client = ApiClient(live_server.url)
    challenge = client.request_code(email)
    assert challenge.dev_otp
    client.verify(email, challenge.challenge_id, challenge.dev_otp)
    missing = client.consent_status().missing
    if missing:
        client.consent_accept(missing)
    kdf = fixed_kdf_policy(time_cost=1, memory_cost_kib=8, parallelism=1)
    vault = Vault.create(tmp_path / "owner-vault", VAULT_PASSWORD, kdf=kdf)
    SyncStateRepository(vault).bind(user_id=client.me().user_id, server_url=live_server.url)
    engine = SyncEngine(vault, client, backoff=Backoff(base=0.01, attempts=5))
    vehicle = VehicleRepository(vault).add(_vin(), nickname="Mein Golf")
    report = engine.sync_once()
    assert report.rejected == 0, report
    vehicle_id = report.id_map.get(vehicle.id, vehicle.id)
    service = DocumentsService(lambda: vault, TaskRunner.synchronous())
    try:
        yield OwnerDevice(vault, client, engine, service, vehicle_id)
    finally:
        client.close()
        vault.close()


def attach_on_device(owner: OwnerDevice, folder: Path, text: str) -> str:
    """Attach a PDF on the device and sync: the upload goes through /sync/blobs and ``document.attach``."""
    pdf = folder / "rechnung-inspektion.pdf"
    pdf.write_bytes(make_pdf(["Rechnung Inspektion", text, "Oelwechsel und Filter"]))
    attached: list[DocumentRecord] = []
    refused = owner.service.attach_files(owner.vehicle_id, [pdf], attached.extend)
    assert refused == []
    [local] = attached
    assert local.pending
    report = owner.sync()
    assert report.uploaded_bytes == pdf.stat().st_size
    document_id = report.id_map.get(local.id, local.id)
    record = owner.record(document_id)
    assert (record.synced, record.pending, record.sha256) == (True, False, local.sha256)
    assert (record.approval_status, record.scan_status) == ("QUARANTINED", "PENDING")
    return document_id


def wait_for_audit(qtbot: QtBot, admin: Account, document_id: str, action: str) -> None:
    """Poll the document's audit trail until the server's worker has written ``action`` (bounded)."""

    def written() -> bool:
        response = admin.get("/admin/audit", params={"target_id": document_id, "action": action})
        assert response.status_code == 200, response.text
        return any(e["action"] == action for e in response.json()["items"])

    qtbot.waitUntil(written, timeout=TIMEOUT)


def owner_tab(qtbot: QtBot, owner: OwnerDevice) -> DocumentsTab:
    tab = DocumentsTab(owner.service, owner.vehicle_id)
    qtbot.addWidget(tab)
    return tab


def shown_status(tab: DocumentsTab, document_id: str) -> tuple[str, str]:
    """The status column's text and tooltip of the document's row in the tab's table."""
    row = next(i for i, d in enumerate(tab.model.rows) if d.id == document_id)
    index = tab.model.index(row, DocumentsModel.STATUS)
    return index.data(), index.data(Qt.ItemDataRole.ToolTipRole)


@pytest.fixture(scope="module")
def reviewer(live_server: LiveServer) -> Account:
    return http_admin(live_server, "admin")


def open_quarantine(
    qtbot: QtBot, paths: AppPaths, runner: TaskRunner, server: LiveServer, admin: Account
) -> AdminWindow:
    session = signed_in_session(qtbot, paths, runner, server, admin.email, totp=admin.next_code())
    return enter_mode(qtbot, session, runner)[1]


def review_ready(qtbot: QtBot, window: AdminWindow, admin: Account, document_id: str) -> None:
    """The scan job has run (no clamd: deferred), the admin sets CLEAN, the PII check has run; row shown."""
    wait_for_audit(qtbot, admin, document_id, "UPLOAD_SCAN_DEFERRED")
    window.mode.api.set_scan(document_id, "CLEAN")  # clamd is not part of this server: the admin route stands in
    wait_for_audit(qtbot, admin, document_id, "UPLOAD_PII_CHECKED")
    page = window.quarantine
    page.refresh()
    expected = (document_id, "CLEAN", "OK")
    qtbot.waitUntil(lambda: expected in {(r.id, r.scan_status, r.pii_status) for r in page.all_rows}, timeout=TIMEOUT)


def test_pdf_attached_on_the_device_is_previewed_approved_and_shows_freigegeben_on_the_owners_device(
    qtbot: QtBot,
    app_paths: AppPaths,
    runner: TaskRunner,
    live_server: LiveServer,
    reviewer: Account,
    owner: OwnerDevice,
    tmp_path: Path,
) -> None:
    document_id = attach_on_device(owner, tmp_path, "Freigabe-Marker-3K8P")
    tab = owner_tab(qtbot, owner)
    assert tab.badges() == {document_id: Badge.IN_REVIEW}
    assert shown_status(tab, document_id)[0] == "in Prüfung"

    window = open_quarantine(qtbot, app_paths, runner, live_server, reviewer)
    review_ready(qtbot, window, reviewer, document_id)
    page = window.quarantine
    row = next(r for r in page.all_rows if r.id == document_id)
    assert row.owner_user_id == owner.client.me().user_id
    page.select_document(document_id)
    qtbot.waitUntil(lambda: page.preview.page_count == 1, timeout=TIMEOUT)
    assert page.preview.page_label.text() == "Seite 1 von 1"
    qtbot.mouseClick(page.approve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.info.isVisible() and document_id not in {r.id for r in page.all_rows}, timeout=TIMEOUT)
    assert not page.error.isVisible()

    # nothing on the device changes until it syncs
    assert owner.record(document_id).approval_status == "QUARANTINED"
    report = owner.sync()
    assert report.changes >= 1
    record = owner.record(document_id)
    assert (record.approval_status, record.scan_status, record.pii_status) == ("APPROVED", "CLEAN", "OK")
    assert owner.vault.blobs.exists(record.sha256)  # the owner's encrypted file stays in the vault

    tab.reload()
    qtbot.waitUntil(lambda: tab.badges().get(document_id) == Badge.APPROVED, timeout=TIMEOUT)
    text, tooltip = shown_status(tab, document_id)
    assert text == "freigegeben"
    assert tooltip == "Das Dokument ist geprüft und zählt als Nachweis."


def test_rejection_with_reason_reaches_the_owners_device_as_abgelehnt(
    qtbot: QtBot,
    app_paths: AppPaths,
    runner: TaskRunner,
    live_server: LiveServer,
    reviewer: Account,
    owner: OwnerDevice,
    tmp_path: Path,
) -> None:
    document_id = attach_on_device(owner, tmp_path, "Ablehnung-Marker-9T2W")
    tab = owner_tab(qtbot, owner)
    assert tab.badges() == {document_id: Badge.IN_REVIEW}

    window = open_quarantine(qtbot, app_paths, runner, live_server, reviewer)
    review_ready(qtbot, window, reviewer, document_id)
    page = window.quarantine
    page.select_document(document_id)
    qtbot.waitUntil(lambda: page.preview.page_count == 1, timeout=TIMEOUT)
    qtbot.mouseClick(page.reject_button, Qt.MouseButton.LeftButton)
    dialog = page.reason_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.edit, REASON)
    dialog.accept()
    qtbot.waitUntil(lambda: page.info.isVisible() and document_id not in {r.id for r in page.all_rows}, timeout=TIMEOUT)
    assert not page.error.isVisible()

    owner.sync()
    record = owner.record(document_id)
    assert (record.approval_status, record.scan_status) == ("REJECTED", "CLEAN")
    # the reason reaches the device with the server's row; the Dokumente tab shows the badge, not the reason
    assert owner.server_row(document_id)["reject_reason"] == REASON

    tab.reload()
    qtbot.waitUntil(lambda: tab.badges().get(document_id) == Badge.REJECTED, timeout=TIMEOUT)
    text, tooltip = shown_status(tab, document_id)
    assert text == "abgelehnt"
    assert tooltip.startswith("Das Dokument wurde abgelehnt.")
