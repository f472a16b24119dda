"""Trust-Ordner tab: folders and stages from the outbox, the add-on gate's answer shown in German."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.services.documents_service import DocumentsService
from desktop.services.tasks import TaskRunner
from desktop.store.models import SyncProblem
from desktop.ui.folders.folders_tab import TrustFoldersTab
from tests.desktop.ui.docs_support import VEHICLE_ID, open_vault, screenshot, seed


def test_folder_stage_and_gate_message(qtbot: QtBot, tmp_path: Path) -> None:
    vault = open_vault(tmp_path / "vault")
    seed(vault, [])
    service = DocumentsService(lambda: vault, TaskRunner.synchronous())
    tab = TrustFoldersTab(service, VEHICLE_ID)
    qtbot.addWidget(tab)
    service.create_folder(VEHICLE_ID, "restauration", "Restaurierung 1972er Käfer")
    assert tab.folders.count() == 1
    folder_id = tab.current_folder_id()
    assert folder_id is not None
    fields = {"title": "Karosserie entrostet", "stage": "Karosserie", "date": "2025-03-14", "currency": "EUR",
              "performed_by": "specialist_workshop", "cost_amount": 2450.0, "is_milestone": True}  # fmt: skip
    service.add_stage(VEHICLE_ID, folder_id, fields)
    stage = tab.stages.topLevelItem(0)
    assert stage.text(0) == "★ Karosserie entrostet – Karosserie"
    assert (stage.text(1), stage.text(2), stage.text(3)) == ("2025-03-14", "Fachwerkstatt", "2 450,00 €")
    with vault.session() as session, session.begin():
        args = {"id": "x", "vehicle_id": VEHICLE_ID, "addon_key": "oldtimer", "title": "Oldtimer-Historie"}
        session.add(SyncProblem(client_id="c", mutation_id=1, name="folder.create", code="paywall_required", args=args))
    tab.reload()
    assert not tab.gate.isHidden()
    assert "„Oldtimer-Historie“: Diese Zusatzfunktion ist kostenpflichtig." in tab.gate.text()
    screenshot(tab, "43-trust-ordner")
    screenshot(tab, "43-trust-ordner-1920", (1920, 1080))
    vault.close()
