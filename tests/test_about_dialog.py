"""Help ▸ Over koppdesk: what a user reads to IT on the phone, and the app icon."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImageReader

from koppdesk import __version__, logsetup
from koppdesk.config import load_settings
from koppdesk.gui.about_dialog import AboutDialog
from koppdesk.gui.app import create_main_window
from koppdesk.gui.app_icon import ICON_SIZES, app_icon
from koppdesk.services.diagnostics import feed_status_lines

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"


def open_about(window, qtbot) -> AboutDialog:
    action = next(a for a in window.menus["help"].actions() if a.text() == "&Over koppdesk")
    action.trigger()
    dialog = window.findChild(AboutDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def test_about_shows_what_it_needs_and_copies_it(main_window, qtbot):
    dialog = open_about(main_window, qtbot)
    text = dialog.text.toPlainText()
    store = main_window.services.store
    assert text.startswith(f"koppdesk {__version__} ")
    assert f"Gegevensmap: {main_window.services.settings.data_dir}" in text
    assert f"Database: {store.path} (" in text
    assert "Bron: demo-gegevens (nog niet gesynchroniseerd)" in text
    assert f"Aanbod: {store.count_offers()}" in text
    assert "feed_url: (niet ingesteld) — standaard" in text
    assert dialog.text.isReadOnly()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == text
    assert dialog.copied.text() == "Gekopieerd naar het klembord."


def test_about_shows_settings_origin_and_log_file(qtbot, tmp_path, monkeypatch):
    machine = tmp_path / "koppdesk.toml"
    machine.write_text('feed_url = "https://regio.example.org/kaart/"\nlocked = ["feed_url"]\n')
    monkeypatch.setenv("KOPPDESK_MACHINE_CONFIG", str(machine))
    settings = load_settings({"data_dir": str(tmp_path / "data")})
    with logsetup.configured_logging(settings, None, folder=tmp_path / "logs"):
        window = create_main_window(settings)
        qtbot.addWidget(window)
        window.show()
        try:
            text = open_about(window, qtbot).text.toPlainText()
        finally:
            window.services.close()
    assert f"Logboek: {tmp_path / 'logs' / 'koppdesk.log'}" in text
    assert f"Machine-instellingen (IT): {machine} [aanwezig]" in text
    assert "feed_url: https://regio.example.org/kaart/ — machine (vergrendeld)" in text


def test_feed_status_lists_sync_state_from_store_meta():
    meta = {"data_source": "feed", "data_generated": "2026-11-01T09:00:00+00:00",
            "feed_version": "42", "last_sync_ok": "2026-11-20T08:00:00+00:00"}
    lines = feed_status_lines(meta, offers=12)
    assert lines[1:] == ["Aanbod: 12", "Bron: feed", "Gegevens van: 2026-11-01T09:00:00+00:00",
                         "feed_version: 42", "last_sync_ok: 2026-11-20T08:00:00+00:00"]
    assert lines[0].startswith("Ouderdom: gegevens van 01-11-2026")


def test_window_icon_comes_from_bundled_pngs(main_window):
    icon = app_icon()
    assert not icon.isNull()
    assert {s.width() for s in icon.availableSizes()} == set(ICON_SIZES)


@pytest.mark.parametrize("size", [16, 24, 32, 48, 64, 128, 256, 512])
def test_icon_pngs_have_their_size(size):
    reader = QImageReader(str(ICONS / f"koppdesk-{size}.png"))
    assert reader.size().width() == size and reader.size().height() == size


def test_windows_and_macos_icon_files_hold_all_sizes():
    reader = QImageReader(str(ICONS / "koppdesk.ico"))
    assert reader.imageCount() == 7
    icns = (ICONS / "koppdesk.icns").read_bytes()
    assert icns[:4] == b"icns" and int.from_bytes(icns[4:8], "big") == len(icns)
    for kind in (b"icp4", b"icp5", b"ic07", b"ic08", b"ic09"):
        assert kind in icns
