"""Dekking (coverage): which offers a gemeente or region has, per kind / parent problem and age band.

Rules (the README's "Dekking" section says the same for users):

- An offer counts for a region (one or more gemeenten) when it serves one of them, is national
  ("NL") or is online — the search's rule — and is not withdrawn, inactive or defunct.
- Age bands are for display only; offers keep their own ages.  A band covers whole years:
  "0-4" is 0 up to and including 3, "4-8" is 4..7, "8-12" 8..11, "12-16" 12..15, "16-18" 16..17
  and "18-25" 18..25 (the last band includes 25).  An offer counts in a band when its
  [minimum_age, maximum_age] (missing = open) overlaps the band, so one offer can count in
  several bands, and an offer for 9-12 counts in "12-16" too.
- A cell counts offers; "only local" leaves out online and national offers; a parent problem
  (psychisch / verslaving) keeps only the offers for that problem.
- Gaps are named per year of age (0 to 25), not per band: "nothing" (no offer at all) is told
  apart from "only online / national" (no offer in the region itself).  A kind or problem row
  names only ages where the region does have some local offer (otherwise the line for all
  offers already says it), and only the ages that make sense for the row (see ROWS: youth
  rows stop at 24, "tot 25 jaar"; parents and families look at children under 18; adult
  KOPP at 18 and over; young carers from 8).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from koppdesk.content.gemeenten import Gemeente, Gemeenten, UnknownGemeente
from koppdesk.services.status import data_age_text
from koppdesk.store import Store
from koppdesk.store.coverage import REACH_LOCAL, REACH_NATIONAL, REACH_ONLINE, ROW_ALL, CoverageHit
from koppdesk.vocab import OfferKind, ParentProblem

#: Ages the gap list looks at.
GAP_AGES = range(0, 26)


@dataclass(frozen=True)
class AgeBand:
    key: str  # "4-8", as the bands are known
    low: int  # inclusive
    high: int  # inclusive

    @property
    def label(self) -> str:
        return f"{self.low}–{self.high} jaar"

    @property
    def description(self) -> str:
        return f"band {self.key}: {self.low} tot en met {self.high} jaar"


BANDS: tuple[AgeBand, ...] = (
    AgeBand("0-4", 0, 3), AgeBand("4-8", 4, 7), AgeBand("8-12", 8, 11),
    AgeBand("12-16", 12, 15), AgeBand("16-18", 16, 17), AgeBand("18-25", 18, 25),
)


@dataclass(frozen=True)
class MatrixRow:
    key: str  # "all", "kind:groep", "problem:psychisch"
    label: str
    #: What the gap sentence calls this offer; "{ages}" is replaced by the ages.
    phrase: str
    #: Ages for which a missing offer is a gap (a group for adult KOPP at 6 is not).
    ages: range = GAP_AGES
    #: Online offers are what this row is about: they are not "only online".
    online_row: bool = False

    def applies_to(self, band: AgeBand) -> bool:
        return band.low <= self.ages[-1] and band.high >= self.ages[0]


ROWS: tuple[MatrixRow, ...] = (
    MatrixRow(ROW_ALL, "alle aanbod", "aanbod voor {ages}"),
    MatrixRow(f"kind:{OfferKind.GROEP}", "groep", "groepsaanbod voor {ages}"),
    MatrixRow(f"kind:{OfferKind.INDIVIDUEEL}", "individueel", "individueel aanbod voor {ages}", range(0, 25)),
    MatrixRow(f"kind:{OfferKind.GEZIN}", "gezin", "gezinsaanbod voor {ages}", range(0, 18)),
    MatrixRow(f"kind:{OfferKind.OUDERS}", "ouders", "ouderaanbod voor kinderen van {ages}", range(0, 18)),
    MatrixRow(f"kind:{OfferKind.ONLINE}", "online", "online aanbod voor {ages}", online_row=True),
    MatrixRow(f"kind:{OfferKind.JONGE_MANTELZORGERS}", "jonge mantelzorgers",
              "aanbod voor jonge mantelzorgers van {ages}", range(8, 25)),
    MatrixRow(f"kind:{OfferKind.VOLWASSEN_KOPP}", "volwassen KOPP",
              "aanbod voor volwassen KOPP ({ages})", range(18, 26)),
    MatrixRow(f"problem:{ParentProblem.PSYCHISCH}", "ouder: psychisch",
              "aanbod bij psychische problemen van de ouder voor {ages}"),
    MatrixRow(f"problem:{ParentProblem.VERSLAVING}", "ouder: verslaving",
              "aanbod bij verslaving van de ouder voor {ages}"),
)


@dataclass(frozen=True)
class CellOffer:
    id: str
    name: str
    organization: str
    minimum_age: int | None
    maximum_age: int | None
    reach: str  # lokaal / online / landelijk

    def covers(self, age: int) -> bool:
        return (self.minimum_age is None or self.minimum_age <= age) and \
            (self.maximum_age is None or self.maximum_age >= age)


@dataclass(frozen=True)
class Cell:
    row: MatrixRow
    band: AgeBand
    #: The offers counted in this cell (without online/national ones when only local counts).
    offers: tuple[CellOffer, ...]
    #: Offers in this cell that are in the region itself (lokaal).
    local: int
    #: The row cannot count here (the online row when only local offers count).
    excluded: bool = False

    @property
    def count(self) -> int:
        return len(self.offers)

    @property
    def level(self) -> str:
        """'none', 'one' or 'several': what the colour and pattern show."""
        return "none" if self.count == 0 else "one" if self.count == 1 else "several"

    @property
    def applicable(self) -> bool:
        return self.row.applies_to(self.band) and not self.excluded

    @property
    def reach_only(self) -> str:
        """'online' / 'landelijk' / 'online of landelijk' when no counted offer is local, else ''."""
        if self.local or not self.offers or self.row.online_row:
            return ""
        return _reach_words({o.reach for o in self.offers})

    @property
    def text(self) -> str:
        """What the cell shows (GUI, CLI, exports): the number, with a word or sign besides colour."""
        if self.count == 0:
            return "0 —" if self.applicable else "n.v.t."
        return f"{self.count} {self.reach_only}".strip()


#: How a title or gap sentence names the parent problem filter.
PROBLEM_WORDS = {ParentProblem.PSYCHISCH: "bij psychische problemen van de ouder",
                 ParentProblem.VERSLAVING: "bij verslaving van de ouder"}


@dataclass(frozen=True)
class CoverageMatrix:
    gemeenten: tuple[Gemeente, ...]
    local_only: bool
    problem: ParentProblem | None
    cells: dict[tuple[str, str], Cell]
    gaps: tuple[Gap, ...]
    #: Where the numbers come from, e.g. "Sociale kaart: gegevens van 01-11-2026 (21 dagen oud)".
    data_note: str = ""
    rows: tuple[MatrixRow, ...] = ROWS
    bands: tuple[AgeBand, ...] = BANDS

    def cell(self, row: str, band: str) -> Cell:
        return self.cells[(row, band)]

    @property
    def place(self) -> str:
        return _join([g.name for g in self.gemeenten])

    @property
    def title(self) -> str:
        problem = f" {PROBLEM_WORDS[self.problem]}" if self.problem else ""
        scope = " (alleen lokaal aanbod)" if self.local_only else ""
        return f"Dekking KOPP/KOV-aanbod in {self.place}{problem}{scope}"

    def counts(self) -> dict[str, dict[str, int]]:
        return {r.key: {b.key: self.cell(r.key, b.key).count for b in self.bands} for r in self.rows}


@dataclass(frozen=True)
class _Status:
    """What one age has in one row: a local offer, only online/national offers, or nothing."""

    local: bool
    reaches: frozenset[str] = field(default_factory=frozenset)


def _reach_words(reaches: Iterable[str]) -> str:
    reaches = set(reaches) - {REACH_LOCAL}
    if reaches == {REACH_ONLINE}:
        return "online"
    if reaches == {REACH_NATIONAL}:
        return "landelijk"
    return "online of landelijk" if reaches else ""


def _join(items: Sequence[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def ages_text(ranges: Sequence[tuple[int, int]]) -> str:
    """[(0, 3), (13, 17)] -> "0 t/m 3 en 13 t/m 17 jaar"."""
    return _join([str(lo) if lo == hi else f"{lo} t/m {hi}" for lo, hi in ranges]) + " jaar"


def _age_statuses(row: MatrixRow, offers: Sequence[CellOffer]) -> list[_Status]:
    """The status of every age in GAP_AGES for one row (one pass over the offers)."""
    reaches: list[set[str]] = [set() for _ in GAP_AGES]
    last = GAP_AGES[-1]
    for o in offers:
        low = o.minimum_age or 0
        high = last if o.maximum_age is None else min(o.maximum_age, last)
        for age in range(low, high + 1):
            reaches[age].add(o.reach)
    return [_Status(True) if REACH_LOCAL in r or (row.online_row and r) else _Status(False, frozenset(r))
            for r in reaches]


def _runs(ages: Iterable[tuple[int, _Status]]) -> list[tuple[int, int, _Status]]:
    """Consecutive ages with the same status as (first, last, status)."""
    runs: list[tuple[int, int, _Status]] = []
    for age, status in ages:
        if runs and runs[-1][2] == status and runs[-1][1] == age - 1:
            runs[-1] = (runs[-1][0], age, status)
        else:
            runs.append((age, age, status))
    return runs


@dataclass(frozen=True)
class Gap:
    """Ages for which a row has no local offer: nothing at all (`reaches` empty) or only
    online / national offers (`reaches` says which, `names` which offers)."""

    row: MatrixRow
    ages: tuple[tuple[int, int], ...]  # inclusive ranges
    reaches: frozenset[str]
    names: tuple[str, ...]
    place: str

    @property
    def text(self) -> str:
        phrase = self.row.phrase.format(ages=ages_text(self.ages))
        if not self.reaches:
            return f"Geen {phrase} in {self.place}."
        extra = [f"{len(self.names) - 3} andere"] if len(self.names) > 3 else []
        listed = _join(list(self.names[:3]) + extra)
        return f"Geen lokaal {phrase} in {self.place}; alleen {_reach_words(self.reaches)}: {listed}."

    def __str__(self) -> str:
        return self.text


def find_gaps(row_offers: dict[str, list[CellOffer]], place: str) -> list[Gap]:
    """The gaps per row, from every offer of the region (local or not)."""
    total = _age_statuses(ROWS[0], row_offers.get(ROW_ALL, []))
    gaps = []
    for row in ROWS:
        offers = row_offers.get(row.key, [])
        statuses = _age_statuses(row, offers)
        ages = [(a, statuses[a]) for a in row.ages if row.key == ROW_ALL or total[a].local]
        by_status: dict[_Status, list[tuple[int, int]]] = {}
        for lo, hi, status in _runs(ages):
            if not status.local:
                by_status.setdefault(status, []).append((lo, hi))
        for status, ranges in by_status.items():
            names = sorted({o.name for o in offers if o.reach in status.reaches
                            and any(o.covers(a) for lo, hi in ranges for a in range(lo, hi + 1))})
            gaps.append(Gap(row, tuple(ranges), status.reaches, tuple(names), place))
    return gaps


def build_matrix(gemeenten: Sequence[Gemeente], hits: Iterable[CoverageHit], *,
                 local_only: bool = False, problem: ParentProblem | None = None,
                 data_note: str = "") -> CoverageMatrix:
    """The matrix and its gaps from the store's coverage hits (see store/coverage.py)."""
    in_cell: dict[tuple[str, str], list[CellOffer]] = {}
    row_offers: dict[str, dict[str, CellOffer]] = {}
    by_id: dict[str, CellOffer] = {}  # one object per offer, however many cells it counts in
    for h in hits:
        offer = by_id.get(h.id)
        if offer is None:
            offer = by_id[h.id] = CellOffer(h.id, h.name, h.organization, h.minimum_age, h.maximum_age, h.reach)
        in_cell.setdefault((h.row, h.band), []).append(offer)
        row_offers.setdefault(h.row, {})[h.id] = offer
    cells = {}
    for row in ROWS:
        for band in BANDS:
            offers = in_cell.get((row.key, band.key), [])
            local = sum(o.reach == REACH_LOCAL for o in offers)
            counted = tuple(o for o in offers if o.reach == REACH_LOCAL or not local_only)
            cells[(row.key, band.key)] = Cell(row, band, counted, local, local_only and row.online_row)
    place = _join([g.name for g in gemeenten]) + (f" {PROBLEM_WORDS[problem]}" if problem else "")
    gaps = find_gaps({k: list(v.values()) for k, v in row_offers.items()}, place)
    return CoverageMatrix(tuple(gemeenten), local_only, problem, cells, tuple(gaps), data_note)


