"""`koppdesk feed from-hsds`: Open Referral HSDS 3 data (nested JSON) to a sociale-kaart payload.

Input is the nested form of HSDS 3: services with their organization, service_at_locations
(with the location and its addresses), phones, contacts, languages, service_areas and attributes
nested (hsds_files.py also turns the tabular CSV + datapackage.json form into this shape).
KOPP/KOV facts come back from koppdesk taxonomy attributes (hsds_vocab.py).  Service areas
become CBS gemeente codes through a TOOI or other URI holding the code, a GeoJSON extent with
CBS properties (`statcode`/`statnaam`), or the gemeente's name.  Nothing is dropped without a
line in the report: fields koppdesk has no place for are counted in `report.unmapped`, a bad
optional value (an http:// link, a malformed phone number) is left out with a warning, and a
record that cannot be used (no name, no gemeente, no kind of offer) is an error.
"""

from __future__ import annotations

import json
import re

from pydantic import BaseModel, ValidationError

from koppdesk.content.gemeenten import Gemeenten, UnknownGemeente
from koppdesk.feed.hsds_vocab import gemeente_code_in, is_koppdesk_term
from koppdesk.feed.importing import ImportReport, build_payload, dutch_error, payload_dict, stable_id, usable_id
from koppdesk.models import Contact, Location, Organization, Payload, Service
from koppdesk.vocab import OfferKind

_LINKS = {"service_id", "organization_id", "location_id", "contact_id", "service_at_location_id", "link_id"}
MAPPED = {
    "service": {"id", "organization_id", "name", "alternate_name", "description", "url", "email", "status",
                "application_process", "fees_description", "eligibility_description", "minimum_age",
                "maximum_age", "assured_date", "last_modified", "phones", "contacts", "languages",
                "service_areas", "service_at_locations", "attributes", "organization"},
    "organization": {"id", "name", "description", "email", "website", "phones", "contacts", "locations", "attributes"},
    "location": {"id", "location_type", "url", "organization_id", "name", "latitude", "longitude", "addresses",
                 "attributes"},
    "address": {"id", "location_id", "address_1", "address_2", "city", "postal_code", "country", "address_type",
                "state_province", "region"},
    "phone": {"id", "number", "description"} | _LINKS,
    "contact": {"id", "name", "title", "email", "phones", "attributes"} | _LINKS,
    "service_area": {"id", "name", "description", "extent", "extent_type", "uri"} | _LINKS,
    "service_at_location": {"id", "service_id", "location_id", "location", "service_areas"},
    "language": {"id", "code", "name"} | _LINKS,
}
_NATIONAL_NAMES = {"nederland", "heel nederland", "landelijk", "nl", "the netherlands", "netherlands"}
_GEO_CODE_KEYS = ("statcode", "gemeentecode", "gm_code", "code")
_GEO_NAME_KEYS = ("statnaam", "gemeentenaam", "naam", "name")
_ADDRESS_TYPES = ("physical", None, "", "postal")


def _filled(value) -> bool:
    return value not in (None, "", [], {})


def _as_list(value) -> list:
    return value if isinstance(value, list) else []


