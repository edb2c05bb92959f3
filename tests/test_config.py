"""Settings precedence with real TOML files: CLI > env > locked machine > user > machine > default."""

from pathlib import Path

import pytest

from koppdesk.config import SettingsError, load_settings, save_user_settings


@pytest.fixture
def files(tmp_path):
    return tmp_path / "machine.toml", tmp_path / "user.toml"


def test_defaults_when_no_files(files):
    machine, user = files
    s = load_settings(env={}, machine_file=machine, user_file=user)
    assert s.feed_url is None and s.sync_interval_hours == 12.0
    assert s.sources["feed_url"] == "standaard" and s.problems == ()


def test_precedence_of_all_layers(files, tmp_path):
    machine, user = files
    machine.write_text(
        'feed_url = "https://machine.example.org/feed/"\n'
        "sync_interval_hours = 6\n"
        'proxy = "http://proxy.example.org:8080"\n'
        'locked = ["proxy"]\n'
    )
    user.write_text(
        'feed_url = "https://user.example.org/feed/"\n'
        'proxy = "geen"\n'
        "sync_interval_hours = 24\n"
    )
    env = {"KOPPDESK_SYNC_INTERVAL_HOURS": "3"}
    s = load_settings(cli={"data_dir": str(tmp_path / "d")}, env=env, machine_file=machine, user_file=user)
    assert s.feed_url == "https://user.example.org/feed/" and s.sources["feed_url"] == "gebruiker"
    assert s.proxy == "http://proxy.example.org:8080" and s.sources["proxy"] == "machine (vergrendeld)"
    assert s.sync_interval_hours == 3.0 and s.sources["sync_interval_hours"] == "omgeving"
    assert s.data_dir == tmp_path / "d" and s.sources["data_dir"] == "opdrachtregel"
    assert s.locked == {"proxy"}


def test_machine_default_applies_when_user_is_silent(files):
    machine, user = files
    machine.write_text('feed_url = "https://machine.example.org/feed/"\n')
    s = load_settings(env={}, machine_file=machine, user_file=user)
    assert s.feed_url == "https://machine.example.org/feed/" and s.sources["feed_url"] == "machine"


def test_malformed_machine_file_gives_message_and_safe_defaults(files):
    machine, user = files
    machine.write_text("feed_url = [unclosed\n")
    before = machine.read_bytes()
    s = load_settings(env={}, machine_file=machine, user_file=user)
    assert s.feed_url is None
    assert any("onleesbaar" in p for p in s.problems)
    assert machine.read_bytes() == before


def test_bad_value_is_skipped_not_fatal(files):
    machine, user = files
    user.write_text('feed_url = "ftp://x"\nsync_interval_hours = 2\n')
    s = load_settings(env={}, machine_file=machine, user_file=user)
    assert s.feed_url is None and s.sync_interval_hours == 2
    assert any("feed_url" in p for p in s.problems)


def test_save_user_settings_round_trip_and_lock(files):
    machine, user = files
    machine.write_text('locked = ["feed_url"]\n')
    s = load_settings(env={}, machine_file=machine, user_file=user)
    save_user_settings(s, {"sync_interval_hours": 8})
    assert load_settings(env={}, machine_file=machine, user_file=user).sync_interval_hours == 8
    with pytest.raises(SettingsError, match="vergrendeld"):
        save_user_settings(s, {"feed_url": "https://x.example.org/"})


def test_save_keeps_malformed_user_file_aside(files):
    machine, user = files
    user.write_text("this is = = not toml")
    s = load_settings(env={}, machine_file=machine, user_file=user)
    save_user_settings(s, {"sync_interval_hours": 4})
    kept = [p for p in Path(user.parent).iterdir() if p.name.startswith("user.toml.onleesbaar-")]
    assert len(kept) == 1 and kept[0].read_text() == "this is = = not toml"


def test_machine_file_found_in_any_xdg_config_dir(tmp_path, monkeypatch):
    """Ubuntu sessions put /etc/xdg/xdg-ubuntu before /etc/xdg; the file in the later one counts."""
    import sys

    from koppdesk.config import machine_config_file

    if not sys.platform.startswith("linux"):
        pytest.skip("XDG_CONFIG_DIRS is a Linux convention")
    first, second = tmp_path / "xdg-ubuntu", tmp_path / "xdg"
    monkeypatch.setenv("XDG_CONFIG_DIRS", f"{first}:{second}")
    assert machine_config_file({}) == first / "koppdesk" / "koppdesk.toml"
    (second / "koppdesk").mkdir(parents=True)
    (second / "koppdesk" / "koppdesk.toml").write_text('feed_url = "https://regio.example.org/kaart/"\n')
    assert machine_config_file({}) == second / "koppdesk" / "koppdesk.toml"
    assert load_settings(env={}).feed_url == "https://regio.example.org/kaart/"
