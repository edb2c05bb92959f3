"""Reading HSDS 3 input for `koppdesk feed from-hsds`: JSON files, a folder of them, or tabular data.

- A JSON file holds services (a list, one service, or an API page with `contents`), or a bundle
  `{"services": [...], "organizations": [...], "locations": [...]}`; a file whose name starts with
  `organization`/`location`/`taxonom` holds those records (as `koppdesk feed to-hsds` writes them).
- A folder with `datapackage.json` is the tabular form: one CSV per HSDS table (services.csv,
  organizations.csv, service_at_location.csv, locations.csv, addresses.csv, phones.csv, contacts.csv,
  service_areas.csv, attributes.csv, taxonomy_terms.csv, taxonomies.csv, languages.csv).  The rows are
  nested back into the JSON shape by their foreign keys; a phone or contact belongs to its most
  specific owner (contact, service_at_location, service, location, organization).
- A folder without datapackage.json: its *.json files, or else its *.csv files as tabular data.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from koppdesk.feed.csv_import import decode
from koppdesk.feed.importing import ConversionError, ImportReport

MAX_FILE_BYTES = 200 * 1024 * 1024

_TABLES = {  # our table key -> names a resource or file may have
    "organization": ("organization", "organizations"), "service": ("service", "services"),
    "location": ("location", "locations"), "service_at_location": ("service_at_location", "service_at_locations"),
    "address": ("address", "addresses"), "phone": ("phone", "phones"), "contact": ("contact", "contacts"),
    "service_area": ("service_area", "service_areas"), "attribute": ("attribute", "attributes"),
    "taxonomy_term": ("taxonomy_term", "taxonomy_terms"), "taxonomy": ("taxonomy", "taxonomies"),
    "language": ("language", "languages"),
}
_TABLE_OF = {alias: key for key, aliases in _TABLES.items() for alias in aliases}
_PHONE_OWNERS = ("contact_id", "service_at_location_id", "service_id", "location_id", "organization_id")
_CONTACT_OWNERS = ("service_at_location_id", "service_id", "location_id", "organization_id")


@dataclass
class HsdsInput:
    services: list[dict] = field(default_factory=list)
    organizations: list[dict] = field(default_factory=list)
    locations: list[dict] = field(default_factory=list)
    taxonomy_names: dict[str, str] = field(default_factory=dict)  # taxonomy id -> name
    form: str = "json"


def _read_bytes(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ConversionError(f"{path} is groter dan {MAX_FILE_BYTES // (1024 * 1024)} MB.")
        return path.read_bytes()
    except OSError as exc:
        raise ConversionError(f"Kan {path} niet lezen: {exc.strerror}") from exc


def _load_json(path: Path):
    try:
        return json.loads(_read_bytes(path).decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ConversionError(f"{path} is geen geldige JSON ({exc}).") from exc


def _records(doc, path: Path) -> list[dict]:
    if isinstance(doc, dict) and isinstance(doc.get("contents"), list):
        doc = doc["contents"]  # a page of the HSDS API
    items = doc if isinstance(doc, list) else [doc]
    if not all(isinstance(i, dict) for i in items):
        raise ConversionError(f"{path}: verwacht een lijst met HSDS-objecten.")
    return items


def _add_json(into: HsdsInput, path: Path) -> None:
    doc = _load_json(path)
    if isinstance(doc, dict) and any(isinstance(doc.get(k), list) for k in ("services", "organizations", "locations")):
        into.services += _records(doc.get("services", []), path)
        into.organizations += _records(doc.get("organizations", []), path)
        into.locations += _records(doc.get("locations", []), path)
        return
    stem = path.stem.casefold()
    records = _records(doc, path)
    if stem.startswith("organization"):
        into.organizations += records
    elif stem.startswith("location"):
        into.locations += records
    elif stem.startswith("taxonom"):
        into.taxonomy_names.update({str(r.get("taxonomy_id") or r.get("id")): str(
            (r.get("taxonomy_detail") or {}).get("name") or r.get("taxonomy") or r.get("name") or "")
            for r in records})
    else:
        into.services += records


def _read_csv(path: Path, delimiter: str) -> list[dict]:
    text, _ = decode(_read_bytes(path), path)
    rows = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter)
    return [{k.strip(): v.strip() for k, v in row.items() if k and v is not None and v.strip()} for row in rows]


def _tables(folder: Path, report: ImportReport) -> dict[str, list[dict]]:
    package = folder / "datapackage.json"
    if package.is_file():
        meta = _load_json(package)
        resources = [(r.get("name", ""), folder / r["path"], (r.get("dialect") or {}).get("delimiter", ","))
                     for r in meta.get("resources", []) if isinstance(r, dict) and isinstance(r.get("path"), str)]
    else:
        report.warn(f"{folder}: geen datapackage.json; de CSV-bestanden worden gelezen op hun naam")
        resources = [(p.stem, p, ",") for p in sorted(folder.glob("*.csv"))]
    tables: dict[str, list[dict]] = defaultdict(list)
    for name, path, delimiter in resources:
        key = _TABLE_OF.get(name) or _TABLE_OF.get(path.stem)
        if not path.is_file():
            report.warn(f"{path.name} staat in datapackage.json maar ontbreekt; overgeslagen")
            continue
        rows = _read_csv(path, delimiter)
        if key is None:
            if rows:
                report.unmapped[f"tabel {path.name}"] += len(rows)
            continue
        tables[key] += rows
    return tables


def _nest(tables: dict[str, list[dict]]) -> HsdsInput:
    """Tabular rows -> the nested JSON shape the importer reads."""
    def by(table: str, key: str) -> dict[str, list[dict]]:
        out: dict[str, list[dict]] = defaultdict(list)
        for row in tables.get(table, []):
            if row.get(key):
                out[row[key]].append(row)
        return out

    def owned(table: str, owners: tuple[str, ...]) -> dict[tuple[str, str], list[dict]]:
        out: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for row in tables.get(table, []):
            owner = next((k for k in owners if row.get(k)), None)
            if owner:
                out[(owner, row[owner])].append(row)
        return out

    taxonomies = {t["id"]: t for t in tables.get("taxonomy", []) if t.get("id")}
    terms = {t["id"]: {**t, **({"taxonomy_detail": taxonomies[t["taxonomy_id"]]} if t.get("taxonomy_id") in taxonomies
                                else {})} for t in tables.get("taxonomy_term", []) if t.get("id")}
    attributes = defaultdict(list)
    for a in tables.get("attribute", []):
        attributes[(a.get("link_entity", ""), a.get("link_id", ""))].append(
            {**a, "taxonomy_term": terms.get(a.get("taxonomy_term_id", ""))})
    phones, contacts = owned("phone", _PHONE_OWNERS), owned("contact", _CONTACT_OWNERS)
    addresses, languages = by("address", "location_id"), by("language", "service_id")
    sals, areas_by_sal = by("service_at_location", "service_id"), by("service_area", "service_at_location_id")
    areas = {k: [a for a in v if not a.get("service_at_location_id")] for k, v in by("service_area", "service_id").items()}

    def with_links(row: dict, entity: str, owner: str) -> dict:
        out = {**row, "attributes": attributes.get((entity, row.get("id", "")), []),
               "phones": phones.get((owner, row.get("id", "")), [])}
        if entity != "contact":
            out["contacts"] = [with_links(c, "contact", "contact_id") for c in contacts.get((owner, row.get("id", "")), [])]
        return {k: v for k, v in out.items() if v not in ([], None)}

    locations = {row["id"]: {**with_links(row, "location", "location_id"), "addresses": addresses.get(row["id"], [])}
                 for row in tables.get("location", []) if row.get("id")}
    services = []
    for row in tables.get("service", []):
        sid = row.get("id", "")
        svc = with_links(row, "service", "service_id")
        svc["languages"] = languages.get(sid, [])
        svc["service_areas"] = areas.get(sid, [])
        svc["service_at_locations"] = [
            {**with_links(sal, "service_at_location", "service_at_location_id"),
             "location": locations.get(sal.get("location_id", "")), "service_areas": areas_by_sal.get(sal.get("id", ""), [])}
            for sal in sals.get(sid, [])]
        services.append({k: v for k, v in svc.items() if v not in ([], None)})
    orgs = [with_links(row, "organization", "organization_id") for row in tables.get("organization", [])]
    return HsdsInput(services, orgs, list(locations.values()),
                     {k: v.get("name", "") for k, v in taxonomies.items()}, "tabular")


def load_hsds(path: Path, report: ImportReport) -> HsdsInput:
    """Read an HSDS file or folder (see the module docstring for the accepted forms)."""
    path = Path(path)
    if path.is_file():
        into = HsdsInput()
        _add_json(into, path)
        return into
    if not path.is_dir():
        raise ConversionError(f"{path} bestaat niet.")
    json_files = sorted(p for p in path.glob("*.json") if p.name != "datapackage.json")
    if (path / "datapackage.json").is_file() or (not json_files and any(path.glob("*.csv"))):
        return _nest(_tables(path, report))
    if not json_files:
        raise ConversionError(f"{path}: geen HSDS-bestanden gevonden (JSON, of CSV met datapackage.json).")
    into = HsdsInput()
    for file in json_files:
        _add_json(into, file)
    return into
