"""Sociale kaart use-cases: search, offer details, text for the HIS, leaflet for the parent."""

from __future__ import annotations

from typing import TYPE_CHECKING

from koppdesk.content.gemeenten import Gemeenten
from koppdesk.store import OfferSummary, SearchFilters, Store

if TYPE_CHECKING:
    from koppdesk.services.offer_detail import OfferDetail

SAFE_SCHEMES = ("https:", "tel:", "mailto:")


def age_text(minimum: int | None, maximum: int | None) -> str:
    if minimum is None and maximum is None:
        return "alle leeftijden"
    if minimum is None:
        return f"tot en met {maximum} jaar"
    if maximum is None:
        return f"vanaf {minimum} jaar"
    return f"{minimum}–{maximum} jaar"


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
        # Here: its dataclasses cost ~1 ms to create, and the first window shows no offer.
        from koppdesk.services.offer_detail import offer_detail

        note = self.store.note(service_id)
        return offer_detail(stored, self.gemeenten, note.text if note else "",
                            self.store.is_favourite(service_id))

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
