"""Organisations and VIP businesses (SPEC §11.3, D7): create, membership requests, VIP approval and staff
seats (superadmin, with step-up; the server refuses a third seat)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services.admin_service import AdminMode
from desktop.sync.admin_api import AdminApi, BusinessRow, MembershipRow, OrgRow
from desktop.ui.admin.common import (
    Column,
    RecordRole,
    RowModel,
    StepUpDialog,
    admin_error_text,
    ask_step_up,
    local_time,
    short_id,
)
from desktop.ui.widgets.common import ErrorBanner

STAFF_SEATS = 2


def _table(model: RowModel) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    return table


def _record(table: QTableView) -> Any:
    rows = table.selectionModel().selectedRows()
    return rows[0].data(RecordRole) if rows else None


class FormDialog(QDialog):
    """A small form: label -> widget rows, OK/Cancel."""

    def __init__(self, title: str, rows: list[tuple[str, QWidget]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(440)
        form = QFormLayout(self)
        for label, widget in rows:
            form.addRow(label, widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class OrgsPage(QWidget):
    def __init__(self, mode: AdminMode, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = mode
        self.dialog: QDialog | None = None
        self.step_up_dialog: StepUpDialog | None = None
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Organisationen und VIP-Gewerbe"))
        title.setObjectName("sectionTitle")
        layout.addWidget(title)
        self.error = ErrorBanner()
        layout.addWidget(self.error)
        self.info = QLabel()
        self.info.setObjectName("hint")
        self.info.setVisible(False)
        layout.addWidget(self.info)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._orgs_tab(), self.tr("Organisationen"))
        self.tabs.addTab(self._vip_tab(), self.tr("VIP-Gewerbe"))
        layout.addWidget(self.tabs, 1)

    # -- organisations -------------------------------------------------------------------------------

    def _orgs_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.org_model = RowModel(
            [
                Column(self.tr("Name"), lambda r: r.name),
                Column(self.tr("Art"), lambda r: self._kind(r.kind)),
                Column(self.tr("Inhaber"), lambda r: short_id(r.owner_user_id)),
                Column(self.tr("Offene Anfragen"), lambda r: str(r.pending_requests)),
                Column(self.tr("Angelegt"), lambda r: local_time(r.created_at)),
            ],
            self,
        )
        self.org_table = _table(self.org_model)
        self.org_table.selectionModel().selectionChanged.connect(self._org_selected)
        self.member_model = RowModel(
            [
                Column(self.tr("Konto"), lambda r: short_id(r.user_id)),
                Column(self.tr("Status"), lambda r: self._membership(r.status)),
                Column(self.tr("Rolle"), lambda r: self.tr("Inhaber") if r.role == "owner" else self.tr("Mitglied")),
                Column(self.tr("Angefragt"), lambda r: local_time(r.created_at)),
            ],
            self,
        )
        self.member_table = _table(self.member_model)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.org_table)
        members = QWidget()
        members_layout = QVBoxLayout(members)
        members_layout.setContentsMargins(0, 6, 0, 0)
        members_layout.addWidget(QLabel(self.tr("Mitgliedschaften der gewählten Organisation")))
        members_layout.addWidget(self.member_table)
        splitter.addWidget(members)
        layout.addWidget(splitter, 1)
        buttons = QHBoxLayout()
        self.create_org_button = QPushButton(self.tr("Organisation anlegen …"))
        self.approve_member_button = QPushButton(self.tr("Anfrage annehmen"))
        self.revoke_member_button = QPushButton(self.tr("Mitgliedschaft widerrufen"))
        self.create_org_button.clicked.connect(self.create_org)
        self.approve_member_button.clicked.connect(lambda: self.decide(True))
        self.revoke_member_button.clicked.connect(lambda: self.decide(False))
        for button in (self.create_org_button, self.approve_member_button, self.revoke_member_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        return tab

    def _kind(self, kind: str) -> str:
        names = {
            "workshop": self.tr("Werkstatt"),
            "dealer": self.tr("Händler"),
            "fleet": self.tr("Flotte"),
            "vip_business": self.tr("VIP-Gewerbe"),
        }
        return names.get(kind, kind)

    def _membership(self, status: str) -> str:
        names = {"requested": self.tr("angefragt"), "approved": self.tr("aktiv"), "revoked": self.tr("widerrufen")}
        return names.get(status, status)

    # -- VIP businesses ------------------------------------------------------------------------------

    def _vip_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.vip_model = RowModel(
            [
                Column(self.tr("Gewerbe-ID"), lambda r: r.business_id),
                Column(self.tr("Inhaber"), lambda r: short_id(r.owner_user_id)),
                Column(self.tr("Status"), lambda r: self.tr("freigegeben") if r.approved else self.tr("beantragt")),
                Column(
                    self.tr("Mitarbeiter-Plätze"),
                    lambda r: self.tr("{used} von {seats}").format(used=len(r.staff_user_ids), seats=STAFF_SEATS),
                ),
                Column(self.tr("Angelegt"), lambda r: local_time(r.created_at)),
            ],
            self,
        )
        self.vip_table = _table(self.vip_model)
        layout.addWidget(self.vip_table, 1)
        self.superadmin_note = QLabel(self.tr("Freigabe und Mitarbeiter-Plätze vergibt nur der Superadmin."))
        self.superadmin_note.setObjectName("muted")
        layout.addWidget(self.superadmin_note)
        buttons = QHBoxLayout()
        self.create_vip_button = QPushButton(self.tr("VIP-Gewerbe anlegen …"))
        self.approve_vip_button = QPushButton(self.tr("Freigeben …"))
        self.staff_button = QPushButton(self.tr("Mitarbeiter hinzufügen …"))
        self.create_vip_button.clicked.connect(self.create_business)
        self.approve_vip_button.clicked.connect(self.approve_business)
        self.staff_button.clicked.connect(self.add_staff)
        for button in (self.create_vip_button, self.approve_vip_button, self.staff_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        return tab

    # -- loading -------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.error.clear_message()
        superadmin = self.mode.is_superadmin
        self.approve_vip_button.setEnabled(superadmin)
        self.staff_button.setEnabled(superadmin)
        self.superadmin_note.setVisible(not superadmin)
        self.mode.call(lambda api: (api.orgs(), api.businesses()), self._loaded, self._failed)

    def _loaded(self, result: tuple[tuple[OrgRow, ...], tuple[BusinessRow, ...]]) -> None:
        orgs, businesses = result
        self.org_model.set_rows(orgs)
        self.vip_model.set_rows(businesses)
        self.member_model.clear()

    def clear(self) -> None:
        for model in (self.org_model, self.member_model, self.vip_model):
            model.clear()

    def _failed(self, exc: BaseException) -> None:
        self.error.show_message(admin_error_text(exc))

    def _notice(self, text: str) -> None:
        self.info.setText(text)
        self.info.setVisible(True)

    def _after(self, text: str) -> Callable[[Any], None]:
        def done(_: Any) -> None:
            self._notice(text)
            self.refresh()

        return done

    def _org_selected(self) -> None:
        org: OrgRow | None = _record(self.org_table)
        if org is not None:
            self.mode.call(lambda api: api.members(org.id), self.member_model.set_rows, self._failed)

    # -- actions -------------------------------------------------------------------------------------

    def create_org(self) -> None:
        kind, name = QComboBox(), QLineEdit()
        for key in ("workshop", "dealer", "fleet"):
            kind.addItem(self._kind(key), key)
        dialog = self.dialog = FormDialog(
            self.tr("Organisation anlegen"), [(self.tr("Art:"), kind), (self.tr("Name:"), name)], self
        )

        def send() -> None:
            chosen_kind, chosen_name = kind.currentData(), name.text().strip()
            done = self._after(self.tr("Organisation angelegt."))
            self.mode.call(lambda api: api.create_org(chosen_kind, chosen_name), done, self._failed)

        dialog.accepted.connect(send)
        dialog.open()

    def decide(self, approve: bool) -> None:
        org: OrgRow | None = _record(self.org_table)
        member: MembershipRow | None = _record(self.member_table)
        if org is None or member is None:
            return
        text = self.tr("Mitgliedschaft angenommen.") if approve else self.tr("Mitgliedschaft widerrufen.")
        done = self._after(text)
        self.mode.call(lambda api: api.decide_membership(org.id, member.user_id, approve), done, self._failed)

    def create_business(self) -> None:
        owner, business_id, reason = QLineEdit(), QLineEdit(), QLineEdit()
        owner.setPlaceholderText(self.tr("Konto-ID (UUID) des Inhabers"))
        business_id.setPlaceholderText(self.tr("optional, z. B. vip-autohaus-nord"))
        rows = [(self.tr("Inhaber:"), owner), (self.tr("Gewerbe-ID:"), business_id), (self.tr("Grund:"), reason)]
        dialog = self.dialog = FormDialog(self.tr("VIP-Gewerbe anlegen"), rows, self)

        def send() -> None:
            values = owner.text().strip(), business_id.text().strip() or None, reason.text().strip() or None
            done = self._after(self.tr("VIP-Gewerbe beantragt."))
            self.mode.call(lambda api: api.create_business(*values), done, self._failed)

        dialog.accepted.connect(send)
        dialog.open()

    def approve_business(self) -> None:
        business: BusinessRow | None = _record(self.vip_table)
        if business is None:
            return

        def action(api: AdminApi, token: str) -> None:
            api.approve_business(business.business_id, token)

        done = self._after(self.tr("VIP-Gewerbe freigegeben."))
        text = self.tr("VIP-Gewerbe {id} freigeben").format(id=business.business_id)
        self.step_up_dialog = ask_step_up(self, self.mode, text, "vip_business_approve", action, done, self._failed)

    def add_staff(self) -> None:
        business: BusinessRow | None = _record(self.vip_table)
        if business is None:
            return
        user = QLineEdit()
        user.setPlaceholderText(self.tr("Konto-ID (UUID) der Mitarbeiterin / des Mitarbeiters"))
        dialog = self.dialog = FormDialog(self.tr("Mitarbeiter hinzufügen"), [(self.tr("Konto:"), user)], self)

        def chosen() -> None:
            user_id = user.text().strip()

            def action(api: AdminApi, token: str) -> int:
                return api.add_staff(business.business_id, user_id, token)

            def done(count: int) -> None:
                self._notice(
                    self.tr("Mitarbeiter hinzugefügt ({used} von {seats} Plätzen).").format(
                        used=count, seats=STAFF_SEATS
                    )
                )
                self.refresh()

            text = self.tr("Mitarbeiter zu {id} hinzufügen").format(id=business.business_id)
            self.step_up_dialog = ask_step_up(self, self.mode, text, "vip_business_staff", action, done, self._failed)

        dialog.accepted.connect(chosen)
        dialog.open()
