"""The Kindcheck, gesprekstips and checklist tabs driven like a user would (qtbot, real database).

Expected offers come from the demo payload itself, so the tests hold when the demo grows.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QTextBrowser,
    QWidget,
)

from koppdesk.bundle import demo_payload_path
from koppdesk.models import Payload
from koppdesk.vocab import OfferKind


def click(qtbot, button: QAbstractButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def open_tab(qtbot, window, key: str):
    view = window.open_tab(key)
    qtbot.waitUntil(view.isVisible)
    return view


def press(qtbot, view, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key press where the keyboard focus is (mnemonics and shortcuts need the active window)."""
    window = view.window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    target = QApplication.focusWidget() or view
    qtbot.keyClick(target, key, modifier)


def answer(qtbot, view, *option_ids: str) -> None:
    """Tick answers by clicking their text (the wrapping label), then Volgende."""
    for option_id in option_ids:
        label = view.rows[option_id].label
        qtbot.mouseClick(label, Qt.MouseButton.LeftButton, pos=label.rect().center())
    click(qtbot, view.next)


def to_route_choice(qtbot, view, safety: str) -> None:
    click(qtbot, view.next)
    answer(qtbot, view, "ja")
    answer(qtbot, view, "thuis", "zwanger")
    answer(qtbot, view, "kind")
    answer(qtbot, view, "netwerk")
    answer(qtbot, view, "zwijgen")
    answer(qtbot, view, safety)
    answer(qtbot, view, "ouder-geen")
    assert view.flow.current.kind == "routekeuze"


def expected_offers(codes: set[str], age: int) -> set[str]:
    demo = Payload.model_validate_json(demo_payload_path().read_bytes())
    return {s.id for s in demo.services
            if str(s.status) in ("active", "temporarily closed")
            and (codes & set(s.service_areas) or "NL" in s.service_areas or OfferKind.ONLINE in s.kinds)
            and (s.minimum_age is None or s.minimum_age <= age) and (s.maximum_age is None or s.maximum_age >= age)}


# -- Kindcheck ------------------------------------------------------------------------------

def test_kindcheck_preventive_route_to_the_end_and_copy(qtbot, main_window):
    view = open_tab(qtbot, main_window, "kindcheck")
    assert not view.back.isEnabled() and not view.copy.isEnabled()
    to_route_choice(qtbot, view, "zorgen")
    # Both routes are in view, the preventive one suggested.
    boxes = view.route_boxes
    assert boxes["veiligheid"].isVisible() and boxes["preventief"].isVisible()
    assert boxes["preventief"].property("active") and "Voorgesteld" in boxes["preventief"].badge.text()
    assert view.rows["preventief"].isChecked()
    click(qtbot, view.next)
    assert view.flow.current.id == "kc.pr.1" and "route B" in view.progress.text()
    answer(qtbot, view, "besproken")
    # A step's action opens the checklist tab; back to the Kindcheck, nothing lost.
    click(qtbot, view.action_buttons["checklist"])
    assert main_window.tabs.currentWidget() is main_window.lazy_tabs["checklist"]
    open_tab(qtbot, main_window, "kindcheck")
    answer(qtbot, view, "checklist")
    answer(qtbot, view, "verwezen")
    assert view.flow.current.id == "kc.pr.4"
    view.choose("terugkomen")
    assert not view.next.isEnabled() and view.copy.isEnabled() and "laatste stap" in view.progress.text()
    click(qtbot, view.copy)
    text = QGuiApplication.clipboard().text()
    assert text == view.flow.summary_text()
    assert "Route: B. Geen acute onveiligheid" in text and "Veilig Thuis" not in text
    assert "Eigen kinderen die thuis wonen; Zwangerschap" in text
    assert "gekopieerd" in view.status.text()


def test_kindcheck_safety_route_by_keyboard(qtbot, main_window):
    view = open_tab(qtbot, main_window, "kindcheck")
    to_route_choice(qtbot, view, "onveilig")
    assert view.rows["veiligheid"].isChecked() and view.route_boxes["veiligheid"].property("active")

    def alt(key: Qt.Key, step_id: str) -> None:  # a mnemonic "clicks" its button a moment later
        press(qtbot, view, key, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: view.flow.current.id == step_id)

    alt(Qt.Key.Key_V, "kc.mc.1")  # &Volgende
    for step_id in ("kc.mc.2", "kc.mc.3", "kc.mc.4"):
        alt(Qt.Key.Key_V, step_id)
    assert not view.next.isEnabled()  # afweging 1 must be answered
    assert view.rows["ja"].button.hasFocus()  # the card's first answer has the keyboard focus
    press(qtbot, view, Qt.Key.Key_Space)
    assert view.flow.answers["kc.mc.4"] == ("ja",)
    alt(Qt.Key.Key_V, "kc.mc.afw2")
    view.choose("ja")  # afweging 2: acute or structural unsafety
    assert "Melden bij Veilig Thuis" in view.outcome.text() and view.outcome.isVisible()
    click(qtbot, view.next)
    assert view.flow.current.id == "kc.mc.melden" and view.copy.isEnabled()
    assert view.route_boxes["veiligheid"].badge.text() == "Deze route volgt u nu."
    alt(Qt.Key.Key_O, "kc.mc.afw2")  # V&orige
    assert view.rows["ja"].isChecked()
    click(qtbot, view.next)
    click(qtbot, view.copy)
    text = QGuiApplication.clipboard().text()
    assert "Route: A. Zorgen over de veiligheid" in text and "0800-2000" in text
    assert "→ Melden bij Veilig Thuis" in text


