"""Widgets that show the sync state: a warning banner and a status-bar label."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class FeedBanner(QFrame):
    """A warning above the tabs when the sociale kaart may be out of date; hidden otherwise."""

    sync_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("feedBanner")
        self.setAccessibleName("Waarschuwing sociale kaart")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#feedBanner { background: #fff4ce; border: 1px solid #c8a200; border-radius: 3px; }"
                           " #feedBanner QLabel { color: #3d3000; }")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.button = QPushButton("Nu bijwerken")
        self.button.setAccessibleName("Sociale kaart nu bijwerken")
        self.button.clicked.connect(self.sync_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.hide()

    def set_warning(self, text: str | None) -> None:
        self.text.setText(text or "")
        self.setVisible(bool(text))


class SyncStatusLabel(QLabel):
    """Last successful sync and the result of the last attempt, in words."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Bijwerken sociale kaart")
        self.setTextFormat(Qt.TextFormat.PlainText)

    def show_state(self, last_sync: str, attempt: str, busy: bool = False) -> None:
        self.setText("Bijwerken…" if busy else last_sync)
        self.setToolTip(attempt)
        self.setAccessibleDescription(attempt)
