"""`koppdesk dekking` run as a real process on the demo data (seeded on first run)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from coverage_count import BANDS, DEMO_GEMEENTEN, ROWS, expected_counts
from koppdesk.bundle import demo_payload_path


def koppdesk(data_dir, *args):
    cmd = [sys.executable, "-m", "koppdesk", "--data-dir", str(data_dir), *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60)


@pytest.fixture(scope="module")
def demo_services() -> list[dict]:
    return json.loads(demo_payload_path().read_text(encoding="utf-8"))["services"]


def test_text_output_names_the_gaps(data_dir):
    out = koppdesk(data_dir, "dekking", "--gemeente", "Leusden")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("Dekking KOPP/KOV-aanbod in Leusden\n")
    assert "Soort of probleem" in out.stdout and "12-15 jr" in out.stdout
    assert "- Geen groepsaanbod voor 0 t/m 5 en 13 t/m 17 jaar in Leusden." in out.stdout


def test_unknown_gemeente_exits_2_in_dutch(data_dir):
    out = koppdesk(data_dir, "dekking", "--gemeente", "Amersfoort", "--gemeente", "Atlantis")
    assert out.returncode == 2
    assert "Onbekende gemeente: 'Atlantis'" in out.stderr and out.stdout == ""


def test_json_for_every_demo_gemeente_matches_independent_count(data_dir, demo_services):
    for code in DEMO_GEMEENTEN:
        out = koppdesk(data_dir, "dekking", "--gemeente", code, "--json")
        assert out.returncode == 0, out.stderr
        data = json.loads(out.stdout)
        assert [g["code"] for g in data["gemeenten"]] == [code]
        shown = {row["key"]: {band: cell["count"] for band, cell in row["cells"].items()} for row in data["rows"]}
        assert shown == expected_counts(demo_services, [code]), code
        assert all(g["text"].startswith("Geen ") for g in data["gaps"])


def test_csv_for_a_region_local_only(data_dir, demo_services):
    out = koppdesk(data_dir, "dekking", "--gemeente", "GM0307", "--gemeente", "leusden", "--lokaal", "--csv")
    assert out.returncode == 0, out.stderr
    rows = list(csv.reader(io.StringIO(out.stdout), delimiter=";"))
    assert rows[0][0] == "Soort of probleem" and [h.split(" ")[0] for h in rows[0][1:]] == list(BANDS)
    expected = expected_counts(demo_services, ["GM0307", "GM0327"], local_only=True)
    assert [[int(n) for n in r[1:]] for r in rows[1:]] == [list(expected[row].values()) for row in ROWS]


def test_problem_filter(data_dir, demo_services):
    out = koppdesk(data_dir, "dekking", "--gemeente", "Zwolle", "--probleem", "verslaving", "--json")
    data = json.loads(out.stdout)
    shown = {row["key"]: {band: cell["count"] for band, cell in row["cells"].items()} for row in data["rows"]}
    assert shown == expected_counts(demo_services, ["GM0193"], problem="verslaving")
    assert data["parent_problem"] == "verslaving"
