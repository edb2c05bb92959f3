"""Gesprekstips tab: search, filter by audience, favourites, print or save a card set."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from koppdesk.content.models import AUDIENCE_LABELS, Card
from koppdesk.services.tips import TipsService

CardIdRole = Qt.ItemDataRole.UserRole


class TipsView(QWidget):
    def __init__(self, tips: TipsService, parent: QWidget | None = None):
        super().__init__(parent)
        self.tips = tips
        self.text = QLineEdit()
        self.text.setPlaceholderText("Zoek in de gesprekstips, bijv. ‘boos’, ‘school’ of ‘melden’")
        self.text.setClearButtonEnabled(True)
        self.text.setAccessibleName("Zoeken in de gesprekstips")
        self.text.textChanged.connect(lambda _: self.refresh())
        self.audience = QComboBox()
        self.audience.addItem("Iedereen", None)
        for key, label in AUDIENCE_LABELS.items():
            self.audience.addItem(label, key)
        self.audience.setAccessibleName("Gesprek met")
        self.audience.currentIndexChanged.connect(lambda _: self.refresh())
        self.favourites_only = QCheckBox("Alleen &favorieten")
        self.favourites_only.setAccessibleName("Alleen favoriete kaarten tonen")
        self.favourites_only.toggled.connect(lambda _: self.refresh())

        self.list = QListWidget()
        self.list.setAccessibleName("Gesprekstips")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setWordWrap(True)
        self.list.currentItemChanged.connect(lambda current, _prev: self._show_current(current))
        self.count = QLabel()
        self.count.setAccessibleName("Aantal kaarten")
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setAccessibleName("Gesprekstip")
        self.favourite = QPushButton("☆ Favoriet")
        self.favourite.setCheckable(True)
        self.favourite.setAccessibleName("Deze kaart als favoriet markeren")
        self.favourite.toggled.connect(self._on_favourite)
        self.print_button = QPushButton("Kaarten &afdrukken of PDF…")
        self.print_button.setAccessibleName("De getoonde kaarten afdrukken of als PDF bewaren")
        self.print_button.clicked.connect(self._print)

        filters = QGridLayout()
        filters.addWidget(self.text, 0, 0, 1, 3)
        talk = QLabel("Gesprek &met")
        talk.setBuddy(self.audience)
        filters.addWidget(talk, 1, 0)
        filters.addWidget(self.audience, 1, 1)
        filters.addWidget(self.favourites_only, 1, 2)
        filters.setColumnStretch(1, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.count)
        left_layout.addWidget(self.list, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.browser, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.favourite)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        right_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.refresh()

    def shown_cards(self) -> list[Card]:
        cards = []
        for i in range(self.list.count()):
            card = self.tips.card(self.list.item(i).data(CardIdRole))
            if card is not None:
                cards.append(card)
        return cards

    def refresh(self) -> None:
        current = self.list.currentItem().data(CardIdRole) if self.list.currentItem() else None
        cards = self.tips.search(self.text.text(), self.audience.currentData(), self.favourites_only.isChecked())
        favourites = self.tips.favourites()
        self.list.blockSignals(True)
        self.list.clear()
        for card in cards:
            star = "★ " if card.id in favourites else ""
            item = QListWidgetItem(f"{star}{card.title}")
            item.setData(CardIdRole, card.id)
            item.setToolTip(card.topic)
            self.list.addItem(item)
        self.list.blockSignals(False)
        n = len(cards)
        self.count.setText("Geen kaarten gevonden." if n == 0 else f"{n} kaart{'en' if n != 1 else ''}")
        self.print_button.setEnabled(n > 0)
        ids = [c.id for c in cards]
        row = ids.index(current) if current in ids else (0 if ids else -1)
        self.list.setCurrentRow(row)
        self._show_current(self.list.currentItem())

    def show_card(self, card_id: str) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(CardIdRole) == card_id:
                self.list.setCurrentRow(i)
                return

    def _show_current(self, item: QListWidgetItem | None) -> None:
        card = self.tips.card(item.data(CardIdRole)) if item is not None else None
        self.favourite.setEnabled(card is not None)
        if card is None:
            self.browser.setPlainText("Geen kaart gekozen.")
            return
        self.browser.setHtml(self.tips.card_html(card))
        is_favourite = card.id in self.tips.favourites()
        self.favourite.blockSignals(True)
        self.favourite.setChecked(is_favourite)
        self.favourite.setText("★ Favoriet" if is_favourite else "☆ Favoriet")
        self.favourite.blockSignals(False)

    def _on_favourite(self, checked: bool) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.tips.set_favourite(item.data(CardIdRole), checked)
            self.refresh()

    def _print(self) -> None:
        from koppdesk.gui.printing import print_or_save_html

        print_or_save_html(self, self.tips.cards_html(self.shown_cards()), "gesprekstips")
