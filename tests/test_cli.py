"""The CLI contract, run as a real process against a real database."""

import json
import subprocess
import sys

import pytest

from koppdesk.store import Store
from payloads import now, search_payload


def koppdesk(*args, data_dir=None, check=False):
    cmd = [sys.executable, "-m", "koppdesk"]
    if data_dir is not None:
        cmd += ["--data-dir", str(data_dir)]
    return subprocess.run(cmd + list(args), capture_output=True, text=True, check=check, timeout=60)


@pytest.fixture
def seeded(data_dir):
    store = Store.open(data_dir)
    store.apply_payload(search_payload(), now=now())
    store.close()
    return data_dir


def test_version():
    out = koppdesk("--version")
    assert out.returncode == 0 and out.stdout.startswith("koppdesk ")


def test_zoek_json_contract(seeded):
    out = koppdesk("zoek", "kanjer", "--json", data_dir=seeded)
    assert out.returncode == 0, out.stderr
    (row,) = json.loads(out.stdout)
    assert {"id", "name", "organization", "minimum_age", "maximum_age", "kinds", "gemeenten", "source"} <= row.keys()
    assert row["id"] == "s-kanjers" and row["gemeenten"] == ["GM0307"] and row["source"] == "feed"


@pytest.mark.parametrize("args,expected", [
    (["--gemeente", "Leusden"], {"s-leusden", "s-online", "s-nl"}),
    (["--gemeente", "GM0327"], {"s-leusden", "s-online", "s-nl"}),
    (["--gemeente", "leusden", "--leeftijd", "17"], {"s-online", "s-nl"}),
    (["--soort", "gezin"], {"s-utrecht"}),
])
def test_zoek_filters(seeded, args, expected):
    out = koppdesk("zoek", "--json", *args, data_dir=seeded)
    assert out.returncode == 0, out.stderr
    assert {r["id"] for r in json.loads(out.stdout)} == expected


def test_zoek_nothing_found_is_exit_0(seeded):
    out = koppdesk("zoek", "bestaatniet", data_dir=seeded)
    assert out.returncode == 0 and "Geen aanbod gevonden" in out.stdout


@pytest.mark.parametrize("args,message", [
    (["--gemeente", "Atlantis"], "Onbekende gemeente"),
    (["--postcode", "38"], "Ongeldige postcode"),
    (["--postcode", "abcd"], "Ongeldige postcode"),
])
def test_zoek_bad_area_is_exit_2(seeded, args, message):
    out = koppdesk("zoek", *args, data_dir=seeded)
    assert out.returncode == 2 and message in out.stderr


def test_data_dir_from_environment(seeded):
    import os
    env = {**os.environ, "KOPPDESK_DATA_DIR": str(seeded)}
    out = subprocess.run([sys.executable, "-m", "koppdesk", "zoek", "kanjer", "--json"],
                         capture_output=True, text=True, env=env, timeout=60)
    assert [r["id"] for r in json.loads(out.stdout)] == ["s-kanjers"]


def test_first_run_is_seeded_from_demo(tmp_path):
    out = koppdesk("zoek", "--json", data_dir=tmp_path / "fresh")
    demo = json.loads((__import__("koppdesk.bundle").bundle.demo_payload_path()).read_text())
    assert out.returncode == 0
    assert len(json.loads(out.stdout)) == len(demo["services"])


def test_schema_command_prints_payload_schema():
    out = koppdesk("schema", check=True)
    schema = json.loads(out.stdout)
    assert schema["title"] == "Payload" and "services" in schema["properties"]


def test_lokaal_export_import_round_trip(seeded, tmp_path):
    store = Store.open(seeded)
    store.set_note("s-kanjers", "Korte lijn met Ellen")
    store.close()
    export = tmp_path / "lokaal.json"
    assert koppdesk("lokaal", "export", str(export), data_dir=seeded).returncode == 0
    other = tmp_path / "other"
    out = koppdesk("lokaal", "import", str(export), data_dir=other)
    assert out.returncode == 0 and "1 notities" in out.stdout
    store = Store.open(other)
    assert store.note("s-kanjers").text == "Korte lijn met Ellen"
    store.close()


def test_lokaal_import_of_a_broken_file_says_so_and_changes_nothing(seeded, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "koppdesk-lokaal", "notes": "oops"}')
    out = koppdesk("lokaal", "import", str(bad), data_dir=seeded)
    assert out.returncode == 2 and "geen geldig bestand" in out.stderr


def test_output_into_a_closed_pipe_is_quiet(data_dir):
    from payloads import payload, service

    store = Store.open(data_dir)  # far more output than a pipe buffer holds
    store.apply_payload(payload([service(f"s-{i}", f"Aanbod {i}") for i in range(800)]), now=now())
    store.close()
    cmd = [sys.executable, "-m", "koppdesk", "--data-dir", str(data_dir), "zoek", "--json"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.read(5)
    proc.stdout.close()  # like `| head -c 5`
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0 and b"Traceback" not in err, err.decode()