class HsdsReader:
    """Turns HSDS objects into payload dicts, collecting the report on the way."""

    def __init__(self, gemeenten: Gemeenten, report: ImportReport, default_kinds: list[OfferKind],
                 taxonomy_names: dict[str, str] | None = None):
        self.gemeenten, self.report, self.default_kinds = gemeenten, report, default_kinds
        self.taxonomy_names = taxonomy_names or {}
        self.orgs: dict[str, dict] = {}          # HSDS id -> our organisation dict
        self.locations: dict[str, dict] = {}     # HSDS id -> our location dict
        self.services: list[dict] = []
        self._used: dict[str, set[str]] = {"organization": set(), "location": set(), "service": set()}
        self.defaulted_kinds = 0

    # --- generic helpers ---------------------------------------------------------------------
    def _unmapped(self, obj: dict, entity: str) -> None:
        for key, value in obj.items():
            if key not in MAPPED[entity] and _filled(value):
                self.report.unmapped[f"{entity}.{key}"] += 1

    def _attributes(self, obj: dict, entity: str) -> dict[str, list[str | None]]:
        found: dict[str, list[str | None]] = {}
        for attr in _as_list(obj.get("attributes")):
            term = attr.get("taxonomy_term") if isinstance(attr, dict) else None
            if is_koppdesk_term(term, self.taxonomy_names):
                found.setdefault(term["code"], []).append(attr.get("value"))
            elif isinstance(attr, dict):
                term = term if isinstance(term, dict) else {}
                label = term.get("name") or term.get("code") or attr.get("label") or attr.get("taxonomy_term_id")
                taxonomy = term.get("taxonomy") or (term.get("taxonomy_detail") or {}).get("name")
                self.report.unmapped[f"{entity}.attributes [{taxonomy + ': ' if taxonomy else ''}{label}]"] += 1
        return found

    def _our_id(self, obj: dict, entity: str, prefix: str, attrs: dict, where: str) -> str | None:
        raw = next((v for v in attrs.get("koppdesk-id", []) if v), None) or str(obj.get("id") or "").strip()
        our = usable_id(raw, prefix) if raw else stable_id(prefix, str(obj.get("name") or ""))
        if our in self._used[entity]:
            self.report.error(f"{where}: id {our!r} komt meer dan eens voor; tweede keer niet overgenomen")
            return None
        self._used[entity].add(our)
        return our

    def _validated(self, model: type[BaseModel], data: dict, where: str) -> dict | None:
        """Validate; a bad optional field is left out with a warning, a bad required one is an error."""
        for _ in range(50):
            try:
                return model.model_validate(data).model_dump(mode="json", exclude_none=True)
            except ValidationError as exc:
                drops, fatal = [], []
                for err in exc.errors(include_url=False):
                    loc = err["loc"]
                    field = model.model_fields.get(str(loc[0])) if loc else None
                    (fatal if field is None or field.is_required() else drops).append(err)
                if fatal:
                    for err in fatal:
                        name = ".".join(str(p) for p in err["loc"])
                        self.report.error(f"{where}: {name + ' ' if name else ''}{dutch_error(err)}")
                    return None
                data = self._drop(data, drops, where)
        return None

    def _drop(self, data: dict, errors: list[dict], where: str) -> dict:
        data = dict(data)
        for err in errors:
            key, rest = str(err["loc"][0]), err["loc"][1:]
            shown = repr(err.get("input"))[:60]
            if rest and isinstance(rest[0], int) and isinstance(data.get(key), list):
                items = list(data[key])
                if rest[0] < len(items) and items[rest[0]] is not None:
                    items[rest[0]] = None
                data[key] = items
                self.report.warn(f"{where}: {key}[{rest[0]}] niet overgenomen: {dutch_error(err)} ({shown})")
            elif key in data:
                data.pop(key)
                self.report.warn(f"{where}: {key} niet overgenomen: {dutch_error(err)} ({shown})")
        return {k: [i for i in v if i is not None] if isinstance(v, list) else v for k, v in data.items()}

    # --- parts -------------------------------------------------------------------------------
    def _phones(self, items) -> list[dict]:
        out = []
        for phone in _as_list(items):
            if isinstance(phone, dict) and _filled(phone.get("number")):
                self._unmapped(phone, "phone")
                out.append({"number": str(phone["number"]).strip(), "description": phone.get("description")})
        return out

    def _contacts(self, items, owner: str) -> list[dict]:
        out = []
        for contact in _as_list(items):
            if not isinstance(contact, dict):
                continue
            self._unmapped(contact, "contact")
            attrs = self._attributes(contact, "contact")
            name = contact.get("name") or contact.get("title")
            if not name:
                self.report.warn(f"{owner}: contactpersoon zonder naam niet overgenomen")
                continue
            cid = next((v for v in attrs.get("koppdesk-id", []) if v), None) or contact.get("id") or name
            data = {"id": usable_id(str(cid), "contact"), "name": name, "title": contact.get("title"),
                    "email": contact.get("email"), "phones": self._phones(contact.get("phones"))}
            valid = self._validated(Contact, data, f"{owner}, contactpersoon {name!r}")
            if valid:
                out.append(valid)
        return out

    def _address(self, loc: dict, where: str) -> dict | None:
        addresses = [a for a in _as_list(loc.get("addresses")) if isinstance(a, dict)]
        addresses.sort(key=lambda a: _ADDRESS_TYPES.index(a.get("address_type"))
                       if a.get("address_type") in _ADDRESS_TYPES else 9)
        if len(addresses) > 1:
            self.report.unmapped["location.addresses (tweede en volgende)"] += len(addresses) - 1
        if not addresses:
            return None
        a = addresses[0]
        self._unmapped(a, "address")
        postcode = re.sub(r"\s", "", str(a.get("postal_code") or "")).upper()
        street = ", ".join(str(a[k]).strip() for k in ("address_1", "address_2") if _filled(a.get(k)))
        if not re.fullmatch(r"\d{4}[A-Z]{2}", postcode) or not street or not a.get("city"):
            self.report.warn(f"{where}: adres {street!r} {a.get('postal_code')!r} {a.get('city')!r} is geen"
                             " volledig Nederlands adres; niet overgenomen")
            return None
        return {"address_1": street, "postal_code": f"{postcode[:4]} {postcode[4:]}", "city": str(a["city"]).strip()}

    def _gemeente_of(self, attrs: dict, address: dict | None) -> str | None:
        for value in attrs.get("gemeente", []):
            if value and self.gemeenten.by_code(value):
                return value
        if address:
            try:
                found = self.gemeenten.for_postcode(address["postal_code"])
                if len(found) == 1:
                    return found[0].code
            except UnknownGemeente:
                pass
            try:
                return self.gemeenten.resolve(address["city"]).code
            except UnknownGemeente:
                return None
        return None

    def location(self, loc: dict, org_hsds_id: str | None = None) -> str | None:
        """Our id of an HSDS location (read once, however often it is nested)."""
        hsds = str(loc.get("id") or "")
        if hsds and hsds in self.locations:
            return self.locations[hsds]["id"]
        where = f"locatie {loc.get('name') or hsds!r}"
        self._unmapped(loc, "location")
        attrs = self._attributes(loc, "location")
        our = self._our_id(loc, "location", "loc", attrs, where)
        if our is None:
            return None
        address = self._address(loc, where)
        org = self.orgs.get(str(loc.get("organization_id") or org_hsds_id or ""))
        kind = loc.get("location_type") if loc.get("location_type") in ("physical", "virtual") else "physical"
        if loc.get("location_type") == "postal":
            self.report.warn(f"{where}: postadres opgenomen als bezoeklocatie")
        data = {"id": our, "organization_id": org["id"] if org else None, "location_type": kind,
                "name": loc.get("name") or (f"{org['name']}, {address['city']}" if org and address else None)
                or (address or {}).get("city") or "Locatie",
                "address": address, "gemeente": self._gemeente_of(attrs, address), "url": loc.get("url"),
                "latitude": loc.get("latitude"), "longitude": loc.get("longitude")}
        valid = self._validated(Location, data, where)
        if valid:
            self.locations[hsds or our] = valid
            return our
        return None

    def organization(self, org: dict) -> None:
        hsds = str(org.get("id") or "")
        if hsds in self.orgs:
            return
        where = f"organisatie {org.get('name') or hsds!r}"
        self._unmapped(org, "organization")
        attrs = self._attributes(org, "organization")
        our = self._our_id(org, "organization", "org", attrs, where)
        if our is None:
            return
        roles = [code.split(":", 1)[1] for code in attrs if code.startswith("ketenrol:")]
        data = {"id": our, "name": org.get("name"), "description": org.get("description") or None,
                "website": org.get("website"), "email": org.get("email"), "phones": self._phones(org.get("phones")),
                "contacts": self._contacts(org.get("contacts"), where), "roles": roles,
                "gemeenten": [v for v in attrs.get("gemeente", []) if v]}
        valid = self._validated(Organization, data, where)
        if valid:
            self.orgs[hsds or our] = valid
            for loc in _as_list(org.get("locations")):
                if isinstance(loc, dict):
                    self.location(loc, hsds)

    def _area_codes(self, area: dict, where: str) -> list[str]:
        self._unmapped(area, "service_area")
        code = gemeente_code_in(area.get("uri"))
        if code is None and area.get("extent"):
            code = self._extent_code(area)
        if code is None and area.get("name"):
            name = str(area["name"]).strip()
            if name.casefold() in _NATIONAL_NAMES:
                return ["NL"]
            try:
                code = self.gemeenten.resolve(name).code
            except UnknownGemeente:
                code = gemeente_code_in(area.get("description"))
        if code and self.gemeenten.by_code(code):
            return [code]
        self.report.warn(f"{where}: werkgebied {area.get('name') or area.get('uri') or area.get('id')!r}"
                         " is geen bekende gemeente; niet overgenomen")
        return []

    def _extent_code(self, area: dict) -> str | None:
        if str(area.get("extent_type") or "").casefold() == "text":
            try:
                return self.gemeenten.resolve(str(area["extent"])).code
            except UnknownGemeente:
                return None
        try:
            geo = json.loads(area["extent"]) if isinstance(area["extent"], str) else area["extent"]
        except ValueError:
            return None
        features = geo.get("features", [geo]) if isinstance(geo, dict) else []
        for feature in features:
            props = feature.get("properties") or {} if isinstance(feature, dict) else {}
            for key in _GEO_CODE_KEYS:
                if gemeente_code_in(str(props.get(key) or "")):
                    return gemeente_code_in(str(props[key]))
            for key in _GEO_NAME_KEYS:
                if props.get(key):
                    try:
                        return self.gemeenten.resolve(str(props[key])).code
                    except UnknownGemeente:
                        continue
        return None

    def service(self, svc: dict) -> None:
        where = f"dienst {svc.get('name') or svc.get('id')!r}"
        self._unmapped(svc, "service")
        attrs = self._attributes(svc, "service")
        our = self._our_id(svc, "service", "aanbod", attrs, where)
        if our is None:
            return
        nested_org = svc.get("organization") if isinstance(svc.get("organization"), dict) else {}
        org = self.orgs.get(str(svc.get("organization_id") or nested_org.get("id") or ""))
        if org is None:
            self.report.error(f"{where}: de organisatie ({svc.get('organization_id')!r}) ontbreekt")
            return
        location_ids, areas = [], []
        for sal in _as_list(svc.get("service_at_locations")):
            self._unmapped(sal, "service_at_location")
            loc = sal.get("location") if isinstance(sal.get("location"), dict) else None
            loc_id = (self.location(loc) if loc else
                      (self.locations.get(str(sal.get("location_id") or "")) or {}).get("id"))
            if loc_id and loc_id not in location_ids:
                location_ids.append(loc_id)
            for area in _as_list(sal.get("service_areas")):
                areas += self._area_codes(area, where)
        for area in _as_list(svc.get("service_areas")):
            areas += self._area_codes(area, where)
        areas = list(dict.fromkeys(areas))
        if not areas:
            areas = list(dict.fromkeys(loc["gemeente"] for loc in self.locations.values()
                                       if loc["id"] in location_ids and loc.get("gemeente")))
            if areas:
                self.report.warn(f"{where}: geen werkgebied; de gemeente(n) van de locatie(s) genomen: {', '.join(areas)}")
        kinds = [code.split(":", 1)[1] for code in attrs if code.startswith("soort:")]
        if not kinds and self.default_kinds:
            kinds = [k.value for k in self.default_kinds]
            self.defaulted_kinds += 1
        flags = {code: next((v for v in vals if v is not None), None) for code, vals in attrs.items()}
        languages = [str(lang.get("code")).strip().lower() for lang in _as_list(svc.get("languages"))
                     if isinstance(lang, dict) and lang.get("code")]
        for lang in _as_list(svc.get("languages")):
            if isinstance(lang, dict):
                self._unmapped(lang, "language")
        data = {"id": our, "organization_id": org["id"], "name": svc.get("name"),
                "alternate_name": svc.get("alternate_name"), "description": svc.get("description") or "",
                "url": svc.get("url"), "email": svc.get("email"), "status": svc.get("status") or "active",
                "minimum_age": svc.get("minimum_age"), "maximum_age": svc.get("maximum_age"),
                "application_process": svc.get("application_process"), "fees_description": svc.get("fees_description"),
                "eligibility_description": svc.get("eligibility_description"),
                "assured_date": svc.get("assured_date"), "last_modified": svc.get("last_modified"),
                "kinds": kinds, "parent_problems": [c.split(":", 1)[1] for c in attrs if c.startswith("probleem-ouder:")],
                "referral_required": flags.get("verwijzing-nodig") == "true",
                "free_of_charge": {"true": True, "false": False}.get(str(flags.get("gratis"))),
                "culture_sensitive": flags.get("cultuursensitief") == "true",
                "next_start_date": flags.get("volgende-start"), "service_areas": areas,
                "location_ids": location_ids, "phones": self._phones(svc.get("phones")),
                "contacts": self._contacts(svc.get("contacts"), where)}
        if languages:
            data["languages"] = languages
        if not kinds:
            self.report.error(f"{where}: geen soort aanbod (koppdesk-attribuut 'soort:...'); geef"
                              f" --default-kind {'|'.join(k.value for k in OfferKind)}")
            return
        valid = self._validated(Service, {k: v for k, v in data.items() if v is not None}, where)
        if valid:
            self.services.append(valid)


