"""Dekking tab: the coverage matrix of a gemeente or region, the offers behind a cell, the gaps."""

from __future__ import annotations

import logging
from collections.abc import Callable
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from koppdesk.content.gemeenten import Gemeente
from koppdesk.gui.dekking_export import legend_cells, save_csv, save_pdf, save_png
from koppdesk.gui.dekking_model import CellDelegate, CoverageModel, legend
from koppdesk.gui.gemeente_choice import GemeenteCombo, RegionDialog
from koppdesk.services.appservices import AppServices
from koppdesk.services.dekking import Cell, CoverageMatrix
from koppdesk.services.dekking_export import RULES_TEXT
from koppdesk.services.kaart import age_text
from koppdesk.vocab import ParentProblem

log = logging.getLogger(__name__)
OfferIdRole = Qt.ItemDataRole.UserRole + 1
REACH_TEXT = {"lokaal": "lokaal", "online": "online", "landelijk": "landelijk"}


class DekkingView(QWidget):
    def __init__(self, services: AppServices, open_offer: Callable[[str], None] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._shown_before = False
        self.service = services.dekking
        self.open_offer = open_offer
        in_kaart = self.service.gemeenten_in_kaart()
        self.in_kaart = in_kaart
        self.selection: tuple[Gemeente, ...] = tuple(in_kaart[:1])

        self.gemeente = GemeenteCombo(services.gemeenten, in_kaart)
        self.gemeente.chosen.connect(lambda g: self.set_region((g,)))
        self.gemeente.error.connect(self._show_error)
        self.region_button = QPushButton("&Regio…")
        self.region_button.setToolTip("Meer gemeenten samen bekijken")
        self.region_button.setAccessibleName("Regio samenstellen uit meer gemeenten")
        self.region_button.clicked.connect(self._choose_region)
        self.problem = QComboBox()
        self.problem.addItem("Beide", None)
        for p in ParentProblem:
            self.problem.addItem(p.value, p)
        self.problem.setAccessibleName("Probleem van de ouder")
        self.problem.currentIndexChanged.connect(lambda _: self.refresh())
        self.local_only = QCheckBox("Alleen &lokaal aanbod")
        self.local_only.setToolTip("Online en landelijk aanbod niet meetellen")
        self.local_only.toggled.connect(lambda _: self.refresh())
        exports = [("CSV…", self._export_csv, "Matrix bewaren als CSV"),
                   ("PNG…", self._export_png, "Matrix bewaren als afbeelding (PNG)"),
                   ("PDF…", self._export_pdf, "Matrix bewaren als PDF")]
        self.export_buttons = {}
        for text, slot, name in exports:
            button = QPushButton(text)
            button.setAccessibleName(name)
            button.setToolTip(name)
            button.clicked.connect(slot)
            self.export_buttons[text[:3].lower()] = button

        self.title = QLabel()
        self.title.setAccessibleName("Titel van het overzicht")
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title.setFont(font)
        self.rules = QLabel(RULES_TEXT + " Leeftijdsbanden tellen hele jaren: 4-8 = 4 t/m 7 jaar.")
        self.rules.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()

        self.model = CoverageModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegate(CellDelegate(self.table))
        self.table.setAccessibleName("Dekkingsmatrix: soort aanbod tegen leeftijd")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(True)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setMinimumSectionSize(88)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.table.selectionModel().currentChanged.connect(lambda current, _previous: self.show_cell(current))
        self.table.clicked.connect(self.show_cell)
        self.table.activated.connect(self._focus_offers)

        self.cell_label = QLabel("Klik op een cel om het aanbod te zien.")
        self.cell_label.setWordWrap(True)
        self.offers = QListWidget()
        self.offers.setAccessibleName("Aanbod in de gekozen cel")
        self.offers.setWordWrap(True)
        self.offers.itemActivated.connect(self._open_item)
        self.open_button = QPushButton("T&oon in sociale kaart")
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(lambda: self._open_item(self.offers.currentItem()))
        self.offers.currentItemChanged.connect(lambda item, _prev: self.open_button.setEnabled(item is not None))

        self.gaps = QTextBrowser()
        self.gaps.setAccessibleName("Gaten in het aanbod")
        self.gaps.setOpenLinks(False)
        self._build_layout()
        if self.selection:
            self.gemeente.select(self.selection[0].code)
        self.refresh()

    def _build_layout(self) -> None:
        controls = QGridLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        for col, (text, widget) in enumerate([("Ge&meente", self.gemeente), ("&Probleem ouder", self.problem)]):
            label = QLabel(text)
            label.setBuddy(widget)
            controls.addWidget(label, 0, col * 3)
            controls.addWidget(widget, 0, col * 3 + 1)
        controls.addWidget(self.region_button, 0, 2)
        controls.addWidget(self.local_only, 0, 6)
        controls.setColumnStretch(7, 1)
        controls.addWidget(QLabel("Bewaren als:"), 0, 8)
        for i, button in enumerate(self.export_buttons.values()):
            controls.addWidget(button, 0, 9 + i)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(legend(legend_cells()))
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.cell_label)
        right_layout.addWidget(self.offers, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        right_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        right.setMinimumWidth(260)
        splitter.setSizes([780, 380])

        gaps_label = QLabel("G&aten (per leeftijdsjaar, 0 t/m 25 jaar)")
        gaps_label.setBuddy(self.gaps)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.message)
        layout.addWidget(self.title)
        layout.addWidget(self.rules)
        layout.addWidget(splitter)
        layout.addWidget(gaps_label)
        layout.addWidget(self.gaps, 1)

    # -- public API (main window, tests) ------------------------------------------------

    @property
    def matrix(self) -> CoverageMatrix | None:
        return self.model.matrix

    def set_region(self, gemeenten: tuple[Gemeente, ...]) -> None:
        self.selection = tuple(gemeenten)
        if len(self.selection) == 1:
            self.gemeente.select(self.selection[0].code)
        elif self.selection:
            self.gemeente.setCurrentIndex(-1)
            self.gemeente.setEditText(f"Regio ({len(self.selection)} gemeenten)")
        self.refresh()

    def refresh(self) -> None:
        """Compute the matrix again (after a choice, a sync or a local edit)."""
        self.message.hide()
        if not self.selection:
            self.title.setText("Kies een gemeente.")
            return
        current = self.table.currentIndex()
        position = (current.row(), current.column()) if current.isValid() else None
        matrix = self.service.matrix(self.selection, local_only=self.local_only.isChecked(),
                                     problem=self.problem.currentData())
        self.model.set_matrix(matrix)
        self.title.setText(matrix.title)
        items = "".join(f"<li>{escape(g.text)}</li>" for g in matrix.gaps)
        self.gaps.setHtml(f"<ul>{items}</ul>" if items else "<p>Geen gaten gevonden.</p>")
        self.offers.clear()
        self.cell_label.setText("Klik op een cel om het aanbod te zien.")
        if position is not None:  # keep the chosen cell, now with the new numbers
            self.table.setCurrentIndex(self.model.index(*position))
            self.show_cell(self.model.index(*position))

    def showEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        """Count again when the tab comes back into view: local offers may have changed meanwhile."""
        if self._shown_before:
            self.refresh()
        self._shown_before = True
        super().showEvent(event)

    def show_cell(self, index) -> None:
        cell: Cell | None = self.model.cell(index)
        if cell is None:
            return
        self.offers.clear()
        where = self.model.matrix.place
        self.cell_label.setText(f"<b>{escape(cell.row.label)}, {cell.band.low} t/m {cell.band.high} jaar</b>"
                                f" in {escape(where)}: {cell.count} aanbod, waarvan {cell.local} lokaal."
                                + ("<br>Enter of dubbelklik: toon in de sociale kaart." if cell.count else ""))
        for offer in cell.offers:
            text = f"{offer.name}\n{offer.organization} · {age_text(offer.minimum_age, offer.maximum_age)}" \
                   f" · {REACH_TEXT.get(offer.reach, offer.reach)}"
            item = QListWidgetItem(text)
            item.setData(OfferIdRole, offer.id)
            item.setToolTip(text.replace("\n", " — "))
            self.offers.addItem(item)
        if cell.count:
            self.offers.setCurrentRow(0)

    # -- handlers -----------------------------------------------------------------------

    def _show_error(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def _choose_region(self) -> None:
        dialog = RegionDialog(self.service.gemeenten, self.in_kaart, self.selection, self)
        if dialog.exec():
            self.set_region(dialog.selected())

    def _focus_offers(self, index) -> None:
        self.show_cell(index)
        if self.offers.count():
            self.offers.setFocus(Qt.FocusReason.OtherFocusReason)

    def _open_item(self, item: QListWidgetItem | None) -> None:
        if item is not None and self.open_offer is not None:
            self.open_offer(item.data(OfferIdRole))

    def _ask_path(self, kind: str, pattern: str, suffix: str) -> Path | None:
        name = "dekking-" + "-".join(g.name.lower().replace(" ", "-") for g in self.selection) + suffix
        path, _ = QFileDialog.getSaveFileName(self, f"Matrix bewaren als {kind}", name, pattern)
        if not path:
            return None
        return Path(path if path.lower().endswith(suffix) else path + suffix)

    def _export(self, kind: str, pattern: str, suffix: str, save) -> None:
        if self.matrix is None:
            return
        path = self._ask_path(kind, pattern, suffix)
        if path is None:
            return
        try:
            save(self.matrix, path)
        except OSError as exc:
            log.error("export of coverage matrix to %s failed: %s", path, exc)
            QMessageBox.warning(self, "Bewaren mislukt", f"Kan {path} niet bewaren: {exc.strerror or exc}")

    def _export_csv(self) -> None:
        self._export("CSV", "CSV (*.csv)", ".csv", save_csv)

    def _export_png(self) -> None:
        self._export("afbeelding", "PNG-afbeelding (*.png)", ".png", save_png)

    def _export_pdf(self) -> None:
        self._export("PDF", "PDF (*.pdf)", ".pdf", save_pdf)