class DekkingService:
    """The coverage matrix for the GUI tab and `koppdesk dekking`."""

    def __init__(self, store: Store, gemeenten: Gemeenten):
        self.store = store
        self.gemeenten = gemeenten

    def resolve(self, names_or_codes: Iterable[str]) -> tuple[Gemeente, ...]:
        """Gemeenten by name or CBS code, without repeats; raises UnknownGemeente."""
        found = [self.gemeenten.resolve(n) for n in names_or_codes if n.strip()]
        if not found:
            raise UnknownGemeente("Kies minstens één gemeente.")
        return tuple(dict.fromkeys(found))

    def gemeenten_in_kaart(self) -> list[Gemeente]:
        """Gemeenten that at least one offer in the kaart names, by name."""
        found = [self.gemeenten.by_code(c) for c in self.store.areas_with_offers()]
        return sorted(g for g in found if g is not None)

    def matrix(self, gemeenten: Sequence[Gemeente], *, local_only: bool = False,
               problem: ParentProblem | None = None) -> CoverageMatrix:
        """The matrix for a region; `problem` keeps only offers for that parent problem."""
        hits = self.store.coverage([g.code for g in gemeenten], [(b.key, b.low, b.high) for b in BANDS],
                                   str(problem) if problem else None)
        return build_matrix(gemeenten, hits, local_only=local_only, problem=problem,
                            data_note=data_age_text(self.store.meta()))
