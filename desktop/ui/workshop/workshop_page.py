"""Workshops: "Fahrzeug per QR-Code hinzufügen" (camera, image file or typed code) and the granted vehicles."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDateTime, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtMultimedia import QCamera, QMediaCaptureSession, QMediaDevices, QVideoFrame, QVideoSink
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services.workshop_service import GrantView
from desktop.ui.documents.texts import docs_error_text
from desktop.ui.widgets.common import ErrorBanner

IMAGE_FILTER = QT_TRANSLATE_NOOP("WorkshopPage", "Bilder (*.png *.jpg *.jpeg *.bmp)")


class WorkshopPage(QWidget):
    """``WorkshopPage(workshop_service)``: add a vehicle by its sticker, see the grants and their expiry."""

    def __init__(self, workshop_service: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = workshop_service
        self.camera: QCamera | None = None
        self.session: QMediaCaptureSession | None = None
        self.sink: QVideoSink | None = None
        self._decoding = False

        title = QLabel(self.tr("Werkstatt"))
        title.setObjectName("title")
        self.banner = ErrorBanner()
        self.notice = QLabel()
        self.notice.setObjectName("hint")
        self.notice.setWordWrap(True)
        self.notice.setVisible(False)

        box = QGroupBox(self.tr("Fahrzeug per QR-Code hinzufügen"))
        explain = QLabel(
            self.tr(
                "Scannen Sie den QR-Aufkleber des Fahrzeugs oder tippen Sie den Code darunter ab. Der Halter "
                "erhält eine Anfrage und gibt den Zugriff in seiner App frei."
            )
        )
        explain.setWordWrap(True)
        self.camera_button = QPushButton(self.tr("Mit &Kamera scannen"))
        self.file_button = QPushButton(self.tr("Aus &Bilddatei lesen …"))
        self.camera_note = QLabel()
        self.camera_note.setObjectName("muted")
        self.camera_note.setWordWrap(True)
        self.preview = QLabel()
        self.preview.setFixedSize(360, 270)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("background: #1d2733; color: #ffffff; border-radius: 8px;")
        self.preview.setVisible(False)
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText(self.tr("Code vom Aufkleber, z. B. AbCd EfGh …"))
        self.code_edit.setAccessibleName(self.tr("Code vom Aufkleber"))
        code_label = QLabel(self.tr("&Code:"))
        code_label.setBuddy(self.code_edit)
        self.request_button = QPushButton(self.tr("Zugriff &anfragen"))
        self.request_button.setObjectName("primary")
        self.request_button.setEnabled(False)
        self.code_edit.textChanged.connect(lambda text: self.request_button.setEnabled(bool(text.strip())))
        self.code_edit.returnPressed.connect(self.send_request)
        self.request_button.clicked.connect(self.send_request)
        self.file_button.clicked.connect(self.choose_image)
        self.camera_button.clicked.connect(self.toggle_camera)

        sources = QHBoxLayout()
        sources.addWidget(self.camera_button)
        sources.addWidget(self.file_button)
        sources.addStretch(1)
        typed = QHBoxLayout()
        typed.addWidget(code_label)
        typed.addWidget(self.code_edit, 1)
        typed.addWidget(self.request_button)
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(explain)
        box_layout.addLayout(sources)
        box_layout.addWidget(self.camera_note)
        box_layout.addWidget(self.preview)
        box_layout.addLayout(typed)

        grants_title = QLabel(self.tr("Freigegebene Fahrzeuge und Anfragen"))
        grants_title.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.refresh_button = QPushButton(self.tr("&Aktualisieren"))
        self.refresh_button.clicked.connect(lambda: self.service.refresh(fail=self._failed))
        self.grants = QTableWidget(0, 4)
        self.grants.setHorizontalHeaderLabels(
            [self.tr("Fahrzeug"), self.tr("Werkstatt"), self.tr("Status"), self.tr("Gültig bis")]
        )
        self.grants.verticalHeader().setVisible(False)
        self.grants.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grants.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.grants.setAlternatingRowColors(True)
        self.grants.setShowGrid(False)
        self.grants.setAccessibleName(self.tr("Freigegebene Fahrzeuge"))
        header = self.grants.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        grants_head = QHBoxLayout()
        grants_head.addWidget(grants_title)
        grants_head.addStretch(1)
        grants_head.addWidget(self.refresh_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addWidget(title)
        layout.addWidget(self.banner)
        layout.addWidget(self.notice)
        layout.addWidget(box)
        layout.addLayout(grants_head)
        layout.addWidget(self.grants, 1)
        for first, second in (
            (self.camera_button, self.file_button),
            (self.file_button, self.code_edit),
            (self.code_edit, self.request_button),
            (self.request_button, self.refresh_button),
            (self.refresh_button, self.grants),
        ):
            self.setTabOrder(first, second)

        self._check_camera()
        self.service.grants_changed.connect(self.show_grants)
        self.service.refresh(fail=self._failed)

    # -- camera ----------------------------------------------------------------------------------------

    def _check_camera(self) -> None:
        if QMediaDevices.videoInputs():
            self.camera_note.setText(self.tr("Halten Sie den Aufkleber ruhig vor die Kamera."))
            return
        self.camera_button.setEnabled(False)
        self.camera_note.setText(
            self.tr("Keine Kamera gefunden. Lesen Sie den Aufkleber aus einem Foto oder tippen Sie den Code ab.")
        )

    def toggle_camera(self) -> None:
        if self.camera is not None:
            self.stop_camera()
            return
        self.camera = QCamera(QMediaDevices.defaultVideoInput(), self)
        self.sink = QVideoSink(self)
        self.session = QMediaCaptureSession(self)
        self.session.setCamera(self.camera)
        self.session.setVideoSink(self.sink)
        self.sink.videoFrameChanged.connect(self._frame)
        self.camera.errorOccurred.connect(lambda *_: self._camera_failed())
        self.camera.start()
        self.preview.setVisible(True)
        self.preview.setText(self.tr("Kamera startet …"))
        self.camera_button.setText(self.tr("&Kamera beenden"))

    def _camera_failed(self) -> None:
        self.stop_camera()
        self.banner.show_message(self.tr("Die Kamera konnte nicht gestartet werden."))

    def stop_camera(self) -> None:
        if self.camera is not None:
            self.camera.stop()
            self.camera.deleteLater()
        self.camera = self.session = self.sink = None
        self.preview.setVisible(False)
        self.camera_button.setText(self.tr("Mit &Kamera scannen"))

    def _frame(self, frame: QVideoFrame) -> None:
        image = frame.toImage()
        if image.isNull():
            return
        self.preview.setPixmap(
            QPixmap.fromImage(image).scaled(
                self.preview.size(), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation
            )
        )
        if not self._decoding:
            self._decoding = True
            self.service.decode_image(image, self._scanned_from_camera, lambda _: self._decoded_none())

    def _decoded_none(self) -> None:
        self._decoding = False

    def _scanned_from_camera(self, token: str) -> None:
        self._decoding = False
        self.stop_camera()
        self._scanned(token)

    # -- image file and typed code ---------------------------------------------------------------------

    def choose_image(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Foto des Aufklebers wählen"), "", self.tr(IMAGE_FILTER))
        if name:
            self.read_image_file(Path(name))

    def read_image_file(self, path: Path) -> None:
        self.service.decode_file(path, self._scanned, self._failed)

    def read_image(self, image: QImage) -> None:
        self.service.decode_image(image, self._scanned, self._failed)

    def _scanned(self, token: str) -> None:
        self.code_edit.setText(token)
        self.send_request()

    def send_request(self) -> None:
        text = self.code_edit.text()
        if not text.strip():
            return
        self.banner.clear_message()
        try:
            self.service.request_access(text, self._sent, self._failed)
        except ValueError as exc:
            self._failed(exc)

    def _sent(self, view: GrantView) -> None:
        self.code_edit.clear()
        self.notice.setText(
            self.tr("Die Anfrage wurde gesendet. Sobald der Halter zustimmt, erscheint das Fahrzeug in der Liste.")
        )
        self.notice.setVisible(True)

    def _failed(self, exc: BaseException) -> None:
        self.notice.setVisible(False)
        self.banner.show_message(docs_error_text(exc))

    # -- grants ----------------------------------------------------------------------------------------

    def _status_text(self, status: str) -> str:
        return {
            "requested": self.tr("angefragt"),
            "approved": self.tr("freigegeben"),
            "active": self.tr("freigegeben"),
            "denied": self.tr("abgelehnt"),
            "revoked": self.tr("widerrufen"),
            "expired": self.tr("abgelaufen"),
        }.get(status, status)

    def _date_text(self, value: str | None) -> str:
        if not value:
            return "–"
        moment = QDateTime.fromString(value.replace("Z", "+00:00")[:19], "yyyy-MM-ddTHH:mm:ss")
        if not moment.isValid():
            return value[:10]
        return moment.date().toString("dd.MM.yyyy")

    def show_grants(self, views: list[GrantView]) -> None:
        self.grants.setRowCount(len(views))
        for row, view in enumerate(views):
            vehicle = view.vehicle
            waiting = self.tr("(noch nicht freigegeben)")
            name = (vehicle.nickname or vehicle.vin_masked) if vehicle is not None else waiting
            cells = (name, view.org_name, self._status_text(view.grant.status), self._date_text(view.grant.expires_at))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, view)
                self.grants.setItem(row, column, item)

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        self.stop_camera()
        super().closeEvent(event)
