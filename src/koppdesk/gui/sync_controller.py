"""Sync in the GUI: periodic and on request ("Nu bijwerken"), on a worker thread, with the
status bar, the warning banner and the confirmation of a large change.

Like Anki's operations: the work runs off the GUI thread, the result comes back as a
signal on the GUI thread, and one `data_changed` signal tells the views to refresh.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from koppdesk.feed.result import Outcome, SyncResult
from koppdesk.gui.sync_widgets import FeedBanner, SyncStatusLabel
from koppdesk.services.sync_status import attempt_short, attempt_text, last_sync_text, stale_warning

log = logging.getLogger(__name__)

#: How often the controller asks whether a periodic sync is due.
CHECK_EVERY_MS = 5 * 60 * 1000
#: Delay of the check at start, so the window is shown first.
START_DELAY_MS = 3000


class _Signals(QObject):
    done = Signal(object)


class _SyncJob(QRunnable):
    def __init__(self, sync, signals: _Signals, accept_sha256: str | None):
        super().__init__()
        self.sync, self.signals, self.accept_sha256 = sync, signals, accept_sha256

    def run(self) -> None:
        try:
            result = self.sync.run(accept_sha256=self.accept_sha256)
        except Exception as exc:  # never lose the signal: the GUI would wait forever
            log.exception("sync job failed")
            from datetime import datetime, timezone

            result = SyncResult(Outcome.ERROR, f"Bijwerken is mislukt door een programmafout ({exc}).",
                                "bug", datetime.now(timezone.utc))
        self.signals.done.emit(result)


def confirm_large_change(parent: QWidget, result: SyncResult) -> bool:
    p = result.preview
    text = (f"De nieuwe versie ({result.version}) van de sociale kaart verandert veel tegelijk:\n\n"
            f"• {p.withdrawn} van de {p.active} aanbiedingen verdwijnen\n"
            f"• bij {p.phones_changed} aanbiedingen verandert het telefoonnummer\n\n"
            "Dat kan een vergissing van de uitgever zijn. Weet u zeker dat de update klopt "
            "(bijvoorbeeld na een bericht van de uitgever)?")
    box = QMessageBox(QMessageBox.Icon.Warning, "Grote wijziging in de sociale kaart", text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.button(QMessageBox.StandardButton.Yes).setText("Toch doorvoeren")
    box.button(QMessageBox.StandardButton.No).setText("Niet nu")
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


class SyncController(QObject):
    started = Signal()
    finished = Signal(object)  # SyncResult
    #: New data was applied: views re-read what they show.
    data_changed = Signal()

    def __init__(self, window: QMainWindow, services):
        super().__init__(window)
        self.window, self.services = window, services
        self.running = False
        self.last_result: SyncResult | None = None
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _Signals(self)
        self._signals.done.connect(self._on_done)
        self.banner = FeedBanner()
        self.banner.sync_requested.connect(self.sync_now)
        self.status = SyncStatusLabel()
        self.sync_action = QAction("Nu &bijwerken", window)
        self.sync_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.sync_action.setStatusTip("Haal de nieuwste sociale kaart op bij de uitgever")
        self.sync_action.triggered.connect(self.sync_now)
        self.settings_action = QAction("&Instellingen sociale kaart…", window)
        self.settings_action.triggered.connect(self.open_settings)
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_EVERY_MS)
        self._timer.timeout.connect(self.sync_if_due)
        self.refresh_state()

    # -- public ------------------------------------------------------------------------------

    def start(self, start_delay_ms: int = START_DELAY_MS) -> None:
        self._timer.start()
        QTimer.singleShot(start_delay_ms, self.sync_if_due)

    def sync_if_due(self) -> None:
        if not self.running and self.services.sync.is_due():
            log.info("periodic sync is due")
            self.sync_now()

    def sync_now(self, accept_sha256: str | None = None) -> None:
        if self.running:
            return
        self.running = True
        self.sync_action.setEnabled(False)
        self.banner.button.setEnabled(False)
        self.status.show_state("", "Bezig met bijwerken…", busy=True)
        self.started.emit()
        self._pool.start(_SyncJob(self.services.sync, self._signals, accept_sha256 or None))

    def refresh_state(self) -> None:
        meta = self.services.store.meta()
        configured = self.services.sync.configuration_problem() is None
        last = self.services.sync.last_attempt()
        short = attempt_short(last)
        self.status.show_state(last_sync_text(meta) + (f" — {short}" if short else ""), attempt_text(last))
        self.banner.set_warning(stale_warning(meta, configured))

    def open_settings(self) -> None:
        from koppdesk.gui.settings_dialog import SyncSettingsDialog

        dialog = SyncSettingsDialog(self.services, self.window)
        if dialog.exec() and dialog.changed_feed and self.services.sync.configuration_problem() is None:
            self.sync_now()
        self.refresh_state()

    def shutdown(self) -> None:
        """Stop timers and a running sync's network traffic; wait briefly for the worker."""
        self._timer.stop()
        self.services.sync.cancel()
        self._pool.waitForDone(5000)

    # -- handlers ------------------------------------------------------------------------------

    def _on_done(self, result: SyncResult) -> None:
        self.running = False
        self.last_result = result
        self.sync_action.setEnabled(True)
        self.banner.button.setEnabled(True)
        log.info("sync finished: %s", result.summary_line())
        if result.outcome == Outcome.APPLIED:
            self.data_changed.emit()
        self.refresh_state()
        self.window.statusBar().showMessage(result.message, 15000)
        self.finished.emit(result)
        if result.outcome == Outcome.HELD and result.preview is not None:
            if confirm_large_change(self.window, result):
                self.sync_now(accept_sha256=result.payload_sha256)


def _refresh_views(window) -> None:
    if hasattr(window, "data_age"):
        window.data_age.refresh()
    for tab in getattr(window, "lazy_tabs", {}).values():
        content = getattr(tab, "content", None)
        if content is not None and hasattr(content, "refresh"):
            content.refresh()


def install_sync(window: QMainWindow, start: bool = True) -> SyncController:
    """Add sync to the main window: menu actions, banner above the tabs, status label."""
    controller = SyncController(window, window.services)
    window.menus["kaart"].addSeparator()
    window.menus["kaart"].addAction(controller.sync_action)
    window.menus["extra"].addAction(controller.settings_action)
    window.add_banner(controller.banner)
    window.statusBar().addPermanentWidget(controller.status)
    controller.data_changed.connect(lambda: _refresh_views(window))
    if start:
        controller.start()
    return controller
