"""Sociale kaart tab: type-as-you-search, filters, result list and detail pane."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListView, QSplitter, QVBoxLayout, QWidget

from koppdesk.content.gemeenten import UnknownGemeente
from koppdesk.gui.kaart_filters import KaartFilters
from koppdesk.gui.offer_detail import OfferDetailPane
from koppdesk.gui.offer_list_model import OfferIdRole, OfferItemDelegate, OfferListModel
from koppdesk.services.appservices import AppServices


class KaartView(QWidget):
    """The kaart tab.  It is on screen in the first frame, so it touches no `Qt.*` enum while
    it is built: PySide6 creates all of the Qt namespace's enums (~12 ms) the first time one
    is used.  `finish_setup` (right after the first frame) adds what needs them.
    """

    def __init__(self, services: AppServices, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.kaart = services.kaart
        self.filters = KaartFilters(services.gemeenten)
        self.filters.changed.connect(self.refresh)
        self.filters.error.connect(self._show_error)
        self.filters.move_to_results.connect(self._focus_results)
        self._finished = False

        self.model = OfferListModel(self)
        self.results = QListView()
        self.results.setModel(self.model)
        self.results.setItemDelegate(OfferItemDelegate(self.results))
        self.results.setAccessibleName("Gevonden aanbod")
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setUniformItemSizes(True)
        self.results.setAlternatingRowColors(True)
        self.results.setWordWrap(False)
        # Qt.ScrollBarPolicy.ScrollBarAlwaysOff, set through the Qt property, which takes the
        # enum's int (1): no Qt.* enum before the first frame (see the class docstring).
        self.results.setProperty("horizontalScrollBarPolicy", 1)
        self.results.selectionModel().currentChanged.connect(self._on_current)
        self.results.activated.connect(self._open_current)
        self.count = QLabel()
        self.count.setAccessibleName("Aantal resultaten")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Melding bij het zoeken")
        self.message.hide()

        self.detail = OfferDetailPane(self.kaart)
        self.detail.changed.connect(self._after_local_change)
        self.detail.edit_requested.connect(self._edit_local)
        self.detail.delete_requested.connect(self._delete_local)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.filters)
        left_layout.addWidget(self.message)
        left_layout.addWidget(self.count)
        left_layout.addWidget(self.results, 1)
        splitter = QSplitter()  # horizontal
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([450, 550])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.refresh()

    def finish_setup(self) -> None:
        """After the first frame: arrow keys from the search field, the gemeente completer,
        the detail pane's widgets (idempotent)."""
        if self._finished:
            return
        self._finished = True
        self.filters.finish_setup()
        self.detail.finish_setup()
        self.filters.text.installEventFilter(self)

    # -- public API (main window, other tabs, tests) ------------------------------------

    def result_views(self) -> list[QAbstractItemView]:
        """The result list (gui/readiness.py waits for it to show rows)."""
        return [self.results]

    def focus_search(self) -> None:
        from PySide6.QtCore import Qt

        self.filters.text.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filters.text.selectAll()

    def refresh(self) -> None:
        """Run the search again (after typing, a filter change, a sync or a local edit)."""
        current = self.detail.service_id
        try:
            filters = self.filters.filters()
        except UnknownGemeente as exc:
            self._show_error(str(exc))
            return
        self.message.hide()
        rows = self.kaart.search(filters)
        self.model.set_results(rows)
        n = len(rows)
        more = "+" if n >= filters.limit else ""
        self.count.setText("Geen aanbod gevonden." if n == 0 else f"{n}{more} aanbod gevonden")
        row = self.model.row_of(current) if current else -1
        if row >= 0:
            self.results.setCurrentIndex(self.model.index(row))
        self.detail.show_offer(current)

    def show_offer(self, service_id: str) -> None:
        """Show one offer in the detail pane (e.g. from the checklist's suggestions)."""
        row = self.model.row_of(service_id)
        if row >= 0:
            self.results.setCurrentIndex(self.model.index(row))
        self.detail.show_offer(service_id)

    def shutdown(self) -> None:
        """Stop pending searches; called by the main window before the store closes."""
        self.filters.shutdown()

    # -- handlers -----------------------------------------------------------------------

    def _show_error(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def _on_current(self, current, _previous) -> None:
        if current.isValid():
            self.detail.show_offer(current.data(OfferIdRole))

    def _open_current(self, index) -> None:
        if index.isValid():
            from PySide6.QtCore import Qt

            self.detail.show_offer(index.data(OfferIdRole))
            self.detail.browser.setFocus(Qt.FocusReason.OtherFocusReason)

    def _focus_results(self) -> None:
        if self.model.rowCount() > 0:
            from PySide6.QtCore import Qt

            if not self.results.currentIndex().isValid():
                self.results.setCurrentIndex(self.model.index(0))
            self.results.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        if watched is self.filters.text and event.type() == QEvent.Type.KeyPress:
            from PySide6.QtCore import Qt
            from PySide6.QtGui import QKeyEvent

            if isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Down:
                self._focus_results()
                return True
        return super().eventFilter(watched, event)

    def _after_local_change(self, service_id: str) -> None:
        self.refresh()
        self.show_offer(service_id)

    def _edit_local(self, service_id: str) -> None:
        from koppdesk.gui.local_dialogs import LocalOfferDialog

        dialog = LocalOfferDialog(self.services, self, service_id=service_id)
        if dialog.exec():
            self._after_local_change(service_id)

    def _delete_local(self, service_id: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(self, "Eigen aanbod verwijderen",
                                      "Dit eigen aanbod verwijderen? Notities blijven bewaard.")
        if answer == QMessageBox.StandardButton.Yes:
            self.kaart.store.delete_local_offer(service_id)
            self.detail.show_offer(None)
            self.refresh()
