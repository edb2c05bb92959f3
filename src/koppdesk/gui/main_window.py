"""The main window: one tab per task, a status bar with the age of the sociale kaart."""

from __future__ import annotations

from collections.abc import Callable

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMainWindow, QTabWidget, QVBoxLayout, QWidget

from koppdesk.services.appservices import AppServices

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMenu


class LazyTab(QWidget):
    """Builds its real content the first time it is shown, to keep start-up fast."""

    def __init__(self, factory: Callable[[], QWidget], parent: QWidget | None = None):
        super().__init__(parent)
        self._factory = factory
        self.content: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def ensure_built(self) -> QWidget:
        if self.content is None:
            self.content = self._factory()
            self._layout.addWidget(self.content)
        return self.content

    def showEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        self.ensure_built()
        super().showEvent(event)


#: finish_setup runs this long after the window is built even if it has not been painted yet.
FINISH_SETUP_LATEST_MS = 1000


class MainWindow(QMainWindow):
    """The first frame shows the menu bar's titles, the tabs (the kaart tab built) and the
    status bar; the menus' contents, the shortcuts and the sync (its status label and
    banner) are added right after that frame (`finish_setup`), or earlier when `menus`,
    `sync` or `about_action` are read.  bench/startup.py measures the way to that frame.
    """

    def __init__(self, services: AppServices):
        super().__init__()
        self.services = services
        self.setWindowTitle("koppdesk")
        self.setAccessibleName("koppdesk hoofdvenster")
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Onderdelen")
        self.tabs.setDocumentMode(True)
        # The sync banner goes above the tabs (added with the sync, after the first frame).
        central = QWidget()
        self._central_layout = QVBoxLayout(central)
        self._central_layout.setContentsMargins(0, 0, 0, 0)
        self._central_layout.setSpacing(0)
        self._central_layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.lazy_tabs: dict[str, LazyTab] = {}
        # Tabs have no Alt+letter mnemonic (the letters are needed by the fields inside the
        # tabs); Ctrl+1 .. Ctrl+6 switch tabs instead (see _build_actions).
        self._add_tab("kaart", "Sociale kaart", self._build_kaart)
        self._add_tab("kindcheck", "Kindcheck", self._build_kindcheck)
        self._add_tab("tips", "Gesprekstips", self._build_tips)
        self._add_tab("checklist", "Checklist", self._build_checklist)
        self._add_tab("dekking", "Dekking", self._build_dekking)
        self._add_tab("keten", "Ketenkaart", self._build_keten)
        self._build_status_bar()
        bar = self.menuBar()
        self._menus = {
            "bestand": bar.addMenu("&Bestand"),
            "kaart": bar.addMenu("&Sociale kaart"),
            "extra": bar.addMenu("E&xtra"),
            "help": bar.addMenu("&Help"),
        }
        self._sync = None
        self._about_action: QAction | None = None
        self._setup_pending = False
        self.setup_finished = False
        self.resize(1100, 720)
        # Normally right after the first frame (paintEvent); at the latest after this delay,
        # e.g. for a window that starts minimized and is not painted.  (A timer object: the
        # singleShot(ms, receiver, slot) form makes PySide6 create QMetaMethod's enums.)
        latest = QTimer(self)
        latest.setSingleShot(True)
        latest.timeout.connect(self.finish_setup)
        latest.start(FINISH_SETUP_LATEST_MS)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().paintEvent(event)
        if not self.setup_finished and not self._setup_pending:
            self._setup_pending = True
            QTimer.singleShot(0, self.finish_setup)  # once this frame is done

    def finish_setup(self) -> None:
        """Add what the first frame does not show: menu actions, shortcuts, sync, and the
        built tabs' own rest (`finish_setup` of a tab's widget; idempotent)."""
        if self.setup_finished:
            return
        self.setup_finished = True
        self._build_actions()
        from koppdesk.gui.sync_controller import install_sync

        self._sync = install_sync(self)
        for tab in self.lazy_tabs.values():
            if tab.content is not None:
                self._finish_content(tab.content)

    def _finish_content(self, content: QWidget) -> QWidget:
        if self.setup_finished and hasattr(content, "finish_setup"):
            content.finish_setup()
        return content

    @property
    def menus(self) -> dict[str, QMenu]:
        """Menus other modules add their actions to: "bestand", "kaart", "extra", "help"."""
        self.finish_setup()
        return self._menus

    @property
    def sync(self):
        """The SyncController (gui/sync_controller.py)."""
        self.finish_setup()
        return self._sync

    @property
    def about_action(self) -> QAction:
        self.finish_setup()
        return self._about_action

    def add_banner(self, banner: QWidget) -> None:
        """A banner above the tabs (the sync's warning)."""
        self._central_layout.insertWidget(0, banner)

    def _add_tab(self, key: str, title: str, factory: Callable[[], QWidget]) -> None:
        tab = LazyTab(lambda: self._finish_content(factory()))
        tab.setAccessibleName(title)
        self.lazy_tabs[key] = tab
        index = self.tabs.addTab(tab, title)
        self.tabs.setTabToolTip(index, f"{title} (Ctrl+{index + 1})")

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop the tabs' pending work and close the services (idempotent)."""
        self.setup_finished = True  # nothing more to build
        if self._sync is not None:
            self._sync.shutdown()
        for tab in self.lazy_tabs.values():
            if tab.content is not None and hasattr(tab.content, "shutdown"):
                tab.content.shutdown()
        self.services.close()

    def tab(self, key: str) -> QWidget:
        """The real widget of a tab (built now if needed); used by tests and shortcuts."""
        return self.lazy_tabs[key].ensure_built()

    def _build_kaart(self) -> QWidget:
        from koppdesk.gui.kaart_view import KaartView

        return KaartView(self.services)

    def _build_kindcheck(self) -> QWidget:
        from koppdesk.gui.content_tabs import build_kindcheck

        return build_kindcheck(self.services, self.open_tab)

    def _build_tips(self) -> QWidget:
        from koppdesk.gui.content_tabs import build_tips

        return build_tips(self.services)

    def _build_checklist(self) -> QWidget:
        from koppdesk.gui.content_tabs import build_checklist

        return build_checklist(self.services, self.open_offer)

    def open_tab(self, key: str) -> QWidget:
        """Switch to a tab (e.g. from a Kindcheck step) and return its widget."""
        self.tabs.setCurrentWidget(self.lazy_tabs[key])
        return self.tab(key)

    def open_offer(self, service_id: str) -> None:
        """Show one offer in the sociale kaart (e.g. from the checklist's suggestions)."""
        self.open_tab("kaart").show_offer(service_id)

    def _build_dekking(self) -> QWidget:
        from koppdesk.gui.dekking_view import DekkingView

        return DekkingView(self.services, open_offer=self.open_offer)

    def _build_keten(self) -> QWidget:
        from koppdesk.gui.keten_view import KetenView

        return KetenView(self.services)

    def _build_status_bar(self) -> None:
        from koppdesk.gui.status import DataAgeLabel

        self.data_age = DataAgeLabel(self.services)
        self.statusBar().addPermanentWidget(self.data_age)

    def _build_actions(self) -> None:
        from PySide6.QtGui import QAction, QKeySequence

        self._add_menu_action("kaart", "&Eigen aanbod toevoegen…", self._add_local_offer)
        self._add_menu_action("kaart", "&Korte lijnen (eigen contacten)…", self._open_contacts)
        self._add_menu_action("bestand", "Lokale gegevens &exporteren…", self._export_local)
        self._add_menu_action("bestand", "Lokale gegevens &importeren…", self._import_local)
        self._menus["bestand"].addSeparator()
        goto = self._menus["extra"].addMenu("&Ga naar onderdeel")
        for index, key in enumerate(self.lazy_tabs):
            action = goto.addAction(self.tabs.tabText(index))
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _=False, k=key: self.open_tab(k))
        find = QAction("Zoeken", self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self._focus_search)
        self.addAction(find)
        quit_action = self._add_menu_action("bestand", "&Afsluiten", self.close)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        # "Over koppdesk" (on macOS Qt moves it to the application menu); the dialog's module
        # is imported when it is opened, not on the start-up path.
        self._about_action = self._add_menu_action("help", "&Over koppdesk", self._show_about)
        self._about_action.setMenuRole(QAction.MenuRole.AboutRole)

    def _add_menu_action(self, menu: str, text: str, slot) -> QAction:
        from PySide6.QtGui import QAction

        action = QAction(text, self)
        action.triggered.connect(slot)
        self._menus[menu].addAction(action)
        return action

    def _show_about(self) -> None:
        from koppdesk.gui.about_dialog import show_about

        show_about(self)

    def _add_local_offer(self) -> None:
        from koppdesk.gui.local_dialogs import LocalOfferDialog

        dialog = LocalOfferDialog(self.services, self)
        if dialog.exec():
            self.tabs.setCurrentWidget(self.lazy_tabs["kaart"])
            self.tab("kaart").refresh()
            self.tab("kaart").show_offer(dialog.service_id)

    def _open_contacts(self) -> None:
        from koppdesk.gui.contacts_dialog import ContactsDialog

        ContactsDialog(self.services, self).exec()

    def _export_local(self) -> None:
        from koppdesk.gui.local_dialogs import export_local_dialog

        export_local_dialog(self.services, self)

    def _import_local(self) -> None:
        from koppdesk.gui.local_dialogs import import_local_dialog

        if import_local_dialog(self.services, self):
            self.tab("kaart").refresh()

    def _focus_search(self) -> None:
        self.tabs.setCurrentWidget(self.lazy_tabs["kaart"])
        self.tab("kaart").focus_search()
