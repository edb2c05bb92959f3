"""`koppdesk config show` with real machine and user files and environment overrides."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from koppdesk.cli import main


@pytest.fixture
def files(tmp_path, monkeypatch):
    machine = tmp_path / "etc" / "koppdesk.toml"
    user = tmp_path / "home" / "settings.toml"
    machine.parent.mkdir()
    user.parent.mkdir()
    monkeypatch.setenv("KOPPDESK_MACHINE_CONFIG", str(machine))
    monkeypatch.setenv("KOPPDESK_USER_CONFIG", str(user))
    monkeypatch.setenv("KOPPDESK_LOG_DIR", str(tmp_path / "logs"))
    return machine, user


def show_json(capsys, *extra: str) -> dict:
    assert main([*extra, "config", "show", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_every_layer_and_its_origin(files, capsys, monkeypatch, tmp_path):
    machine, user = files
    machine.write_text(
        'feed_url = "https://regio.example.org/kaart/"\n'
        'proxy = "http://proxy.praktijk.local:3128"\n'
        "sync_interval_hours = 6\n"
        'locked = ["proxy"]\n', encoding="utf-8")
    user.write_text('proxy = "geen"\nsync_interval_hours = 24\ntrust_root = "/home/x/root.json"\n',
                    encoding="utf-8")
    monkeypatch.setenv("KOPPDESK_SYNC_INTERVAL_HOURS", "2")
    monkeypatch.setenv("KOPPDESK_LOG_LEVEL", "info")
    report = show_json(capsys, "--log-level", "debug", "--data-dir", str(tmp_path / "cli-data"))
    s = report["settings"]
    assert s["feed_url"] == {"value": "https://regio.example.org/kaart/", "source": "machine", "locked": False}
    assert s["proxy"] == {"value": "http://proxy.praktijk.local:3128", "source": "machine (vergrendeld)",
                          "locked": True}
    assert s["sync_interval_hours"]["value"] == 2.0 and s["sync_interval_hours"]["source"] == "omgeving"
    assert s["trust_root"] == {"value": "/home/x/root.json", "source": "gebruiker", "locked": False}
    assert s["log_level"] == {"value": "debug", "source": "opdrachtregel", "locked": False}
    assert s["data_dir"]["value"] == str(tmp_path / "cli-data") and s["data_dir"]["source"] == "opdrachtregel"
    assert report["machine_file"] == {"path": str(machine), "state": "aanwezig"}
    assert report["user_file"] == {"path": str(user), "state": "aanwezig"}
    assert report["locked"] == ["proxy"] and report["problems"] == []
    assert report["log_file"] == str(tmp_path / "logs" / "koppdesk.log")


def test_text_output_names_files_values_and_origins(files, capsys, monkeypatch):
    machine, user = files
    machine.write_text('feed_url = "https://regio.example.org/kaart/"\nlocked = ["feed_url"]\n')
    monkeypatch.setenv("KOPPDESK_PROXY", "geen")
    assert main(["config", "show"]) == 0
    out = capsys.readouterr().out
    assert f"Machinebestand (IT):  {machine}  [aanwezig]" in out
    assert f"Gebruikersbestand:    {user}  [niet aanwezig]" in out
    lines = {line.split()[0]: line for line in out.splitlines() if line and line.split()[0] in
             ("feed_url", "proxy", "sync_interval_hours", "trust_root")}
    assert lines["feed_url"].split()[1:] == ["https://regio.example.org/kaart/", "machine", "(vergrendeld)"]
    assert lines["proxy"].split()[1:] == ["geen", "omgeving"]
    assert lines["sync_interval_hours"].split()[1:] == ["12.0", "standaard"]
    assert lines["trust_root"].split()[1:] == ["(niet", "ingesteld)", "standaard"]
    assert "Vergrendeld door IT: feed_url" in out and "Problemen: geen" in out


def test_malformed_files_give_clear_message_safe_defaults_and_stay_untouched(files, capsys):
    machine, user = files
    machine.write_text('feed_url = "https://regio.example.org/kaart/"\nlocked = [proxy\n')
    user.write_text("sync_interval_hours = 'elke dag'\n")
    before = machine.read_bytes(), user.read_bytes()
    assert main(["config", "show"]) == 0
    captured = capsys.readouterr()
    assert "machine-instellingenbestand" in captured.out and "onleesbaar" in captured.out
    assert "Ongeldige waarde voor 'sync_interval_hours' in gebruiker" in captured.out
    assert "Let op: Het machine-instellingenbestand" in captured.err
    # Safe defaults: nothing from the broken machine file, the bad user value skipped.
    assert "feed_url             (niet ingesteld)" in captured.out
    assert "sync_interval_hours  12.0" in captured.out
    assert (machine.read_bytes(), user.read_bytes()) == before
    assert not list(machine.parent.glob("*.onleesbaar-*")) and not list(user.parent.glob("*.onleesbaar-*"))


def test_malformed_machine_file_app_still_starts(files, tmp_path):
    """The whole app (GUI self-test, a real process) starts on safe defaults."""
    machine, _ = files
    machine.write_bytes(b"\xff\xfe not toml at all")
    result = subprocess.run([sys.executable, "-m", "koppdesk", "--selftest"], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Zelftest geslaagd" in result.stdout
    assert "Let op: Het machine-instellingenbestand" in result.stderr
    assert machine.read_bytes() == b"\xff\xfe not toml at all"


def test_config_show_does_not_create_a_database(files, capsys, tmp_path):
    assert main(["--data-dir", str(tmp_path / "nieuw"), "config", "show"]) == 0
    assert not (tmp_path / "nieuw").exists()


def test_example_machine_file_is_valid(tmp_path):
    """The commented example IT starts from (packaging/koppdesk.example.toml) loads cleanly."""
    from pathlib import Path

    from koppdesk.config import load_settings

    example = Path(__file__).resolve().parents[1] / "packaging" / "koppdesk.example.toml"
    s = load_settings(env={}, machine_file=example, user_file=tmp_path / "none.toml")
    assert s.problems == ()
    assert s.feed_url and s.sources["feed_url"] == "machine (vergrendeld)"
    assert s.locked == {"feed_url", "sync_interval_hours"}
