"""`koppdesk feed to-hsds`: our payload as Open Referral HSDS 3 JSON.

Writes three files into the output folder:
- `services.json`: every offer as a complete HSDS `service` (organization, service_at_locations with
  their location and address, phones, contacts, languages, service_areas and attributes nested),
  the shape an HSDS 3 API returns for one service;
- `organizations.json`: every organisation with its contacts, phones and locations, also the ones
  without offers (huisartsenpraktijk, wijkteam in the chain map);
- `taxonomy_terms.json`: the koppdesk taxonomy terms used in the attributes.
Everything validates against the HSDS 3.1 schema (resources/hsds3/); docs/hsds-mapping.md has
the mapping.  Gemeenten become service_areas with the gemeente's name and its TOOI URI.
"""

from __future__ import annotations

import json
from pathlib import Path

from koppdesk.content.gemeenten import Gemeenten
from koppdesk.feed.hsds_vocab import all_terms, attribute, hsds_id, tooi_uri
from koppdesk.feed.importing import write_text_atomic
from koppdesk.models import Contact, Location, Organization, Payload, Phone, Service

FILES = ("services.json", "organizations.json", "taxonomy_terms.json")


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _clean(obj: dict) -> dict:
    """Drop empty values: HSDS treats a missing field and null alike, and the schema types forbid null."""
    return {k: v for k, v in obj.items() if v is not None and v != []}


