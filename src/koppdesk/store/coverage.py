"""Coverage of a region: which offers count for which row (kind / parent problem) and age band.

One SQL statement over services and the facet tokens of its full-text index (store/facets.py).
An offer counts for a region when it is not withdrawn, its status is active or temporarily
closed (the search's rule), and it serves one of the region's gemeenten, is national ("NL")
or is online (store/search.py uses the same rule).  It counts for a band when its
[minimum_age, maximum_age] (NULL = open) overlaps the band's inclusive [low, high].
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import NamedTuple

from koppdesk.store import facets

#: How an offer reaches the region: it names one of the region's gemeenten and is not
#: online ("lokaal"), it is online ("online"), or it is national without being online.
REACH_LOCAL, REACH_ONLINE, REACH_NATIONAL = "lokaal", "online", "landelijk"

#: Row keys: "all" for every offer, "kind:<OfferKind>" and "problem:<ParentProblem>".
ROW_ALL = "all"


class CoverageHit(NamedTuple):
    """One offer counted in one row and band."""

    row: str
    band: str
    id: str
    name: str
    organization: str
    minimum_age: int | None
    maximum_age: int | None
    reach: str


_SQL = """
WITH
region_codes(code) AS (SELECT value FROM json_each(:codes)),
-- Candidates through the index (never a scan of every service): :match asks the facet tokens
-- for the region's gemeenten, national and online offers (and the parent problem).
region(pk, id, name, organization_name, minimum_age, maximum_age, kinds, problems, reach) AS MATERIALIZED (
    SELECT s.pk, s.id, s.name, s.organization_name, s.minimum_age, s.maximum_age, s.kinds,
           json_extract(s.data, '$.parent_problems'),  -- in `data` only when not empty
           CASE WHEN s.is_online = 0 AND EXISTS (SELECT 1 FROM json_each(s.areas) a
                     WHERE a.value IN (SELECT code FROM region_codes))
                THEN 'lokaal'
                WHEN s.is_online = 1 THEN 'online'
                ELSE 'landelijk' END
    FROM services s
    WHERE s.pk IN (SELECT rowid FROM services_fts WHERE services_fts MATCH :match)
      AND s.withdrawn_at IS NULL AND s.status IN ('active', 'temporarily closed')
),
members(row_key, pk) AS (
    SELECT 'all', pk FROM region
    UNION ALL
    SELECT DISTINCT 'kind:' || k.value, r.pk FROM region r, json_each(r.kinds) k
    UNION ALL
    SELECT DISTINCT 'problem:' || p.value, r.pk FROM region r, json_each(r.problems) p
)
SELECT m.row_key, r.id, r.name, r.organization_name, r.minimum_age, r.maximum_age, r.reach
FROM members m
JOIN region r ON r.pk = m.pk
ORDER BY m.row_key, r.name COLLATE NOCASE, r.id
"""


def _region_match(codes: Sequence[str], problem: str | None) -> str:
    """The facet query for the offers that reach the region (and help with `problem`)."""
    return facets.reach_match(codes) + (f" AND facets : {facets.problem_token(problem)}" if problem is not None else "")


def coverage_hits(
    db: sqlite3.Connection, codes: Sequence[str], bands: Sequence[tuple[str, int, int]],
    problem: str | None = None,
) -> list[CoverageHit]:
    """Every (row, band, offer) that counts for the region `codes` (CBS codes).

    `bands` are (key, low, high) with inclusive ages; `problem` keeps only offers for that
    parent problem.  Rows without offers do not appear.  Within a row the offers come by name.
    """
    params = {"codes": json.dumps(list(codes)), "match": _region_match(codes, problem)}
    # The SQL gives each (row, offer) once; the band overlap is a few comparisons per pair,
    # cheaper here than a join that makes SQLite build every (row, band, offer) triple.
    hits = []
    for row_key, sid, name, org, low, high, reach in db.execute(_SQL, params):
        for key, band_low, band_high in bands:
            if (low is None or low <= band_high) and (high is None or high >= band_low):
                hits.append(CoverageHit(row_key, key, sid, name, org, low, high, reach))
    return hits


def areas_with_offers(db: sqlite3.Connection) -> list[str]:
    """CBS codes named by at least one offer that counts (not withdrawn, not inactive).

    The index's own list of words (fts5vocab) holds every gemeente token once; each is then
    asked for one offer that counts.  A scan of every offer's areas takes six times as long.
    """
    db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.services_fts_words"
               " USING fts5vocab(main, services_fts, 'row')")
    first = facets.area_token("GM")  # every gemeente token starts so: ggm0307
    tokens = [r[0] for r in db.execute(
        "SELECT term FROM temp.services_fts_words WHERE term > ? AND term < ?", (first, first + "~"))]
    counting = "SELECT 1 FROM services_fts WHERE services_fts MATCH ? LIMIT 1"
    return [token[1:].upper() for token in tokens
            if db.execute(counting, (f"facets : {token} NOT facets : {facets.DEAD}",)).fetchone()]
