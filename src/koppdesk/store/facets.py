"""Filter facets stored as tokens in the full-text index.

Gemeente, age, kind, parent problem and access are indexed as tokens in the hidden `facets`
column of `services_fts`, so one FTS5 query intersects the typed words with the filters on
posting lists and can stop after the first page — instead of joining every text match to
the filter tables.  User text never reaches this column (it is always wrapped in a column
filter over the visible columns).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from koppdesk.models import Service

#: Ages 0..MAX_INDEXED_AGE are indexed one token per covered year; older ages use SQL.
MAX_INDEXED_AGE = 30
ONLINE = "gonline"
NATIONAL = "gnl"
#: Present on rows that must not be found: withdrawn by the feed, inactive or defunct.
DEAD = "xdead"


_NOT_ALNUM = re.compile(r"[^a-z0-9]")


@lru_cache(maxsize=512)
def _slug(value: str) -> str:
    return _NOT_ALNUM.sub("", value.lower())


@lru_cache(maxsize=1024)
def area_token(code: str) -> str:
    return "g" + _slug(code)


def age_token(age: int) -> str:
    return f"a{age}"


@lru_cache(maxsize=1024)
def kind_token(kind: str) -> str:
    return "k" + _slug(kind)


@lru_cache(maxsize=1024)
def problem_token(problem: str) -> str:
    return "p" + _slug(problem)


def reach_match(codes) -> str:
    """The facet query for offers that reach gemeenten `codes`: they serve one of them, are
    national or are online (the search's and the coverage's rule)."""
    tokens = [area_token(c) for c in codes] + [NATIONAL, ONLINE]
    return "facets : (" + " OR ".join(dict.fromkeys(tokens)) + ")"


def referral_token(required: bool) -> str:
    return "rja" if required else "rnee"


_AGE_TOKENS = [age_token(a) for a in range(MAX_INDEXED_AGE + 1)]


def service_facets(svc: Service) -> str:
    """The facet tokens of one service (called for every row of a sync: keep it cheap)."""
    areas = " ".join([area_token(a) for a in dict.fromkeys(svc.service_areas)])
    return areas + _other_facets(svc.is_online, svc.minimum_age, svc.maximum_age, tuple(svc.kinds),
                                 tuple(svc.parent_problems), svc.referral_required, str(svc.status))


@lru_cache(maxsize=4096)
def _other_facets(online: bool, minimum_age: int | None, maximum_age: int | None, kinds: tuple[str, ...],
                  problems: tuple[str, ...], referral_required: bool, status: str) -> str:
    """Everything but the gemeenten, with a leading space; few combinations recur in a feed."""
    tokens = [ONLINE] if online else []
    low = minimum_age or 0
    high = MAX_INDEXED_AGE if maximum_age is None else min(maximum_age, MAX_INDEXED_AGE)
    tokens += _AGE_TOKENS[low:high + 1]
    tokens += [kind_token(str(k)) for k in dict.fromkeys(kinds)]
    tokens += [problem_token(str(p)) for p in dict.fromkeys(problems)]
    tokens.append(referral_token(referral_required))
    if status not in ("active", "temporarily closed"):
        tokens.append(DEAD)
    return " " + " ".join(tokens)
