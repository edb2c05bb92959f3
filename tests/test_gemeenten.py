"""The bundled gemeenten list and postcode table, and name/code/postcode lookup on them."""

import json
import re

import pytest

from koppdesk.bundle import resource_path
from koppdesk.content.gemeenten import Gemeente, Gemeenten, UnknownGemeente


@pytest.fixture(scope="module")
def gemeenten() -> Gemeenten:
    return Gemeenten.load()


@pytest.fixture(scope="module")
def raw() -> dict:
    return json.loads(resource_path("gemeenten.json").read_text(encoding="utf-8"))


def test_list_is_the_full_cbs_division_with_source_and_year(raw):
    rows = raw["gemeenten"]
    assert raw["year"] >= 2025 and "CBS" in raw["source"]
    assert 340 <= len(rows) <= 345
    codes = [r["code"] for r in rows]
    assert len(set(codes)) == len(codes), "duplicate CBS codes"
    names = [r["naam"] for r in rows]
    assert len(set(names)) == len(names), "duplicate names"
    assert all(re.fullmatch(r"GM\d{4}", c) for c in codes)
    provinces = {r["provincie"] for r in rows}
    assert len(provinces) == 12


@pytest.mark.parametrize("code, name", [
    ("GM0307", "Amersfoort"), ("GM0344", "Utrecht"), ("GM0327", "Leusden"), ("GM0193", "Zwolle"),
    ("GM0855", "Tilburg"), ("GM0014", "Groningen"), ("GM0796", "'s-Hertogenbosch"), ("GM0363", "Amsterdam"),
    ("GM1900", "Súdwest-Fryslân"), ("GM1992", "Voorne aan Zee"), ("GM0518", "'s-Gravenhage"),
])
def test_known_codes(gemeenten, code, name):
    assert gemeenten.by_code(code) == Gemeente(name=name, code=code)


def test_merged_gemeenten_are_gone(gemeenten):
    for old in ("GM0017", "GM0009", "GM0788", "GM0501", "GM0457"):  # Haren, Ten Boer, Haaren, Brielle, Weesp
        assert gemeenten.by_code(old) is None


@pytest.mark.parametrize("text, code", [
    ("Amersfoort", "GM0307"),
    ("  amersfoort ", "GM0307"),
    ("GM0307", "GM0307"),
    ("gm0307", "GM0307"),
    ("0307", "GM0307"),
    ("307", "GM0307"),
    ("gemeente Utrecht", "GM0344"),
    ("Súdwest-Fryslân", "GM1900"),
    ("Sudwest-Fryslan", "GM1900"),
    ("sudwest fryslan", "GM1900"),
    ("'s-Hertogenbosch", "GM0796"),
    ("’s-Hertogenbosch", "GM0796"),
    ("s-Hertogenbosch", "GM0796"),
    ("Den Bosch", "GM0796"),
    ("Den Haag", "GM0518"),
    ("Den Haag/'s-Gravenhage", "GM0518"),
    ("'s-Gravenhage", "GM0518"),
    ("Hengelo", "GM0164"),
    ("Hengelo (O.)", "GM0164"),
    ("Rijswijk (ZH)", "GM0603"),
    ("Nuenen, Gerwen en Nederwetten", "GM0820"),
    ("Nuenen", "GM0820"),
])
def test_resolve(gemeenten, text, code):
    assert gemeenten.resolve(text).code == code


@pytest.mark.parametrize("text, message", [
    ("Atlantis", "Onbekende gemeente"),
    ("GM9999", "Onbekende gemeente"),
    ("", "Onbekende gemeente"),
    ("Den Haag/Utrecht", "Onbekende gemeente"),  # the parts name two different gemeenten
    ("Bergen", "Meerdere gemeenten heten 'Bergen': Bergen (L.) (GM0893), Bergen (NH.) (GM0373)"),
])
def test_resolve_rejects_with_a_dutch_message(gemeenten, text, message):
    with pytest.raises(UnknownGemeente, match=re.escape(message)):
        gemeenten.resolve(text)


def test_aliases_are_optional_in_the_file(tmp_path):
    """Older gemeenten.json files without 'alias' still load (backward compatible)."""
    (tmp_path / "gemeenten.json").write_text(json.dumps(
        {"source": "test", "gemeenten": [{"code": "GM0307", "naam": "Amersfoort"}]}), encoding="utf-8")
    (tmp_path / "postcodes.json").write_text(json.dumps({"postcodes": {"3811": ["GM0307"]}}), encoding="utf-8")
    small = Gemeenten.load(tmp_path)
    assert small.resolve("amersfoort").code == "GM0307"
    with pytest.raises(UnknownGemeente):
        small.resolve("Den Bosch")


@pytest.mark.parametrize("postcode, codes", [
    ("3811", ["GM0307"]),
    ("3811 AB", ["GM0307"]),
    ("3811ab", ["GM0307"]),
    (" 3831 ", ["GM0327"]),
    ("3835", ["GM0327", "GM0307"]),  # Stoutenburg, on the Leusden/Amersfoort border
    ("3836", ["GM0307"]),
    ("9751", ["GM0014"]),  # Haren, part of Groningen since 2019
    ("9791", ["GM0014"]),  # Ten Boer, part of Groningen since 2019
    ("5074", ["GM0855"]),  # Biezenmortel, part of Tilburg since 2021
    ("3454", ["GM0344"]),  # De Meern
    ("8011", ["GM0193"]),
])
def test_for_postcode(gemeenten, postcode, codes):
    assert [g.code for g in gemeenten.for_postcode(postcode)] == codes


@pytest.mark.parametrize("postcode", ["38", "38111", "abcd", "0811", "3811 A", "", "3811-AB"])
def test_for_postcode_rejects_malformed_input(gemeenten, postcode):
    with pytest.raises(UnknownGemeente, match="Ongeldige postcode"):
        gemeenten.for_postcode(postcode)


def test_for_postcode_outside_the_table(gemeenten):
    with pytest.raises(UnknownGemeente, match="niet in de postcodetabel"):
        gemeenten.for_postcode("1011")


def test_postcode_table_covers_the_demo_gemeenten_with_known_codes(gemeenten):
    raw = json.loads(resource_path("postcodes.json").read_text(encoding="utf-8"))
    assert raw["source"] and raw["year"] >= 2025
    table = raw["postcodes"]
    assert all(re.fullmatch(r"[1-9]\d{3}", pc) for pc in table)
    for pc, codes in table.items():
        assert codes and len(set(codes)) == len(codes), pc
        assert all(gemeenten.by_code(c) for c in codes), pc
    covered = {c for codes in table.values() for c in codes}
    assert set(raw["gemeenten"]) <= covered
    for code in raw["gemeenten"]:  # every demo gemeente has its full range, not a token entry
        assert sum(code in codes for codes in table.values()) >= 8, code
    # the documented border cases really map to several gemeenten
    assert raw["border_cases"]
    assert all(len(table[pc]) > 1 for pc in raw["border_cases"])
