"""`koppdesk --selftest` and `--quit-when-ready` as real processes, and the readiness rule."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QStringListModel
from PySide6.QtWidgets import QComboBox, QListView, QVBoxLayout, QWidget

from koppdesk.gui.readiness import listed_rows

pytestmark = pytest.mark.slow


def koppdesk(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "koppdesk", *args], capture_output=True, text=True,
                          timeout=120, env=env)


def test_selftest_passes_without_display_and_leaves_user_data_alone(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    env["KOPPDESK_LOG_DIR"] = str(tmp_path / "logs")
    result = koppdesk("--selftest", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "platform offscreen" in result.stdout
    for check in ("database", "hoofdvenster", "zoeken", "gemeenten", "pictogram", "sorteren (Nederlands)",
                  "beveiligde verbinding (TLS)", "handtekeningen (Ed25519)"):
        assert f"  ok    {check}: " in result.stdout
    assert result.stdout.rstrip().splitlines()[-1].startswith("Zelftest geslaagd")
    assert not (tmp_path / "data" / "koppdesk.sqlite").exists()  # KOPPDESK_DATA_DIR of this test
    assert "selftest passed" in (tmp_path / "logs" / "koppdesk.log").read_text(encoding="utf-8")


def test_selftest_uses_given_data_dir(tmp_path):
    result = koppdesk("--data-dir", str(tmp_path / "eigen"), "--selftest")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"database: {tmp_path / 'eigen'}: " in result.stdout
    assert (tmp_path / "eigen" / "koppdesk.sqlite").exists()


def test_selftest_failure_exits_nonzero_with_reason(tmp_path):
    not_a_folder = tmp_path / "bestand"
    not_a_folder.write_text("geen map")
    result = koppdesk("--data-dir", str(not_a_folder), "--selftest")
    assert result.returncode == 1
    assert "  FOUT  hoofdvenster openen:" in result.stdout and "Zelftest mislukt." in result.stdout


def test_quit_when_ready_prints_one_readiness_line(tmp_path):
    result = koppdesk("--data-dir", str(tmp_path / "d"), "--quit-when-ready")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("koppdesk klaar: hoofdvenster zichtbaar, ")
    assert lines[0].endswith(" s)")


def test_readiness_waits_for_rows_in_a_visible_list(main_window, qtbot):
    area = QWidget()
    area.setLayout(QVBoxLayout())
    combo = QComboBox()  # its hidden popup list must not count
    combo.addItems(["Utrecht", "Zeist"])
    area.layout().addWidget(combo)
    main_window.tabs.addTab(area, "proef")
    main_window.tabs.setCurrentWidget(area)
    qtbot.waitExposed(main_window)
    qtbot.waitUntil(combo.isVisible)
    assert listed_rows(main_window, area, expected=2) == -1  # no result list: nothing to wait for
    results = QListView()
    model = QStringListModel()
    results.setModel(model)
    area.layout().addWidget(results)
    qtbot.waitUntil(results.isVisible)
    assert listed_rows(main_window, area, expected=2) is None
    model.setStringList(["Kanjergroep", "Online chat"])
    assert listed_rows(main_window, area, expected=2) == 2
    assert listed_rows(main_window, area, expected=0) == 2


def test_readiness_is_none_while_window_hidden(main_window):
    main_window.hide()
    assert listed_rows(main_window, main_window.tab("kaart"), expected=0) is None


def test_kaart_names_every_visible_list_it_has(main_window):
    from PySide6.QtWidgets import QAbstractItemView

    from koppdesk.gui.readiness import item_views

    kaart = main_window.tab("kaart")
    visible = [v for v in kaart.findChildren(QAbstractItemView) if v.isVisible() and v.model() is not None]
    assert visible == item_views(kaart) == [kaart.results]
