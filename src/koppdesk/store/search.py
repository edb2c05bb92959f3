"""Searching offers: FTS5 prefix matching plus filters, in one SQL statement."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import sqlite_utils

from koppdesk.models import OfferKind, ParentProblem

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class SearchFilters:
    """What the user asked for.  Empty fields do not filter."""

    text: str = ""
    #: CBS codes; an offer matches when it serves one of them, is national or is online.
    gemeenten: tuple[str, ...] = ()
    age: int | None = None
    kind: OfferKind | None = None
    problem: ParentProblem | None = None
    #: True: only offers needing a referral; False: only free-access offers.
    referral_required: bool | None = None
    favourites_only: bool = False
    include_withdrawn: bool = False
    #: Withdrawn offers the practice annotated (note or favourite) stay findable, marked withdrawn.
    keep_annotated_withdrawn: bool = True
    limit: int = 500


@dataclass(frozen=True)
class OfferSummary:
    """One row of a result list."""

    id: str
    name: str
    organization: str
    minimum_age: int | None
    maximum_age: int | None
    kinds: list[str] = field(default_factory=list)
    gemeenten: list[str] = field(default_factory=list)
    source: str = "feed"
    is_online: bool = False
    referral_required: bool = False
    withdrawn: bool = False
    favourite: bool = False
    has_note: bool = False


def fts_query(text: str) -> str | None:
    """Turn what the user typed into an FTS5 query: every word must match as a prefix.

    Words are quoted, so FTS5 operators typed by the user (AND, NEAR, *, ") are inert.
    """
    words = _WORD.findall(text)
    if not words:
        return None
    return " ".join(f'"{w}"*' for w in words[:12])


_SELECT = """
SELECT s.id, s.name, s.organization_name, s.minimum_age, s.maximum_age, s.kinds, s.areas,
       s.source, s.is_online, s.referral_required, s.withdrawn_at,
       EXISTS (SELECT 1 FROM favourites f WHERE f.service_id = s.id) AS favourite,
       EXISTS (SELECT 1 FROM notes n WHERE n.service_id = s.id) AS has_note
"""


def search_offers(db: sqlite_utils.Database, filters: SearchFilters) -> list[OfferSummary]:
    """The search the GUI, the CLI and the benchmarks use."""
    where: list[str] = []
    params: dict[str, object] = {"limit": filters.limit}
    match = fts_query(filters.text)
    if match:
        sql = _SELECT + (
            " FROM services_fts JOIN services s ON s.pk = services_fts.rowid"
        )
        where.append("services_fts MATCH :match")
        params["match"] = match
        order = "bm25(services_fts, 10.0, 5.0, 1.0), s.name"
    else:
        sql = _SELECT + " FROM services s"
        order = "favourite DESC, s.name COLLATE NOCASE"
    if not filters.include_withdrawn:
        live = "(s.withdrawn_at IS NULL AND s.status IN ('active', 'temporarily closed'))"
        if filters.keep_annotated_withdrawn:
            live = (f"({live} OR (s.withdrawn_at IS NOT NULL AND (s.id IN (SELECT service_id FROM notes)"
                    " OR s.id IN (SELECT service_id FROM favourites))))")
        where.append(live)
    if filters.age is not None:
        where.append(
            "(s.minimum_age IS NULL OR s.minimum_age <= :age)"
            " AND (s.maximum_age IS NULL OR s.maximum_age >= :age)"
        )
        params["age"] = filters.age
    if filters.gemeenten:
        names = []
        for i, code in enumerate(filters.gemeenten):
            params[f"gm{i}"] = code
            names.append(f":gm{i}")
        where.append(
            "(s.is_online = 1 OR s.is_national = 1 OR s.pk IN"
            f" (SELECT service_pk FROM service_areas WHERE area IN ({', '.join(names)})))"
        )
    if filters.kind is not None:
        where.append("s.pk IN (SELECT service_pk FROM service_kinds WHERE kind = :kind)")
        params["kind"] = str(filters.kind)
    if filters.problem is not None:
        where.append("s.pk IN (SELECT service_pk FROM service_problems WHERE problem = :problem)")
        params["problem"] = str(filters.problem)
    if filters.referral_required is not None:
        where.append("s.referral_required = :referral")
        params["referral"] = int(filters.referral_required)
    if filters.favourites_only:
        where.append("s.id IN (SELECT service_id FROM favourites)")
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += f" ORDER BY {order} LIMIT :limit"
    return [_summary(row) for row in db.execute(sql, params).fetchall()]


def _summary(row: tuple) -> OfferSummary:
    (sid, name, org, min_age, max_age, kinds, areas, source, online, referral, withdrawn,
     favourite, has_note) = row
    return OfferSummary(
        id=sid, name=name, organization=org, minimum_age=min_age, maximum_age=max_age,
        kinds=json.loads(kinds), gemeenten=json.loads(areas), source=source,
        is_online=bool(online), referral_required=bool(referral), withdrawn=withdrawn is not None,
        favourite=bool(favourite), has_note=bool(has_note),
    )


def count_offers(db: sqlite_utils.Database) -> int:
    return db.execute(
        "SELECT count(*) FROM services WHERE withdrawn_at IS NULL"
    ).fetchone()[0]
