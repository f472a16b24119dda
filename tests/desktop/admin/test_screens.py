"""The admin screens against a real server: quarantine review with in-memory preview, roles, VIP seats,
audit export, add-ons; the limits of the mode on an injected clock."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import QDir, Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from desktop.paths import AppPaths
from desktop.services.admin_service import IDLE_SECONDS, MAX_SECONDS
from desktop.services.tasks import TaskRunner
from desktop.ui.admin.admin_window import AdminWindow
from desktop.ui.admin.common import status_label
from desktop.ui.admin.users_page import MASKED
from tests.desktop.admin.conftest import (
    TIMEOUT,
    Account,
    FakeClock,
    enter_mode,
    http_admin,
    member,
    save_screenshot,
    signed_in_session,
)
from tests.desktop.sync.live_server import LiveServer
from tests.syncserver.intake_support import make_pdf

MARKER = "Vorschau-Marker-7Q4Z"


def open_admin(
    qtbot: QtBot,
    paths: AppPaths,
    runner: TaskRunner,
    server: LiveServer,
    account: Account,
    clock: FakeClock | None = None,
) -> AdminWindow:
    code = account.next_code()
    session = signed_in_session(qtbot, paths, runner, server, account.email, totp=code)
    return enter_mode(qtbot, session, runner, clock)[1]


def upload(owner: Account, content: bytes) -> str:
    files = {"file": ("rechnung.pdf", content, "application/pdf")}
    response = owner.post("/documents/upload", files=files)
    assert response.status_code == 200, response.text
    return str(response.json()["id"])


def snapshot(folders: list[Path]) -> dict[str, tuple[int, int]]:
    found: dict[str, tuple[int, int]] = {}
    for folder in folders:
        for root, _, names in os.walk(folder):
            for name in names:
                path = Path(root) / name
                try:
                    stat = path.stat()
                except OSError:
                    continue
                found[str(path)] = (stat.st_size, stat.st_mtime_ns)
    return found


@pytest.fixture(scope="module")
def admin_account(live_server: LiveServer) -> Account:
    return http_admin(live_server, "admin")


def test_quarantine_preview_in_memory_approve_and_reject(
    qtbot: QtBot,
    app_paths: AppPaths,
    runner: TaskRunner,
    live_server: LiveServer,
    admin_account: Account,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    owner = member(live_server)
    pdf = make_pdf(["Rechnung Inspektion", MARKER, "Oelwechsel und Filter"])
    approved_id, rejected_id, bulk_a, bulk_b = (upload(owner, pdf) for _ in range(4))
    window = open_admin(qtbot, app_paths, runner, live_server, admin_account)
    page = window.quarantine
    api = window.mode.api
    api.set_scan(approved_id, "CLEAN")  # clamd is not part of this server: the admin scan route stands in
    page.refresh()
    qtbot.waitUntil(lambda: (approved_id, "CLEAN") in {(r.id, r.scan_status) for r in page.all_rows}, timeout=TIMEOUT)
    assert [r.created_at for r in page.all_rows] == sorted((r.created_at for r in page.all_rows), reverse=True)

    page.scan_filter.setCurrentIndex(page.scan_filter.findData("CLEAN"))
    assert {r.id for r in page.model.rows} == {approved_id}
    page.scan_filter.setCurrentIndex(0)

    # the app's temp folder: a private one for this test, so that other processes' files cannot blur the check
    private_tmp = tmp_path_factory.mktemp("app-temp")
    monkeypatch.setenv("TMPDIR", str(private_tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(private_tmp))
    assert Path(QDir.tempPath()) == private_tmp
    folders = [app_paths.data_dir, app_paths.config_dir, app_paths.cache_dir, app_paths.log_dir, private_tmp]
    system_tmp = Path("/tmp")
    before, before_system = snapshot(folders), snapshot([system_tmp])
    page.select_document(approved_id)
    qtbot.waitUntil(lambda: page.preview.page_count == 1, timeout=TIMEOUT)
    assert page.preview.page_label.text() == "Seite 1 von 1"
    assert snapshot(folders) == before
    after_system = snapshot([system_tmp])
    changed = {name for name in after_system if before_system.get(name) != after_system[name]}
    for name in changed:  # whatever else was written meanwhile does not hold the content either
        try:
            assert MARKER.encode() not in Path(name).read_bytes()
        except OSError:
            continue
    save_screenshot(window, "admin-03-quarantaene")

    qtbot.mouseClick(page.approve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.info.isVisible() and approved_id not in {r.id for r in page.all_rows}, timeout=TIMEOUT)
    seen = owner.get(f"/documents/{approved_id}").json()
    assert seen["approval_status"] == "APPROVED"

    # an approval refused by the server (scan still pending) reads as a German sentence
    page.select_document(rejected_id)
    qtbot.mouseClick(page.approve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.error.isVisible(), timeout=TIMEOUT)
    assert "noch nicht als sauber gescannt" in page.error.text()

    page.select_document(rejected_id)
    qtbot.mouseClick(page.reject_button, Qt.MouseButton.LeftButton)
    dialog = page.reason_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.edit, "Beleg unleserlich, bitte neu fotografieren")
    dialog.accept()
    qtbot.waitUntil(lambda: rejected_id not in {r.id for r in page.all_rows}, timeout=TIMEOUT)
    seen = owner.get(f"/documents/{rejected_id}").json()
    assert (seen["approval_status"], seen["reject_reason"]) == (
        "REJECTED",
        "Beleg unleserlich, bitte neu fotografieren",
    )
    assert status_label(seen["approval_status"]) == "abgelehnt"

    # bulk: select both remaining uploads and reject them together
    page.table.clearSelection()
    for document_id in (bulk_a, bulk_b):
        row = next(
            i
            for i in range(page.proxy.rowCount())
            if page.proxy.index(i, 0).data(Qt.ItemDataRole.UserRole + 2).id == document_id
        )
        page.table.selectionModel().select(
            page.proxy.index(row, 0),
            page.table.selectionModel().SelectionFlag.Select | page.table.selectionModel().SelectionFlag.Rows,
        )
    assert page.reject_button.text() == "Ablehnen (2) …"
    qtbot.mouseClick(page.reject_button, Qt.MouseButton.LeftButton)
    assert page.reason_dialog is not None
    qtbot.keyClicks(page.reason_dialog.edit, "Doppelt hochgeladen")
    page.reason_dialog.accept()
    qtbot.waitUntil(lambda: "2 von 2 Dokumenten abgelehnt" in page.info.text(), timeout=TIMEOUT)
    assert owner.get(f"/documents/{bulk_b}").json()["approval_status"] == "REJECTED"


def test_users_masked_reveal_with_step_up_and_superadmin_grant_refused(
    qtbot: QtBot, app_paths: AppPaths, runner: TaskRunner, live_server: LiveServer, admin_account: Account
) -> None:
    target = member(live_server)
    window = open_admin(qtbot, app_paths, runner, live_server, admin_account)
    window.tabs.setCurrentWidget(window.users)
    page = window.users
    qtbot.waitUntil(lambda: target.user_id in {r.user_id for r in page.model.rows}, timeout=TIMEOUT)
    shown = {page.model.data(page.model.index(i, 2)) for i in range(page.model.rowCount())}
    assert shown == {MASKED}
    page.select_user(target.user_id)

    qtbot.mouseClick(page.reveal_button, Qt.MouseButton.LeftButton)
    prompt = page.step_up_dialog
    assert prompt is not None
    save_screenshot(prompt, "admin-05-bestaetigung", (520, 300))
    qtbot.keyClicks(prompt.code_edit, "000000")
    prompt.accept()
    qtbot.waitUntil(lambda: page.error.isVisible(), timeout=TIMEOUT)
    assert "Bestätigungscode ist falsch" in page.error.text()

    qtbot.mouseClick(page.reveal_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.step_up_dialog.code_edit, admin_account.next_code())
    page.step_up_dialog.accept()
    qtbot.waitUntil(lambda: target.user_id in page.revealed, timeout=TIMEOUT)
    assert page.revealed[target.user_id] == target.email
    audit = admin_account.get("/admin/audit", params={"target_id": target.user_id}).json()["items"]
    assert "ADMIN_PII_REVEALED" in {e["action"] for e in audit}
    save_screenshot(window, "admin-04-konten")

    page.select_user(target.user_id)
    qtbot.mouseClick(page.role_button, Qt.MouseButton.LeftButton)
    role_dialog = page.dialog
    assert role_dialog is not None
    role_dialog.role.setCurrentIndex(role_dialog.role.findData("superadmin"))
    role_dialog.accept()
    qtbot.keyClicks(page.step_up_dialog.code_edit, admin_account.next_code())
    page.step_up_dialog.accept()
    qtbot.waitUntil(lambda: page.error.isVisible(), timeout=TIMEOUT)
    assert "Nur ein Superadmin darf die Rolle Superadmin vergeben" in page.error.text()
    assert target.get("/auth/me").json()["role"] == "user"
    window.mode.end()
    assert page.revealed == {}
    assert page.model.rowCount() == 0


def test_third_vip_staff_seat_is_refused(
    qtbot: QtBot, app_paths: AppPaths, runner: TaskRunner, live_server: LiveServer
) -> None:
    boss = http_admin(live_server, "superadmin")
    owner, first, second, third = (member(live_server) for _ in range(4))
    window = open_admin(qtbot, app_paths, runner, live_server, boss)
    window.tabs.setCurrentWidget(window.orgs)
    page = window.orgs
    page.tabs.setCurrentIndex(1)
    api = window.mode.api
    business = api.create_business(owner.user_id, f"vip-{owner.user_id[:8]}", "Autohaus")
    api.approve_business(business, api.step_up("vip_business_approve", boss.next_code()))
    for staff, code in ((first, boss.next_code()), (second, boss.next_code())):
        api.add_staff(business, staff.user_id, api.step_up("vip_business_staff", code))
    page.refresh()
    qtbot.waitUntil(lambda: business in {r.business_id for r in page.vip_model.rows}, timeout=TIMEOUT)
    row = next(i for i, r in enumerate(page.vip_model.rows) if r.business_id == business)
    page.vip_table.selectRow(row)
    assert page.staff_button.isEnabled()

    qtbot.mouseClick(page.staff_button, Qt.MouseButton.LeftButton)
    form = page.dialog
    assert form is not None
    [edit] = form.findChildren(QLineEdit)
    qtbot.keyClicks(edit, third.user_id)
    form.accept()
    qtbot.keyClicks(page.step_up_dialog.code_edit, boss.next_code())
    page.step_up_dialog.accept()
    qtbot.waitUntil(lambda: page.error.isVisible(), timeout=TIMEOUT)
    assert page.error.text() == "Dieses VIP-Gewerbe hat bereits alle Mitarbeiter-Plätze belegt."
    save_screenshot(window, "admin-06-vip-gewerbe")
    page.tabs.setCurrentIndex(0)
    qtbot.waitUntil(lambda: page.org_model.rowCount() > 0, timeout=TIMEOUT)
    page.org_table.selectRow(0)
    qtbot.waitUntil(lambda: page.member_model.rowCount() > 0, timeout=TIMEOUT)
    save_screenshot(window, "admin-07-organisationen")


def test_audit_filter_paging_and_csv_without_pii(
    qtbot: QtBot,
    app_paths: AppPaths,
    runner: TaskRunner,
    live_server: LiveServer,
    admin_account: Account,
    tmp_path: Path,
) -> None:
    window = open_admin(qtbot, app_paths, runner, live_server, admin_account)
    page = window.audit
    page.result.setCurrentIndex(page.result.findData("success"))
    window.tabs.setCurrentWidget(window.audit)  # the first visit loads with the filter set
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=TIMEOUT)
    assert {r.result for r in page.model.rows} == {"success"}
    first_page = page.model.rowCount()
    if page.next_cursor:
        page.load_more()
        qtbot.waitUntil(lambda: page.model.rowCount() > first_page, timeout=TIMEOUT)
    save_screenshot(window, "admin-08-audit")
    target = tmp_path / "audit.csv"
    page.export_csv(target)
    qtbot.waitUntil(target.exists, timeout=TIMEOUT)
    text = target.read_text(encoding="utf-8")
    header, *lines = text.splitlines()
    assert header.startswith("created_at,action,result")
    assert lines
    assert "@" not in text
    assert all(",success," in line for line in lines)  # the CSV keeps the codes


def test_addon_switches(
    qtbot: QtBot, app_paths: AppPaths, runner: TaskRunner, live_server: LiveServer, admin_account: Account
) -> None:
    window = open_admin(qtbot, app_paths, runner, live_server, admin_account)
    window.tabs.setCurrentWidget(window.addons)
    box = window.addons.boxes["oldtimer"]
    qtbot.waitUntil(lambda: box.state.text() != "", timeout=TIMEOUT)
    box.allow_new.setChecked(True)
    box.requires_payment.setChecked(False)
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.state.text() == "Gespeichert.", timeout=TIMEOUT)
    rows = {r["addon_key"]: r for r in admin_account.get("/admin/addons").json()}
    assert (rows["oldtimer"]["allow_new"], rows["oldtimer"]["requires_payment"]) == (True, False)
    save_screenshot(window, "admin-09-addons")


def test_idle_timeout_and_four_hour_limit_on_an_injected_clock(
    qtbot: QtBot, app_paths: AppPaths, runner: TaskRunner, live_server: LiveServer, admin_account: Account
) -> None:
    clock = FakeClock()
    window = open_admin(qtbot, app_paths, runner, live_server, admin_account, clock)
    mode = window.mode
    assert mode.remaining() == IDLE_SECONDS
    clock.advance(IDLE_SECONDS - 1)
    mode.check()
    assert mode.active
    qtbot.keyClick(window.audit.actor, Qt.Key.Key_A)  # activity resets the idle limit
    clock.advance(IDLE_SECONDS - 1)
    mode.check()
    assert mode.active
    clock.advance(1)
    mode.check()
    assert not mode.active
    assert window.end_reason == "idle"
    assert not window.isVisible()
    assert window.quarantine.model.rowCount() == 0
    QApplication.processEvents()

    session = signed_in_session(
        qtbot, app_paths, runner, live_server, admin_account.email, totp=admin_account.next_code()
    )
    window = enter_mode(qtbot, session, runner, clock)[1]
    mode = window.mode
    started = clock.now
    while mode.active and clock.now - started < 2 * MAX_SECONDS:
        clock.advance(IDLE_SECONDS - 60)  # always active, never idle long enough
        mode.touch()
        mode.check()
    assert clock.now - started >= MAX_SECONDS
    assert clock.now - started < MAX_SECONDS + IDLE_SECONDS
    assert window.end_reason == "max_duration"
    assert not window.isVisible()
