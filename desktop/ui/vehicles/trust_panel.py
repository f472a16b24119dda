"""The Trust tab: the server's light and hint, the reasons, the to-dos (VIP/dealer top 3, others all).

The light is never computed locally (D18): a vehicle with unconfirmed local changes shows the last server value
marked „noch nicht bestätigt“.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop.store.records import TrustSummaryRecord
from desktop.ui.vehicles.common import light_icon, light_label
from shared.roles import Role
from shared.trust.catalogue import CATALOGUE
from shared.trust.todos import build_todos


def _role(value: str | None) -> Role:
    try:
        return Role(value or "user")
    except ValueError:
        return Role.USER


class TrustPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.light = QLabel()
        self.light.setObjectName("trustLight")
        self.light.setFixedSize(64, 64)
        self.light_text = QLabel()
        self.light_text.setObjectName("title")
        self.unconfirmed = QLabel(self.tr("noch nicht bestätigt"))
        self.unconfirmed.setObjectName("badgeWarn")
        self.unconfirmed.setToolTip(
            self.tr("Lokale Änderungen sind noch nicht synchronisiert. Angezeigt wird der letzte Stand des Servers.")
        )
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setObjectName("subtitle")
        self.facts = QLabel()
        self.facts.setObjectName("muted")
        self.facts.setWordWrap(True)
        self.reasons = QListWidget()
        self.reasons.setAccessibleName(self.tr("Gründe"))
        self.todos = QListWidget()
        self.todos.setAccessibleName(self.tr("To-dos"))
        self.todo_title = QLabel()
        self.todo_title.setObjectName("section")

        head = QHBoxLayout()
        head.addWidget(self.light)
        text = QVBoxLayout()
        title_row = QHBoxLayout()
        title_row.addWidget(self.light_text)
        title_row.addWidget(self.unconfirmed)
        title_row.addStretch(1)
        text.addLayout(title_row)
        text.addWidget(self.hint)
        text.addWidget(self.facts)
        head.addSpacing(12)
        head.addLayout(text, 1)
        reasons_title = QLabel(self.tr("Gründe"))
        reasons_title.setObjectName("section")
        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(reasons_title)
        left.addWidget(self.reasons)
        right = QVBoxLayout()
        right.addWidget(self.todo_title)
        right.addWidget(self.todos)
        columns.addLayout(left, 1)
        columns.addSpacing(16)
        columns.addLayout(right, 1)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setObjectName("separator")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 16)
        layout.addLayout(head)
        layout.addWidget(line)
        layout.addLayout(columns, 1)
        self.set_summary(None, pending=False, role=None)

    def set_summary(self, trust: TrustSummaryRecord | None, *, pending: bool, role: str | None) -> None:
        self.unconfirmed.setVisible(pending and trust is not None)
        self.reasons.clear()
        self.todos.clear()
        if trust is None:
            self.light.setPixmap(light_icon(None, 56).pixmap(56, 56))
            self.light_text.setText(self.tr("Noch keine Bewertung"))
            self.hint.setText(
                self.tr("Die Trust-Stufe berechnet der Server. Sie erscheint nach der nächsten Synchronisation.")
            )
            self.facts.setText("")
            self.todo_title.setText(self.tr("To-dos"))
            return
        summary = trust.summary
        self.light.setPixmap(light_icon(trust.trust_light, 56).pixmap(56, 56))
        self.light.setToolTip(light_label(trust.trust_light))
        self.light_text.setText(self.tr("Trust-Ampel: {light}").format(light=light_label(trust.trust_light)))
        self.hint.setText(str(summary.get("hint") or ""))
        accident = summary.get("accident_status_label") or ""
        level = summary.get("top_trust_level") or "–"
        history = self._presence(summary.get("history_status"))
        evidence = self._presence(summary.get("evidence_status"))
        self.facts.setText(
            self.tr("Unfallstatus: {a} · Historie: {h} · Nachweise: {e} · Höchste T-Stufe: {t}").format(
                a=accident, h=history, e=evidence, t=level
            )
        )
        codes = [c for c in summary.get("reason_codes") or [] if c in CATALOGUE]
        for code in codes:
            spec = CATALOGUE[code]
            item = QListWidgetItem(light_icon(spec.light.value), spec.hint)
            item.setToolTip(light_label(spec.light.value))
            self.reasons.addItem(item)
        if not codes:
            self.reasons.addItem(self.tr("Keine Einschränkungen."))
        user_role = _role(role)
        todos = build_todos(codes, user_role)
        if trust.trust_light == "gruen":
            todos = ()
        top = user_role in (Role.VIP, Role.DEALER)
        self.todo_title.setText(self.tr("To-dos (Top 3)") if top else self.tr("To-dos"))
        for number, todo in enumerate(todos, start=1):
            item = QListWidgetItem(f"{number}. {todo.text}")
            item.setForeground(Qt.GlobalColor.black)
            self.todos.addItem(item)
        if not todos:
            self.todos.addItem(self.tr("Keine offenen To-dos."))

    def _presence(self, value: object) -> str:
        return self.tr("vorhanden") if value == "vorhanden" else self.tr("nicht vorhanden")
