"""Small shared widgets: the brand side panel, an error banner, a busy bar and the empty-state placeholder."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget


class BrandPanel(QWidget):
    """The dark left column of the sign-in screens with the product name and the step list."""

    def __init__(self, steps: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("brand")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setFixedWidth(340)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(36, 48, 36, 36)
        layout.setSpacing(10)
        title = QLabel("LifeTimeCircle<br>Service Heft")
        title.setObjectName("brandTitle")
        text = QLabel(self.tr("Das digitale, nachprüfbare Serviceheft für Ihre Fahrzeuge."))
        text.setObjectName("brandText")
        text.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addSpacing(36)
        self._steps: list[QLabel] = []
        for number, name in enumerate(steps, start=1):
            label = QLabel(f"{number}  {name}")
            label.setObjectName("stepOff")
            layout.addWidget(label)
            self._steps.append(label)
        layout.addStretch(1)

    def set_current(self, index: int) -> None:
        for i, label in enumerate(self._steps):
            label.setObjectName("stepOn" if i == index else "stepOff")
            label.style().unpolish(label)
            label.style().polish(label)


class ErrorBanner(QLabel):
    """A red box with one message; hidden while empty. Screen readers get the text as accessible name."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("error")
        self.setWordWrap(True)
        self.setVisible(False)

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setAccessibleName(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.show_message("")


class BusyBar(QProgressBar):
    """A thin indeterminate progress bar shown while a background step runs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(0, 0)
        self.setTextVisible(False)
        self.setFixedHeight(4)
        self.setVisible(False)


class EmptyState(QWidget):
    """The friendly placeholder of an empty central area."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        heading = QLabel(title)
        heading.setObjectName("title")
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body = QLabel(text)
        body.setObjectName("subtitle")
        body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body.setWordWrap(True)
        layout.addWidget(heading)
        layout.addWidget(body)
        layout.addStretch(2)
