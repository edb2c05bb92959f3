"""Open Referral HSDS 3: export validates against the official schema, import of nested and tabular
samples, and the round trip payload -> HSDS -> payload."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from koppdesk.bundle import demo_payload_path, resource_path
from koppdesk.cli import main
from koppdesk.models import Payload
from payloads import payload, service

SAMPLES = Path(__file__).parent / "data" / "hsds"
NESTED = SAMPLES / "voorbeeld-services.json"
TABULAR = SAMPLES / "tabular"


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads(resource_path("hsds3", "service_with_definitions.json").read_text(encoding="utf-8"))


def validator(schema: dict, definition: str | None = None) -> Draft202012Validator:
    root = schema if definition is None else {**schema["definitions"][definition], "definitions": schema["definitions"]}
    return Draft202012Validator(root, format_checker=FormatChecker())


def schema_errors(schema: dict, out: Path) -> list[str]:
    errors = []
    for name, definition in (("services.json", None), ("organizations.json", "organization"),
                             ("taxonomy_terms.json", "taxonomy_term")):
        check = validator(schema, definition)
        for i, item in enumerate(json.loads((out / name).read_text(encoding="utf-8"))):
            errors += [f"{name}[{i}] {list(e.absolute_path)}: {e.message}" for e in check.iter_errors(item)]
    return errors


def rich_payload() -> Payload:
    """Every field the exporter handles, with values the demo may not have."""
    orgs = [{"id": "org-a", "name": "Stichting Alfa", "description": "Jeugdhulp.", "website": "https://alfa.example.org",
             "email": "info@alfa.example.org", "phones": [{"number": "088-5550001", "description": "receptie"}],
             "contacts": [{"id": "c-1", "name": "An Alfa", "title": "preventiewerker", "email": "an@alfa.example.org",
                           "phones": [{"number": "06-55500001"}]}],
             "roles": ["signalering", "toeleiding"], "gemeenten": ["GM0307", "GM0327"]},
            {"id": "org-b", "name": "Bèta Zorg"}]
    locations = [{"id": "loc-a", "organization_id": "org-a", "name": "Alfa, Amersfoort", "gemeente": "GM0307",
                  "address": {"address_1": "Denkbeeldlaan 1", "postal_code": "3818 AB", "city": "Amersfoort"},
                  "latitude": 52.15, "longitude": 5.38},
                 {"id": "loc-web", "organization_id": "org-b", "name": "Online", "location_type": "virtual",
                  "url": "https://beta.example.org/chat"}]
    return payload([
        service("s-1", "Kanjergroep", min_age=8, max_age=12, problems=["psychisch", "verslaving"],
                kinds=["groep", "jonge mantelzorgers"], areas=["GM0307", "GM0327"], location_ids=["loc-a"],
                free_of_charge=False, culture_sensitive=True, languages=["nl", "ar"], next_start_date="2027-01-13",
                assured_date="2026-09-01", last_modified="2026-10-01T08:30:00Z", status="temporarily closed",
                alternate_name="Kanjers", url="https://alfa.example.org/kanjers", email="kanjers@alfa.example.org",
                application_process="Bellen.", fees_description="€ 10", eligibility_description="Kinderen.",
                phones=[{"number": "088-5550002", "description": "aanmelden"}],
                contacts=[{"id": "c-2", "name": "Bo", "phones": [{"number": "088-5550003"}]}]),
        service("s-2", "Chat", org="org-b", kinds=["online"], areas=["NL"], referral=True, free_of_charge=True,
                location_ids=["loc-web"]),
    ], orgs=orgs, locations=locations)


def export(p: Payload, tmp_path: Path, name: str = "hsds") -> Path:
    src = tmp_path / f"{name}-payload.json"
    src.write_text(p.model_dump_json(exclude_none=True), encoding="utf-8")
    out = tmp_path / name
    assert main(["feed", "to-hsds", str(src), "--out", str(out)]) == 0
    return out


def import_hsds(source: Path, tmp_path: Path, *extra: str) -> tuple[int, Payload | None]:
    out = tmp_path / "terug.json"
    rc = main(["feed", "from-hsds", str(source), "--out", str(out), *extra])
    return rc, Payload.model_validate_json(out.read_bytes()) if out.exists() else None


def comparable(p: Payload) -> dict:
    """A payload dump without what HSDS cannot carry (publisher, generated) and in a fixed order."""
    d = p.model_dump(mode="json")
    return {"organizations": d["organizations"], "services": d["services"],
            "locations": sorted(d["locations"], key=lambda loc: loc["id"])}


@pytest.mark.parametrize("source", ["demo", "rich"])
def test_export_validates_against_the_hsds_schema(tmp_path, schema, source):
    p = Payload.model_validate_json(demo_payload_path().read_bytes()) if source == "demo" else rich_payload()
    out = export(p, tmp_path)
    assert schema_errors(schema, out) == []
    services = json.loads((out / "services.json").read_text(encoding="utf-8"))
    assert len(services) == len(p.services)
    assert all(s["service_areas"] and s["organization"]["name"] for s in services)


def test_schema_check_catches_invalid_hsds(tmp_path, schema):
    out = export(rich_payload(), tmp_path)
    services = json.loads((out / "services.json").read_text(encoding="utf-8"))
    services[0]["id"] = "s-1"  # not a uuid
    services[0]["status"] = "open"
    del services[0]["service_at_locations"][0]["location"]["addresses"][0]["country"]
    (out / "services.json").write_text(json.dumps(services), encoding="utf-8")
    errors = "\n".join(schema_errors(schema, out))
    assert "'s-1' is not a 'uuid'" in errors and "'open' is not one of" in errors
    assert "'country' is a required property" in errors


def test_export_maps_koppdesk_fields_to_attributes(tmp_path):
    out = export(rich_payload(), tmp_path)
    svc = json.loads((out / "services.json").read_text(encoding="utf-8"))[0]
    terms = {(a["taxonomy_term"]["code"], a.get("value")) for a in svc["attributes"]}
    assert {("koppdesk-id", "s-1"), ("soort:groep", None), ("soort:jonge mantelzorgers", None),
            ("probleem-ouder:verslaving", None), ("verwijzing-nodig", "false"), ("gratis", "false"),
            ("cultuursensitief", "true"), ("volgende-start", "2027-01-13")} <= terms
    areas = {a["name"]: a.get("uri") for a in svc["service_areas"]}
    assert areas == {"Amersfoort": "https://identifier.overheid.nl/tooi/id/gemeente/gm0307",
                     "Leusden": "https://identifier.overheid.nl/tooi/id/gemeente/gm0327"}
    address = svc["service_at_locations"][0]["location"]["addresses"][0]
    assert (address["postal_code"], address["state_province"], address["country"]) == ("3818 AB", "Utrecht", "NL")
    assert [lang["code"] for lang in svc["languages"]] == ["nl", "ar"]


def test_export_is_deterministic(tmp_path):
    first, second = export(rich_payload(), tmp_path, "a"), export(rich_payload(), tmp_path, "b")
    for name in ("services.json", "organizations.json", "taxonomy_terms.json"):
        assert (first / name).read_bytes() == (second / name).read_bytes()


@pytest.mark.parametrize("source", ["demo", "rich"])
def test_round_trip_gives_the_same_offers(tmp_path, source):
    original = Payload.model_validate_json(demo_payload_path().read_bytes()) if source == "demo" else rich_payload()
    rc, back = import_hsds(export(original, tmp_path), tmp_path)
    assert rc == 0
    assert comparable(back) == comparable(original)


def test_round_trip_from_a_single_services_file(tmp_path):
    """services.json alone (organisations nested in the services) loses only offer-less organisations."""
    original = rich_payload()
    out = export(original, tmp_path)
    rc, back = import_hsds(out / "services.json", tmp_path)
    assert rc == 0
    assert comparable(back)["services"] == comparable(original)["services"]


def test_import_of_nested_hsds_sample(tmp_path, schema, capsys):
    check = validator(schema)
    assert all(not list(check.iter_errors(s)) for s in json.loads(NESTED.read_text(encoding="utf-8")))
    rc, p = import_hsds(NESTED, tmp_path, "--default-kind", "gezin", "--publisher", "Welzijn Zwolle")
    err = capsys.readouterr().err
    assert rc == 0 and p.publisher == "Welzijn Zwolle"
    by_name = {s.name: s for s in p.services}
    groep = by_name["Lotgenotengroep Sterk Thuis (8-12 jaar)"]
    assert groep.id == "1f0e2d3c-4b5a-4968-8776-a5b4c3d2e1f1"  # UUIDs are kept as ids
    assert (groep.minimum_age, groep.maximum_age, groep.service_areas) == (8, 12, ["GM0193"])  # TOOI uri
    assert [k.value for k in groep.kinds] == ["groep"] and [x.value for x in groep.parent_problems] == ["psychisch", "verslaving"]
    assert (groep.free_of_charge, groep.referral_required, str(groep.next_start_date)) == (True, False, "2027-01-20")
    assert groep.languages == ["nl", "tr"] and groep.phones[0].number == "038-5550120"
    assert groep.contacts[0].name == "Joris Verzonnen" and groep.contacts[0].phones[0].number == "06-55501234"
    loc = next(loc for loc in p.locations if loc.id == groep.location_ids[0])
    assert (loc.address.postal_code, loc.gemeente, loc.name) == ("8011 AB", "GM0193", "Buurthuis De Fictie")
    online = by_name["Online oudercursus Ouder blijven"]
    assert online.service_areas == ["GM0193"] and online.url is None  # GeoJSON statcode; http:// link left out
    assert "url niet overgenomen: alleen https://-adressen zijn toegestaan" in err
    gesprek = by_name["Gezinsgesprekken Samen Verder"]
    assert gesprek.status.value == "temporarily closed" and [k.value for k in gesprek.kinds] == ["gezin"]
    assert "werkgebied 'Kampen-Oost' is geen bekende gemeente" in err
    assert by_name["Inloopochtend voor ouders"].service_areas == ["GM0193"]  # from its location
    org = p.organizations[0]
    assert [r.value for r in org.roles] == ["uitvoering"] and org.contacts[0].phones[0].number == "038-5550111"
    for unmapped in ("service.schedules (1x)", "service.cost_options (1x)", "phone.extension (1x)",
                     "service.attributes [Open Eligibility: Support Groups] (1x)", "location.accessibility (1x)",
                     "organization.organization_identifiers (1x)"):
        assert unmapped in err, unmapped


def test_import_without_kind_writes_nothing_unless_skip_invalid(tmp_path, capsys):
    rc, p = import_hsds(NESTED, tmp_path)
    err = capsys.readouterr().err
    assert rc == 2 and p is None
    assert "dienst 'Gezinsgesprekken Samen Verder': geen soort aanbod" in err and "--default-kind" in err
    rc, p = import_hsds(NESTED, tmp_path, "--skip-invalid")
    assert rc == 0 and len(p.services) == 2


def test_import_of_tabular_sample(tmp_path, capsys):
    rc, p = import_hsds(TABULAR, tmp_path, "--default-kind", "gezin", "--default-kind", "ouders")
    err = capsys.readouterr().err
    assert rc == 0
    kanjers, steun = p.services
    assert (kanjers.name, kanjers.minimum_age, kanjers.maximum_age) == ("Doe-groep Kanjers (12-16)", 12, 16)
    assert kanjers.referral_required is True and kanjers.languages == ["nl", "ar"]
    assert kanjers.service_areas == ["GM0855"] and steun.service_areas == ["GM0855", "GM0785"]  # Tilburg, Goirle
    assert [k.value for k in steun.kinds] == ["gezin", "ouders"]
    # a phone or contact belongs to its most specific owner
    assert [ph.number for ph in kanjers.phones] == ["013-5550210"]
    assert kanjers.contacts[0].name == "Eva Bedacht" and kanjers.contacts[0].phones[0].number == "06-55502100"
    org = p.organizations[0]
    assert [ph.number for ph in org.phones] == ["013-5550200"] and [c.name for c in org.contacts] == ["Mo Denkbeeld"]
    assert [r.value for r in org.roles] == ["toeleiding"]
    assert p.locations[0].gemeente == "GM0855" and kanjers.location_ids == [p.locations[0].id]
    for unmapped in ("tabel schedules.csv (1x)", "service_at_location.phones (1x)", "service.wait_time (1x)",
                     "service.attributes [Open Eligibility: Mentoring] (1x)"):
        assert unmapped in err, unmapped


def test_tabular_without_datapackage_is_read_by_file_names(tmp_path, capsys):
    folder = tmp_path / "csv"
    shutil.copytree(TABULAR, folder)
    (folder / "datapackage.json").unlink()
    rc, p = import_hsds(folder, tmp_path, "--default-kind", "gezin")
    assert rc == 0 and len(p.services) == 2
    assert "geen datapackage.json" in capsys.readouterr().err


def test_bad_inputs_are_refused(tmp_path, capsys):
    assert main(["feed", "from-hsds", str(tmp_path / "weg"), "--out", str(tmp_path / "p.json")]) == 2
    broken = tmp_path / "kapot.json"
    broken.write_text("{niet json", encoding="utf-8")
    assert main(["feed", "from-hsds", str(broken), "--out", str(tmp_path / "p.json")]) == 2
    bad_payload = tmp_path / "payload.json"
    bad_payload.write_text(json.dumps({"publisher": "x"}), encoding="utf-8")
    assert main(["feed", "to-hsds", str(bad_payload), "--out", str(tmp_path / "hsds")]) == 2
    a_file = tmp_path / "bestand"
    a_file.write_text("", encoding="utf-8")
    good = tmp_path / "goed.json"
    good.write_text(rich_payload().model_dump_json(), encoding="utf-8")
    assert main(["feed", "to-hsds", str(good), "--out", str(a_file / "hsds")]) == 2
    err = capsys.readouterr().err
    assert "bestaat niet" in err and "geen geldige JSON" in err and "geen geldige sociale kaart" in err
    assert "Kan niet schrijven in" in err
    assert not (tmp_path / "p.json").exists() and not (tmp_path / "hsds").exists()
