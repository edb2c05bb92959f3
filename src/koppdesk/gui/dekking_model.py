"""Table model and cell painting of the coverage matrix.

Colour is never the only cue: a cell shows its number, an empty cell reads "0 —" and is hatched,
a cell without local offers says "online"/"landelijk", and "several" is drawn in bold.  The
colours (Okabe–Ito orange and blues) stay apart for the common kinds of colour blindness, and
differ in lightness too; there is a light and a dark set, picked from the palette.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import QGridLayout, QLabel, QStyle, QStyledItemDelegate, QWidget

from koppdesk.services.dekking import Cell, CoverageMatrix

CellRole = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class CellColours:
    background: str
    text: str
    hatch: str = ""


#: Per level: none / one / several / not applicable (n.v.t.).
LIGHT = {
    "none": CellColours("#fbe3c0", "#000000", "#b36b00"),
    "one": CellColours("#cfe6f5", "#000000"),
    "several": CellColours("#0b6fae", "#ffffff"),
    "na": CellColours("#eeeeee", "#555555"),
}
DARK = {
    "none": CellColours("#4a3210", "#ffffff", "#e69f00"),
    "one": CellColours("#1d4661", "#ffffff"),
    "several": CellColours("#7cc4ef", "#000000"),
    "na": CellColours("#2b2b2b", "#b0b0b0"),
}


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def style_key(cell: Cell) -> str:
    return "na" if cell.count == 0 and not cell.applicable else cell.level


def paint_cell(painter: QPainter, rect: QRect, cell: Cell, font: QFont, dark: bool) -> None:
    """Fill, hatch (empty cells) and text of one cell; used by the table and the image export."""
    colours = (DARK if dark else LIGHT)[style_key(cell)]
    painter.save()
    painter.fillRect(rect, QColor(colours.background))
    if colours.hatch and cell.applicable:
        painter.fillRect(rect, QBrush(QColor(colours.hatch), Qt.BrushStyle.BDiagPattern))
    text_font = QFont(font)
    text_font.setBold(cell.level == "several")
    painter.setFont(text_font)
    if colours.hatch and cell.applicable:  # a calm patch behind the text, so the hatching never hides it
        width = painter.fontMetrics().horizontalAdvance(cell.text) + 12
        height = painter.fontMetrics().height() + 4
        patch = QRect(0, 0, width, height)
        patch.moveCenter(rect.center())
        painter.fillRect(patch, QColor(colours.background))
    painter.setPen(QColor(colours.text))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, cell.text)
    painter.restore()


def cell_description(cell: Cell, place: str) -> str:
    """What a screen reader says and the tooltip shows."""
    ages = f"{cell.band.low} tot en met {cell.band.high} jaar"
    if cell.count == 0:
        amount = "geen aanbod" if cell.applicable else "geen aanbod (past niet bij deze leeftijd)"
    else:
        amount = f"{cell.count} aanbod, waarvan {cell.local} lokaal"
    return f"{cell.row.label}, {ages} in {place}: {amount}"


class CoverageModel(QAbstractTableModel):
    """Rows: kinds and parent problems; columns: age bands; each cell one `Cell`."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.matrix: CoverageMatrix | None = None

    def set_matrix(self, matrix: CoverageMatrix) -> None:
        self.beginResetModel()
        self.matrix = matrix
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() or self.matrix is None else len(self.matrix.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() or self.matrix is None else len(self.matrix.bands)

    def cell(self, index: QModelIndex) -> Cell | None:
        if self.matrix is None or not index.isValid():
            return None
        return self.matrix.cell(self.matrix.rows[index.row()].key, self.matrix.bands[index.column()].key)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        cell = self.cell(index)
        if cell is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return cell_description(cell, self.matrix.place)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == CellRole:
            return cell
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if self.matrix is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            band = self.matrix.bands[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{band.key}\n{band.low}–{band.high} jaar"
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"Leeftijdsband {band.key}: {band.low} tot en met {band.high} jaar"
        elif role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.matrix.rows[section].label
        return None


class CellDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option, index) -> None:
        cell = index.data(CellRole)
        if cell is None:
            return super().paint(painter, option, index)
        dark = is_dark(option.palette)
        paint_cell(painter, option.rect, cell, option.font, dark)
        if option.state & (QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_HasFocus):
            # A frame in the cell's own text colour: it contrasts with every cell fill.
            painter.save()
            painter.setPen(QPen(QColor((DARK if dark else LIGHT)[style_key(cell)].text), 3))
            painter.drawRect(option.rect.adjusted(2, 2, -3, -3))
            painter.restore()

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 (Qt naming)
        base = super().sizeHint(option, index)
        return QSize(max(base.width() + 24, 96), max(base.height() + 12, 32))


class Swatch(QWidget):
    """One legend entry: a small painted cell and its meaning."""

    def __init__(self, cell: Cell, parent: QWidget | None = None):
        super().__init__(parent)
        self.cell = cell
        self.setFixedSize(64, 26)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        painter = QPainter(self)
        paint_cell(painter, self.rect(), self.cell, self.font(), is_dark(self.palette()))
        painter.end()


def legend(examples: list[tuple[Cell, str]], per_row: int = 3) -> QWidget:
    widget = QWidget()
    widget.setAccessibleName("Legenda van de kleuren")
    layout = QGridLayout(widget)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setHorizontalSpacing(8)
    for i, (cell, meaning) in enumerate(examples):
        row, col = divmod(i, per_row)
        layout.addWidget(Swatch(cell), row, col * 2)
        layout.addWidget(QLabel(meaning), row, col * 2 + 1)
    layout.setColumnStretch(per_row * 2, 1)
    return widget
