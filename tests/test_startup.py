"""The GUI's start-up path: what it imports, how it reads its command line, and the
integrity check it leaves to the background (bench/startup.py measures the time)."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from koppdesk import __version__
from koppdesk.cli import gui_start_options
from koppdesk.store import DamagedDatabaseError, Store
from dbdamage import damage_feed_index

ROOT = Path(__file__).resolve().parents[1]

#: Never needed to show the first window (pydantic: payload models; sqlite_utils: a dev tool;
#: cryptography/truststore: feed; sub-command modules: CLI only; logging.handlers: after it).
NOT_ON_START_PATH = ("pydantic", "sqlite_utils", "cryptography", "truststore", "tomli_w",
                     "koppdesk.models", "koppdesk.cli.zoek", "koppdesk.cli.config_cmd",
                     "koppdesk.cli.lokaal", "koppdesk.services.diagnostics", "koppdesk.gui.about_dialog",
                     "PySide6.QtNetwork", "html.entities",
                     # the log file starts without rotation (logsetup.rotate_log_file)
                     "logging.handlers", "socket", "pickle", "platform",
                     # the sync (its service, the feed) starts after the first frame
                     "koppdesk.services.sync", "koppdesk.feed",
                     # the first window shows no offer's details; its icon comes right after
                     "koppdesk.services.offer_detail", "koppdesk.gui.app_icon")


def test_version_literal_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert __version__ == project["version"]


@pytest.mark.parametrize("argv,expected", [
    ([], {"data_dir": None, "log_level": None, "quit_when_ready": False}),
    (["--data-dir", "/d", "--quit-when-ready"], {"data_dir": "/d", "log_level": None, "quit_when_ready": True}),
    (["--log-level=debug", "--data-dir=/x y"], {"data_dir": "/x y", "log_level": "debug", "quit_when_ready": False}),
])
def test_plain_gui_start_is_read_without_argparse(argv, expected):
    args = gui_start_options(argv)
    assert args is not None and args.command is None and not args.selftest
    assert {k: getattr(args, k) for k in expected} == expected


@pytest.mark.parametrize("argv", [
    ["zoek", "kanjer"], ["--help"], ["--version"], ["--selftest"], ["--log-level", "loud"],
    ["--data-dir"], ["--data-dir", "--quit-when-ready"], ["--data-dir", "a", "--data-dir", "b"],
    ["--quit-when-ready", "--quit-when-ready"], ["--data-dir="], ["--onbekend"],
])
def test_anything_else_goes_to_the_full_parser(argv):
    assert gui_start_options(argv) is None


def test_bad_gui_option_still_gets_argparse_message(tmp_path):
    result = subprocess.run([sys.executable, "-m", "koppdesk", "--log-level", "loud"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "invalid choice" in result.stderr


def _run_gui_probe(probe: str, tmp_path) -> subprocess.CompletedProcess:
    """Run `probe` (Python that starts the real GUI) offscreen in a new process; it must succeed."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KOPPDESK_LOG_DIR": str(tmp_path / "log")}
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    return result


def test_first_window_imports_only_what_it_needs(services, tmp_path):
    """Start the real GUI (offscreen, quits when the kaart is listed) and list its modules."""
    data_dir = services.settings.data_dir  # seeded with the demo kaart by the fixture
    services.close()
    probe = (  # note the modules at the moment the readiness line is written
        "import atexit, sys\n"
        "class Tap:\n"
        "    modules = ()\n"
        "    def write(self, text):\n"
        "        if 'koppdesk klaar' in text:\n"
        "            Tap.modules = sorted(sys.modules)\n"
        "            # PySide6 adds a class to its module once it has loaded it (with its enums)\n"
        "            Tap.modules.append(f\"QT-NAMESPACE-{'Qt' in vars(sys.modules['PySide6.QtCore'])}\")\n"
        "        return sys.__stdout__.write(text)\n"
        "    def flush(self): sys.__stdout__.flush()\n"
        "sys.stdout = Tap()\n"
        "atexit.register(lambda: print('MODULES', *Tap.modules, file=sys.__stdout__))\n"
        "from koppdesk.cli import main\n"
        f"sys.exit(main(['--data-dir', {str(data_dir)!r}, '--quit-when-ready']))\n"
    )
    result = _run_gui_probe(probe, tmp_path)
    assert "koppdesk klaar: hoofdvenster zichtbaar" in result.stdout
    modules = set(result.stdout.split("MODULES", 1)[1].split())
    assert "koppdesk.gui.kaart_view" in modules  # the probe really saw the GUI start
    assert not {m for m in modules for unwanted in NOT_ON_START_PATH
                if m == unwanted or m.startswith(unwanted + ".")}
    # The first use of any Qt.* enum creates all of the Qt namespace's enums (~12 ms in
    # PySide6 6.12): the first frame does without them (see gui/kaart_view.py).
    assert "QT-NAMESPACE-False" in modules, "the Qt namespace was loaded before the first frame"


