"""The sociale kaart tab driven like a user would, with qtbot on real widgets and a real database."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from koppdesk.gui.app import create_main_window
from koppdesk.store import Store
from payloads import now, search_payload


@pytest.fixture
def window(qtbot, settings):
    store = Store.open(settings.data_dir)
    store.apply_payload(search_payload(), now=now())
    store.close()
    w = create_main_window(settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.setup_finished)  # shortcuts come right after the first frame
    yield w
    w.close()


def shown_ids(view):
    return [view.model.summary(i).id for i in range(view.model.rowCount())]


def test_ctrl_f_type_arrows_enter(qtbot, window):
    view = window.tab("kaart")
    window.tabs.setCurrentIndex(1)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.lazy_tabs["kaart"]
    assert view.filters.text.hasFocus()
    qtbot.keyClicks(view.filters.text, "clie")  # diacritics: matches "cliënt"
    qtbot.waitUntil(lambda: shown_ids(view) == ["s-kanjers"])
    view.filters.text.clear()
    qtbot.waitUntil(lambda: len(shown_ids(view)) == 6)
    qtbot.keyClick(view.filters.text, Qt.Key.Key_Down)
    assert view.results.hasFocus()
    qtbot.keyClick(view.results, Qt.Key.Key_Down)
    second = shown_ids(view)[1]
    assert view.detail.service_id == second
    qtbot.keyClick(view.results, Qt.Key.Key_Return)
    assert view.detail.browser.hasFocus()


def test_filters_gemeente_postcode_age(qtbot, window):
    view = window.tab("kaart")
    view.filters.set_gemeente("GM0327")
    assert set(shown_ids(view)) == {"s-leusden", "s-online", "s-nl"}
    view.filters.age.setValue(17)
    qtbot.waitUntil(lambda: set(shown_ids(view)) == {"s-online", "s-nl"})
    view.filters.set_gemeente("")
    view.filters.age.setValue(view.filters.age.minimum())
    qtbot.keyClicks(view.filters.postcode, "3811")  # Amersfoort
    qtbot.waitUntil(lambda: "s-kanjers" in shown_ids(view) and "s-leusden" not in shown_ids(view))


def test_unknown_gemeente_typed_shows_message(qtbot, window):
    view = window.tab("kaart")
    view.filters.gemeente.lineEdit().setText("Atlantis")
    view.filters.gemeente.lineEdit().editingFinished.emit()
    assert view.message.isVisible() and "Onbekende gemeente" in view.message.text()


def test_detail_shows_only_safe_links_and_copy_for_his(qtbot, window):
    view = window.tab("kaart")
    view.show_offer("s-kanjers")
    html = view.detail.browser.toHtml()
    assert "Kanjergroep" in html and "javascript:" not in html
    view.detail.copy_his.click()
    text = QGuiApplication.clipboard().text()
    assert text.startswith("Verwezen naar / besproken: Kanjergroep (Stichting Alfa)")


def test_favourite_and_note_survive_restart(qtbot, window, settings):
    view = window.tab("kaart")
    view.show_offer("s-utrecht")
    view.detail.favourite.click()
    view.detail.note.setPlainText("Intake via Ellen, korte lijn")
    view.detail.save_note.click()
    assert shown_ids(view)[0] == "s-utrecht"  # favourites first when not searching
    window.close()
    again = create_main_window(settings)
    qtbot.addWidget(again)
    try:
        v2 = again.tab("kaart")
        v2.filters.favourites.setChecked(True)
        assert shown_ids(v2) == ["s-utrecht"]
        v2.show_offer("s-utrecht")
        assert v2.detail.note.toPlainText() == "Intake via Ellen, korte lijn"
        assert v2.detail.favourite.isChecked()
    finally:
        again.close()


def test_add_local_offer_via_dialog(qtbot, window, monkeypatch):
    from koppdesk.gui.local_dialogs import LocalOfferDialog

    dialog = LocalOfferDialog(window.services, window)
    qtbot.addWidget(dialog)
    dialog.name.setText("Spreekuur jeugd POH")
    dialog.organization.setText("Praktijk De Linde")
    dialog.kinds["individueel"].setChecked(True)
    dialog.gemeenten.setText("Atlantis")
    dialog.accept()
    assert not dialog.error.isHidden() and "Atlantis" in dialog.error.text()
    dialog.gemeenten.setText("Amersfoort, GM0327")
    dialog.phone.setText("bel me")
    dialog.accept()
    assert "telefoon" in dialog.error.text()
    dialog.phone.setText("033-1234567")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    view = window.tab("kaart")
    view.refresh()
    row = next(view.model.summary(i) for i in range(view.model.rowCount())
               if view.model.summary(i).name == "Spreekuur jeugd POH")
    assert row.source == "local" and row.gemeenten == ["GM0307", "GM0327"]
    view.show_offer(row.id)
    assert view.detail.edit.isVisible() and "eigen aanbod" in view.detail.browser.toPlainText()


def test_leaflet_pdf(tmp_path, qtbot, window):
    from koppdesk.gui.printing import save_html_as_pdf

    path = save_html_as_pdf(window.services.kaart.leaflet_html("s-kanjers"), tmp_path / "folder.pdf")
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    assert b"/Count 1" in data  # one page for the parent


def test_every_visible_control_has_an_accessible_name(qtbot, window):
    view = window.tab("kaart")
    view.show_offer("s-kanjers")
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit, QTextBrowser
    kinds = (QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit, QTextBrowser)
    missing = []
    for w in view.findChildren(QWidget):
        if isinstance(w, kinds) and w.isVisible() and not w.accessibleName():
            if isinstance(w, QLineEdit) and isinstance(w.parent(), (QComboBox, QAbstractSpinBox)):
                continue  # inner editor of a named combo/spin box
            if not w.text() if isinstance(w, QAbstractButton) else True:
                missing.append(w)
    assert not missing, missing


def test_no_display_message(capsys):
    from koppdesk.gui.app import display_available
    assert not display_available(env={}, platform="linux")
    assert display_available(env={"DISPLAY": ":0"}, platform="linux")
    assert display_available(env={}, platform="win32")


def test_missing_x11_libraries_are_named_as_packages(monkeypatch):
    import ctypes

    from koppdesk.gui import app

    real = ctypes.CDLL
    monkeypatch.setattr(ctypes, "CDLL", lambda name, *a, **k: (_ for _ in ()).throw(OSError(name))
                        if name == "libxcb-cursor.so.0" else real(name, *a, **k))
    found = app.missing_x11_packages(env={"DISPLAY": ":0"}, platform="linux")
    assert "libxcb-cursor0" in found
    assert app.missing_x11_packages(env={"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, platform="linux") == []
    assert app.missing_x11_packages(env={}, platform="win32") == []


@pytest.mark.parametrize("bold", [False, True])
def test_list_elides_like_qt(qtbot, bold):
    """The delegate's own eliding (no Qt.TextElideMode on the start path) matches Qt's."""
    from PySide6.QtGui import QFont, QFontMetrics, QFontMetricsF
    from PySide6.QtWidgets import QApplication

    from koppdesk.gui.offer_list_model import elide_right

    font = QFont(QApplication.font())
    font.setBold(bold)
    texts = ["Kanjergroep voor kinderen van ouders met psychische problemen",
             "Stichting Alfa · 8–12 jaar · groep, online · verwijzing nodig · eigen aanbod",
             "Ëlla’s café — één keer per maand", "e\u0301e\u0301e\u0301e\u0301e\u0301 (accenten los)",
             "AVAVAV WAVE Tyyy", "x", ""]
    metrics = QFontMetrics(font)
    for text in texts:
        for width in range(0, metrics.horizontalAdvance(text) + 10):
            assert elide_right(QFontMetricsF(font), text, width) == \
                metrics.elidedText(text, Qt.TextElideMode.ElideRight, width), (text, width)


def _list_image(qtbot, monkeypatch, *, styled: bool, palette=None, select: int | None = None):
    """The result list painted, through the plain-pen path or (styled) the style's drawItemText."""
    from PySide6.QtWidgets import QListView

    from koppdesk.gui import offer_list_model as olm
    from koppdesk.store import OfferSummary

    calls = []
    real = olm._draw_with_style
    monkeypatch.setattr(olm, "_draw_with_style", lambda *a: (calls.append(a[3]), real(*a)))
    if styled:
        monkeypatch.setattr(olm, "_pen_draws_plain_lines", lambda painter, palette: False)
    view = QListView()
    qtbot.addWidget(view)
    if palette is not None:
        view.setPalette(palette)
    view.setUniformItemSizes(True)
    view.setItemDelegate(olm.OfferItemDelegate(view))
    model = olm.OfferListModel(view)
    model.set_results([OfferSummary(f"s-{i}", f"Kanjergroep {i} voor kinderen van ouders met zorgen",
                                    "Stichting Alfa", 8, 12, ["groep"], ["GM0307"], "feed", False, i % 2 == 0,
                                    False, i == 1, False) for i in range(6)])
    view.setModel(model)
    view.resize(260, 300)
    view.show()
    qtbot.waitExposed(view)
    if select is not None:
        view.activateWindow()
        view.setFocus()
        view.setCurrentIndex(model.index(select))
    image = view.grab().toImage()
    return image, list(calls)  # a copy: a later call's patch passes its calls on to this one's


