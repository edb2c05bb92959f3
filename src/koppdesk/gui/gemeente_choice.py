"""Choosing a gemeente (combo, type a name or code) or a region (several gemeenten) for an overview."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from koppdesk.content.gemeenten import Gemeente, Gemeenten, UnknownGemeente


class GemeenteCombo(QComboBox):
    """Gemeenten in the sociale kaart first, then all others; typing a name or CBS code works."""

    chosen = Signal(object)  # Gemeente
    error = Signal(str)

    def __init__(self, gemeenten: Gemeenten, in_kaart: list[Gemeente], parent: QWidget | None = None):
        super().__init__(parent)
        self.gemeenten = gemeenten
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for g in in_kaart:
            self.addItem(g.name, g.code)
        if in_kaart:
            self.insertSeparator(self.count())
        known = {g.code for g in in_kaart}
        for g in gemeenten.all():
            if g.code not in known:
                self.addItem(g.name, g.code)
        self.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.setAccessibleName("Gemeente (naam of CBS-code)")
        self.setMinimumContentsLength(14)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.activated.connect(self._on_activated)
        self.lineEdit().returnPressed.connect(self._on_typed)

    def select(self, code: str) -> None:
        self.setCurrentIndex(self.findData(code))

    def _on_activated(self, index: int) -> None:
        code = self.itemData(index)
        if code:
            self.chosen.emit(self.gemeenten.by_code(code))

    def _on_typed(self) -> None:
        try:
            found = self.gemeenten.resolve(self.currentText())
        except UnknownGemeente as exc:
            self.error.emit(str(exc))
            return
        self.select(found.code)
        self.chosen.emit(found)


class RegionDialog(QDialog):
    """Tick several gemeenten; the overview then counts them together as one region."""

    def __init__(self, gemeenten: Gemeenten, in_kaart: list[Gemeente], selected: tuple[Gemeente, ...],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Regio samenstellen")
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Zoek een gemeente")
        self.filter.setAccessibleName("Gemeenten filteren")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.list = QListWidget()
        self.list.setAccessibleName("Gemeenten van de regio")
        chosen = {g.code for g in selected}
        first = {g.code for g in in_kaart}
        ordered = list(in_kaart) + [g for g in gemeenten.all() if g.code not in first]
        for g in ordered:
            label = g.name + ("  (in de sociale kaart)" if g.code in first else "")
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, g)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if g.code in chosen else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.itemChanged.connect(self._update_ok)
        clear = QPushButton("&Niets aanvinken")
        clear.clicked.connect(self._clear)
        self.summary = QLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(clear)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Vink de gemeenten van de regio aan. Aanbod telt mee als het een van"
                                " deze gemeenten bedient."))
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.resize(420, 520)
        self._update_ok()

    def selected(self) -> tuple[Gemeente, ...]:
        return tuple(self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())
                     if self.list.item(i).checkState() == Qt.CheckState.Checked)

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().lower()
        for i in range(self.list.count()):
            item = self.list.item(i)
            g = item.data(Qt.ItemDataRole.UserRole)
            item.setHidden(bool(needle) and needle not in g.name.lower() and needle not in g.code.lower())

    def _clear(self) -> None:
        for i in range(self.list.count()):
            self.list.item(i).setCheckState(Qt.CheckState.Unchecked)

    def _update_ok(self, *_args) -> None:
        chosen = self.selected()
        self.summary.setText(f"{len(chosen)} gekozen: " + ", ".join(g.name for g in chosen) if chosen
                             else "Nog geen gemeente gekozen.")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(chosen))
