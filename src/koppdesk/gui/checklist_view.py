"""Checklist tab: tick risk and protective factors per level, live summary, fitting offers.

Everything lives in a `ChecklistSession` in memory; Wissen and closing the window clear it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QGuiApplication, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from koppdesk.content.gemeenten import UnknownGemeente
from koppdesk.content.models import LEVEL_LABELS, ChecklistContent
from koppdesk.gui.choice_row import ChoiceRow
from koppdesk.services.checklist import ChecklistSession, ChecklistSummary
from koppdesk.services.kaart import KaartService, age_text
from koppdesk.vocab import ParentProblem

OfferIdRole = Qt.ItemDataRole.UserRole
UNKNOWN_AGE = -1


def summary_html(summary: ChecklistSummary) -> str:
    from html import escape as e  # here: html pulls in html.entities, not needed at start-up

    rows = "".join(f"<tr><td>{LEVEL_LABELS[lv]}</td><td align='center'>{r}</td><td align='center'>{p}</td></tr>"
                   for lv, (r, p) in summary.counts.items())
    table = ("<table cellspacing='0' cellpadding='3' border='1'><tr><th>Niveau</th><th>Risico</th>"
             f"<th>Beschermend</th></tr>{rows}</table>")
    return table + "".join(f"<p>{e(s)}</p>" for s in summary.sentences)


class ChecklistView(QWidget):
    def __init__(self, content: ChecklistContent, kaart: KaartService,
                 open_offer: Callable[[str], None] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = ChecklistSession(content, kaart)
        self.kaart = kaart
        self._open_offer = open_offer

        self.disclaimer = QLabel(content.notice("disclaimer"))
        self.disclaimer.setWordWrap(True)
        self.disclaimer.setFrameShape(QFrame.Shape.StyledPanel)
        self.disclaimer.setMargin(6)
        font = self.disclaimer.font()
        font.setBold(True)
        self.disclaimer.setFont(font)
        self.disclaimer.setAccessibleName("Let op: hulpmiddel, geen diagnose")

        self.age = QSpinBox()
        self.age.setRange(UNKNOWN_AGE, 30)
        self.age.setSpecialValueText("onbekend")
        self.age.setSuffix(" jaar")
        self.age.setAccessibleName("Leeftijd van het kind")
        self.age.valueChanged.connect(lambda _: self._on_input())
        self.gemeente = QComboBox()
        self.gemeente.setEditable(True)
        self.gemeente.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.gemeente.addItem("", "")
        for g in kaart.gemeenten.all():
            self.gemeente.addItem(g.name, g.code)
        self.gemeente.lineEdit().setPlaceholderText("naam of CBS-code")
        self.gemeente.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.gemeente.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.gemeente.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.gemeente.setMinimumContentsLength(10)
        self.gemeente.setAccessibleName("Gemeente (naam of CBS-code)")
        self.gemeente.activated.connect(lambda _: self._on_input())
        self.gemeente.lineEdit().editingFinished.connect(self._on_input)
        self.postcode = QLineEdit()
        self.postcode.setPlaceholderText("bijv. 3811")
        self.postcode.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,4}"), self))
        self.postcode.setMaxLength(4)
        self.postcode.setAccessibleName("Postcode (4 cijfers)")
        self.postcode.textChanged.connect(lambda t: self._on_input() if len(t) in (0, 4) else None)
        self.problem = QComboBox()
        self.problem.addItem("Beide of onbekend", None)
        for p in ParentProblem:
            self.problem.addItem(p.value, p)
        self.problem.setAccessibleName("Probleem van de ouder")
        self.problem.currentIndexChanged.connect(lambda _: self._on_input())
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Melding bij gemeente of postcode")
        self.message.hide()

        inputs = QGridLayout()
        for row, (text, widget) in enumerate([("&Leeftijd kind", self.age), ("Ge&meente", self.gemeente),
                                               ("&Postcode", self.postcode), ("Probleem &ouder", self.problem)]):
            label = QLabel(text)
            label.setBuddy(widget)
            inputs.addWidget(label, row // 2, (row % 2) * 2)
            inputs.addWidget(widget, row // 2, (row % 2) * 2 + 1)
        inputs.setColumnStretch(1, 1)
        inputs.setColumnStretch(3, 1)

        self.rows: dict[str, ChoiceRow] = {}
        factors = QWidget()
        factors_layout = QVBoxLayout(factors)
        factors_layout.setContentsMargins(0, 0, 0, 0)
        factors_layout.addLayout(inputs)
        factors_layout.addWidget(self.message)
        for level, title in LEVEL_LABELS.items():
            factors_layout.addWidget(self._level_box(level, title))
        factors_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(factors)
        scroll.setAccessibleName("Factoren per niveau")

        self.summary = QTextBrowser()
        self.summary.setOpenLinks(False)
        self.summary.setAccessibleName("Samenvatting van de checklist")
        self.offers_note = QLabel()
        self.offers_note.setWordWrap(True)
        self.offers_note.setAccessibleName("Toelichting bij het aanbod")
        self.offers = QListWidget()
        self.offers.setAccessibleName("Passend aanbod uit de sociale kaart")
        self.offers.setWordWrap(True)
        self.offers.setAlternatingRowColors(True)
        self.offers.setSpacing(2)
        self.offers.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.offers.setResizeMode(QListView.ResizeMode.Adjust)
        self.offers.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.offers.itemActivated.connect(self._on_offer_activated)
        self.offers.itemClicked.connect(self._on_offer_activated)  # one click to the details
        self.offers.currentItemChanged.connect(lambda cur, _p: self.show_offer.setEnabled(cur is not None))
        offers_title = QLabel("Passend &aanbod (klik of Enter: details in de sociale kaart)")
        offers_title.setWordWrap(True)
        offers_title.setBuddy(self.offers)
        self.show_offer = self._button("&Toon in sociale kaart", "Gekozen aanbod tonen in de sociale kaart",
                                       self._open_current_offer)
        self.copy = self._button("Kopieer voor &dossier", "Samenvatting kopiëren voor het dossier", self.copy_summary)
        self.print_button = self._button("Afd&rukken of PDF…", "Samenvatting afdrukken of als PDF bewaren",
                                         self._print)
        self.clear_button = self._button("&Wissen", "Checklist wissen", self.clear)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Melding")

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        summary_title = QLabel("Samen&vatting")
        summary_title.setBuddy(self.summary)
        right_layout.addWidget(summary_title)
        right_layout.addWidget(self.summary, 3)
        right_layout.addWidget(offers_title)
        right_layout.addWidget(self.offers_note)
        right_layout.addWidget(self.offers, 2)
        buttons = QHBoxLayout()
        for b in (self.show_offer, self.copy, self.print_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)
        right_layout.addLayout(buttons)
        right_layout.addWidget(self.status)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(scroll)
        splitter.addWidget(right)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.disclaimer)
        layout.addWidget(splitter, 1)
        self._update()

    # -- public API (main window, tests) ---------------------------------------------------------

    def clear(self) -> None:
        """Wissen: untick everything and empty the inputs."""
        for w in (self.age, self.gemeente, self.postcode, self.problem):
            w.blockSignals(True)
        self.age.setValue(UNKNOWN_AGE)
        self.gemeente.setCurrentIndex(0)
        self.gemeente.setEditText("")
        self.postcode.clear()
        self.problem.setCurrentIndex(0)
        for w in (self.age, self.gemeente, self.postcode, self.problem):
            w.blockSignals(False)
        for row in self.rows.values():
            row.button.blockSignals(True)
            row.setChecked(False)
            row.button.blockSignals(False)
        self.session.clear()
        self.message.hide()
        self.status.clear()
        self._update()

    def shutdown(self) -> None:
        """Closing the window clears the checklist too."""
        self.clear()

    def tick(self, factor_id: str, on: bool = True) -> None:
        """Tick a factor as a user would (used by tests)."""
        if self.rows[factor_id].isChecked() != on:
            self.rows[factor_id].button.click()

    def set_gemeente(self, text: str) -> None:
        """Type a gemeente and leave the field, as a user would (used by tests)."""
        self.gemeente.setEditText(text)
        self.gemeente.lineEdit().editingFinished.emit()

    def shown_offer_ids(self) -> list[str]:
        return [self.offers.item(i).data(OfferIdRole) for i in range(self.offers.count())]

    def copy_summary(self) -> None:
        QGuiApplication.clipboard().setText(self.session.dossier_text())
        self.status.setText("Samenvatting gekopieerd. Plak die in het dossier (zonder namen).")

    # -- building --------------------------------------------------------------------------------

    def _button(self, text: str, accessible: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(accessible)
        button.clicked.connect(slot)
        return button

    def _level_box(self, level: str, title: str) -> QGroupBox:
        box = QGroupBox(title)
        # Bold title only: a font from a style sheet does not pass on to the child widgets.
        box.setStyleSheet("QGroupBox { font-weight: bold; }")
        box.setAccessibleName(f"Factoren: {title}")
        layout = QVBoxLayout(box)
        for kind, heading in (("risico", "Risicofactoren"), ("beschermend", "Beschermende factoren")):
            head = QLabel(f"<b>{heading}</b>")
            layout.addWidget(head)
            for factor in self.session.factors(level, kind):
                label = factor.label + (" (weegt zwaar)" if factor.weighty else "")
                row = ChoiceRow(label, hint=factor.hint)
                row.button.setAccessibleName(f"{heading[:-1]} bij {title.lower()}: {label}")
                row.button.toggled.connect(lambda on, fid=factor.id: self._on_tick(fid, on))
                self.rows[factor.id] = row
                layout.addWidget(row)
        return box

    # -- handlers --------------------------------------------------------------------------------

    def _on_tick(self, factor_id: str, on: bool) -> None:
        self.session.tick(factor_id, on)
        self._update()

    def _on_input(self) -> None:
        age = self.age.value()
        self.session.age = None if age == UNKNOWN_AGE else age
        self.session.problem = self.problem.currentData()
        text = self.gemeente.currentText().strip()
        try:
            self.session.set_area(text, self.postcode.text() if len(self.postcode.text()) == 4 else "")
        except UnknownGemeente as exc:
            self.session.area_codes = ()
            self.message.setText(str(exc))
            self.message.show()
        else:
            self.message.hide()
            if text:
                code = self.kaart.gemeenten.resolve(text).code
                index = self.gemeente.findData(code)
                if index > 0 and index != self.gemeente.currentIndex():
                    self.gemeente.blockSignals(True)
                    self.gemeente.setCurrentIndex(index)
                    self.gemeente.blockSignals(False)
        self._update()

    def _update(self) -> None:
        summary = self.session.summary()
        self.summary.setHtml(summary_html(summary))
        self.offers_note.setText(summary.offers_note)
        current = self.offers.currentItem().data(OfferIdRole) if self.offers.currentItem() else None
        self.offers.clear()
        for s in summary.offers:
            o = s.offer
            text = f"{o.name} — {o.organization} ({age_text(o.minimum_age, o.maximum_age)})"
            if o.is_online:
                text += ", online"
            if s.fits:
                text += "\npast bij: " + "; ".join(s.fits)
            item = QListWidgetItem(text)
            item.setData(OfferIdRole, o.id)
            self.offers.addItem(item)
            if o.id == current:
                self.offers.setCurrentItem(item)
        self.show_offer.setEnabled(self.offers.currentItem() is not None)

    def _on_offer_activated(self, item: QListWidgetItem) -> None:
        if self._open_offer is not None:
            self._open_offer(item.data(OfferIdRole))

    def _open_current_offer(self) -> None:
        item = self.offers.currentItem()
        if item is not None:
            self._on_offer_activated(item)

    def _print(self) -> None:
        from koppdesk.gui.printing import print_or_save_html

        print_or_save_html(self, self.session.print_html(), "checklist")