class HsdsExporter:
    def __init__(self, payload: Payload, gemeenten: Gemeenten, provinces: dict[str, str]):
        self.payload, self.gemeenten, self.provinces = payload, gemeenten, provinces
        self.orgs = {o.id: o for o in payload.organizations}
        self.locations = {loc.id: loc for loc in payload.locations}

    # --- small objects ---------------------------------------------------------------------
    def phones(self, owner: str, phones: list[Phone], link: dict) -> list[dict]:
        return [_clean({"id": hsds_id("phone", f"{owner}:{i}"), **link, "number": p.number,
                        "description": p.description}) for i, p in enumerate(phones)]

    def contact(self, c: Contact, link: dict) -> dict:
        cid = hsds_id("contact", c.id)
        return _clean({"id": cid, **link, "name": c.name, "title": c.title, "email": c.email,
                       "phones": self.phones(f"contact:{c.id}", c.phones, {"contact_id": cid}),
                       "attributes": [attribute("contact", cid, "koppdesk-id", c.id)]})

    def location(self, loc: Location) -> dict:
        lid = hsds_id("location", loc.id)
        attributes = [attribute("location", lid, "koppdesk-id", loc.id)]
        if loc.gemeente:
            attributes.append(attribute("location", lid, "gemeente", loc.gemeente))
        address = None
        if loc.address:
            address = {"id": hsds_id("address", loc.id), "location_id": lid, "address_1": loc.address.address_1,
                       "city": loc.address.city, "region": self.gemeenten.name(loc.gemeente) if loc.gemeente else None,
                       "state_province": self.provinces.get(loc.gemeente or "", ""),
                       "postal_code": loc.address.postal_code, "country": "NL", "address_type": "physical"}
        return _clean({
            "id": lid, "location_type": loc.location_type, "url": loc.url, "name": loc.name,
            "organization_id": hsds_id("organization", loc.organization_id) if loc.organization_id else None,
            "latitude": loc.latitude, "longitude": loc.longitude,
            "addresses": [_clean(address)] if address else [], "attributes": attributes})

    def organization(self, org: Organization, *, with_locations: bool) -> dict:
        oid = hsds_id("organization", org.id)
        attributes = [attribute("organization", oid, "koppdesk-id", org.id)]
        attributes += [attribute("organization", oid, f"ketenrol:{r.value}") for r in org.roles]
        attributes += [attribute("organization", oid, "gemeente", code) for code in org.gemeenten]
        locations = [self.location(loc) for loc in self.payload.locations if loc.organization_id == org.id]
        return _clean({
            "id": oid, "name": org.name, "description": org.description or "", "email": org.email,
            "website": org.website,
            "phones": self.phones(f"organization:{org.id}", org.phones, {"organization_id": oid}),
            "contacts": [self.contact(c, {"organization_id": oid}) for c in org.contacts],
            "locations": locations if with_locations else [], "attributes": attributes})

    def service_area(self, sid: str, code: str) -> dict:
        if code == "NL":
            return {"id": hsds_id("service_area", f"{sid}:NL"), "service_id": sid, "name": "Nederland",
                    "description": "Landelijk aanbod: voor heel Nederland."}
        name = self.gemeenten.name(code)
        return {"id": hsds_id("service_area", f"{sid}:{code}"), "service_id": sid, "name": name,
                "description": f"gemeente {name} (CBS-code {code})", "uri": tooi_uri(code)}

    def attributes(self, s: Service, sid: str) -> list[dict]:
        out = [attribute("service", sid, "koppdesk-id", s.id)]
        out += [attribute("service", sid, f"soort:{k.value}") for k in s.kinds]
        out += [attribute("service", sid, f"probleem-ouder:{p.value}") for p in s.parent_problems]
        out.append(attribute("service", sid, "verwijzing-nodig", _bool(s.referral_required)))
        if s.free_of_charge is not None:
            out.append(attribute("service", sid, "gratis", _bool(s.free_of_charge)))
        out.append(attribute("service", sid, "cultuursensitief", _bool(s.culture_sensitive)))
        if s.next_start_date:
            out.append(attribute("service", sid, "volgende-start", s.next_start_date.isoformat()))
        return out

    def service(self, s: Service) -> dict:
        sid = hsds_id("service", s.id)
        sals = []
        for loc_id in s.location_ids:
            sals.append({"id": hsds_id("service_at_location", f"{s.id}:{loc_id}"), "service_id": sid,
                         "location_id": hsds_id("location", loc_id), "location": self.location(self.locations[loc_id])})
        return _clean({
            "id": sid, "organization_id": hsds_id("organization", s.organization_id), "name": s.name,
            "alternate_name": s.alternate_name, "description": s.description, "url": s.url, "email": s.email,
            "status": s.status.value, "application_process": s.application_process,
            "fees_description": s.fees_description, "eligibility_description": s.eligibility_description,
            "minimum_age": s.minimum_age, "maximum_age": s.maximum_age,
            "assured_date": s.assured_date.isoformat() if s.assured_date else None,
            "last_modified": s.last_modified.isoformat().replace("+00:00", "Z") if s.last_modified else None,
            "phones": self.phones(f"service:{s.id}", s.phones, {"service_id": sid}),
            "contacts": [self.contact(c, {"service_id": sid}) for c in s.contacts],
            "languages": [{"id": hsds_id("language", f"{s.id}:{code}"), "service_id": sid, "code": code}
                          for code in s.languages],
            "service_areas": [self.service_area(sid, code) for code in s.service_areas],
            "service_at_locations": sals,
            "organization": self.organization(self.orgs[s.organization_id], with_locations=False),
            "attributes": self.attributes(s, sid)})

    def documents(self) -> dict[str, list[dict]]:
        return {"services.json": [self.service(s) for s in self.payload.services],
                "organizations.json": [self.organization(o, with_locations=True) for o in self.payload.organizations],
                "taxonomy_terms.json": all_terms()}


def export_hsds(payload: Payload, out_dir: Path, gemeenten: Gemeenten, provinces: dict[str, str]) -> dict[str, int]:
    """Write the HSDS files into `out_dir`; returns the number of records per file."""
    docs = HsdsExporter(payload, gemeenten, provinces).documents()
    for name, items in docs.items():
        write_text_atomic(Path(out_dir) / name, json.dumps(items, ensure_ascii=False, separators=(",", ":")) + "\n")
    return {name: len(items) for name, items in docs.items()}