def test_list_lines_look_the_same_with_the_plain_pen_as_through_the_style(qtbot, monkeypatch):
    """The first frame draws with the painter's pen as it is (no Qt.* or QStyle enums); that must
    look exactly like the style's drawItemText with the palette's text and placeholder colours."""
    plain, plain_calls = _list_image(qtbot, monkeypatch, styled=False)
    styled, styled_calls = _list_image(qtbot, monkeypatch, styled=True)
    assert plain_calls == []
    assert styled_calls and not any(styled_calls)
    assert plain.size() == styled.size() and plain.format() == styled.format()
    a, b = bytes(plain.constBits()), bytes(styled.constBits())
    # Half opacity and a half-alpha pen round differently by at most one step per channel.
    assert max(abs(x - y) for x, y in zip(a, b)) <= 1
    assert a != bytes(len(a)) and len({a[i:i + 4] for i in range(0, len(a), 4)}) > 10  # text was drawn
    _, calls = _list_image(qtbot, monkeypatch, styled=False, select=2)
    assert True in calls  # a selected row has its own colours: the style draws it


def test_list_uses_the_style_when_the_palette_mutes_text_otherwise(qtbot, monkeypatch):
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor(200, 30, 30))
    image, calls = _list_image(qtbot, monkeypatch, styled=False, palette=palette)
    assert calls and not any(calls)
    reds = {(c.red(), c.green(), c.blue()) for c in (image.pixelColor(x, y) for x in range(0, 250, 2)
                                                     for y in range(0, 290, 2))}
    assert (200, 30, 30) in reds  # the second lines in the palette's own muted colour


def test_list_draws_the_item_as_the_base_delegate_with_the_text_left_out(qtbot, monkeypatch):
    """`initStyleOption` skips the base class (eight model roles per row); the style still draws
    the same background, selection and focus as when the base class fills the option."""
    from PySide6.QtWidgets import QStyledItemDelegate

    from koppdesk.gui import offer_list_model as olm

    ours, _ = _list_image(qtbot, monkeypatch, styled=False, select=2)

    def base_without_text(self, option, index):
        QStyledItemDelegate.initStyleOption(self, option, index)
        option.text = ""

    monkeypatch.setattr(olm.OfferItemDelegate, "initStyleOption", base_without_text)
    base, _ = _list_image(qtbot, monkeypatch, styled=False, select=2)
    assert bytes(ours.constBits()) == bytes(base.constBits())
