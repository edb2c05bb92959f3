"""Coverage of a region: which offers count for which row (kind / parent problem) and age band.

One SQL statement over services, service_areas, service_kinds and service_problems.  An
offer counts for a region when it is not withdrawn, its status is active or temporarily
closed (the search's rule), and it serves one of the region's gemeenten, is national ("NL")
or is online (store/search.py uses the same rule).  It counts for a band when its
[minimum_age, maximum_age] (NULL = open) overlaps the band's inclusive [low, high].
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import NamedTuple

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
-- Candidates through the indexes (never a scan of every service): offers naming a region
-- gemeente or "NL", and online offers.
candidates(pk) AS (
    SELECT service_pk FROM service_areas WHERE area IN (SELECT code FROM region_codes UNION ALL SELECT 'NL')
    UNION
    SELECT service_pk FROM service_kinds WHERE kind = 'online'
),
region(pk, id, name, organization_name, minimum_age, maximum_age, reach) AS MATERIALIZED (
    SELECT s.pk, s.id, s.name, s.organization_name, s.minimum_age, s.maximum_age,
           CASE WHEN s.is_online = 0 AND EXISTS (SELECT 1 FROM service_areas a
                     WHERE a.service_pk = s.pk AND a.area IN (SELECT code FROM region_codes))
                THEN 'lokaal'
                WHEN s.is_online = 1 THEN 'online'
                ELSE 'landelijk' END
    FROM candidates c JOIN services s ON s.pk = c.pk
    WHERE s.withdrawn_at IS NULL AND s.status IN ('active', 'temporarily closed')
      AND (:problem IS NULL OR s.pk IN (SELECT service_pk FROM service_problems WHERE problem = :problem))
),
members(row_key, pk) AS (
    SELECT 'all', pk FROM region
    UNION ALL
    SELECT 'kind:' || k.kind, k.service_pk FROM service_kinds k JOIN region r ON r.pk = k.service_pk
    UNION ALL
    SELECT 'problem:' || p.problem, p.service_pk FROM service_problems p JOIN region r ON r.pk = p.service_pk
)
SELECT m.row_key, r.id, r.name, r.organization_name, r.minimum_age, r.maximum_age, r.reach
FROM members m
JOIN region r ON r.pk = m.pk
ORDER BY m.row_key, r.name COLLATE NOCASE, r.id
"""


def coverage_hits(
    db: sqlite3.Connection, codes: Sequence[str], bands: Sequence[tuple[str, int, int]],
    problem: str | None = None,
) -> list[CoverageHit]:
    """Every (row, band, offer) that counts for the region `codes` (CBS codes).

    `bands` are (key, low, high) with inclusive ages; `problem` keeps only offers for that
    parent problem.  Rows without offers do not appear.  Within a row the offers come by name.
    """
    params = {"codes": json.dumps(list(codes)), "problem": problem}
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

    Walks the distinct areas of the index and stops at the first counting offer of each.
    """
    rows = db.execute(
        "SELECT d.area FROM (SELECT DISTINCT area FROM service_areas WHERE area != 'NL') d"
        " WHERE EXISTS (SELECT 1 FROM service_areas a JOIN services s ON s.pk = a.service_pk"
        "   WHERE a.area = d.area AND s.withdrawn_at IS NULL AND s.status IN ('active', 'temporarily closed'))"
        " ORDER BY d.area"
    )
    return [r[0] for r in rows]
