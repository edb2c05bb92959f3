"""Status-bar widgets."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from koppdesk.services.appservices import AppServices
from koppdesk.services.status import data_age_text


class DataAgeLabel(QLabel):
    """Shows how old the sociale kaart data is; `refresh()` after a sync."""

    def __init__(self, services: AppServices):
        super().__init__()
        self.services = services
        self.setAccessibleName("Ouderdom sociale kaart")
        self.refresh()

    def refresh(self) -> None:
        self.setText(data_age_text(self.services.store.meta()))
