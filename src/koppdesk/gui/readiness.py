"""Knowing when the main window is really up: shown, exposed, and the sociale kaart listed.

Used by `--quit-when-ready` (start-up benchmark) and `--selftest`.  It depends on the kaart
tab only through plain Qt: a visible item view (list/table/tree) with rows in it, among the
views the tab names (`result_views()`; tests/test_selftest.py checks that these are all the
visible lists it has).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QMainWindow, QWidget

POLL_MS = 10


def listed_rows(window: QMainWindow, area: QWidget, expected: int) -> int | None:
    """Rows the list in `area` (the kaart tab) shows once the window is up; None while not ready.

    -1 means the window is up but `area` has no visible list (nothing to wait for).
    Hidden item views (a combo box's popup, a completer) do not count.
    """
    handle = window.windowHandle()
    if not window.isVisible() or handle is None or not handle.isExposed():
        return None
    views = [v for v in item_views(area) if v.isVisible() and v.model() is not None]
    if not views:
        return -1
    rows = max(v.model().rowCount() for v in views)
    return rows if rows >= min(expected, 1) else None


def item_views(area: QWidget) -> list[QAbstractItemView]:
    """The item views in `area`: the ones it names in `result_views()`, else all it holds.

    Naming them spares findChildren, which makes PySide6 wrap every child object (~1.5 ms
    for the kaart tab before its first frame is reported).
    """
    named = getattr(area, "result_views", None)
    return list(named()) if named is not None else area.findChildren(QAbstractItemView)


class ReadinessWatch(QObject):
    """Emits `ready(rows)` once, as soon as the window has painted a frame and `listed_rows`
    says it is ready.

    Watches the window's paint events and checks right after the first one (Qt paints the
    whole window, children included, in one pass), so the first frame counts without waiting
    for a poll; every POLL_MS it checks again, for a list that fills later.  It does not
    watch the lists' viewports: handing a viewport (a plain QWidget made by Qt) to Python
    makes PySide6 load every widget class it might be (~6 ms before the first frame).
    """

    ready = Signal(int)

    def __init__(self, window: QMainWindow, expected_rows: int):
        super().__init__(window)
        self._window = window
        self._expected = expected_rows
        self._painted = False
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._check)

    def start(self) -> None:
        self._timer.start()
        self._window.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt naming)
        if event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True
            QTimer.singleShot(0, self._check)  # after this frame is done
        return False

    def _check(self) -> None:
        if not self._timer.isActive() or not self._painted:
            return
        rows = listed_rows(self._window, self._window.tab("kaart"), self._expected)
        if rows is not None:
            self._timer.stop()
            self._window.removeEventFilter(self)
            self.ready.emit(rows)


def rows_text(rows: int) -> str:
    return "sociale kaart zonder lijst" if rows < 0 else f"sociale kaart toont {rows} aanbod"
