"""One offer's details as the detail pane, the HIS text and the leaflet show them.

Imported when the first offer is shown, not at start-up (its dataclasses take ~1 ms to create).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from koppdesk.services.kaart import SAFE_SCHEMES, age_text

if TYPE_CHECKING:
    from koppdesk.content.gemeenten import Gemeenten
    from koppdesk.models import Phone
    from koppdesk.store import StoredOffer


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


def _date_nl(value: date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def _phone_links(phones: list[Phone], prefix: str = "") -> list[Link]:
    out = []
    for p in phones:
        label = f"{prefix}{p.description + ': ' if p.description else ''}{p.number}"
        out.append(Link(label, tel_href(p.number)))
    return out


def offer_detail(stored: StoredOffer, gemeenten: Gemeenten, note: str, favourite: bool) -> OfferDetail:
    """The details of one stored offer, with only safe links (https:, tel:, mailto:)."""
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
        areas=[gemeenten.name(a) for a in svc.service_areas],
        locations=locations, links=[lk for lk in links if lk.href.startswith(SAFE_SCHEMES)],
        assured=_date_nl(svc.assured_date), source=stored.source,
        withdrawn=stored.withdrawn_at is not None, status=str(svc.status),
        note=note, favourite=favourite,
    )
