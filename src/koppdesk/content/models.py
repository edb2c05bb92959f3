"""Pydantic models of the bundled conversation content: Kindcheck, gesprekstips, checklist.

Every item carries a stable `id`, a `version` (raised on every change of its text) and a
`source` naming the background document(s) its facts come from, so a later feed can send
newer versions of single items (`ContentFile.updated_with`).  No Qt here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from koppdesk.vocab import OfferKind

FORMAT = "koppdesk-content"
SCHEMA_VERSION = 1

#: A background document in shared/seeds: "002_4fda6eb898c24216.txt".
SEED_DOCUMENT = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b")

ItemId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*$", max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
Audience = Literal["ouder", "kind", "naasten", "collega"]
RouteKey = Literal["veiligheid", "preventief"]
Level = Literal["kind", "ouders", "gezin", "omgeving"]
#: Marks on Kindcheck answers the flow reads to suggest a route.
Flag = Literal["kinderen", "geen-kinderen", "signalen", "zorg-veiligheid", "kopp"]
#: Buttons a Kindcheck step may show: they switch to another tab.
Action = Literal["open-checklist", "open-tips", "open-kaart"]

AUDIENCE_LABELS: dict[str, str] = {
    "ouder": "Ouder", "kind": "Kind of jongere", "naasten": "Naasten", "collega": "Collega of ketenpartner",
}
LEVEL_LABELS: dict[str, str] = {"kind": "Kind", "ouders": "Ouder(s)", "gezin": "Gezin", "omgeving": "Omgeving"}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Item(_Model):
    """What every content item has, so items can be validated, merged and traced alike."""

    id: ItemId
    version: Annotated[int, Field(ge=1)]
    #: The seed document(s) the facts come from, e.g. "002_4fda6eb898c24216.txt (Tabel 1)".
    source: Text
    #: A public source for facts the seeds only name (e.g. the steps of the meldcode).
    also_based_on: str = ""

    @field_validator("source")
    @classmethod
    def _names_a_document(cls, value: str) -> str:
        if not SEED_DOCUMENT.search(value):
            raise ValueError("source moet een brondocument noemen, bijv. '002_4fda6eb898c24216.txt'")
        return value

    def documents(self) -> list[str]:
        return SEED_DOCUMENT.findall(self.source)


class ContentFile(_Model):
    """One bundled content file.  Subclasses add lists of items."""

    format: Literal["koppdesk-content"]
    schema_version: Literal[1]

    def items(self) -> Iterator[Item]:
        """Every item in this file (list fields of Item subclasses)."""
        for name in type(self).model_fields:
            value = getattr(self, name)
            if isinstance(value, Item):
                yield value
            elif isinstance(value, (list, tuple)):
                yield from (v for v in value if isinstance(v, Item))

    @model_validator(mode="after")
    def _unique_ids(self) -> Self:
        seen: set[str] = set()
        for item in self.items():
            if item.id in seen:
                raise ValueError(f"id {item.id!r} komt twee keer voor")
            seen.add(item.id)
        return self

    def updated_with(self, update: ContentFile) -> Self:
        """A copy where every item of `update` with a higher version replaces the one with its id.

        New ids are appended.  The result is validated again (references between items),
        so an update that breaks the content raises pydantic.ValidationError.
        """
        if type(update) is not type(self):
            raise TypeError(f"cannot update {type(self).__name__} with {type(update).__name__}")
        data = self.model_dump()
        for name in type(self).model_fields:
            mine, theirs = getattr(self, name), getattr(update, name)
            if isinstance(mine, Item) and isinstance(theirs, Item):
                if theirs.id == mine.id and theirs.version > mine.version:
                    data[name] = theirs.model_dump()
            elif isinstance(mine, list) and mine and isinstance(mine[0], Item):
                merged = {item.id: item for item in mine}
                for item in theirs:
                    if item.id not in merged or item.version > merged[item.id].version:
                        merged[item.id] = item
                data[name] = [item.model_dump() for item in merged.values()]
        return type(self).model_validate(data)


# -- Kindcheck ------------------------------------------------------------------------------

class Option(_Model):
    id: ItemId
    label: Text
    flags: tuple[Flag, ...] = ()
    #: Go to this step when chosen (instead of the step's `next`).
    next: ItemId | None = None
    #: On the route step: choosing this option takes this route.
    route: RouteKey | None = None
    #: Cannot be combined with other options of the same step ("Geen kinderen").
    exclusive: bool = False
    #: What this answer means, shown once it is chosen ("Melden bij Veilig Thuis").
    outcome: str = ""


class Step(Item):
    kind: Literal["uitleg", "vraag", "routekeuze", "stap", "einde"]
    title: Text
    text: list[Text] = []
    question: str = ""
    multiple: bool = False
    required: bool = False
    options: list[Option] = []
    next: ItemId | None = None
    route: RouteKey | None = None
    actions: list[Action] = []

    @model_validator(mode="after")
    def _options_fit(self) -> Self:
        ids = [o.id for o in self.options]
        if len(ids) != len(set(ids)):
            raise ValueError(f"stap {self.id}: dubbele antwoord-id's")
        if self.options and not self.question:
            raise ValueError(f"stap {self.id}: antwoorden zonder vraag")
        if self.required and not self.options:
            raise ValueError(f"stap {self.id}: verplicht zonder antwoorden")
        if self.kind == "routekeuze" and not all(o.route for o in self.options):
            raise ValueError(f"stap {self.id}: elk antwoord van de routekeuze kiest een route")
        return self


class Route(Item):
    key: RouteKey
    title: Text
    summary: Text
    first_step: ItemId


class KindcheckContent(ContentFile):
    kind: Literal["kindcheck"]
    title: Text
    start: ItemId
    routes: list[Route]
    steps: list[Step]

    def step(self, step_id: str) -> Step:
        for s in self.steps:
            if s.id == step_id:
                return s
        raise KeyError(step_id)

    def route(self, key: str) -> Route:
        for r in self.routes:
            if r.key == key:
                return r
        raise KeyError(key)

    def successors(self, step: Step) -> list[str]:
        """Ids of the steps that can follow `step`."""
        out = [o.next or (self.route(o.route).first_step if o.route else None) for o in step.options]
        out.append(step.next)
        return [s for s in dict.fromkeys(out) if s]

    @model_validator(mode="after")
    def _flow_is_sound(self) -> Self:
        ids = {s.id for s in self.steps}
        if {r.key for r in self.routes} != {"veiligheid", "preventief"}:
            raise ValueError("de Kindcheck heeft precies de routes 'veiligheid' en 'preventief'")
        for ref in [self.start, *(r.first_step for r in self.routes)]:
            if ref not in ids:
                raise ValueError(f"onbekende stap {ref!r}")
        for step in self.steps:
            for target in self.successors(step):
                if target not in ids:
                    raise ValueError(f"stap {step.id}: onbekende volgende stap {target!r}")
        # Every step is reachable from the start, and no path loops (Vorige is the only way back).
        state: dict[str, int] = {}  # 1 = on the current path, 2 = done

        def visit(step_id: str) -> None:
            if state.get(step_id) == 1:
                raise ValueError(f"de Kindcheck loopt in een kring bij {step_id!r}")
            if state.get(step_id) == 2:
                return
            state[step_id] = 1
            for target in self.successors(self.step(step_id)):
                visit(target)
            state[step_id] = 2

        visit(self.start)
        unreachable = ids - set(state)
        if unreachable:
            raise ValueError(f"onbereikbare stappen: {sorted(unreachable)}")
        return self


# -- Gesprekstips ---------------------------------------------------------------------------

class Card(Item):
    title: Text
    topic: Text
    audiences: Annotated[list[Audience], Field(min_length=1)]
    text: Annotated[list[Text], Field(min_length=1)]
    #: Example sentences or open questions, in the professional's own words.
    examples: list[Text] = []
    keywords: list[Text] = []


class TipsContent(ContentFile):
    kind: Literal["gesprekstips"]
    cards: Annotated[list[Card], Field(min_length=1)]


# -- Checklist ------------------------------------------------------------------------------

class Factor(Item):
    level: Level
    type: Literal["risico", "beschermend"]
    label: Text
    hint: str = ""
    #: One of the factors that raise the risk most (both parents, early onset, girls, ...).
    weighty: bool = False
    #: Points to the meldcode (maltreatment, neglect, domestic violence).
    safety: bool = False
    #: Offer kinds that fit this risk factor; such offers are listed first when it is ticked.
    offer_kinds: list[OfferKind] = []

    @model_validator(mode="after")
    def _marks_fit(self) -> Self:
        if self.type == "beschermend" and (self.weighty or self.safety):
            raise ValueError(f"factor {self.id}: een beschermende factor is niet zwaarwegend of onveilig")
        if self.type == "beschermend" and self.offer_kinds:
            raise ValueError(f"factor {self.id}: soorten aanbod horen bij risicofactoren")
        return self


class Notice(Item):
    """A fixed text of the checklist summary (disclaimer, explanations)."""

    key: Literal["disclaimer", "stapeling", "zwaarwegend", "beschermend", "veiligheid", "aanbod"]
    text: Text


class ChecklistContent(ContentFile):
    kind: Literal["checklist"]
    title: Text
    #: Accumulation: at least this many risk factors, or this many weighty ones.
    accumulation_min_risk: Annotated[int, Field(ge=2)] = 3
    accumulation_min_weighty: Annotated[int, Field(ge=2)] = 2
    factors: Annotated[list[Factor], Field(min_length=1)]
    notices: list[Notice]

    def notice(self, key: str) -> str:
        for n in self.notices:
            if n.key == key:
                return n.text
        raise KeyError(key)

    @model_validator(mode="after")
    def _complete(self) -> Self:
        keys = {n.key for n in self.notices}
        missing = {"disclaimer", "stapeling", "zwaarwegend", "beschermend", "veiligheid", "aanbod"} - keys
        if missing:
            raise ValueError(f"teksten ontbreken: {sorted(missing)}")
        for level in LEVEL_LABELS:
            for kind in ("risico", "beschermend"):
                if not any(f.level == level and f.type == kind for f in self.factors):
                    raise ValueError(f"geen {kind}sfactor op niveau {level}")
        return self
