"""Help ▸ Over koppdesk: what IT asks on the phone, as selectable text with a copy button."""

from __future__ import annotations

from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from koppdesk.logsetup import active_log_file
from koppdesk.services.appservices import AppServices
from koppdesk.services.diagnostics import about_text


class AboutDialog(QDialog):
    def __init__(self, services: AppServices, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Over koppdesk")
        self.setAccessibleName("Over koppdesk")
        intro = QLabel("koppdesk: Kindcheck, gesprekstips, checklist en sociale kaart voor KOPP/KOV.\n"
                       "Geeft u deze gegevens door aan IT-beheer? Gebruik ‘Kopieer’ en plak ze in een e-mail.")
        intro.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setAccessibleName("Gegevens voor IT-beheer")
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setPlainText(about_text(services, active_log_file(), f"Qt {qVersion()}"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("&Kopieer")
        self.copy_button.setToolTip("Kopieer alle gegevens naar het klembord")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self._on_copy)
        buttons.rejected.connect(self.reject)
        self.copied = QLabel("")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.text)
        layout.addWidget(self.copied)
        layout.addWidget(buttons)
        self.resize(760, 520)

    def _on_copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())
        self.copied.setText("Gekopieerd naar het klembord.")


def show_about(window: QMainWindow) -> AboutDialog:
    dialog = AboutDialog(window.services, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
