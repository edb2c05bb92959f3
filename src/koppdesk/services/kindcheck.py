"""The Kindcheck as a small state machine over the content's steps (in memory only).

The flow holds which steps were taken and which answers were ticked; it has no free-text
fields, so it cannot hold names.  Nothing is written anywhere: `clear()` (Wissen) and
dropping the object (closing) are all there is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from koppdesk.content.models import KindcheckContent, Option, Step

VEILIG_THUIS = "0800-2000"


class FlowError(ValueError):
    """An answer or a move that the current step does not allow."""


class KindcheckFlow:
    def __init__(self, content: KindcheckContent, today: Callable[[], date] = date.today):
        self.content = content
        self._today = today
        self.history: list[str] = [content.start]
        self.answers: dict[str, tuple[str, ...]] = {}
        #: Route steps whose answer is koppdesk's suggestion, not (yet) the user's choice.
        self._suggested: set[str] = set()

    # -- where we are ------------------------------------------------------------------------

    @property
    def current(self) -> Step:
        return self.content.step(self.history[-1])

    @property
    def position(self) -> int:
        """1-based number of the current step on the path taken."""
        return len(self.history)

    def chosen(self, step: Step | None = None) -> list[Option]:
        step = step or self.current
        picked = self.answers.get(step.id, ())
        return [o for o in step.options if o.id in picked]

    def next_step_id(self) -> str | None:
        """Where Volgende leads: the first chosen option with its own target, else the step's next."""
        for option in self.chosen():
            if option.next:
                return option.next
            if option.route:
                return self.content.route(option.route).first_step
        return self.current.next

    def can_go_next(self) -> bool:
        step = self.current
        if step.required and not self.answers.get(step.id):
            return False
        return self.next_step_id() is not None

    def can_go_back(self) -> bool:
        return len(self.history) > 1

    @property
    def finished(self) -> bool:
        """At a step that ends the flow (nothing follows with the current answers)."""
        return self.next_step_id() is None

    # -- moving --------------------------------------------------------------------------------

    def select(self, option_ids: Iterable[str]) -> None:
        """Set the answer of the current step (replacing the previous one)."""
        step = self.current
        ids = tuple(dict.fromkeys(option_ids))
        known = {o.id: o for o in step.options}
        unknown = [i for i in ids if i not in known]
        if unknown:
            raise FlowError(f"onbekend antwoord {unknown[0]!r} bij stap {step.id}")
        if len(ids) > 1 and not step.multiple:
            raise FlowError(f"bij stap {step.id} past één antwoord")
        if len(ids) > 1 and any(known[i].exclusive for i in ids):
            raise FlowError(f"bij stap {step.id} gaat dit antwoord niet samen met andere")
        self._suggested.discard(step.id)
        if ids:
            self.answers[step.id] = ids
        else:
            self.answers.pop(step.id, None)

    def go_next(self) -> Step:
        if not self.can_go_next():
            raise FlowError("eerst een antwoord kiezen" if self.next_step_id() else "dit is de laatste stap")
        self.history.append(self.next_step_id())  # type: ignore[arg-type]
        step = self.current
        if step.kind == "routekeuze" and (step.id not in self.answers or step.id in self._suggested):
            suggested = self.suggested_route()
            self.answers[step.id] = tuple(o.id for o in step.options if o.route == suggested)[:1]
            self._suggested.add(step.id)
        return step

    def go_back(self) -> Step:
        """One step back; the answers of the step left stay, for when the user comes forward again."""
        if not self.can_go_back():
            raise FlowError("dit is de eerste stap")
        self.history.pop()
        return self.current

    def clear(self) -> None:
        """Wissen: back to the start with nothing remembered."""
        self.history = [self.content.start]
        self.answers = {}
        self._suggested = set()

    # -- what it means ---------------------------------------------------------------------------

    def _flags(self) -> set[str]:
        flags: set[str] = set()
        for step_id in self.history:
            for option in self.chosen(self.content.step(step_id)):
                flags.update(option.flags)
        return flags

    def is_suggestion(self, step: Step | None = None) -> bool:
        """True when the answer of this route step is koppdesk's suggestion, not the user's choice."""
        return (step or self.current).id in self._suggested

    def suggested_route(self) -> str:
        """Route A when a safety concern was ticked; otherwise the preventive route B."""
        return "veiligheid" if "zorg-veiligheid" in self._flags() else "preventief"

    def routes_taken(self) -> list[str]:
        """Route keys of the steps on the path, in order (A then B when both were walked)."""
        keys = [self.content.step(s).route for s in self.history]
        return [k for k in dict.fromkeys(keys) if k]

    def summary_text(self) -> str:
        """Plain text for the patient record: date, steps taken with answers, route; no names."""
        lines = [f"Kindcheck (koppdesk), {self._today().strftime('%d-%m-%Y')}"]
        routes = [self.content.route(k).title for k in self.routes_taken()]
        if routes:
            lines.append("Route: " + ", daarna ".join(routes))
        elif self.current.id != self.content.start and self.current.kind == "einde":
            lines.append(f"Uitkomst: {self.current.title}")
        else:
            lines.append("Route: (nog) niet gekozen")
        lines.append("Doorlopen stappen:")
        for number, step_id in enumerate(self.history[1:], start=1):
            step = self.content.step(step_id)
            chosen = self.chosen(step)
            if chosen:
                answer = "; ".join(o.label for o in chosen)
            elif step.options:
                answer = "(niet ingevuld)"
            else:
                answer = "gelezen"
            lines.append(f"{number}. {step.title} — {answer}")
            lines += [f"   → {o.outcome}" for o in chosen if o.outcome]
        if "veiligheid" in self.routes_taken():
            lines.append(f"Veilig Thuis (advies en melden): {VEILIG_THUIS}")
        lines.append("Hulpmiddel voor het gesprek; geen diagnose. Geen namen opgenomen.")
        return "\n".join(lines)
