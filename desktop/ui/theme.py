"""The app's look: one Fusion-based palette and style sheet, applied once in ``app_main``."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

ACCENT = "#1f5fa8"
ACCENT_DARK = "#174a84"
BRAND_BG = "#14304f"
TEXT = "#1d2733"
MUTED = "#5b6b7c"
ERROR_BG = "#fdecec"
ERROR_FG = "#9b1c1c"
BORDER = "#c9d3de"

STYLE_SHEET = f"""
QWidget {{ color: {TEXT}; }}
QLabel#title {{ font-size: 20pt; font-weight: 600; }}
QLabel#subtitle {{ color: {MUTED}; font-size: 11pt; }}
QLabel#muted {{ color: {MUTED}; }}
QLabel#error {{
    background: {ERROR_BG}; color: {ERROR_FG}; border: 1px solid #f2b8b8;
    border-radius: 6px; padding: 8px 10px;
}}
QLabel#hint {{ background: #eef4fb; border: 1px solid #cfe0f3; border-radius: 6px; padding: 8px 10px; }}
QWidget#brand {{ background: {BRAND_BG}; }}
QWidget#brand QLabel {{ color: #ffffff; }}
QLabel#brandTitle {{ font-size: 22pt; font-weight: 700; }}
QLabel#brandText {{ color: #c8d6e6; font-size: 11pt; }}
QLabel#stepOn {{ color: #ffffff; font-weight: 600; }}
QLabel#stepOff {{ color: #8fa6bf; }}
QLineEdit {{
    border: 1px solid {BORDER}; border-radius: 6px; padding: 6px 8px; background: #ffffff; min-height: 20px;
}}
QLineEdit:focus {{ border: 2px solid {ACCENT}; padding: 5px 7px; }}
QComboBox, QSpinBox {{ min-height: 28px; }}
QPushButton {{
    border: 1px solid {BORDER}; border-radius: 6px; padding: 7px 16px; background: #ffffff; min-width: 80px;
}}
QPushButton:hover {{ background: #f1f5f9; }}
QPushButton:focus {{ border: 2px solid {ACCENT}; padding: 6px 15px; }}
QPushButton#primary {{ background: {ACCENT}; color: #ffffff; border: 1px solid {ACCENT_DARK}; font-weight: 600; }}
QPushButton#primary:hover {{ background: {ACCENT_DARK}; }}
QPushButton#primary:disabled {{ background: #9db5d1; border-color: #9db5d1; }}
QPushButton#primary:focus {{ border: 2px solid #0b2f57; }}
QProgressBar {{ border: none; background: #e3eaf2; border-radius: 2px; max-height: 4px; }}
QProgressBar::chunk {{ background: {ACCENT}; }}
QStatusBar {{ background: #f3f6f9; border-top: 1px solid #dde4ec; }}
QStatusBar QLabel {{ padding: 0 8px; }}
QLabel#online {{ color: #1e7a3c; font-weight: 600; }}
QLabel#offline {{ color: #a15c00; font-weight: 600; }}
QTextBrowser {{ border: 1px solid {BORDER}; border-radius: 6px; padding: 6px; background: #ffffff; }}
"""


def apply_theme(app: QApplication) -> None:
    """Fusion style, a light palette with the accent colour, and the style sheet."""
    app.setStyle("Fusion")
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#f7f9fb"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(TEXT))
    palette.setColor(QPalette.ColorRole.Text, QColor(TEXT))
    app.setPalette(palette)
    font = QFont(app.font())
    font.setPointSize(max(font.pointSize(), 10))
    app.setFont(font)
    app.setStyleSheet(STYLE_SHEET)
