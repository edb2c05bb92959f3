"""A check box or radio button whose text wraps (long Dutch answers, 200% scaling).

Qt's own QCheckBox/QRadioButton never wrap their text; this row puts the button next to
a word-wrapping label that toggles it when clicked.  The button carries the accessible
name, so screen readers read the full answer.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractButton, QCheckBox, QHBoxLayout, QLabel, QRadioButton, QVBoxLayout, QWidget


class _ClickLabel(QLabel):
    def __init__(self, text: str, button: QAbstractButton):
        super().__init__(text)
        self._button = button
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        if event.button() == Qt.MouseButton.LeftButton and self._button.isEnabled():
            self._button.setFocus(Qt.FocusReason.MouseFocusReason)
            self._button.click()
        super().mouseReleaseEvent(event)


class ChoiceRow(QWidget):
    """One answer: `button` (check box or radio button) and its wrapping `label`, optional `hint`."""

    def __init__(self, text: str, *, radio: bool = False, hint: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.button: QAbstractButton = QRadioButton() if radio else QCheckBox()
        self.button.setAccessibleName(text)
        if hint:
            self.button.setAccessibleDescription(hint)
            self.button.setToolTip(hint)
        self.label = _ClickLabel(text, self.button)
        self.label.setToolTip(hint)
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.label)
        self.hint: QLabel | None = None
        if hint:
            self.hint = QLabel(hint)
            self.hint.setWordWrap(True)
            self.hint.setTextFormat(Qt.TextFormat.PlainText)
            self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # dimmed, light or dark
            column.addWidget(self.hint)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(column, 1)

    def isChecked(self) -> bool:  # noqa: N802 (Qt naming, as on the button)
        return self.button.isChecked()

    def setChecked(self, checked: bool) -> None:  # noqa: N802
        self.button.setChecked(checked)
