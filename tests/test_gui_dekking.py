"""Dekking and Ketenkaart tabs driven like a user would, on the demo data in a real database."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from coverage_count import BANDS, DEMO_GEMEENTEN, ROWS, expected_counts
from koppdesk.bundle import demo_payload_path
from koppdesk.gui.dekking_export import legend_cells
from koppdesk.gui.dekking_model import DARK, LIGHT, CellRole, paint_cell
from koppdesk.gui.gemeente_choice import RegionDialog


@pytest.fixture(scope="module")
def demo_services() -> list[dict]:
    return json.loads(demo_payload_path().read_text(encoding="utf-8"))["services"]


@pytest.fixture
def view(qtbot, main_window):
    main_window.tabs.setCurrentWidget(main_window.lazy_tabs["dekking"])
    return main_window.tab("dekking")


def shown(view) -> dict[str, dict[str, str]]:
    """What the table shows, cell by cell (display text)."""
    m = view.model
    return {m.matrix.rows[r].key: {m.matrix.bands[c].key: m.index(r, c).data() for c in range(m.columnCount())}
            for r in range(m.rowCount())}


def shown_counts(view) -> dict[str, dict[str, int]]:
    m = view.model
    return {m.matrix.rows[r].key: {m.matrix.bands[c].key: m.index(r, c).data(CellRole).count
                                   for c in range(m.columnCount())} for r in range(m.rowCount())}


def test_typed_gemeente_shows_its_matrix(qtbot, view, demo_services):
    assert view.title.text() == "Dekking KOPP/KOV-aanbod in Amersfoort"  # first gemeente in the kaart
    line = view.gemeente.lineEdit()
    line.selectAll()
    qtbot.keyClicks(line, "GM0327")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert view.title.text() == "Dekking KOPP/KOV-aanbod in Leusden"
    assert shown_counts(view) == expected_counts(demo_services, ["GM0327"])
    assert "Geen groepsaanbod voor 0 t/m 5 en 13 t/m 17 jaar in Leusden." in view.gaps.toPlainText()
    line.selectAll()
    qtbot.keyClicks(line, "Atlantis")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert view.message.isVisible() and "Onbekende gemeente" in view.message.text()


def test_cli_output_matches_what_the_gui_shows(qtbot, view, data_dir):
    for code in DEMO_GEMEENTEN:
        for extra in ([], ["--lokaal"], ["--probleem", "verslaving"]):
            out = subprocess.run([sys.executable, "-m", "koppdesk", "--data-dir", str(data_dir), "dekking",
                                  "--gemeente", code, "--json", *extra], capture_output=True, text=True, timeout=60)
            assert out.returncode == 0, out.stderr
            cli = json.loads(out.stdout)
            view.local_only.setChecked("--lokaal" in extra)
            view.problem.setCurrentIndex(view.problem.findText("verslaving") if "--probleem" in extra else 0)
            view.set_region((view.service.gemeenten.by_code(code),))
            gui_text, gui_counts = shown(view), shown_counts(view)
            for row in cli["rows"]:
                for band, cell in row["cells"].items():
                    assert gui_counts[row["key"]][band] == cell["count"], (code, extra, row["key"], band)
                    assert gui_text[row["key"]][band] == cell["text"]
            assert view.title.text() == cli["title"]
            assert [g["text"] for g in cli["gaps"]] == [g.text for g in view.matrix.gaps]


def test_click_cell_lists_offers_and_enter_opens_it_in_the_kaart(qtbot, main_window, view):
    view.set_region((view.service.gemeenten.by_code("GM0327"),))
    index = view.model.index(ROWS.index("kind:groep"), list(BANDS).index("12-16"))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=view.table.visualRect(index).center())
    ids = [view.offers.item(i).data(Qt.ItemDataRole.UserRole + 1) for i in range(view.offers.count())]
    assert sorted(ids) == ["svc-eem-stormvogels", "svc-mn-vrije-vlucht"]
    assert "2 aanbod, waarvan 2 lokaal" in view.cell_label.text()
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert view.offers.hasFocus()
    qtbot.keyClick(view.offers, Qt.Key.Key_Down)
    second = view.offers.currentItem().data(Qt.ItemDataRole.UserRole + 1)
    qtbot.keyClick(view.offers, Qt.Key.Key_Return)
    assert main_window.tabs.currentWidget() is main_window.lazy_tabs["kaart"]
    assert main_window.tab("kaart").detail.service_id == second


def test_arrow_keys_move_through_cells(qtbot, view):
    view.table.setFocus()
    view.table.setCurrentIndex(view.model.index(0, 0))
    qtbot.keyClick(view.table, Qt.Key.Key_Right)
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    cell = view.table.currentIndex().data(CellRole)
    assert (cell.row.key, cell.band.key) == ("kind:groep", "4-8")
    assert view.cell_label.text().startswith("<b>groep, 4 t/m 7 jaar</b>")


def test_region_dialog_and_region_matrix(qtbot, view, demo_services, monkeypatch):
    def tick(dialog):
        dialog.filter.setText("leus")
        visible = [dialog.list.item(i) for i in range(dialog.list.count()) if not dialog.list.item(i).isHidden()]
        assert [i.data(Qt.ItemDataRole.UserRole).code for i in visible] == ["GM0327"]
        visible[0].setCheckState(Qt.CheckState.Checked)
        assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
        return True

    monkeypatch.setattr(RegionDialog, "exec", tick)
    view.region_button.click()  # Amersfoort is already ticked; Leusden is added
    assert [g.code for g in view.selection] == ["GM0307", "GM0327"]
    assert view.title.text() == "Dekking KOPP/KOV-aanbod in Amersfoort en Leusden"
    assert shown_counts(view) == expected_counts(demo_services, ["GM0307", "GM0327"])
    assert view.gemeente.currentText() == "Regio (2 gemeenten)"


def test_region_dialog_needs_one_gemeente(qtbot, services):
    dialog = RegionDialog(services.gemeenten, services.dekking.gemeenten_in_kaart(), ())
    qtbot.addWidget(dialog)
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert dialog.list.item(0).text().endswith("(in de sociale kaart)")


def test_local_only_and_problem_change_the_counts(qtbot, view, demo_services):
    view.set_region((view.service.gemeenten.by_code("GM0014"),))
    view.local_only.setChecked(True)
    assert shown_counts(view) == expected_counts(demo_services, ["GM0014"], local_only=True)
    assert view.title.text().endswith("(alleen lokaal aanbod)")
    view.local_only.setChecked(False)
    view.problem.setCurrentIndex(view.problem.findText("psychisch"))
    assert shown_counts(view) == expected_counts(demo_services, ["GM0014"], problem="psychisch")


def test_exports_csv_png_pdf(qtbot, view, tmp_path, monkeypatch, demo_services):
    view.set_region((view.service.gemeenten.by_code("GM0855"),))
    targets = iter([tmp_path / "matrix", tmp_path / "matrix", tmp_path / "matrix.pdf"])
    monkeypatch.setattr("koppdesk.gui.dekking_view.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(next(targets)), ""))
    view.export_buttons["csv"].click()
    view.export_buttons["png"].click()
    view.export_buttons["pdf"].click()
    with open(tmp_path / "matrix.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    expected = expected_counts(demo_services, ["GM0855"])
    assert [[int(n) for n in r[1:]] for r in rows[1:]] == [list(expected[row].values()) for row in ROWS]
    image = QImage(str(tmp_path / "matrix.png"))
    assert not image.isNull() and image.width() >= 1800 and image.height() > 1000
    pdf = (tmp_path / "matrix.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000


def test_export_failure_is_told_in_dutch(qtbot, view, tmp_path, monkeypatch):
    warnings = []
    monkeypatch.setattr("koppdesk.gui.dekking_view.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "bestaat-niet" / "m.csv"), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    view.export_buttons["csv"].click()
    view.export_buttons["pdf"].click()
    assert len(warnings) == 2 and all("niet bewaren" in w for w in warnings)


def _luminance(hex_colour: str) -> float:
    def channel(v: float) -> float:
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    c = QColor(hex_colour)
    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize("colours", [LIGHT, DARK], ids=["licht", "donker"])
def test_colours_readable_and_apart_without_hue(colours):
    for key, c in colours.items():
        assert _contrast(c.text, c.background) >= 4.5, key  # WCAG AA for the numbers
    levels = [colours[k].background for k in ("none", "one", "several")]
    # told apart by lightness alone (greyscale, any colour blindness), not only by hue
    lum = sorted(_luminance(x) for x in levels[1:])
    assert _contrast(levels[1], levels[2]) >= 2.5 and lum[0] != lum[1]


def _colours_in(image: QImage, rect: QRect) -> set[int]:
    return {image.pixel(x, y) for x in range(rect.left(), rect.right()) for y in range(rect.top(), rect.bottom())}


@pytest.mark.parametrize("dark", [False, True])
def test_empty_cells_are_hatched_and_every_cell_says_its_number(qtbot, view, dark):
    cells = {text: cell for cell, text in legend_cells()}
    image = QImage(200, 40, QImage.Format.Format_RGB32)
    for text, cell in cells.items():
        image.fill(QColor("magenta"))
        painter = QPainter(image)
        paint_cell(painter, QRect(0, 0, 200, 40), cell, QFont(), dark)
        painter.end()
        corner = _colours_in(image, QRect(0, 0, 30, 40))  # left of the text
        if text.startswith("geen aanbod"):
            assert len(corner) >= 2  # background and hatching
        else:
            assert len(corner) == 1
    for r in range(view.model.rowCount()):
        for c in range(view.model.columnCount()):
            cell = view.model.index(r, c).data(CellRole)
            text = view.model.index(r, c).data()
            assert text == ("n.v.t." if not cell.applicable and cell.count == 0 else
                            "0 —" if cell.count == 0 else text)
            assert text.split(" ")[0] == str(cell.count) or text == "n.v.t."
            assert view.model.index(r, c).data(Qt.ItemDataRole.AccessibleTextRole)


# -- Ketenkaart ---------------------------------------------------------------------------

@pytest.fixture
def keten(qtbot, main_window):
    main_window.tabs.setCurrentWidget(main_window.lazy_tabs["keten"])
    return main_window.tab("keten")


def test_ketenkaart_lists_roles_partners_and_whom_to_call(qtbot, keten, services):
    kaart = services.keten.ketenkaart("GM0307")
    tree = keten.tree
    assert tree.topLevelItemCount() == 6
    for i, group in enumerate(kaart.groups):
        item = tree.topLevelItem(i)
        assert item.text(0).startswith(group.label) and item.childCount() == len(group.partners)
        partner, person = group.contact
        assert f"— bel eerst: {person.label}, {partner.name}, {partner.phone}" in item.text(0)
        assert item.isFirstColumnSpanned()
        assert [item.child(j).text(0) for j in range(item.childCount())] == [p.name for p in group.partners]
    keten.set_gemeente("GM0014")
    assert keten.title.text().startswith("Ketenkaart Groningen")


def test_add_and_remove_a_local_role(qtbot, keten, services, monkeypatch):
    from koppdesk.gui import keten_view

    def fill(dialog):
        dialog.organization.setCurrentIndex(dialog.organization.findData("org-tlb-ggz"))  # a Tilburg partner
        dialog.role.setCurrentIndex(dialog.role.findText("Toeleiding"))
        return True

    monkeypatch.setattr(keten_view.AddRoleDialog, "exec", fill)
    keten.add_button.click()
    toeleiding = next(keten.tree.topLevelItem(i) for i in range(6) if keten.tree.topLevelItem(i).text(0)
                      .startswith("Toeleiding"))
    added = [toeleiding.child(j) for j in range(toeleiding.childCount())
             if toeleiding.child(j).text(4) == "zelf toegevoegd"]
    tilburg_ggz = next(o.name for o in services.store.organizations() if o.id == "org-tlb-ggz")
    assert [a.text(0) for a in added] == [tilburg_ggz]
    keten.tree.setCurrentItem(added[0])
    assert keten.remove_button.isEnabled()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    keten.remove_button.click()
    assert "zelf toegevoegd" not in [keten.tree.topLevelItem(i).child(j).text(4)
                                     for i in range(6) for j in range(keten.tree.topLevelItem(i).childCount())]


def test_own_contact_shows_up_after_the_contacts_dialog(qtbot, keten, services, monkeypatch):
    from koppdesk.gui.contacts_dialog import ContactsDialog
    from koppdesk.services.local_entries import build_local_contact

    def add_contact(dialog):
        services.store.save_contact(build_local_contact(
            name="Anna de Vries", organization="Praktijk Eigen", phone="033-7654321", gemeente="Amersfoort",
            gemeenten=services.gemeenten, chain_roles=["bespreken"]))
        return 0

    monkeypatch.setattr(ContactsDialog, "exec", add_contact)
    keten.contacts_button.click()
    bespreken = next(keten.tree.topLevelItem(i) for i in range(6)
                     if keten.tree.topLevelItem(i).text(0).startswith("Bespreken"))
    assert bespreken.child(0).text(0) == "Praktijk Eigen" and bespreken.child(0).text(4) == "eigen contact"
    assert "bel eerst: Anna de Vries, Praktijk Eigen, 033-7654321" in bespreken.text(0)


def test_ketenkaart_print_and_copy(qtbot, keten, monkeypatch):
    from PySide6.QtGui import QGuiApplication

    from koppdesk.gui import keten_view

    printed = []
    monkeypatch.setattr(keten_view, "print_or_save_html", lambda parent, html, name: printed.append((html, name)))
    keten.print_button.click()
    assert printed and printed[0][1] == "ketenkaart-amersfoort" and "<h3>Signalering</h3>" in printed[0][0]
    keten.tree.setCurrentItem(keten.tree.topLevelItem(0).child(0))
    keten.tree.setFocus()
    qtbot.keyClick(keten.tree, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text().startswith(keten.tree.topLevelItem(0).child(0).text(0))


def test_table_follows_a_dark_palette(qtbot, view):
    """The delegate picks the dark colour set from the palette (what the dark screenshot shows)."""
    from PySide6.QtGui import QPalette

    palette = view.table.palette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    view.table.setPalette(palette)
    image = view.table.viewport().grab().toImage()
    index = view.model.index(0, 1)  # "alle aanbod", several offers
    rect = view.table.visualRect(index)
    assert QColor(image.pixel(rect.left() + 3, rect.top() + 3)).name() == DARK["several"].background
    palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    view.table.setPalette(palette)
    image = view.table.viewport().grab().toImage()
    assert QColor(image.pixel(rect.left() + 3, rect.top() + 3)).name() == LIGHT["several"].background


def test_matrix_counts_again_when_the_tab_comes_back(qtbot, main_window, view, services):
    from koppdesk.services.local_entries import LocalOfferForm, build_local_offer

    view.set_region((services.gemeenten.by_code("GM0855"),))
    index = view.model.index(ROWS.index("kind:jonge mantelzorgers"), list(BANDS).index("12-16"))
    view.table.setCurrentIndex(index)
    assert index.data(CellRole).count == 0
    main_window.tabs.setCurrentWidget(main_window.lazy_tabs["kaart"])
    org, svc = build_local_offer(LocalOfferForm(
        name="Eigen mantelzorggroep", organization="Praktijk", description="Groep", kinds=["jonge mantelzorgers"],
        gemeenten="Tilburg", minimum_age=12, maximum_age=17), services.gemeenten)
    services.store.save_local_offer(org, svc)
    main_window.tabs.setCurrentWidget(main_window.lazy_tabs["dekking"])
    assert view.table.currentIndex().data(CellRole).count == 1  # same cell, new number
    assert [view.offers.item(i).text().split("\n")[0] for i in range(view.offers.count())] == ["Eigen mantelzorggroep"]
