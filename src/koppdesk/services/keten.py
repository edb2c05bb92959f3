"""Ketenkaart: who takes which role in the local KOPP/KOV chain of a gemeente, and whom to call.

Partners come from three places:
- organisations in the sociale kaart (store/chain.py says which work in the gemeente).  They take
  the roles the feed gives them (`Organization.roles`) where their `gemeenten` list names the
  gemeente, or — with an empty list — wherever their offers are.  An organisation without a
  feed role here that does have an offer here is shown under "uitvoering" (derived).
- roles the practice added to an organisation for this gemeente (stored locally, kept on sync);
- the practice's own contacts ("korte lijnen") with this gemeente or no gemeente filled in,
  under the chain roles they were given.

The six roles follow 004_8a771c1df0ea01e2.txt (agree locally who signals, weighs the risk,
talks with parent and child, guides towards an offer, runs the interventions and trains others).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from koppdesk.content.gemeenten import Gemeente, Gemeenten
from koppdesk.store import Store
from koppdesk.vocab import ChainRole

log = logging.getLogger(__name__)

#: Short label and what the role means, in our own words (source: 004_8a771c1df0ea01e2.txt).
ROLE_TEXT: dict[ChainRole, tuple[str, str]] = {
    ChainRole.SIGNALERING: ("Signalering", "Opmerken dat een ouder psychische of verslavingsproblemen heeft"
                            " en naar de kinderen vragen. Dit hoort bij iedere partner."),
    ChainRole.RISICO_INSCHATTING: ("Risico-inschatting", "Inschatten wat de situatie voor het kind betekent:"
                                   " risico's en wat het kind beschermt."),
    ChainRole.BESPREKEN: ("Bespreken met ouder en kind", "Het gesprek voeren met de ouder en/of het kind"
                          " over de situatie thuis."),
    ChainRole.TOELEIDING: ("Toeleiding", "Met ouder en kind passend preventie- of zorgaanbod kiezen en"
                           " helpen daar te komen."),
    ChainRole.UITVOERING: ("Uitvoering interventies", "KOPP/KOV-aanbod geven: groepen, gezinsgesprekken,"
                           " ouderbegeleiding, online hulp."),
    ChainRole.DESKUNDIGHEIDSBEVORDERING: ("Deskundigheidsbevordering", "Collega's in de keten scholen en"
                                          " adviseren over KOPP/KOV."),
}

#: How a partner came to a role.
ORIGIN_FEED, ORIGIN_DERIVED, ORIGIN_LOCAL, ORIGIN_CONTACT = "feed", "afgeleid", "lokaal", "eigen contact"
ORIGIN_TEXT = {
    ORIGIN_FEED: "sociale kaart",
    ORIGIN_DERIVED: "heeft aanbod hier",
    ORIGIN_LOCAL: "zelf toegevoegd",
    ORIGIN_CONTACT: "eigen contact",
}


@dataclass(frozen=True)
class Person:
    name: str
    title: str = ""
    phones: tuple[str, ...] = ()
    email: str = ""

    @property
    def label(self) -> str:
        return f"{self.name} ({self.title})" if self.title else self.name


@dataclass(frozen=True)
class Partner:
    key: str  # organisation id or local contact id
    name: str
    origin: str  # ORIGIN_*
    national: bool = False
    people: tuple[Person, ...] = ()
    phones: tuple[str, ...] = ()
    email: str = ""
    website: str = ""
    note: str = ""

    @property
    def is_contact(self) -> bool:
        return self.origin == ORIGIN_CONTACT

    @property
    def contact(self) -> Person | None:
        """Whom to ask for: someone with KOPP/KOV in their title, else the first person."""
        for person in self.people:
            if "kopp" in person.title.lower():
                return person
        return self.people[0] if self.people else None

    @property
    def phone(self) -> str:
        person = self.contact
        if person and person.phones:
            return person.phones[0]
        return self.phones[0] if self.phones else ""


@dataclass(frozen=True)
class RoleGroup:
    role: ChainRole | None  # None: own contacts without a role
    label: str
    description: str
    partners: tuple[Partner, ...]

    @property
    def contact(self) -> tuple[Partner, Person | None] | None:
        """Whom to call first for this role: an own contact; else, at a local organisation, someone
        with KOPP/KOV in their title; else the first local person; else the first partner."""
        local = [p for p in self.partners if not p.national]
        choices = [p for p in local if p.is_contact]
        choices += [p for p in local if p.contact is not None and "kopp" in p.contact.title.lower()]
        choices += [p for p in local if p.contact is not None] + list(self.partners)
        return (choices[0], choices[0].contact) if choices else None


@dataclass(frozen=True)
class Ketenkaart:
    gemeente: Gemeente
    groups: tuple[RoleGroup, ...]

    @property
    def missing(self) -> list[str]:
        """Labels of roles nobody takes in this gemeente."""
        return [g.label for g in self.groups if g.role is not None and not g.partners]


def _org_partner(org, origin: str, national: bool, source: str) -> Partner:
    people = tuple(Person(c.name, c.title or "", tuple(p.number for p in c.phones), c.email or "")
                   for c in org.contacts)
    return Partner(org.id, org.name, ORIGIN_LOCAL if source == "local" and origin == ORIGIN_FEED else origin,
                   national, people, tuple(p.number for p in org.phones), org.email or "", org.website or "")


def _sort_key(p: Partner) -> tuple:
    return (not p.is_contact, p.national, p.name.casefold())


class KetenService:
    """The ketenkaart for the GUI tab."""

    def __init__(self, store: Store, gemeenten: Gemeenten):
        self.store = store
        self.gemeenten = gemeenten

    def ketenkaart(self, code: str) -> Ketenkaart:
        by_role: dict[ChainRole | None, list[Partner]] = {r: [] for r in ChainRole}
        by_role[None] = []
        for c in self.store.chain(code):
            org = c.organization
            feed_here = c.listed or (not org.gemeenten and (c.serves or c.national))
            roles: dict[ChainRole, str] = {ChainRole(r): ORIGIN_FEED for r in org.roles} if feed_here else {}
            if not roles and (c.serves or c.national):
                roles[ChainRole.UITVOERING] = ORIGIN_DERIVED
            for value in c.local_roles:
                try:
                    roles.setdefault(ChainRole(value), ORIGIN_LOCAL)
                except ValueError:
                    log.warning("unknown local chain role %r for %s in %s; skipped", value, org.id, code)
            national = c.national and not (c.listed or c.serves)
            for role, origin in roles.items():
                by_role[role].append(_org_partner(org, origin, national, c.source))
        for contact in self.store.contacts():
            if contact.gemeente not in ("", code):
                continue
            phones = (contact.phone,) if contact.phone else ()
            person = Person(contact.name, contact.role, phones, contact.email)
            partner = Partner(contact.id, contact.organization or contact.name, ORIGIN_CONTACT,
                              people=(person,), note=contact.note)
            for role in contact.chain_roles or [None]:
                by_role[role].append(partner)
        groups = [RoleGroup(role, *ROLE_TEXT[role], tuple(sorted(by_role[role], key=_sort_key)))
                  for role in ChainRole]
        if by_role[None]:
            groups.append(RoleGroup(None, "Eigen contacten zonder rol", "Korte lijnen zonder rol in de keten.",
                                    tuple(sorted(by_role[None], key=_sort_key))))
        gemeente = self.gemeenten.by_code(code) or Gemeente(code, code)
        return Ketenkaart(gemeente, tuple(groups))

    def organizations(self) -> list[tuple[str, str]]:
        """(id, name) of every organisation in the kaart, to add a local role to."""
        return [(o.id, o.name) for o in self.store.organizations()]

    def add_role(self, organization_id: str, code: str, role: ChainRole) -> None:
        self.store.add_local_role(organization_id, code, str(ChainRole(role)))
        log.info("local chain role %s added for %s in %s", role, organization_id, code)

    def remove_role(self, organization_id: str, code: str, role: ChainRole) -> bool:
        return self.store.remove_local_role(organization_id, code, str(ChainRole(role)))


def ketenkaart_html(kaart: Ketenkaart) -> str:
    """The chain map as simple HTML to print or save as PDF (all text escaped)."""
    from html import escape as e

    parts = [f"<h2>Ketenkaart KOPP/KOV — {e(kaart.gemeente.name)}</h2>",
             "<p>Wie doet wat in de lokale keten, en wie belt u? Uit de sociale kaart en uw eigen contacten.</p>"]
    if kaart.missing:
        parts.append(f"<p><b>Niemand bekend voor:</b> {e(', '.join(kaart.missing))}.</p>")
    for group in kaart.groups:
        parts.append(f"<h3>{e(group.label)}</h3><p><i>{e(group.description)}</i></p>")
        if not group.partners:
            parts.append("<p>Niemand bekend in deze gemeente.</p>")
            continue
        rows = ["<tr><th align=left>Partner</th><th align=left>Aanspreekpunt</th>"
                "<th align=left>Telefoon</th><th align=left>E-mail</th><th align=left>Herkomst</th></tr>"]
        for p in group.partners:
            person = p.contact
            email = (person.email if person and person.email else "") or p.email
            origin = ORIGIN_TEXT[p.origin] + (", landelijk" if p.national else "")
            rows.append(f"<tr><td>{e(p.name)}</td><td>{e(person.label if person else '')}</td>"
                        f"<td>{e(p.phone)}</td><td>{e(email)}</td><td>{e(origin)}</td></tr>")
        parts.append("<table border=1 cellspacing=0 cellpadding=3 width=100%>" + "".join(rows) + "</table>")
    return "\n".join(parts)
