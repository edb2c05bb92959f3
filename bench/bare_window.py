"""Baseline for bench/startup.py: the least a PySide6 program does to show a window.

QApplication, one QWidget of the main window's size shown, and as soon as its first frame
is painted: print `ready` and quit — the same moment `koppdesk --quit-when-ready` reports.
"""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget


class Window(QWidget):
    painted = False

    def paintEvent(self, event):  # noqa: N802 (Qt naming)
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            QTimer.singleShot(0, ready)  # after this paint is done


def ready() -> None:
    print("ready", flush=True)
    app.quit()


app = QApplication(sys.argv)
window = Window()
window.resize(1100, 720)
window.show()
sys.exit(app.exec())
