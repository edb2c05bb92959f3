"""Settings of the sociale-kaart feed: address, trust root, interval, proxy.

Keys IT locked in the machine file (or set on the command line / in the environment) are
shown read-only with where they come from.  Saving writes the user settings file.
"""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from koppdesk.config import SettingsError, save_user_settings
from koppdesk.services.sync_status import attempt_text

log = logging.getLogger(__name__)

#: Sources whose value the user file cannot override.
FIXED_SOURCES = {"opdrachtregel": "ingesteld op de opdrachtregel", "omgeving": "ingesteld in de omgeving",
                 "machine (vergrendeld)": "vergrendeld door IT-beheer"}
PROXY_CHOICES = [("Systeeminstellingen (aanbevolen)", None), ("Geen proxy", "geen"), ("Deze proxy:", "url")]


class SyncSettingsDialog(QDialog):
    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.settings = services.settings
        self.changed_feed = False
        self.setWindowTitle("Instellingen sociale kaart")
        self.setAccessibleName("Instellingen sociale kaart")
        self.url = QLineEdit(self.settings.feed_url or "")
        self.url.setPlaceholderText("https://www.voorbeeld.nl/sociale-kaart/")
        self.root = QLineEdit(str(self.settings.trust_root or ""))
        self.root.setPlaceholderText("root.json van de uitgever")
        self.browse = QPushButton("Kiezen…")
        self.browse.clicked.connect(self._choose_root)
        self.interval = QDoubleSpinBox()
        self.interval.setRange(0.25, 24 * 14)
        self.interval.setDecimals(2)
        self.interval.setSuffix(" uur")
        self.interval.setValue(self.settings.sync_interval_hours)
        self.proxy_kind = QComboBox()
        for label, _ in PROXY_CHOICES:
            self.proxy_kind.addItem(label)
        proxy = self.settings.proxy
        self.proxy_kind.setCurrentIndex(0 if proxy is None else 1 if proxy == "geen" else 2)
        self.proxy_url = QLineEdit(proxy if proxy not in (None, "geen") else "")
        self.proxy_url.setPlaceholderText("http://proxy.praktijk.local:8080")
        self.proxy_kind.currentIndexChanged.connect(self._proxy_kind_changed)

        root_row = QHBoxLayout()
        root_row.addWidget(self.root, 1)
        root_row.addWidget(self.browse)
        proxy_row = QHBoxLayout()
        proxy_row.addWidget(self.proxy_kind)
        proxy_row.addWidget(self.proxy_url, 1)
        form = QFormLayout()
        self.notes: dict[str, QLabel] = {}
        for key, label, field in (("feed_url", "Feed-adres:", self.url), ("trust_root", "Vertrouwensbron:", root_row),
                                  ("sync_interval_hours", "Bijwerken elke:", self.interval),
                                  ("proxy", "Proxy:", proxy_row)):
            form.addRow(label, field)
            note = QLabel()
            note.setWordWrap(True)
            self.notes[key] = note
            form.addRow("", note)
            note.hide()
        intro = QLabel("koppdesk haalt de sociale kaart op bij de uitgever in uw regio en controleert de "
                       "handtekening met de vertrouwensbron (root.json) die u van de uitgever of IT-beheer krijgt.")
        intro.setWordWrap(True)
        last = QLabel(attempt_text(services.sync.last_attempt()))
        last.setWordWrap(True)
        last.setAccessibleName("Laatste poging tot bijwerken")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Opslaan")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(last)
        layout.addWidget(buttons)
        self._apply_locks()
        self._proxy_kind_changed(self.proxy_kind.currentIndex())
        self.resize(560, self.sizeHint().height())

    # -- state -----------------------------------------------------------------------------

    def fixed(self, key: str) -> str | None:
        """Why `key` cannot be changed here, or None."""
        if key in self.settings.locked:
            return FIXED_SOURCES["machine (vergrendeld)"]
        return FIXED_SOURCES.get(self.settings.sources.get(key, ""))

    def _apply_locks(self) -> None:
        widgets = {"feed_url": [self.url], "trust_root": [self.root, self.browse],
                   "sync_interval_hours": [self.interval], "proxy": [self.proxy_kind, self.proxy_url]}
        for key, items in widgets.items():
            why = self.fixed(key)
            for w in items:
                w.setEnabled(why is None)
            if why:
                self.notes[key].setText(f"{why[0].upper()}{why[1:]}; u kunt dit hier niet wijzigen.")
                self.notes[key].show()

    def _proxy_kind_changed(self, index: int) -> None:
        self.proxy_url.setEnabled(index == 2 and self.fixed("proxy") is None)

    def _choose_root(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Vertrouwensbron kiezen", self.root.text(),
                                              "Vertrouwensbron (*.json)")
        if path:
            self.root.setText(path)

    def values(self) -> dict:
        kind = PROXY_CHOICES[self.proxy_kind.currentIndex()][1]
        proxy = self.proxy_url.text().strip() if kind == "url" else kind
        root = self.root.text().strip()
        return {"feed_url": self.url.text().strip() or None, "trust_root": Path(root) if root else None,
                "sync_interval_hours": round(self.interval.value(), 2), "proxy": proxy or None}

    def changes(self) -> dict:
        current = {"feed_url": self.settings.feed_url, "trust_root": self.settings.trust_root,
                   "sync_interval_hours": self.settings.sync_interval_hours, "proxy": self.settings.proxy}
        return {k: v for k, v in self.values().items() if v != current[k] and self.fixed(k) is None}

    # -- saving ------------------------------------------------------------------------------

    def save(self) -> None:
        changes = self.changes()
        if not changes:
            self.accept()
            return
        root = changes.get("trust_root")
        if root is not None:
            problem = self.services.sync.check_trust_root(root)
            if problem:
                QMessageBox.warning(self, "Vertrouwensbron", f"Deze vertrouwensbron is niet bruikbaar:\n{problem}")
                return
        try:
            path = save_user_settings(self.settings, changes)
        except SettingsError as exc:
            QMessageBox.warning(self, "Instellingen", str(exc))
            return
        sources = {**self.settings.sources, **{k: "gebruiker" for k in changes}}
        new = dataclasses.replace(self.settings, **changes, sources=sources)
        self.services.settings = new
        self.services.sync.use_settings(new)
        self.changed_feed = bool({"feed_url", "trust_root", "proxy"} & changes.keys())
        log.info("feed settings saved to %s: %s", path, sorted(changes))
        self.accept()