def test_kindcheck_exclusive_answer_and_wissen(qtbot, main_window):
    view = open_tab(qtbot, main_window, "kindcheck")
    click(qtbot, view.next)
    answer(qtbot, view, "nee")
    view.choose("thuis", "elders")
    view.choose("geen")  # "Geen kinderen" clears the others
    assert [oid for oid, row in view.rows.items() if row.isChecked()] == ["geen"]
    view.choose("partner")  # and another answer clears "Geen kinderen"
    assert [oid for oid, row in view.rows.items() if row.isChecked()] == ["partner"]
    click(qtbot, view.clear_button)
    assert view.flow.history == [view.flow.content.start] and view.flow.answers == {}
    assert view.title.text() == "De Kindcheck in het kort"


# -- Gesprekstips ---------------------------------------------------------------------------

def shown(view) -> list[str]:
    return [c.id for c in view.shown_cards()]


def test_tips_search_filter_favourite(qtbot, main_window):
    view = open_tab(qtbot, main_window, "tips")
    all_cards = shown(view)
    assert len(all_cards) == len(main_window.services.tips.cards)
    qtbot.keyClicks(view.text, "spanning stress")
    assert shown(view) == ["tip.laagdrempelig-aanbod"]
    assert "spanning en stress thuis" in view.browser.toPlainText()
    view.text.clear()
    view.audience.setCurrentIndex(view.audience.findData("naasten"))
    naasten = shown(view)
    assert naasten and all("naasten" in main_window.services.tips.card(c).audiences for c in naasten)
    view.list.setCurrentRow(len(naasten) - 1)
    last = shown(view)[-1]
    click(qtbot, view.favourite)
    assert shown(view)[0] == last and view.list.currentItem().text().startswith("★")
    view.favourites_only.setChecked(True)
    assert shown(view) == [last]


def test_tips_card_set_saved_as_pdf(qtbot, main_window, tmp_path, monkeypatch):
    view = open_tab(qtbot, main_window, "tips")
    view.audience.setCurrentIndex(view.audience.findData("collega"))
    target = tmp_path / "kaarten.pdf"

    class ChoosePdf:  # stands in for the "Afdrukken of bewaren" question
        ButtonRole = QMessageBox.ButtonRole

        def __init__(self, parent):
            self.buttons = []

        def setWindowTitle(self, text): ...  # noqa: N802
        def setText(self, text): ...  # noqa: N802

        def addButton(self, text, role):  # noqa: N802
            self.buttons.append(text)
            return text

        def exec(self):
            return 0

        def clickedButton(self):  # noqa: N802
            return next(b for b in self.buttons if "PDF" in b)

    monkeypatch.setattr("koppdesk.gui.printing.QMessageBox", ChoosePdf)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF (*.pdf)"))
    click(qtbot, view.print_button)
    data = target.read_bytes()
    assert data.startswith(b"%PDF") and b"/Count" in data


# -- Checklist ------------------------------------------------------------------------------

