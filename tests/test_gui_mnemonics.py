"""Keyboard first: within what is on screen, no two Alt+letter mnemonics may collide."""

import re

import pytest
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel

TABS = ["kaart", "kindcheck", "tips", "checklist", "dekking", "keten"]


def _mnemonic(text: str) -> str | None:
    m = re.search(r"&([^&\s])", text.replace("&&", ""))
    return m.group(1).lower() if m else None


def visible_mnemonics(window) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for action in window.menuBar().actions():
        if (key := _mnemonic(action.text())):
            found.setdefault(key, []).append(f"menu {action.text()!r}")
    for i in range(window.tabs.count()):
        if (key := _mnemonic(window.tabs.tabText(i))):
            found.setdefault(key, []).append(f"tab {window.tabs.tabText(i)!r}")
    for widget in window.findChildren(QAbstractButton) + window.findChildren(QLabel) + window.findChildren(QGroupBox):
        if not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QLabel) and widget.buddy() is None:
            continue
        text = widget.title() if isinstance(widget, QGroupBox) else widget.text()
        if (key := _mnemonic(text)):
            found.setdefault(key, []).append(f"{type(widget).__name__} {text!r}")
    return found


@pytest.mark.parametrize("key", TABS)
def test_no_mnemonic_clashes_on_a_tab(qtbot, main_window, key):
    view = main_window.open_tab(key)
    if key == "kaart":  # with an offer shown, so the detail pane's buttons count too
        view.show_offer(view.model.summary(0).id)
    qtbot.waitUntil(lambda: main_window.lazy_tabs[key].content is not None and
                    main_window.lazy_tabs[key].content.isVisible())
    clashes = {k: v for k, v in visible_mnemonics(main_window).items() if len(v) > 1}
    assert not clashes, clashes


def test_ctrl_number_switches_tabs(qtbot, main_window):
    from PySide6.QtCore import Qt

    for index, key in enumerate(TABS):
        qtbot.keyClick(main_window, Qt.Key(Qt.Key.Key_1 + index), Qt.KeyboardModifier.ControlModifier)
        assert main_window.tabs.currentWidget() is main_window.lazy_tabs[key]
