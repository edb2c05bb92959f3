"""List model for search results (a list of OfferSummary)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate

from koppdesk.services.kaart import age_text
from koppdesk.store import OfferSummary

OfferIdRole = Qt.ItemDataRole.UserRole + 1


def summary_lines(r: OfferSummary) -> tuple[str, str]:
    marks = ("★ " if r.favourite else "") + r.name
    tags = [r.organization, age_text(r.minimum_age, r.maximum_age), ", ".join(r.kinds)]
    if r.referral_required:
        tags.append("verwijzing nodig")
    if r.source == "local":
        tags.append("eigen aanbod")
    if r.has_note:
        tags.append("notitie")
    if r.withdrawn:
        marks += " (ingetrokken)"
    return marks, " · ".join(t for t in tags if t)


class OfferListModel(QAbstractListModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[OfferSummary] = []

    def set_results(self, rows: list[OfferSummary]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def summary(self, row: int) -> OfferSummary:
        return self._rows[row]

    def row_of(self, service_id: str) -> int:
        for i, r in enumerate(self._rows):
            if r.id == service_id:
                return i
        return -1

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return "\n".join(summary_lines(r))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return ", ".join(summary_lines(r))
        if role == Qt.ItemDataRole.ToolTipRole:
            return summary_lines(r)[1]
        if role == OfferIdRole:
            return r.id
        return None


class OfferItemDelegate(QStyledItemDelegate):
    """Two lines per offer: the name in bold, details below in the palette's muted text colour."""

    def _fonts(self, option) -> tuple[QFont, QFont]:
        bold = QFont(option.font)
        bold.setBold(True)
        return bold, QFont(option.font)

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 (Qt naming)
        bold, normal = self._fonts(option)
        height = QFontMetrics(bold).lineSpacing() + QFontMetrics(normal).lineSpacing()
        pad = QFontMetrics(normal).lineSpacing() // 2
        return QSize(option.rect.width(), height + pad)

    def paint(self, painter: QPainter, option, index) -> None:
        self.initStyleOption(option, index)
        lines = str(index.data(Qt.ItemDataRole.DisplayRole) or "").split("\n", 1)
        option.text = ""
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        bold, normal = self._fonts(option)
        rect = option.rect.adjusted(6, 2, -6, -2)
        painter.save()
        painter.setPen(option.palette.color(group))
        painter.setFont(bold)
        first = QFontMetrics(bold).elidedText(lines[0], Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(rect, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft, first)
        if len(lines) > 1:
            painter.setFont(normal)
            if not selected:
                painter.setPen(option.palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.PlaceholderText))
            rest = QFontMetrics(normal).elidedText(lines[1], Qt.TextElideMode.ElideRight, rect.width())
            second = rect.adjusted(0, QFontMetrics(bold).lineSpacing(), 0, 0)
            painter.drawText(second, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft, rest)
        painter.restore()