def convert_hsds(services: list[dict], organizations: list[dict], locations: list[dict], gemeenten: Gemeenten, *,
                 publisher: str, default_kinds: list[OfferKind] | None = None,
                 taxonomy_names: dict[str, str] | None = None,
                 report: ImportReport | None = None) -> tuple[Payload | None, ImportReport]:
    """Map nested HSDS records to a payload; the report says what was left out and why."""
    report = report or ImportReport()
    reader = HsdsReader(gemeenten, report, default_kinds or [], taxonomy_names)
    for org in [*organizations, *(s["organization"] for s in services if isinstance(s.get("organization"), dict))]:
        reader.organization(org)
    nested = [sal["location"] for s in services for sal in _as_list(s.get("service_at_locations"))
              if isinstance(sal, dict) and isinstance(sal.get("location"), dict)]
    for loc in [*locations, *nested]:  # before the services, which may refer to a location by id only
        reader.location(loc)
    for svc in services:
        reader.service(svc)
    if reader.defaulted_kinds:
        report.warn(f"{reader.defaulted_kinds} dienst(en) zonder soort aanbod kregen de soort "
                    f"{', '.join(k.value for k in default_kinds or [])} (--default-kind)")
    if not reader.services:
        report.error("er staat geen enkele bruikbare dienst (service) in de HSDS-gegevens")
        return None, report
    used_orgs = list(reader.orgs.values())
    data = payload_dict(publisher, used_orgs, list(reader.locations.values()), reader.services)
    return build_payload(data, report), report

