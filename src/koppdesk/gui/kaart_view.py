"""Sociale kaart tab (placeholder while the real view is being built)."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from koppdesk.services.appservices import AppServices


class KaartView(QWidget):
    def __init__(self, services: AppServices):
        super().__init__()
        self.services = services
        self.search = QLineEdit()
        self.search.setAccessibleName("Zoeken in de sociale kaart")
        QVBoxLayout(self).addWidget(self.search)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()
