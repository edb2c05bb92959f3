"""List model for search results (a list of OfferSummary)."""

from __future__ import annotations

from unicodedata import combining

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtGui import QFont, QFontMetrics, QFontMetricsF, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyledItemDelegate

from koppdesk.services.kaart import age_text
from koppdesk.store import OfferSummary

# Roles as the ints of Qt.ItemDataRole: the list paints in the first frame, and the first use
# of any Qt.* enum makes PySide6 create all of the Qt namespace's enums (~12 ms).
DISPLAY_ROLE = 0  # Qt.ItemDataRole.DisplayRole
TOOL_TIP_ROLE = 3  # Qt.ItemDataRole.ToolTipRole
ACCESSIBLE_TEXT_ROLE = 11  # Qt.ItemDataRole.AccessibleTextRole
OfferIdRole = 256 + 1  # Qt.ItemDataRole.UserRole + 1
#: Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft (QPainter.drawText takes int flags).
TOP_LEFT = 0x0020 | 0x0001


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


def elide_right(metrics: QFontMetricsF, text: str, width: int) -> str:
    """`text` cut to fit `width` with an ellipsis at the end, as
    `QFontMetrics.elidedText(text, Qt.TextElideMode.ElideRight, width)` does.

    Qt's own call needs a Qt.TextElideMode, and the first Qt.* enum makes PySide6 create the
    whole Qt namespace's enums (~12 ms), here in the middle of the first frame.  Like Qt it
    keeps the longest start that is narrower than `width` minus the ellipsis (measuring each
    letter as it stands in the whole text, kerning included), and keeps accents with their
    letter.
    """
    advance = metrics.horizontalAdvance
    if len(text) <= 1 or advance(text) <= width:
        return text
    ellipsis = "\u2026" if metrics.inFontUcs4(0x2026) else "..."
    available = width - advance(ellipsis)
    if available < 0:
        return ""

    def start_width(n: int) -> float:  # the first n letters, kerned with the letter after them
        return advance(text[:n + 1]) - advance(text[n])

    low, high = 0, len(text) - 1  # text[:low] fits; text[:high + 1] would not
    while low < high:
        mid = (low + high + 1) // 2
        if start_width(mid) < available:
            low = mid
        else:
            high = mid - 1
    while low > 0 and combining(text[low]):
        low -= 1
    return text[:low] + ellipsis


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

    def data(self, index, role=DISPLAY_ROLE):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        if role == DISPLAY_ROLE:
            return "\n".join(summary_lines(r))
        if role == ACCESSIBLE_TEXT_ROLE:
            return ", ".join(summary_lines(r))
        if role == TOOL_TIP_ROLE:
            return summary_lines(r)[1]
        if role == OfferIdRole:
            return r.id
        return None


class OfferItemDelegate(QStyledItemDelegate):
    """Two lines per offer: the name in bold, details below in the palette's muted text colour.

    The style draws the item without its text (background, selection, focus: `initStyleOption`
    adds no text), then `paint` draws the two lines.
    """

    def _fonts(self, option) -> tuple[QFont, QFont]:
        bold = QFont(option.font)
        bold.setBold(True)
        return bold, QFont(option.font)

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 (Qt naming)
        bold, normal = self._fonts(option)
        height = QFontMetrics(bold).lineSpacing() + QFontMetrics(normal).lineSpacing()
        pad = QFontMetrics(normal).lineSpacing() // 2
        return QSize(option.rect.width(), height + pad)

    def initStyleOption(self, option, index) -> None:  # noqa: N802 (Qt naming)
        """Nothing to add: the view's option already holds what the style draws for the item
        (state, palette, rect), and the text is drawn by `paint`.  The base class would ask
        the model for eight roles per row, each a call into Python, and set the text."""

    def paint(self, painter: QPainter, option, index) -> None:
        super().paint(painter, option, index)
        lines = str(index.data() or "").split("\n", 1)
        view = option.widget
        # What the style reads from option.state (State_Selected), without QStyle's enums.
        selected = view is not None and view.selectionModel().isSelected(index)
        bold, normal = self._fonts(option)
        rect = option.rect.adjusted(6, 2, -6, -2)
        first = elide_right(QFontMetricsF(bold), lines[0], rect.width())
        rest = elide_right(QFontMetricsF(normal), lines[1], rect.width()) if len(lines) > 1 else ""
        second = rect.adjusted(0, QFontMetrics(bold).lineSpacing(), 0, 0)
        painter.save()
        if selected or not _pen_draws_plain_lines(painter, option.palette):
            _draw_with_style(painter, option, view, selected, (bold, first, rect), (normal, rest, second))
        else:
            # The painter's pen is the palette's text colour and the muted colour is that at
            # half opacity (the default palettes): draw with the pen as it is.  Setting a pen
            # needs a Qt.* enum and the style QStyle's (~12 ms and ~4 ms, in the first frame).
            painter.setFont(bold)
            painter.drawText(rect, TOP_LEFT, first)
            if rest:
                painter.setFont(normal)
                painter.setOpacity(painter.opacity() * _MUTED_ALPHA / 255)
                painter.drawText(second, TOP_LEFT, rest)
        painter.restore()


#: The alpha of the default palettes' placeholder (muted) text colour: the text colour at half.
_MUTED_ALPHA = 0x80


def _pen_draws_plain_lines(painter: QPainter, palette: QPalette) -> bool:
    text = palette.color(QPalette.ColorRole.Text).rgba()
    muted = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.PlaceholderText).rgba()
    return painter.pen().color().rgba() == text and muted == (text & 0xFFFFFF) | (_MUTED_ALPHA << 24)


def _draw_with_style(painter: QPainter, option, view, selected: bool, *lines) -> None:
    """The two lines in the palette's colours, set by the style (see OfferItemDelegate.paint)."""
    style = view.style() if view is not None else QApplication.style()
    (bold, first, rect), (normal, rest, second) = lines
    role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
    painter.setFont(bold)
    style.drawItemText(painter, rect, TOP_LEFT, option.palette, True, first, role)
    if rest:
        painter.setFont(normal)
        palette = option.palette
        if not selected:  # muted: the active placeholder colour, also in an inactive window
            palette = QPalette()
            role = QPalette.ColorRole.PlaceholderText
            palette.setColor(role, option.palette.color(QPalette.ColorGroup.Active, role))
        style.drawItemText(painter, second, TOP_LEFT, palette, True, rest, role)