def test_checklist_summary_offers_and_open_in_kaart(qtbot, main_window):
    view = open_tab(qtbot, main_window, "checklist")
    assert view.disclaimer.isVisible() and "geen diagnose" in view.disclaimer.text()
    assert "gemeente of postcode" in view.offers_note.text() and view.offers.count() == 0
    view.age.setValue(9)
    view.gemeente.setFocus()
    qtbot.keyClicks(view.gemeente.lineEdit(), "amersfoort")
    qtbot.keyClick(view.gemeente.lineEdit(), Qt.Key.Key_Return)
    assert view.session.area_codes == ("GM0307",)
    assert set(view.shown_offer_ids()) == expected_offers({"GM0307"}, 9)
    for fid in ("cl.kind.meisje", "cl.ouders.beide", "cl.kind.parentificatie"):
        qtbot.mouseClick(view.rows[fid].button, Qt.MouseButton.LeftButton)
    summary = view.summary.toPlainText()
    assert "Risicofactoren: 3 (kind 2, ouder(s) 1, gezin 0, omgeving 0)" in summary
    assert "stapeling" in summary and "Zwaarwegend aangevinkt" in summary
    assert "Niet aangevinkt als aanwezig" in summary
    first = view.offers.item(0)
    assert "past bij: Te veel zorgtaken" in first.text()
    # One click from the details: Enter on the suggestion opens it in the sociale kaart.
    offer_id = view.shown_offer_ids()[0]
    view.offers.setCurrentRow(0)
    view.offers.setFocus()
    qtbot.keyClick(view.offers, Qt.Key.Key_Return)
    assert main_window.tabs.currentWidget() is main_window.lazy_tabs["kaart"]
    kaart = main_window.tab("kaart")
    assert kaart.detail.service_id == offer_id
    assert main_window.services.kaart.detail(offer_id).name in kaart.detail.browser.toPlainText()
    # and one mouse click on another suggestion does the same
    view = open_tab(qtbot, main_window, "checklist")
    second = view.offers.item(1)
    rect = view.offers.visualItemRect(second)
    qtbot.mouseClick(view.offers.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert main_window.tabs.currentWidget() is main_window.lazy_tabs["kaart"]
    assert kaart.detail.service_id == second.data(Qt.ItemDataRole.UserRole)


def test_checklist_postcode_unknown_place_copy_and_wissen(qtbot, main_window):
    view = open_tab(qtbot, main_window, "checklist")
    view.set_gemeente("Jansen")  # someone types a name where a gemeente belongs
    assert view.message.isVisible() and "Onbekende gemeente" in view.message.text()
    assert view.session.area_codes == ()
    view.set_gemeente("")
    qtbot.keyClicks(view.postcode, "3835")
    assert set(view.session.area_codes) == {"GM0307", "GM0327"}
    view.age.setValue(14)
    assert set(view.shown_offer_ids()) == expected_offers({"GM0307", "GM0327"}, 14)
    view.tick("cl.omgeving.netwerk")
    click(qtbot, view.copy)
    text = QGuiApplication.clipboard().text()
    assert text == view.session.dossier_text()
    assert "Jansen" not in text and "3835" not in text
    assert "Een steunend sociaal netwerk (omgeving)" in text and "geen diagnose" in text
    click(qtbot, view.clear_button)
    assert view.session.ticked == set() and view.session.area_codes == ()
    assert not view.rows["cl.omgeving.netwerk"].isChecked() and view.postcode.text() == ""
    assert view.offers.count() == 0


# -- all three ------------------------------------------------------------------------------

def test_every_control_has_an_accessible_name(qtbot, main_window):
    kinds = (QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QListWidget, QTextBrowser)
    for key in ("kindcheck", "tips", "checklist"):
        view = open_tab(qtbot, main_window, key)
        missing = [w for w in view.findChildren(QWidget) if isinstance(w, kinds) and w.isVisible()
                   and not w.accessibleName()
                   and not (isinstance(w, QLineEdit) and isinstance(w.parent(), (QComboBox, QAbstractSpinBox)))]
        assert not missing, (key, missing)


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under root with its modification time and contents."""
    return {str(p.relative_to(root)): p.stat().st_mtime_ns.to_bytes(8, "little") + p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_session_writes_nothing_to_disk(qtbot, settings, tmp_path):
    from koppdesk.gui.app import create_main_window

    first = create_main_window(settings)  # first start: the demo kaart is written
    qtbot.addWidget(first)
    first.close()
    root = tmp_path  # data dir, config, state and cache folders of this test
    before = snapshot(root)
    window = create_main_window(settings)
    qtbot.addWidget(window)
    window.show()
    kc = open_tab(qtbot, window, "kindcheck")
    to_route_choice(qtbot, kc, "onveilig")
    click(qtbot, kc.next)
    cl = open_tab(qtbot, window, "checklist")
    cl.set_gemeente("Jansen-de Vries")
    cl.age.setValue(6)
    cl.set_gemeente("Utrecht")
    for fid in ("cl.kind.aanleg", "cl.gezin.geweld", "cl.omgeving.vertrouwenspersoon"):
        cl.tick(fid)
    click(qtbot, cl.copy)
    tips = open_tab(qtbot, window, "tips")
    tips.text.setText("boos")
    window.close()
    assert kc.flow.answers == {} and cl.session.ticked == set()  # closing cleared the session
    after = snapshot(root)
    assert after.keys() == before.keys()
    assert [name for name in after if after[name] != before[name]] == []
    assert not any(b"Jansen" in content for content in after.values())


def test_damaged_content_file_shows_a_message_in_its_tab(qtbot, main_window, tmp_path, monkeypatch):
    from koppdesk.content.loader import ContentLibrary

    (tmp_path / "kapot").mkdir()
    main_window.services.content = ContentLibrary(tmp_path / "kapot")
    widget = main_window.tab("kindcheck")
    assert isinstance(widget, QLabel) and "kindcheck.json ontbreekt" in widget.text()
    assert main_window.tab("kaart") is not None
