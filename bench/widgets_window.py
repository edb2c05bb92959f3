"""Reference for bench/startup.py (reported, not the baseline): koppdesk's first window without
koppdesk — the same kinds of Qt widgets (menu bar, tabs, search fields, a 500-row two-line
list, a text pane, status bar) filled with fixed text, no settings, logging, database or
application code.  Prints `ready` after its first paint, like bench/bare_window.py.
"""

import sys

from PySide6.QtCore import QStringListModel, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)


class Window(QMainWindow):
    painted = False

    def paintEvent(self, event):  # noqa: N802 (Qt naming)
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            QTimer.singleShot(0, ready)


def ready() -> None:
    print("ready", flush=True)
    app.quit()


app = QApplication(sys.argv)
window = Window()
window.resize(1100, 720)
for title in ("&Bestand", "&Sociale kaart", "E&xtra", "&Help"):
    window.menuBar().addMenu(title)
tabs = QTabWidget()
window.setCentralWidget(tabs)
page = QWidget()
layout = QVBoxLayout(page)
layout.addWidget(QLineEdit())
for items in (["Alle gemeenten"], ["Alle soorten"], ["Alle problemen"]):
    combo = QComboBox()
    combo.addItems(items)
    layout.addWidget(combo)
results = QListView()
results.setModel(QStringListModel([f"Aanbod {i}\nOrganisatie · 4–12 jaar · groep" for i in range(500)]))
splitter = QSplitter(Qt.Orientation.Horizontal)
splitter.addWidget(results)
splitter.addWidget(QTextBrowser())
layout.addWidget(splitter)
tabs.addTab(page, "Sociale &kaart")
for title in ("K&indcheck", "&Gesprekstips", "&Checklist"):
    tabs.addTab(QLabel(title), title)
window.statusBar().addPermanentWidget(QLabel("Gegevens van vandaag"))
window.show()
sys.exit(app.exec())
