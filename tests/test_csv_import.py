"""`koppdesk feed from-csv`: a publisher's spreadsheet to a payload, with row/column error messages."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from koppdesk.bundle import data_path
from koppdesk.cli import main
from koppdesk.content.gemeenten import Gemeenten
from koppdesk.feed.csv_import import convert_csv
from koppdesk.feed.importing import ConversionError
from koppdesk.models import Payload

HEADER = ["id", "organisatie", "naam", "omschrijving", "soorten", "probleem ouder", "min leeftijd",
          "max leeftijd", "gemeenten", "telefoon", "e-mail", "website", "adres", "kosten", "verwijzing nodig",
          "volgende start"]
GOOD = [
    ["", "Stichting Één", "Kindergroep Zonnestraal", "Groep voor kinderen; één middag per week.", "groep",
     "psychisch, verslaving", "8", "12", "Amersfoort, GM0327", "088-5550101", "info@een.example.org",
     "https://een.example.org/groep", "Denkbeeldlaan 40, 3818 AB Amersfoort", "Gratis", "nee", "13-01-2027"],
    ["", "Stichting Één", "Ouderavond Bèta", "Café-avond voor ouders, € 5 per keer.", "ouders", "psychisch",
     "", "", "Utrecht", "", "", "", "", "€ 5", "ja", ""],
    ["kanjer-7", "Zorg & Co", "Kanjertraining", "Individueel.", "individueel", "", "6", "18", "landelijk",
     "", "", "www.zorg.example.org", "", "", "nee", "2027-02-01"],
]


def write_csv(path: Path, rows: list[list[str]], *, delimiter=";", encoding="utf-8-sig", header=HEADER) -> Path:
    buf = io.StringIO(newline="")
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows([header, *rows])
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


@pytest.fixture(scope="module")
def gemeenten() -> Gemeenten:
    return Gemeenten.load()


def services_of(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["services"]


def test_template_converts_cleanly(gemeenten):
    payload, report = convert_csv(data_path("sjabloon-aanbod.csv"), data_path("sjabloon-organisaties.csv"), gemeenten)
    assert report.errors == [] and report.warnings == []
    assert len(payload.services) >= 2 and len(payload.organizations) >= 2
    first = payload.services[0]
    assert first.service_areas == ["GM0307", "GM0327"] and first.contacts and first.location_ids
    assert payload.locations[0].gemeente == "GM0307"  # from the postcode in the address
    assert any(o.roles for o in payload.organizations)


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp1252", "utf-16"])
def test_separators_and_encodings_read_the_same(tmp_path, gemeenten, delimiter, encoding):
    path = write_csv(tmp_path / "aanbod.csv", GOOD, delimiter=delimiter, encoding=encoding)
    payload, report = convert_csv(path, None, gemeenten)
    assert report.errors == []
    names = [s.name for s in payload.services]
    assert names == ["Kindergroep Zonnestraal", "Ouderavond Bèta", "Kanjertraining"]
    assert payload.organizations[0].name == "Stichting Één"
    assert payload.services[1].description == "Café-avond voor ouders, € 5 per keer."
    reference, _ = convert_csv(write_csv(tmp_path / "ref.csv", GOOD), None, gemeenten)
    dump = lambda p: p.model_dump(mode="json", exclude={"generated", "publisher"})  # noqa: E731
    assert dump(payload) == dump(reference)


def test_values_are_read_as_documented(tmp_path, gemeenten):
    payload, _ = convert_csv(write_csv(tmp_path / "a.csv", GOOD), None, gemeenten)
    groep, ouders, kanjer = payload.services
    assert [k.value for k in groep.kinds] == ["groep"] and groep.minimum_age == 8 and groep.maximum_age == 12
    assert [p.value for p in groep.parent_problems] == ["psychisch", "verslaving"]
    assert groep.free_of_charge is True and groep.referral_required is False  # "Gratis" in kosten
    assert str(groep.next_start_date) == "2027-01-13" and groep.phones[0].number == "088-5550101"
    assert ouders.referral_required is True and ouders.free_of_charge is None and ouders.service_areas == ["GM0344"]
    assert kanjer.id == "kanjer-7" and kanjer.service_areas == ["NL"] and kanjer.url == "https://www.zorg.example.org"
    loc = payload.locations[0]
    assert loc.address.postal_code == "3818 AB" and loc.address.city == "Amersfoort" and groep.location_ids == [loc.id]


def test_ids_are_stable_across_reimports(tmp_path, gemeenten):
    first, _ = convert_csv(write_csv(tmp_path / "a.csv", GOOD), None, gemeenten)
    changed = [list(r) for r in reversed(GOOD)]
    changed[0][3] = "Nieuwe omschrijving."  # same organisation + name, other text and order
    second, _ = convert_csv(write_csv(tmp_path / "b.csv", changed), None, gemeenten)
    ids = lambda p: {(s.organization_id, s.name): s.id for s in p.services}  # noqa: E731
    assert ids(first) == ids(second)
    assert {o.id for o in first.organizations} == {o.id for o in second.organizations}


BAD = [
    ["", "Stichting A", "Groep 1", "Een groep.", "groep", "", "acht", "12", "Amersfoort", "", "", "http://a.example.org",
     "", "", "misschien", "31-02-2027"],
    ["", "Stichting A", "Groep 2", "Een groep.", "sport", "", "12", "8", "Amersvoort", "12345", "geen-mail", "", "", "", "", ""],
    ["", "Stichting A", "", "Een groep.", "groep", "", "", "", "Bergen", "", "", "", "Dorpsstraat 1", "", "", ""],
    ["", "Stichting A", "Groep 4", "Goed.", "groep, ouders", "", "6", "9", "Leusden", "", "", "", "", "", "ja", ""],
    ["", "Stichting A", "Groep 4", "Dubbel.", "groep", "", "", "", "Leusden", "", "", "", "", "", "", ""],
]


def test_every_bad_row_is_reported_and_nothing_written(tmp_path, capsys):
    src = write_csv(tmp_path / "aanbod.csv", BAD)
    out = tmp_path / "payload.json"
    assert main(["feed", "from-csv", str(src), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    for expected in (
        "regel 2, kolom 'min leeftijd': 'acht' is geen getal",
        "regel 2, kolom 'website': 'http://a.example.org': alleen https://-adressen zijn toegestaan",
        "regel 2, kolom 'verwijzing nodig': 'misschien' is geen ja of nee",
        "regel 2, kolom 'volgende start': '31-02-2027' is geen geldige datum; schrijf de datum als dd-mm-jjjj",
        "regel 3, kolom 'soorten': 'sport' is geen soort aanbod; kies uit: groep, individueel",
        "regel 3, kolom 'min leeftijd': 12 is hoger dan de maximale leeftijd (8)",
        "regel 3, kolom 'gemeenten': Onbekende gemeente: 'Amersvoort'",
        "regel 3, kolom 'telefoon': '12345'",
        "regel 3, kolom 'e-mail': 'geen-mail': geen geldig e-mailadres",
        "regel 4, kolom 'naam': is leeg; deze kolom is verplicht",
        "regel 4, kolom 'gemeenten': Meerdere gemeenten heten 'Bergen'",
        "regel 4, kolom 'adres': 'Dorpsstraat 1' is geen volledig adres; schrijf het als 'Straat 12, 1234 AB Plaats'",
        "regel 6, kolom 'naam': dit aanbod staat al op regel 5",
        "Niets geschreven",
    ):
        assert expected in err, expected
    assert "regel 5" not in err.replace("staat al op regel 5", "")  # the good row has no complaint
    assert not out.exists()


def test_nothing_is_overwritten_on_error(tmp_path):
    out = tmp_path / "payload.json"
    out.write_text("vorige versie", encoding="utf-8")
    assert main(["feed", "from-csv", str(write_csv(tmp_path / "a.csv", BAD)), "--out", str(out)]) == 2
    assert out.read_text(encoding="utf-8") == "vorige versie"


def test_skip_invalid_writes_the_good_rows(tmp_path, capsys):
    out = tmp_path / "payload.json"
    rc = main(["feed", "from-csv", str(write_csv(tmp_path / "a.csv", BAD)), "--out", str(out), "--skip-invalid",
               "--publisher", "Regio Test"])
    assert rc == 0
    captured = capsys.readouterr()
    assert "regel 2, kolom 'min leeftijd'" in captured.err and "4 regels overgeslagen" in captured.out
    payload = Payload.model_validate_json(out.read_bytes())
    assert [s.name for s in payload.services] == ["Groep 4"] and payload.publisher == "Regio Test"


def test_missing_required_column_names_it(tmp_path, capsys):
    header = [h for h in HEADER if h != "soorten"]
    src = write_csv(tmp_path / "a.csv", [r[:4] + r[5:] for r in GOOD], header=header)
    assert main(["feed", "from-csv", str(src), "--out", str(tmp_path / "p.json")]) == 2
    err = capsys.readouterr().err
    assert "kolom 'soorten' ontbreekt" in err and "Verwachte kolomnamen" in err


def test_header_variants_and_unknown_columns(tmp_path, gemeenten):
    header = ["Organisatie", "Naam", "Omschrijving", "Soort aanbod", "Min. leeftijd", "Maximale leeftijd",
              "Werkgebied", "E-mailadres", "Opmerkingen intern"]
    rows = [["Stichting A", "Groep", "Tekst.", "Groep", "4", "8", "Zwolle", "a@a.example.org", "niet publiceren"]]
    payload, report = convert_csv(write_csv(tmp_path / "a.csv", rows, header=header), None, gemeenten)
    svc = payload.services[0]
    assert (svc.minimum_age, svc.maximum_age, svc.service_areas, svc.email) == (4, 8, ["GM0193"], "a@a.example.org")
    assert report.warnings == ["a.csv: kolom 'Opmerkingen intern' is onbekend en wordt niet gebruikt"]


def test_unquoted_separator_gets_a_hint(tmp_path, capsys):
    src = tmp_path / "a.csv"
    src.write_text("organisatie,naam,omschrijving,soorten,gemeenten\n"
                   "Stichting A,Groep,Een, twee,groep,Zwolle\n", encoding="utf-8")
    assert main(["feed", "from-csv", str(src), "--out", str(tmp_path / "p.json")]) == 2
    err = capsys.readouterr().err
    assert "regel 2: heeft 6 cellen maar de kopregel 5; staat er een , in een tekst zonder aanhalingstekens?" in err


def test_organisations_sheet_is_used_and_checked(tmp_path, gemeenten):
    orgs = tmp_path / "org.csv"
    write_csv(orgs, [["", "Stichting Één", "Jeugdhulp.", "https://een.example.org", "", "088-5550100",
                      "uitvoering, toeleiding", "Amersfoort"]],
              header=["id", "naam", "omschrijving", "website", "e-mail", "telefoon", "rollen in de keten", "gemeenten"])
    payload, report = convert_csv(write_csv(tmp_path / "a.csv", GOOD[:2]), orgs, gemeenten)
    assert report.errors == []
    org = payload.organizations[0]
    assert [r.value for r in org.roles] == ["uitvoering", "toeleiding"] and org.gemeenten == ["GM0307"]
    assert {s.organization_id for s in payload.services} == {org.id}

    _, report = convert_csv(write_csv(tmp_path / "b.csv", GOOD[2:]), orgs, gemeenten)
    assert "regel 2, kolom 'organisatie': 'Zorg & Co' staat niet in org.csv; controleer de schrijfwijze" in report.errors


def test_unreadable_files_are_refused(tmp_path, gemeenten):
    empty = tmp_path / "leeg.csv"
    empty.write_bytes(b"")
    with pytest.raises(ConversionError, match="is leeg"):
        convert_csv(empty, None, gemeenten)
    one_column = tmp_path / "een.csv"
    one_column.write_text("naam\nGroep\n", encoding="utf-8")
    with pytest.raises(ConversionError, match="maar één kolom"):
        convert_csv(one_column, None, gemeenten)
    with pytest.raises(ConversionError, match="niet lezen"):
        convert_csv(tmp_path / "bestaat-niet.csv", None, gemeenten)


def test_template_to_signed_feed_in_three_commands(tmp_path, capsys):
    """The README's publisher path: template -> from-csv -> keygen/publish."""
    payload = tmp_path / "payload.json"
    assert main(["feed", "from-csv", str(data_path("sjabloon-aanbod.csv")), str(data_path("sjabloon-organisaties.csv")),
                 "--out", str(payload), "--publisher", "KOPP-netwerk Eemland"]) == 0
    assert main(["feed", "keygen", "--out", str(tmp_path / "sleutel")]) == 0
    assert main(["feed", "publish", str(payload), "--key", str(tmp_path / "sleutel" / "signing.key"),
                 "--root", str(tmp_path / "sleutel" / "root.json"), "--out", str(tmp_path / "pub")]) == 0
    feed = Payload.model_validate_json((tmp_path / "pub" / "feed.json").read_bytes())
    assert feed.publisher == "KOPP-netwerk Eemland" and len(feed.services) == len(
        Payload.model_validate_json(payload.read_bytes()).services)
