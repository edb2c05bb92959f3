"""Kindcheck tab: one card per step with Vorige/Volgende, both routes always in view.

All state lives in a `KindcheckFlow` in memory; Wissen and closing the window clear it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from koppdesk.content.models import KindcheckContent, Step
from koppdesk.gui.choice_row import ChoiceRow
from koppdesk.services.kindcheck import KindcheckFlow

#: Tab each step action opens.
ACTIONS = {"open-checklist": ("checklist", "&Naar de checklist"),
           "open-tips": ("tips", "Naar de gesp&rekstips"),
           "open-kaart": ("kaart", "Naar de sociale kaar&t")}

ROUTE_STYLE = ("QFrame[route='true'] { border: 1px solid palette(mid); border-radius: 6px; }"
               "QFrame[route='true'][active='true'] { border: 3px solid palette(highlight); }")


def _label(text: str = "", *, wrap: bool = True, scale: float = 1.0, bold: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if scale != 1.0 or bold:
        font = label.font()
        font.setPointSizeF(font.pointSizeF() * scale)
        font.setBold(bold)
        label.setFont(font)
    return label


def _empty(layout) -> None:
    """Remove and delete every widget of a layout now (hidden at once, freed by Qt later)."""
    while layout.count():
        widget = layout.takeAt(0).widget()
        if widget is not None:
            widget.hide()
            widget.deleteLater()


class RouteBox(QFrame):
    """One of the two routes, shown side by side at the top of every card."""

    def __init__(self, title: str, summary: str):
        super().__init__()
        self.setProperty("route", True)
        self.setProperty("active", False)
        self.title = _label(title, bold=True)
        self.summary = _label(summary)
        self.badge = _label("")
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.badge)
        layout.addStretch(1)
        self.setAccessibleName(title)

    def set_state(self, active: bool, badge: str) -> None:
        self.setProperty("active", active)
        self.badge.setText(badge)
        self.badge.setVisible(bool(badge))
        self.setAccessibleDescription(badge)
        self.style().unpolish(self)
        self.style().polish(self)


class KindcheckView(QWidget):
    def __init__(self, content: KindcheckContent, navigate: Callable[[str], None] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.flow = KindcheckFlow(content)
        self._navigate = navigate
        self.setStyleSheet(ROUTE_STYLE)

        privacy = _label("Vul geen namen in. Niets uit de Kindcheck wordt bewaard: "
                         "Wissen of koppdesk sluiten maakt alles leeg.")
        privacy.setAccessibleName("Privacy")
        self.route_boxes = {r.key: RouteBox(r.title, r.summary) for r in content.routes}
        routes = QHBoxLayout()
        for key in ("veiligheid", "preventief"):
            routes.addWidget(self.route_boxes[key], 1)

        self.progress = _label(bold=True)
        self.progress.setAccessibleName("Voortgang")
        self.title = _label(scale=1.3, bold=True)
        self.text = _label()
        self.question = _label(bold=True)
        self.options_box = QWidget()
        self.options_layout = QVBoxLayout(self.options_box)
        self.options_layout.setContentsMargins(0, 0, 0, 0)
        self.outcome = _label(bold=True)
        self.outcome.setAccessibleName("Uitkomst van uw antwoord")
        self.actions_row = QHBoxLayout()
        self.group: QButtonGroup | None = None
        self.rows: dict[str, ChoiceRow] = {}
        #: The current step's buttons that open another tab, by tab key.
        self.action_buttons: dict[str, QPushButton] = {}

        card = QFrame()
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card_layout = QVBoxLayout(card)
        for w in (self.title, self.text, self.question, self.options_box, self.outcome):
            card_layout.addWidget(w)
        card_layout.addLayout(self.actions_row)
        card_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(card)
        self.scroll.setAccessibleName("Kaart van de huidige stap")

        self.clear_button = self._button("&Wissen", "Kindcheck wissen en opnieuw beginnen", self.clear)
        self.back = self._button("V&orige", "Vorige stap", self._on_back)
        self.next = self._button("&Volgende", "Volgende stap", self._on_next)
        self.copy = self._button("Kopieer voor &dossier", "Samenvatting kopiëren voor het dossier",
                                 self.copy_summary)
        self.status = _label()
        self.status.setAccessibleName("Melding")
        buttons = QHBoxLayout()
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        for b in (self.back, self.next, self.copy):
            buttons.addWidget(b)

        layout = QVBoxLayout(self)
        layout.addWidget(privacy)
        layout.addLayout(routes)
        layout.addWidget(self.progress)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self._show_step()

    # -- public API (main window, tests) ---------------------------------------------------------

    def clear(self) -> None:
        """Wissen: forget every answer and start again."""
        self.flow.clear()
        self.status.clear()
        self._show_step()

    def shutdown(self) -> None:
        """Closing the window clears the Kindcheck too."""
        self.clear()

    def copy_summary(self) -> None:
        QGuiApplication.clipboard().setText(self.flow.summary_text())
        self.status.setText("Samenvatting gekopieerd. Plak die in het dossier (zonder namen).")

    def choose(self, *option_ids: str) -> None:
        """Tick answers of the current step as a user would (used by tests and shortcuts)."""
        for option_id in option_ids:
            self.rows[option_id].button.click()

    # -- building a card -------------------------------------------------------------------------

    def _button(self, text: str, accessible: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(accessible)
        button.clicked.connect(slot)
        return button

    def _show_step(self) -> None:
        step = self.flow.current
        self.title.setText(step.title)
        self.text.setText("\n\n".join(step.text))
        self.text.setVisible(bool(step.text))
        self.question.setText(step.question)
        self.question.setVisible(bool(step.question))
        self._build_options(step)
        self._build_actions(step)
        self._refresh()
        self.scroll.verticalScrollBar().setValue(0)

    def _build_options(self, step: Step) -> None:
        _empty(self.options_layout)
        self.rows = {}
        radio = not step.multiple
        self.group = QButtonGroup(self.options_box)
        self.group.setExclusive(radio)
        chosen = set(self.flow.answers.get(step.id, ()))
        for option in step.options:
            row = ChoiceRow(option.label, radio=radio)
            row.button.setChecked(option.id in chosen)
            self.group.addButton(row.button)
            row.button.toggled.connect(lambda _checked, oid=option.id: self._on_toggled(oid))
            self.rows[option.id] = row
            self.options_layout.addWidget(row)
            row.show()
        self.options_box.setVisible(bool(step.options))

    def _build_actions(self, step: Step) -> None:
        _empty(self.actions_row)
        self.action_buttons = {}
        for action in step.actions:
            key, text = ACTIONS[action]
            button = self._button(text, text.replace("&", ""), lambda _=False, k=key: self._go_to(k))
            button.setEnabled(self._navigate is not None)
            self.actions_row.addWidget(button)
            button.show()
            self.action_buttons[key] = button
        self.actions_row.addStretch(1)

    # -- handlers --------------------------------------------------------------------------------

    def _on_toggled(self, option_id: str) -> None:
        step = self.flow.current
        option = next(o for o in step.options if o.id == option_id)
        if step.multiple and self.rows[option_id].isChecked():
            # An exclusive answer ("Geen kinderen") clears the others, and the other way round.
            for other in step.options:
                if other.id != option_id and (option.exclusive or other.exclusive):
                    self.rows[other.id].button.blockSignals(True)
                    self.rows[other.id].setChecked(False)
                    self.rows[other.id].button.blockSignals(False)
        self.flow.select([oid for oid, row in self.rows.items() if row.isChecked()])
        self._refresh()

    def _on_next(self) -> None:
        if self.flow.can_go_next():
            self.flow.go_next()
            self.status.clear()
            self._show_step()
            self._focus_first()

    def _on_back(self) -> None:
        if self.flow.can_go_back():
            self.flow.go_back()
            self.status.clear()
            self._show_step()
            self._focus_first()

    def _focus_first(self) -> None:
        rows = list(self.rows.values())
        checked = [r for r in rows if r.isChecked()]
        target = (checked or rows or [None])[0]
        if target is not None:
            target.button.setFocus(Qt.FocusReason.OtherFocusReason)
        elif self.next.isEnabled():
            self.next.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.copy.setFocus(Qt.FocusReason.OtherFocusReason)

    def _go_to(self, key: str) -> None:
        if self._navigate is not None:
            self._navigate(key)

    def _refresh(self) -> None:
        flow = self.flow
        step = flow.current
        if step.route:
            part = "route A, de meldcode" if step.route == "veiligheid" else "route B, preventief"
        elif step.kind == "routekeuze":
            part = "routekeuze"
        else:
            part = "vragen aan de ouder" if step.kind == "vraag" else "Kindcheck"
        end = " · laatste stap: kopieer de samenvatting voor het dossier" if flow.finished else ""
        self.progress.setText(f"Stap {flow.position} · {part}{end}")
        self.back.setEnabled(flow.can_go_back())
        self.next.setEnabled(flow.can_go_next())
        self.copy.setEnabled(flow.finished)
        if step.required and not flow.answers.get(step.id):
            self.next.setToolTip("Kies eerst een antwoord.")
        else:
            self.next.setToolTip("")
        outcomes = [o.outcome for o in flow.chosen() if o.outcome]
        self.outcome.setText("\n".join(f"→ {x}" for x in outcomes))
        self.outcome.setVisible(bool(outcomes))
        taken = flow.routes_taken()
        current = step.route or (next((o.route for o in flow.chosen() if o.route), None))
        for key, box in self.route_boxes.items():
            if key in taken and key == current:
                badge = "Deze route volgt u nu."
            elif key in taken:
                badge = "Deze route hebt u doorlopen."
            elif step.kind == "routekeuze" and key == current:
                badge = ("Voorgesteld op grond van uw antwoorden; u kiest zelf." if flow.is_suggestion()
                         else "Gekozen.")
            else:
                badge = ""
            box.set_state(key == current, badge)
