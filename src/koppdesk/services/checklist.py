"""The quick checklist of risk and protective factors: one session, in memory only.

The session knows the child's age, the gemeente(n), the parent's problem and the ticked
factors; it summarises them in plain words and lists fitting offers from the sociale kaart.
It holds no names and writes nothing: `clear()` (Wissen) and dropping it are all there is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from koppdesk.store import OfferSummary, SearchFilters
from koppdesk.vocab import ParentProblem

if TYPE_CHECKING:
    from koppdesk.content.models import ChecklistContent, Factor
    from koppdesk.services.kaart import KaartService

LEVELS = ("kind", "ouders", "gezin", "omgeving")
LEVEL_NAMES = {"kind": "kind", "ouders": "ouder(s)", "gezin": "gezin", "omgeving": "omgeving"}
#: How many offers the summary suggests at most.
MAX_OFFERS = 50


@dataclass(frozen=True)
class SuggestedOffer:
    offer: OfferSummary
    #: Labels of ticked factors this offer's kind fits (empty: it fits on age and gemeente).
    fits: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChecklistSummary:
    #: Per level: (risk factors ticked, protective factors ticked).
    counts: dict[str, tuple[int, int]]
    risk: list[Factor]
    protective: list[Factor]
    weighty: list[Factor]
    safety: list[Factor]
    missing_protective: list[Factor]
    accumulation: bool
    #: The summary in plain Dutch sentences, in reading order.
    sentences: list[str]
    disclaimer: str
    offers: list[SuggestedOffer] = field(default_factory=list)
    #: Why there are no offers, or what they are based on.
    offers_note: str = ""


def _join(labels: list[str]) -> str:
    labels = [label[0].lower() + label[1:] if label[1:2].islower() else label for label in labels]
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " en " + labels[-1]


class ChecklistSession:
    def __init__(self, content: ChecklistContent, kaart: KaartService,
                 today: Callable[[], date] = date.today):
        self.content = content
        self.kaart = kaart
        self._today = today
        self._factors = {f.id: f for f in content.factors}
        self.clear()

    def clear(self) -> None:
        """Wissen: nothing ticked, no age, no place."""
        self.age: int | None = None
        self.area_codes: tuple[str, ...] = ()
        self.problem: ParentProblem | None = None
        self.ticked: set[str] = set()

    # -- input ---------------------------------------------------------------------------------

    def set_area(self, gemeente: str = "", postcode: str = "") -> None:
        """Gemeente (name or CBS code) and/or 4-digit postcode; raises UnknownGemeente (Dutch)."""
        self.area_codes = self.kaart.area_codes(gemeente.strip() or None, postcode.strip() or None)

    def tick(self, factor_id: str, on: bool = True) -> None:
        if factor_id not in self._factors:
            raise KeyError(factor_id)
        if on:
            self.ticked.add(factor_id)
        else:
            self.ticked.discard(factor_id)

    def factors(self, level: str, kind: str) -> list[Factor]:
        return [f for f in self.content.factors if f.level == level and f.type == kind]

    # -- output --------------------------------------------------------------------------------

    def summary(self) -> ChecklistSummary:
        content = self.content
        ticked = [f for f in content.factors if f.id in self.ticked]
        risk = [f for f in ticked if f.type == "risico"]
        protective = [f for f in ticked if f.type == "beschermend"]
        weighty = [f for f in risk if f.weighty]
        safety = [f for f in risk if f.safety]
        missing = [f for f in content.factors if f.type == "beschermend" and f.id not in self.ticked]
        counts = {lv: (sum(f.level == lv for f in risk), sum(f.level == lv for f in protective)) for lv in LEVELS}
        accumulation = len(risk) >= content.accumulation_min_risk or len(weighty) >= content.accumulation_min_weighty
        sentences: list[str] = []
        if not ticked:
            sentences.append("Nog niets aangevinkt. Vink aan wat u samen met de ouder herkent.")
        else:
            per_level = ", ".join(f"{LEVEL_NAMES[lv]} {counts[lv][0]}" for lv in LEVELS)
            sentences.append(f"Risicofactoren: {len(risk)} ({per_level}). "
                             f"Beschermende factoren: {len(protective)}.")
        if safety:
            sentences.append(content.notice("veiligheid"))
        if weighty:
            sentences.append(f"Zwaarwegend aangevinkt: {_join([f.label for f in weighty])}. "
                             + content.notice("zwaarwegend"))
        if accumulation:
            levels = sum(1 for lv in LEVELS if counts[lv][0])
            sentences.append(f"Er is een stapeling van risicofactoren: {len(risk)} aangevinkt, op "
                             f"{levels} van de 4 niveaus, tegenover {len(protective)} beschermende. "
                             + content.notice("stapeling"))
        elif risk:
            sentences.append("Geen stapeling van risicofactoren aangevinkt. Blijf wel in gesprek over "
                             "hoe het met het kind gaat.")
        if ticked and missing:
            sentences.append(f"Niet aangevinkt als aanwezig: {_join([f.label for f in missing])}. "
                             + content.notice("beschermend"))
        elif ticked:
            sentences.append("Alle genoemde beschermende factoren zijn aanwezig.")
        offers, note = self._offers(risk)
        return ChecklistSummary(counts=counts, risk=risk, protective=protective, weighty=weighty, safety=safety,
                                missing_protective=missing, accumulation=accumulation, sentences=sentences,
                                disclaimer=content.notice("disclaimer"), offers=offers, offers_note=note)

    def _offers(self, ticked: list[Factor]) -> tuple[list[SuggestedOffer], str]:
        if not self.area_codes:
            return [], "Vul een gemeente of postcode in om passend aanbod uit de sociale kaart te zien."
        rows = self.kaart.search(SearchFilters(age=self.age, gemeenten=self.area_codes,
                                               problem=self.problem, limit=MAX_OFFERS))
        suggested = []
        for row in rows:
            fits = tuple(f.label for f in ticked if set(map(str, f.offer_kinds)) & set(row.kinds))
            suggested.append(SuggestedOffer(row, fits))
        suggested.sort(key=lambda s: not s.fits)  # stable: the search's own order within each group
        places = ", ".join(self.kaart.gemeenten.name(c) for c in self.area_codes)
        age = f"{self.age} jaar" if self.age is not None else "alle leeftijden"
        note = f"Aanbod voor {age} in {places}, inclusief online aanbod. " + self.content.notice("aanbod")
        if not rows:
            note = f"Geen aanbod gevonden voor {age} in {places}. Zoek breder in de sociale kaart."
        return suggested, note

    def dossier_text(self) -> str:
        """Plain text for the patient record: no names, no postcode, only what was ticked."""
        s = self.summary()
        lines = [f"Checklist risico- en beschermende factoren (koppdesk), {self._today().strftime('%d-%m-%Y')}"]
        if self.age is not None:
            lines.append(f"Leeftijd kind: {self.age} jaar")
        if self.area_codes:
            lines.append("Gemeente: " + ", ".join(self.kaart.gemeenten.name(c) for c in self.area_codes))
        if self.problem is not None:
            lines.append(f"Probleem ouder: {self.problem.value}")
        for title, factors in (("Risicofactoren", s.risk), ("Beschermende factoren", s.protective)):
            lines.append(f"{title}:" + ("" if factors else " geen aangevinkt"))
            lines += [f"- {f.label} ({LEVEL_NAMES[f.level]})" for f in factors]
        lines.append("Samenvatting:")
        lines += [f"- {sentence}" for sentence in s.sentences]
        if s.offers:
            lines.append("Passend aanbod (sociale kaart):")
            lines += [f"- {o.offer.name} ({o.offer.organization})" for o in s.offers[:10]]
        lines.append(s.disclaimer)
        return "\n".join(lines)

    def print_html(self) -> str:
        """The same summary as simple HTML for printing or PDF (all text escaped)."""
        from html import escape as e  # here: html pulls in html.entities, not needed at start-up

        s = self.summary()
        parts = [f"<h1>{e(self.content.title)}</h1>",
                 f"<p><b>{e(s.disclaimer)}</b></p>",
                 f"<p>Datum: {self._today().strftime('%d-%m-%Y')}"]
        if self.age is not None:
            parts.append(f"<br>Leeftijd kind: {self.age} jaar")
        if self.area_codes:
            parts.append("<br>Gemeente: " + e(", ".join(self.kaart.gemeenten.name(c) for c in self.area_codes)))
        parts.append("</p>")
        for title, factors in (("Risicofactoren", s.risk), ("Beschermende factoren", s.protective)):
            parts.append(f"<h2>{title}</h2>")
            items = "".join(f"<li>{e(f.label)} ({LEVEL_NAMES[f.level]})</li>" for f in factors)
            parts.append(f"<ul>{items}</ul>" if items else "<p>Geen aangevinkt.</p>")
        parts.append("<h2>Samenvatting</h2>" + "".join(f"<p>{e(x)}</p>" for x in s.sentences))
        if s.offers:
            parts.append("<h2>Passend aanbod</h2><ul>" + "".join(
                f"<li>{e(o.offer.name)} ({e(o.offer.organization)})</li>" for o in s.offers[:20]) + "</ul>")
        return "\n".join(parts)
