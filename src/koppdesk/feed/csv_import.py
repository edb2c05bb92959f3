"""`koppdesk feed from-csv`: a publisher's spreadsheet (CSV) to a sociale-kaart payload.

Reads UTF-8 (with or without BOM), UTF-16 with BOM and Excel's Windows-1252, with `;`, `,` or tab
between the columns (taken from the header line).  Each row is checked on its own; every problem
is reported as "regel N, kolom 'X': ..." with N the row number Excel shows (the header is row 1).
Ids are stable: from the `id` column, or derived from organisation + name, so a re-import of the
same spreadsheet keeps every offer's id (and the local notes users attached to it).
"""

from __future__ import annotations

import csv
import io
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from koppdesk.content.gemeenten import Gemeenten, UnknownGemeente
from koppdesk.feed import csv_layout as lay
from koppdesk.feed.csv_layout import OFFER_COLUMNS, ORGANISATION_COLUMNS, CellError, Column
from koppdesk.feed.importing import (
    ConversionError,
    ImportReport,
    build_payload,
    dutch_error,
    payload_dict,
    stable_id,
)
from koppdesk.models import LOCAL_ID_PREFIX, Payload, Service

log = logging.getLogger(__name__)

MAX_CSV_BYTES = 50 * 1024 * 1024

#: Cell parsers per column key; columns not listed here are plain text.
_OFFER_PARSERS = {
    "kinds": lay.parse_kinds, "parent_problems": lay.parse_problems, "minimum_age": lay.parse_int,
    "maximum_age": lay.parse_int, "phones": lay.parse_phones, "email": lay.parse_email, "url": lay.parse_url,
    "address": lay.parse_address, "free_of_charge": lay.parse_bool, "referral_required": lay.parse_bool,
    "next_start_date": lay.parse_date, "languages": lay.parse_languages, "culture_sensitive": lay.parse_bool,
    "status": lay.parse_status, "assured_date": lay.parse_date, "contact_email": lay.parse_email,
    "contact_phone": lay.parse_phones,
}
_ORG_PARSERS = {"website": lay.parse_url, "email": lay.parse_email, "phones": lay.parse_phones,
                "roles": lay.parse_roles}
_FREE_WORDS = ("gratis", "geen kosten", "kosteloos")


@dataclass
class Table:
    path: Path
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (Excel row number, cells)
    encoding: str
    delimiter: str


