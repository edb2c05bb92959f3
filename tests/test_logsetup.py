"""The log file IT reads: where it is, what it holds (and never holds), rotation, failures."""

from __future__ import annotations

import logging
import sys

import pytest

from koppdesk import __version__, logsetup
from koppdesk.cli import main
from koppdesk.config import Settings


@pytest.fixture
def log_dir(tmp_path, monkeypatch):
    folder = tmp_path / "logs"
    monkeypatch.setenv("KOPPDESK_LOG_DIR", str(folder))
    monkeypatch.setenv("KOPPDESK_MACHINE_CONFIG", str(tmp_path / "none.toml"))
    return folder


def read_log(folder) -> str:
    return (folder / logsetup.LOG_FILENAME).read_text(encoding="utf-8")


def test_run_is_logged_with_version_paths_and_command_only(log_dir, capsys):
    assert main(["zoek", "Pietersen"]) == 0
    text = read_log(log_dir)
    assert f"koppdesk {__version__} started: command=zoek" in text
    assert "data dir " in text and "machine settings " in text and "koppdesk zoek stopped" in text
    assert "Pietersen" not in text  # what a user types never reaches the log


def test_default_level_keeps_info_in_file_but_not_debug(log_dir, capsys):
    main(["config", "show"])
    text = read_log(log_dir)
    assert " INFO " in text and " DEBUG " not in text
    assert capsys.readouterr().err == ""  # stderr stays quiet at the default level


def test_log_level_debug_adds_detail(log_dir, capsys):
    main(["--log-level", "debug", "config", "show"])
    text = read_log(log_dir)
    assert "DEBUG" in text and "setting feed_url from standaard" in text


def test_settings_problems_reach_the_file_not_twice_on_screen(log_dir, tmp_path, monkeypatch, capsys):
    broken = tmp_path / "broken.toml"
    broken.write_text("feed_url = [\n")
    monkeypatch.setenv("KOPPDESK_MACHINE_CONFIG", str(broken))
    main(["config", "show"])
    assert f"koppdesk.config: settings file {broken} unusable" in read_log(log_dir)
    err = capsys.readouterr().err
    assert err.count("Let op:") == 1 and "unusable" not in err


def test_unwritable_log_folder_is_reported_and_not_fatal(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("KOPPDESK_LOG_DIR", str(blocker))
    assert main(["config", "show"]) == 0
    captured = capsys.readouterr()
    assert "Let op: Het logboek" in captured.err and "kan niet worden geopend" in captured.err
    assert "Logboek:              " in captured.out


def test_handlers_and_excepthook_are_restored(log_dir, capsys):
    root = logging.getLogger()
    before = list(root.handlers), sys.excepthook, root.level
    main(["--log-level", "debug", "config", "show"])
    assert (list(root.handlers), sys.excepthook, root.level) == before
    assert logsetup.active_log_file() is None


def test_uncaught_error_lands_in_the_log_with_traceback(log_dir, data_dir):
    with logsetup.configured_logging(Settings(data_dir=data_dir), "test") as setup:
        try:
            raise RuntimeError("kapot")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
    text = setup.file.read_text(encoding="utf-8")
    assert "CRITICAL" in text and "unexpected error" in text and "RuntimeError: kapot" in text


def test_log_file_rotates(log_dir, data_dir, monkeypatch):
    monkeypatch.setattr(logsetup, "MAX_BYTES", 2000)
    with logsetup.configured_logging(Settings(data_dir=data_dir), "test"):
        for i in range(200):
            logging.getLogger("koppdesk.test").info("regel %03d met wat tekst om de regel langer te maken", i)
    names = sorted(p.name for p in log_dir.iterdir())
    assert names == ["koppdesk.log"] + [f"koppdesk.log.{i}" for i in range(1, logsetup.BACKUP_COUNT + 1)]
    assert all(p.stat().st_size <= 2000 for p in log_dir.iterdir())


def test_gui_start_rotates_after_the_first_frame_without_losing_a_record(log_dir, data_dir, monkeypatch):
    monkeypatch.setattr(logsetup, "MAX_BYTES", 2000)
    log = logging.getLogger("koppdesk.test")
    with logsetup.configured_logging(Settings(data_dir=data_dir), None, rotate_later=True) as setup:
        for i in range(40):  # beyond MAX_BYTES: no rotation yet
            log.info("regel %03d met wat tekst om de regel langer te maken", i)
        assert logsetup.active_log_file() == setup.file
        assert [p.name for p in log_dir.iterdir()] == ["koppdesk.log"]
        logsetup.rotate_log_file()
        assert logsetup.active_log_file() == setup.file
        for i in range(40, 80):
            log.info("regel %03d met wat tekst om de regel langer te maken", i)
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(log_dir.iterdir(), reverse=True))
    assert all(f"regel {i:03d} " in text for i in range(80))
    assert "koppdesk.log.1" in {p.name for p in log_dir.iterdir()}
