"""Users and roles (SPEC §11.1, §11.2, D12): e-mail masked by default, reveal with step-up (audited on the
server), set role, accredit moderators, set entitlements. Revealed addresses live in memory only."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
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
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.services.admin_service import AdminMode
from desktop.sync.admin_api import ROLES, AdminApi, UserRow
from desktop.ui.admin.common import (
    Column,
    RecordRole,
    RowModel,
    SortRole,
    StepUpDialog,
    admin_error_text,
    ask_step_up,
    local_time,
    role_label,
    short_id,
)
from desktop.ui.widgets.common import ErrorBanner

MASKED = "•••••@•••••"


class RoleDialog(QDialog):
    """Choose the new role and an optional reason."""

    def __init__(self, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Rolle setzen"))
        self.setMinimumWidth(420)
        form = QFormLayout(self)
        self.role = QComboBox()
        for role in ROLES:
            self.role.addItem(role_label(role), role)
        self.role.setCurrentIndex(max(0, ROLES.index(current) if current in ROLES else 0))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("optional, z. B. Ticketnummer"))
        form.addRow(self.tr("Neue Rolle:"), self.role)
        form.addRow(self.tr("Grund:"), self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class EntitlementDialog(QDialog):
    """Set one entitlement value (e.g. ``extra_vehicles``)."""

    def __init__(self, current: dict[str, int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Berechtigung setzen"))
        self.setMinimumWidth(420)
        form = QFormLayout(self)
        shown = ", ".join(f"{k} = {v}" for k, v in sorted(current.items())) or self.tr("keine")
        info = QLabel(self.tr("Aktuell: {values}").format(values=shown))
        info.setWordWrap(True)
        form.addRow(info)
        self.key = QComboBox()
        self.key.setEditable(True)
        self.key.addItems(sorted({"extra_vehicles", *current}))
        self.value = QSpinBox()
        self.value.setRange(0, 1_000_000)
        self.value.setValue(current.get(self.key.currentText(), 0))
        self.key.currentTextChanged.connect(lambda k: self.value.setValue(current.get(k, 0)))
        form.addRow(self.tr("Schlüssel:"), self.key)
        form.addRow(self.tr("Wert:"), self.value)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class UsersPage(QWidget):
    def __init__(self, mode: AdminMode, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = mode
        self.revealed: dict[str, str] = {}
        self.dialog: QDialog | None = None
        self.step_up_dialog: StepUpDialog | None = None
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Konten und Rollen"))
        title.setObjectName("sectionTitle")
        layout.addWidget(title)
        note = QLabel(
            self.tr("E-Mail-Adressen sind maskiert. Das Anzeigen erfordert eine Bestätigung und wird protokolliert.")
        )
        note.setObjectName("muted")
        layout.addWidget(note)
        self.error = ErrorBanner()
        layout.addWidget(self.error)
        self.info = QLabel()
        self.info.setObjectName("hint")
        self.info.setVisible(False)
        layout.addWidget(self.info)
        self.model = RowModel(
            [
                Column(self.tr("Konto"), lambda r: short_id(r.user_id)),
                Column(self.tr("Rolle"), lambda r: role_label(r.role)),
                Column(self.tr("E-Mail"), lambda r: self.revealed.get(r.user_id, MASKED)),
                Column(self.tr("Angelegt"), lambda r: local_time(r.created_at), lambda r: r.created_at),
            ],
            self,
        )
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.reveal_button = QPushButton(self.tr("E-Mail anzeigen …"))
        self.role_button = QPushButton(self.tr("Rolle setzen …"))
        self.moderator_button = QPushButton(self.tr("Als Moderator akkreditieren …"))
        self.entitlement_button = QPushButton(self.tr("Berechtigungen …"))
        self.refresh_button = QPushButton(self.tr("Aktualisieren"))
        self.reveal_button.clicked.connect(self.reveal)
        self.role_button.clicked.connect(self.set_role)
        self.moderator_button.clicked.connect(self.accredit)
        self.entitlement_button.clicked.connect(self.entitlements)
        self.refresh_button.clicked.connect(self.refresh)
        for button in (self.reveal_button, self.role_button, self.moderator_button, self.entitlement_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        layout.addLayout(buttons)
        self._update_buttons()

    def refresh(self) -> None:
        self.error.clear_message()
        self.mode.call(lambda api: api.users(), self.model.set_rows, self._failed)

    def clear(self) -> None:
        self.revealed.clear()
        self.model.clear()

    def _failed(self, exc: BaseException) -> None:
        self.error.show_message(admin_error_text(exc))

    def _notice(self, text: str) -> None:
        self.info.setText(text)
        self.info.setVisible(True)

    def selected(self) -> UserRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.proxy.index(rows[0].row(), 0).data(RecordRole) if rows else None

    def select_user(self, user_id: str) -> None:
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data(RecordRole).user_id == user_id:
                self.table.selectRow(row)
                return

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        for button in (self.reveal_button, self.role_button, self.moderator_button, self.entitlement_button):
            button.setEnabled(chosen)

    def _step_up(self, text: str, scope: str, action: Any, on_success: Any) -> None:
        self.error.clear_message()
        self.step_up_dialog = ask_step_up(self, self.mode, text, scope, action, on_success, self._failed)

    def reveal(self) -> None:
        user = self.selected()
        if user is None:
            return

        def shown(email: str) -> None:
            self.revealed[user.user_id] = email
            self.model.set_rows(self.model.rows)
            self._notice(self.tr("E-Mail-Adresse angezeigt; der Zugriff wurde protokolliert."))

        def action(api: AdminApi, token: str) -> str:
            return api.reveal_email(user.user_id, token)

        self._step_up(self.tr("E-Mail-Adresse anzeigen"), "pii_reveal", action, shown)

    def set_role(self) -> None:
        user = self.selected()
        if user is None:
            return
        dialog = RoleDialog(user.role, self)
        self.dialog = dialog

        def chosen() -> None:
            role, reason = dialog.role.currentData(), dialog.reason.text().strip() or None

            def action(api: AdminApi, token: str) -> str:
                return api.set_role(user.user_id, role, token, reason)

            def done(new_role: str) -> None:
                self._notice(self.tr("Neue Rolle: {role}.").format(role=role_label(new_role)))
                self.refresh()

            self._step_up(self.tr("Rolle auf {role} setzen").format(role=role_label(role)), "role_grant", action, done)

        dialog.accepted.connect(chosen)
        dialog.open()

    def accredit(self) -> None:
        user = self.selected()
        if user is None:
            return

        def done(_: Any) -> None:
            self._notice(self.tr("Das Konto ist jetzt als Moderator akkreditiert."))
            self.refresh()

        def action(api: AdminApi, token: str) -> str:
            return api.accredit_moderator(user.user_id, token)

        self._step_up(self.tr("Als Moderator akkreditieren"), "moderator_accredit", action, done)

    def entitlements(self) -> None:
        user = self.selected()
        if user is None:
            return

        def loaded(current: dict[str, int]) -> None:
            dialog = EntitlementDialog(current, self)
            self.dialog = dialog

            def save() -> None:
                key, value = dialog.key.currentText().strip(), dialog.value.value()
                text = self.tr("Berechtigung {key} = {value} gesetzt.").format(key=key, value=value)
                self.mode.call(
                    lambda api: api.set_entitlement(user.user_id, key, value),
                    lambda _: self._notice(text),
                    self._failed,
                )

            dialog.accepted.connect(save)
            dialog.open()

        self.mode.call(lambda api: api.entitlements(user.user_id), loaded, self._failed)