def test_window_gets_its_icon_right_after_the_first_frame(services, tmp_path):
    data_dir = services.settings.data_dir
    services.close()
    probe = (  # the real GUI start; look at the icon when the window shows and a little later
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtCore import QTimer\n"
        "from koppdesk.config import Settings\n"
        "from koppdesk.gui import app as gui\n"
        "def watch(app, window, started):\n"
        "    at_show = window.windowIcon().isNull()\n"
        "    def later():\n"
        "        print('ICON', at_show, window.windowIcon().isNull(), window.windowIcon().availableSizes())\n"
        "        app.quit()\n"
        "    QTimer.singleShot(1000, later)\n"
        "gui._quit_when_ready = watch\n"
        f"sys.exit(gui.run_gui(Settings(data_dir=Path({str(data_dir)!r})), ['koppdesk'], quit_when_ready=True))\n"
    )
    result = _run_gui_probe(probe, tmp_path)
    line = result.stdout.split("ICON", 1)[1]
    assert line.startswith(" True False [PySide6.QtCore.QSize(16, 16)"), line


def test_window_finishes_its_setup_after_the_first_frame(qtbot, settings):
    from koppdesk.gui.app import create_main_window

    window = create_main_window(settings)
    qtbot.addWidget(window)
    assert not window.setup_finished
    window.show()
    qtbot.waitUntil(lambda: window.setup_finished)  # on its own, right after the first frame
    from PySide6.QtCore import Qt

    kaart = window.tab("kaart")
    assert kaart.filters.gemeente.completer().filterMode() == Qt.MatchFlag.MatchContains
    assert kaart.detail.browser.isHidden()  # built, shown with the first offer
    assert any(a.shortcut().toString() == "Ctrl+1" for a in window.findChildren(QAction))
    window.close()


def test_kaart_list_never_scrolls_sideways_from_the_first_frame(qtbot, settings):
    """Set without a Qt.* enum (Qt property with the enum's int), before anything is painted."""
    from PySide6.QtCore import Qt

    from koppdesk.gui.app import create_main_window

    window = create_main_window(settings)
    qtbot.addWidget(window)
    results = window.tab("kaart").results
    assert results.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    window.shutdown()


def test_window_that_is_never_painted_still_finishes_its_setup(qtbot, settings, monkeypatch):
    from koppdesk.gui import main_window
    from koppdesk.gui.app import create_main_window

    monkeypatch.setattr(main_window, "FINISH_SETUP_LATEST_MS", 50)
    window = create_main_window(settings)  # not shown, e.g. started minimized
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.setup_finished, timeout=5000)
    assert window._sync is not None
    window.shutdown()


def test_menus_are_built_when_read_before_the_first_frame(qtbot, settings):
    from koppdesk.gui.app import create_main_window

    window = create_main_window(settings)
    qtbot.addWidget(window)
    assert [a.text() for a in window.menuBar().actions()] == ["&Bestand", "&Sociale kaart", "E&xtra", "&Help"]
    assert any(a.text() == "&Over koppdesk" for a in window.menus["help"].actions())
    assert window.setup_finished and window.sync is not None
    window.shutdown()


def test_open_without_full_check_leaves_damage_to_the_integrity_check(services):
    data_dir = services.settings.data_dir
    services.close()
    damage_feed_index(data_dir)
    with pytest.raises(DamagedDatabaseError):
        Store.open(data_dir)
    store = Store.open(data_dir, full_check=False)  # header and schema are fine
    try:
        damage = store.integrity_check().run()
        assert isinstance(damage, DamagedDatabaseError) and "beschadigd" in str(damage)
        cancelled = store.integrity_check()
        cancelled.cancel()
        assert cancelled.run() is None
    finally:
        store.close()


def test_sound_database_passes_the_integrity_check(services):
    assert services.store.integrity_check().run() is None


def test_damage_found_after_start_offers_rescue_and_replaces_the_window(qtbot, settings, monkeypatch):
    from koppdesk.gui import app as gui_app
    from koppdesk.gui import integrity

    window = gui_app.create_main_window(settings)
    window.services.store.set_note("s-kanjers", "Wachtlijst 6 weken")
    window.shutdown()
    damage_feed_index(settings.data_dir)
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(integrity, "START_DELAY_MS", 0)

    window = gui_app.create_main_window(settings, full_check=False)
    qtbot.addWidget(window)
    window.show()
    session = gui_app._Session(settings, window)
    session.check_integrity_later()
    qtbot.waitUntil(lambda: session.window is not window, timeout=10000)
    qtbot.addWidget(session.window)
    assert asked and "beschadigd" in asked[0]
    assert list(settings.data_dir.glob("koppdesk.damaged-*.sqlite"))
    assert session.window.services.store.count_offers() > 0
    assert session.window.services.store.note("s-kanjers").text == "Wachtlijst 6 weken"
    session.shutdown()


def test_commands_run_with_the_garbage_collector_on(capsys):
    """`koppdesk` starts with it off (koppdesk.__main__.run); a sub-command turns it back on."""
    import gc

    from koppdesk.cli import main

    gc.disable()
    try:
        assert main(["config", "show"]) == 0
        assert gc.isenabled()
    finally:
        gc.enable()