def decode(raw: bytes, path: Path) -> tuple[str, str]:
    """Text and the encoding it was in: UTF-8 (BOM or not), UTF-16 with BOM, else Windows-1252."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "utf-16"
    for encoding in ("utf-8", "cp1252"):
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise ConversionError(f"{path}: de tekens zijn niet te lezen. Sla het bestand op als 'CSV UTF-8'.")


def sniff_delimiter(header_line: str, path: Path) -> str:
    """The separator of the header line: the most frequent of `;`, `,` and tab outside quotes."""
    counts = dict.fromkeys(";,\t", 0)
    quoted = False
    for ch in header_line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(counts, key=lambda c: (counts[c], c == ";"))
    if counts[best] == 0:
        raise ConversionError(f"{path}: de eerste regel heeft maar één kolom. Scheid de kolommen met ; of ,"
                              " en laat de kolomnamen uit het sjabloon op de eerste regel staan.")
    return best


def read_table(path: Path) -> Table:
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise ConversionError(f"Kan {path} niet lezen: {exc.strerror}") from exc
    if len(raw) > MAX_CSV_BYTES:
        raise ConversionError(f"{path} is groter dan {MAX_CSV_BYTES // (1024 * 1024)} MB.")
    text, encoding = decode(raw, path)
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise ConversionError(f"{path} is leeg.")
    delimiter = sniff_delimiter(text.splitlines()[0], path)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise ConversionError(f"{path}: het bestand is geen geldige CSV ({exc}).") from exc
    log.info("read %s: %d rows, encoding %s, delimiter %r", path, len(records), encoding, delimiter)
    return Table(Path(path), records[0], [(i + 2, cells) for i, cells in enumerate(records[1:])],
                 encoding, delimiter)


@dataclass
class _Row:
    """One spreadsheet row being read: its cells by column key, and the problems found."""

    line: int
    cells: list[str]
    positions: dict[str, int]
    headers: list[str]
    columns: dict[str, Column]
    delimiter: str = ";"
    problems: list[str] = field(default_factory=list)

    def text(self, key: str) -> str:
        pos = self.positions.get(key)
        return self.cells[pos].strip() if pos is not None and pos < len(self.cells) else ""

    def column_name(self, key: str) -> str:
        pos = self.positions.get(key)
        return self.headers[pos].strip() if pos is not None else self.columns[key].header

    def problem(self, key: str | None, message: str) -> None:
        where = f"regel {self.line}" + (f", kolom '{self.column_name(key)}'" if key else "")
        self.problems.append(f"{where}: {message}")

    def shift_hint(self, width: int) -> str:
        sep = "tab" if self.delimiter == "\t" else self.delimiter
        return (f"heeft {len(self.cells)} cellen maar de kopregel {width}; staat er een {sep} in een tekst"
                " zonder aanhalingstekens? Dan schuiven de kolommen op")

    def parsed(self, parsers: dict) -> dict:
        values = {}
        for key in self.positions:
            text = self.text(key)
            if not text:
                continue
            parser = parsers.get(key)
            try:
                values[key] = parser(text) if parser else text
            except CellError as exc:
                self.problem(key, str(exc))
        for col in self.columns.values():
            if col.required and not self.text(col.key):
                self.problem(col.key, "is leeg; deze kolom is verplicht")
        return values


def _rows(table: Table, columns: tuple[Column, ...], report: ImportReport):
    positions, missing, unused = lay.match_headers(table.headers, columns)
    if missing:
        expected = ", ".join(c.header for c in columns)
        raise ConversionError(f"{table.path}: kolom {', '.join(repr(m) for m in missing)} ontbreekt.",
                              [f"Verwachte kolomnamen (regel 1): {expected}"])
    for name in unused:
        report.warn(f"{table.path.name}: kolom {name!r} is onbekend en wordt niet gebruikt")
    by_key = {c.key: c for c in columns}
    width = len(table.headers)
    for line, cells in table.rows:
        if not any(c.strip() for c in cells):
            continue
        row = _Row(line, cells, positions, table.headers, by_key, table.delimiter)
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            row.problem(None, row.shift_hint(width))
        yield row


def _id_from_cell(row: _Row, prefix: str, *parts: str) -> str:
    raw = row.text("id")
    if not raw:
        return stable_id(prefix, *parts)
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._:\-]{0,99}", raw) or raw.startswith(LOCAL_ID_PREFIX):
        row.problem("id", f"{raw!r} is geen bruikbaar id; gebruik letters, cijfers en - (niet beginnend met"
                          f" '{LOCAL_ID_PREFIX}'), of laat de cel leeg")
    return raw


class _Organisations:
    """The organisations by id and by name; from ORGANISATIONS.csv or made from the offer rows."""

    def __init__(self, from_file: bool):
        self.from_file = from_file
        self.items: list[dict] = []
        self._by_key: dict[str, dict] = {}

    def add(self, org: dict) -> None:
        self.items.append(org)
        self._by_key.setdefault(org["id"].casefold(), org)
        self._by_key.setdefault(lay.header_key(org["name"]), org)

    def find(self, name_or_id: str) -> dict | None:
        return self._by_key.get(name_or_id.casefold()) or self._by_key.get(lay.header_key(name_or_id))


def _read_organisations(table: Table, gemeenten: Gemeenten, report: ImportReport) -> _Organisations:
    orgs = _Organisations(from_file=True)
    seen: dict[str, int] = {}
    for row in _rows(table, ORGANISATION_COLUMNS, report):
        values = row.parsed(_ORG_PARSERS)
        if "gemeenten" in values:
            try:
                values["gemeenten"] = lay.parse_areas(values["gemeenten"], gemeenten, national=False)
            except CellError as exc:
                row.problem("gemeenten", str(exc))
        org_id = _id_from_cell(row, "org", row.text("name"))
        if org_id in seen:
            row.problem("id" if row.text("id") else "name", f"deze organisatie staat al op regel {seen[org_id]}")
        if row.problems:
            _reject(row, report)
            continue
        seen[org_id] = row.line
        org = {"id": org_id, "name": values["name"], "description": values.get("description"),
               "website": values.get("website"), "email": values.get("email"),
               "phones": [{"number": n} for n in values.get("phones", [])],
               "roles": values.get("roles", []), "gemeenten": values.get("gemeenten", [])}
        orgs.add({k: v for k, v in org.items() if v not in (None, [])})
    return orgs


def _reject(row: _Row, report: ImportReport) -> None:
    hint = f"regel {row.line}: {row.shift_hint(len(row.headers))}"
    if len(row.cells) > len(row.headers) and hint not in row.problems:
        row.problems.insert(0, hint)
    for problem in row.problems:
        report.error(problem)
    report.skipped += 1


class _OfferReader:
    def __init__(self, gemeenten: Gemeenten, orgs: _Organisations, orgs_name: str, report: ImportReport):
        self.gemeenten, self.orgs, self.orgs_name, self.report = gemeenten, orgs, orgs_name, report
        self.services: list[dict] = []
        self.locations: dict[str, dict] = {}
        self._seen: dict[str, int] = {}

    def read(self, row: _Row) -> None:
        values = row.parsed(_OFFER_PARSERS)
        if row.text("service_areas"):
            try:
                values["service_areas"] = lay.parse_areas(row.text("service_areas"), self.gemeenten)
            except CellError as exc:
                row.problem("service_areas", str(exc))
        low, high = values.get("minimum_age"), values.get("maximum_age")
        if isinstance(low, int) and isinstance(high, int) and low > high:
            row.problem("minimum_age", f"{low} is hoger dan de maximale leeftijd ({high})")
        org = self._organisation(row)
        service_id = _id_from_cell(row, "aanbod", row.text("organisation"), row.text("name"))
        if service_id in self._seen:
            hint = "geef een eigen id" if row.text("id") else "geef een eigen id of een andere naam"
            row.problem("id" if row.text("id") else "name",
                        f"dit aanbod staat al op regel {self._seen[service_id]} ({hint})")
        service = self._service(row, values, service_id, org) if not row.problems else None
        if service is None:
            _reject(row, self.report)
            return
        self._seen[service_id] = row.line
        self.services.append(service)

    def _organisation(self, row: _Row) -> dict | None:
        name = row.text("organisation")
        if not name:
            return None
        org = self.orgs.find(name)
        if org is None and self.orgs.from_file:
            row.problem("organisation", f"{name!r} staat niet in {self.orgs_name}; controleer de schrijfwijze")
        elif org is None:
            org = {"id": stable_id("org", name), "name": name}
            self.orgs.add(org)
        return org

    def _service(self, row: _Row, values: dict, service_id: str, org: dict) -> dict | None:
        data = {k: values[k] for k in ("name", "alternate_name", "description", "kinds", "parent_problems",
                                       "minimum_age", "maximum_age", "service_areas", "email", "url",
                                       "application_process", "fees_description", "free_of_charge",
                                       "referral_required", "next_start_date", "eligibility_description",
                                       "languages", "culture_sensitive", "status", "assured_date") if k in values}
        data.update(id=service_id, organization_id=org["id"])
        data["phones"] = [{"number": n} for n in values.get("phones", [])]
        if "free_of_charge" not in data and values.get("fees_description", "").casefold().startswith(_FREE_WORDS):
            data["free_of_charge"] = True
        if "address" in values:
            data["location_ids"] = [self._location(org, values["address"])]
        contact = self._contact(row, values, service_id)
        if contact:
            data["contacts"] = [contact]
        if row.problems:
            return None
        try:
            return Service.model_validate(data).model_dump(mode="json", exclude_none=True)
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                key = str(err["loc"][0]) if err["loc"] else None
                row.problem(key if key in row.columns else None, dutch_error(err))
            return None

    def _contact(self, row: _Row, values: dict, service_id: str) -> dict | None:
        name = values.get("contact_name")
        extra = [k for k in ("contact_title", "contact_email", "contact_phone") if k in values]
        if not name:
            if extra:
                row.problem(extra[0], "vul ook de naam in de kolom 'contactpersoon' in")
            return None
        contact = {"id": stable_id("contact", service_id, name), "name": name,
                   "title": values.get("contact_title"), "email": values.get("contact_email"),
                   "phones": [{"number": n} for n in values.get("contact_phone", [])]}
        return {k: v for k, v in contact.items() if v not in (None, [])}

    def _location(self, org: dict, address: dict) -> str:
        loc_id = stable_id("loc", org["id"], address["postal_code"], address["address_1"])
        if loc_id not in self.locations:
            gemeente = None
            try:
                found = self.gemeenten.for_postcode(address["postal_code"])
                gemeente = found[0].code if len(found) == 1 else None
            except UnknownGemeente:
                pass
            if gemeente is None:
                try:
                    gemeente = self.gemeenten.resolve(address["city"]).code
                except UnknownGemeente:
                    gemeente = None
            loc = {"id": loc_id, "organization_id": org["id"], "name": f"{org['name']}, {address['city']}",
                   "address": address, "gemeente": gemeente}
            self.locations[loc_id] = {k: v for k, v in loc.items() if v is not None}
        return loc_id


def convert_csv(offers_path: Path, organisations_path: Path | None, gemeenten: Gemeenten, *,
                publisher: str | None = None) -> tuple[Payload | None, ImportReport]:
    """Read the spreadsheet(s). The payload holds the valid rows; the report names every bad one.

    Raises ConversionError when a file cannot be read at all (nothing to report row by row).
    """
    report = ImportReport()
    if organisations_path is not None:
        orgs = _read_organisations(read_table(organisations_path), gemeenten, report)
    else:
        orgs = _Organisations(from_file=False)
    reader = _OfferReader(gemeenten, orgs,
                          organisations_path.name if organisations_path else "", report)
    for row in _rows(read_table(offers_path), OFFER_COLUMNS, report):
        reader.read(row)
    if not reader.services:
        report.error(f"{Path(offers_path).name}: er staat geen enkel bruikbaar aanbod in")
        return None, report
    publisher = publisher or f"Sociale kaart uit {Path(offers_path).name}"
    data = payload_dict(publisher, orgs.items, list(reader.locations.values()), reader.services)
    return build_payload(data, report), report
