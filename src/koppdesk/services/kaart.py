"""Sociale kaart use-cases: search, offer details, text for the HIS, leaflet for the parent."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from koppdesk.content.gemeenten import Gemeenten
from koppdesk.store import OfferSummary, SearchFilters, Store

if TYPE_CHECKING:
    from koppdesk.models import Phone

SAFE_SCHEMES = ("https:", "tel:", "mailto:")


def tel_href(number: str) -> str:
    return "tel:" + re.sub(r"[^0-9+]", "", number)


@dataclass(frozen=True)
class Link:
    label: str
    href: str  # always https:, tel: or mailto:


@dataclass(frozen=True)
class OfferDetail:
    id: str
    name: str
    organization: str
    description: str
    ages: str
    kinds: list[str]
    parent_problems: list[str]
    access: str
    application_process: str
    costs: str
    eligibility: str
    next_start: str
    areas: list[str]
    locations: list[str]
    links: list[Link] = field(default_factory=list)
    assured: str = ""
    source: str = "feed"
    withdrawn: bool = False
    status: str = "active"
    note: str = ""
    favourite: bool = False


def age_text(minimum: int | None, maximum: int | None) -> str:
    if minimum is None and maximum is None:
        return "alle leeftijden"
    if minimum is None:
        return f"tot en met {maximum} jaar"
    if maximum is None:
        return f"vanaf {minimum} jaar"
    return f"{minimum}–{maximum} jaar"


def _date_nl(value: date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def _phone_links(phones: list[Phone], prefix: str = "") -> list[Link]:
    out = []
    for p in phones:
        label = f"{prefix}{p.description + ': ' if p.description else ''}{p.number}"
        out.append(Link(label, tel_href(p.number)))
    return out


class KaartService:
    """What the sociale-kaart views and `koppdesk zoek` need, in one place."""

    def __init__(self, store: Store, gemeenten: Gemeenten):
        self.store = store
        self.gemeenten = gemeenten

    def area_codes(self, gemeente: str | None = None, postcode: str | None = None) -> tuple[str, ...]:
        """CBS codes for a gemeente (name or code) and/or postcode; raises UnknownGemeente."""
        codes: list[str] = []
        if gemeente:
            codes.append(self.gemeenten.resolve(gemeente).code)
        if postcode:
            codes += [g.code for g in self.gemeenten.for_postcode(postcode)]
        return tuple(dict.fromkeys(codes))

    def search(self, filters: SearchFilters) -> list[OfferSummary]:
        return self.store.search(filters)

    def detail(self, service_id: str) -> OfferDetail | None:
        stored = self.store.offer(service_id)
        if stored is None:
            return None
        svc, org = stored.service, stored.organization
        links: list[Link] = []
        links += _phone_links(svc.phones)
        if svc.email:
            links.append(Link(svc.email, f"mailto:{svc.email}"))
        if svc.url:
            links.append(Link(svc.url, svc.url))
        for contact in svc.contacts:
            who = contact.name + (f" ({contact.title})" if contact.title else "")
            links += _phone_links(contact.phones, prefix=f"{who}: ")
            if contact.email:
                links.append(Link(f"{who}: {contact.email}", f"mailto:{contact.email}"))
        if org is not None:
            if not svc.phones:
                links += _phone_links(org.phones, prefix=f"{org.name}: ")
            if org.website and org.website != svc.url:
                links.append(Link(org.website, org.website))
        locations = []
        for loc in stored.locations:
            if loc.address:
                locations.append(f"{loc.name}, {loc.address.address_1}, {loc.address.postal_code} {loc.address.city}")
            else:
                locations.append(loc.name + (f" ({loc.url})" if loc.url else ""))
        note = self.store.note(service_id)
        if svc.free_of_charge is True:
            costs = svc.fees_description or "Gratis"
        else:
            costs = svc.fees_description or ""
        return OfferDetail(
            id=svc.id, name=svc.name, organization=org.name if org else "",
            description=svc.description, ages=age_text(svc.minimum_age, svc.maximum_age),
            kinds=[str(k) for k in svc.kinds], parent_problems=[str(p) for p in svc.parent_problems],
            access="Verwijzing nodig" if svc.referral_required else "Vrij toegankelijk (geen verwijzing nodig)",
            application_process=svc.application_process or "", costs=costs,
            eligibility=svc.eligibility_description or "",
            next_start=_date_nl(svc.next_start_date),
            areas=[self.gemeenten.name(a) for a in svc.service_areas],
            locations=locations, links=[lk for lk in links if lk.href.startswith(SAFE_SCHEMES)],
            assured=_date_nl(svc.assured_date), source=stored.source,
            withdrawn=stored.withdrawn_at is not None, status=str(svc.status),
            note=note.text if note else "", favourite=self.store.is_favourite(service_id),
        )

    def his_text(self, service_id: str) -> str:
        """Plain text to paste in the patient record: the offer, not the patient."""
        d = self.detail(service_id)
        if d is None:
            return ""
        lines = [f"Verwezen naar / besproken: {d.name} ({d.organization})",
                 f"Voor: {d.ages}; {', '.join(d.kinds)}", f"Toegang: {d.access}"]
        if d.application_process:
            lines.append(f"Aanmelden: {d.application_process}")
        lines += [f"Contact: {lk.label}" for lk in d.links]
        if d.assured:
            lines.append(f"Gegevens sociale kaart gecontroleerd op {d.assured}")
        return "\n".join(lines)

    def leaflet_html(self, service_id: str) -> str:
        """One-page leaflet for the parent, as simple HTML for QTextDocument (all text escaped)."""
        d = self.detail(service_id)
        if d is None:
            return ""
        from html import escape as e  # here: html.entities is large and not needed at start-up

        parts = [f"<h1>{e(d.name)}</h1>", f"<p><i>{e(d.organization)}</i></p>",
                 f"<p>{e(d.description)}</p>",
                 f"<p><b>Voor wie:</b> {e(d.ages)}</p>"]
        if d.application_process:
            parts.append(f"<p><b>Zo meldt u zich aan:</b> {e(d.application_process)}</p>")
        parts.append(f"<p><b>Toegang:</b> {e(d.access)}</p>")
        if d.costs:
            parts.append(f"<p><b>Kosten:</b> {e(d.costs)}</p>")
        if d.next_start:
            parts.append(f"<p><b>Volgende start:</b> {e(d.next_start)}</p>")
        if d.locations:
            parts.append("<p><b>Waar:</b><br>" + "<br>".join(e(x) for x in d.locations) + "</p>")
        if d.links:
            parts.append("<p><b>Contact:</b><br>" + "<br>".join(e(lk.label) for lk in d.links) + "</p>")
        if d.assured:
            parts.append(f"<p style='color:#555'><small>Gegevens gecontroleerd op {e(d.assured)}.</small></p>")
        return "\n".join(parts)
