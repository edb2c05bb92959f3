"""The database's full integrity check, run on a worker thread once the window is up.

Opening the database checks its header and schema only (store/db.py); the full
`PRAGMA quick_check` reads the whole file, which would hold up the first window for a
national sociale kaart.  It runs shortly after start-up instead, and a damaged file
leads to the same rescue question as at start-up.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, QTimer, Signal

from koppdesk.store import Store

log = logging.getLogger(__name__)

#: Wait this long after the window is shown, so the check never competes with the first frame.
START_DELAY_MS = 1000


class BackgroundIntegrityCheck(QObject):
    """Emits `damaged(message)` (Dutch) on the GUI thread when the check finds damage."""

    damaged = Signal(str)

    def __init__(self, store: Store, parent: QObject | None = None, delay_ms: int | None = None):
        super().__init__(parent)
        self._check = store.integrity_check()
        self._thread: threading.Thread | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(START_DELAY_MS if delay_ms is None else delay_ms)
        self._timer.timeout.connect(self._start_now)

    def start(self) -> None:
        """Start the check after the delay (returns at once)."""
        self._timer.start()

    def stop(self) -> None:
        """Cancel a pending or running check and wait for the worker (idempotent)."""
        self._timer.stop()
        self._check.cancel()
        if self._thread is not None:
            self._thread.join()

    def _start_now(self) -> None:
        self._thread = threading.Thread(target=self._run, name="koppdesk-integrity", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        damage = self._check.run()
        if damage is None:
            log.info("integrity check of %s: ok", self._check.path)
        else:
            self.damaged.emit(str(damage))
