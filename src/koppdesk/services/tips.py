"""Gesprekstips: search and filter the cards, keep favourites, make a card set to print.

Favourite cards are a preference of the practice, not patient data; they are kept in the
database's meta table (one JSON list), so no migration is needed.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from koppdesk.content.loader import ContentLibrary
    from koppdesk.content.models import Card
    from koppdesk.store import Store

log = logging.getLogger(__name__)

FAVOURITES_KEY = "gesprekstips.favorieten"


def fold(text: str) -> str:
    """Lower case without accents, so "cliënt" matches "client"."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


class TipsService:
    def __init__(self, library: ContentLibrary, store: Store):
        self.library = library
        self.store = store

    @property
    def cards(self) -> list[Card]:
        return self.library.tips.cards

    @cached_property
    def _haystacks(self) -> dict[str, str]:
        from koppdesk.content.models import AUDIENCE_LABELS

        return {c.id: fold(" ".join([c.title, c.topic, *c.text, *c.examples, *c.keywords,
                                     *(AUDIENCE_LABELS[a] for a in c.audiences)]))
                for c in self.cards}

    def search(self, text: str = "", audience: str | None = None, favourites_only: bool = False) -> list[Card]:
        """Cards where every typed word occurs, for the audience, favourites first."""
        words = re.findall(r"\w+", fold(text))
        favourites = self.favourites()
        found = [c for c in self.cards
                 if (audience is None or audience in c.audiences)
                 and (not favourites_only or c.id in favourites)
                 and all(w in self._haystacks[c.id] for w in words)]
        return sorted(found, key=lambda c: c.id not in favourites)  # stable: content order within

    def card(self, card_id: str) -> Card | None:
        return next((c for c in self.cards if c.id == card_id), None)

    # -- favourites ------------------------------------------------------------------------------

    def favourites(self) -> set[str]:
        raw = self.store.meta().get(FAVOURITES_KEY, "[]")
        try:
            value = json.loads(raw)
        except ValueError:
            log.warning("meta %s is not JSON, favourite cards reset: %r", FAVOURITES_KEY, raw[:80])
            return set()
        return {v for v in value if isinstance(v, str)} if isinstance(value, list) else set()

    def set_favourite(self, card_id: str, favourite: bool) -> None:
        if self.card(card_id) is None:
            raise KeyError(card_id)
        ids = self.favourites()
        if favourite:
            ids.add(card_id)
        else:
            ids.discard(card_id)
        self.store.update_meta({FAVOURITES_KEY: json.dumps(sorted(ids))})

    # -- printing --------------------------------------------------------------------------------

    def card_html(self, card: Card, heading: str = "h2") -> str:
        """One card as simple HTML for QTextDocument (all text escaped)."""
        from html import escape as e  # here: html pulls in html.entities, not needed at start-up

        from koppdesk.content.models import AUDIENCE_LABELS

        audiences = ", ".join(AUDIENCE_LABELS[a].lower() for a in card.audiences)
        parts = [f"<{heading}>{e(card.title)}</{heading}>", f"<p><i>{e(card.topic)} · voor: {e(audiences)}</i></p>"]
        parts += [f"<p>{e(p)}</p>" for p in card.text]
        if card.examples:
            parts.append("<p><b>Zo kunt u het zeggen:</b></p><ul>"
                         + "".join(f"<li>{e(x)}</li>" for x in card.examples) + "</ul>")
        return "\n".join(parts)

    def cards_html(self, cards: list[Card]) -> str:
        """A card set to print or save as PDF."""
        return "\n".join(["<h1>Gesprekstips</h1>", *(self.card_html(c) for c in cards),
                          "<p><small>koppdesk, gesprekstips: hulpmiddel voor het gesprek.</small></p>"])
