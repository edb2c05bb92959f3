"""Searching offers: FTS5 prefix matching plus filters, in one SQL statement."""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from koppdesk.store import facets
from koppdesk.vocab import OfferKind, ParentProblem

#: A word as the FTS5 unicode61 tokenizer sees it: letters and digits (no underscore), so
#: every quoted term is one token (the index keeps no positions, so no phrases).
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


class SearchFilters(NamedTuple):
    """What the user asked for.  Empty fields do not filter.  (A named tuple, like the result
    rows: a frozen dataclass costs ~0.5 ms more to create, on the path to the first window.)"""

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


class OfferSummary(NamedTuple):
    """One row of a result list (a named tuple: a search builds up to 500 per keystroke)."""

    id: str
    name: str
    organization: str
    minimum_age: int | None
    maximum_age: int | None
    kinds: list[str]
    gemeenten: list[str]
    source: str
    is_online: bool
    referral_required: bool
    withdrawn: bool
    favourite: bool
    has_note: bool


def query_words(text: str) -> list[str]:
    """The words of what the user typed that take part in a search (at most 12).

    One-letter words are skipped: they would match nearly everything and cannot use
    the prefix index.
    """
    return [w for w in _WORD.findall(unicodedata.normalize("NFC", text)) if len(w) > 1][:12]


def fts_query(text: str) -> str | None:
    """Turn what the user typed into an FTS5 query: every word must match as a prefix.

    Words are quoted, so FTS5 operators typed by the user (AND, NEAR, *, ") are inert.
    """
    return _fts_terms(query_words(text))


def _fts_terms(words: list[str]) -> str | None:
    return " ".join(f'"{w}"*' for w in words) if words else None


def _fold(text: str) -> str:
    """Text as the index compares it (unicode61, remove_diacritics 2): lower case, no accents."""
    if text.isascii():
        return text.lower()
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


def _title_matcher(words: list[str]):
    """`matches(name, organisation)`: True when every word starts a word of the name or the
    organisation — what the index's `{name organization_name}` column filter finds."""
    starts = [re.compile(r"(?<![^\W_])" + re.escape(_fold(w))) for w in words]

    def matches(name: str, organization: str) -> bool:
        title = _fold(f"{name}\n{organization}")
        return all(start.search(title) for start in starts)

    return matches


#: What a result row needs, primary key first; the candidate queries select it directly.
_COLUMNS = ("s.pk, s.id, s.name, s.organization_name, s.minimum_age, s.maximum_age, s.kinds, s.areas,"
            " s.source, s.is_online, s.referral_required, s.withdrawn_at")
_VISIBLE = "{name organization_name search_text}"
_TITLE = "{name organization_name}"


def _facet_query(f: SearchFilters) -> list[str]:
    """Filters that are expressed as facet tokens in the FTS index (see store/facets.py)."""
    parts = []
    if f.gemeenten:
        parts.append(facets.reach_match(f.gemeenten))
    if f.age is not None and f.age <= facets.MAX_INDEXED_AGE:
        parts.append(f"facets : {facets.age_token(f.age)}")
    if f.kind is not None:
        parts.append(f"facets : {facets.kind_token(str(f.kind))}")
    if f.problem is not None:
        parts.append(f"facets : {facets.problem_token(str(f.problem))}")
    if f.referral_required is not None:
        parts.append(f"facets : {facets.referral_token(f.referral_required)}")
    return parts


def _sql_filters(f: SearchFilters, *, facets_done: bool) -> tuple[list[str], dict[str, object]]:
    """Filters as SQL conditions on `services s` (all of them, or those facets cannot do)."""
    where: list[str] = []
    params: dict[str, object] = {}
    if not f.include_withdrawn:
        where.append("s.withdrawn_at IS NULL AND s.status IN ('active', 'temporarily closed')")
    if f.age is not None and (not facets_done or f.age > facets.MAX_INDEXED_AGE):
        where.append("(s.minimum_age IS NULL OR s.minimum_age <= :age)"
                     " AND (s.maximum_age IS NULL OR s.maximum_age >= :age)")
        params["age"] = f.age
    if f.favourites_only:
        where.append("s.id IN (SELECT service_id FROM favourites)")
    if facets_done:
        return where, params
    # Gemeente, kind and problem through their facet tokens, as one list of keys: SQLite reads
    # it once, then checks rows against it (age and access are cheaper to check on the row).
    parts = _facet_query(f._replace(age=None, referral_required=None))
    if parts:
        where.append("s.pk IN (SELECT rowid FROM services_fts WHERE services_fts MATCH :facet_match)")
        params["facet_match"] = " AND ".join(parts)
    if f.referral_required is not None:
        where.append("s.referral_required = :referral")
        params["referral"] = int(f.referral_required)
    return where, params


def _rows(db, sql: str, params: dict[str, object]) -> list[tuple]:
    return db.execute(sql, params).fetchall()


def _fts_rows(db, match: str, f: SearchFilters, limit: int, order: str = "") -> list[tuple]:
    where, params = _sql_filters(f, facets_done=True)
    if not f.include_withdrawn:
        match = f"({match}) NOT facets : {facets.DEAD}"
        where = where[1:]  # the DEAD facet covers withdrawn and inactive rows
    # Unordered (index order, stops at the limit): the result columns come with the match.
    # Sorted: sort the keys of every hit, then read the columns of the first page only; the
    # sorter would otherwise carry all columns of thousands of rows.
    columns = "s.pk" if order else _COLUMNS
    sql = f"SELECT {columns} FROM services_fts JOIN services s ON s.pk = services_fts.rowid" \
          " WHERE services_fts MATCH :match"
    sql += "".join(f" AND {w}" for w in where) + f"{order} LIMIT :limit"
    rows = _rows(db, sql, {**params, "match": match, "limit": limit})
    if not order or not rows:
        return rows
    pks = [r[0] for r in rows]
    by_pk = {r[0]: r for r in _rows(db, f"SELECT {_COLUMNS} FROM services s"
                                        " WHERE s.pk IN (SELECT value FROM json_each(:pks))",
                                    {"pks": json.dumps(pks)})}
    return [by_pk[pk] for pk in pks]


def _candidates(db, f: SearchFilters) -> tuple[list[tuple], set[int]]:
    """Matching rows (at most `f.limit`, `_COLUMNS`), and the keys of those matching on the title.

    With text: matches in the name or organisation first, then matches in the rest of the
    text, each in index order so the query can stop at the limit without ranking every hit.
    When all hits fit in the limit, one query finds them and `_title_matcher` sorts them out.
    Without text, selective filters (gemeente) go through the facet index; otherwise the
    list index (`services_list`, which holds the result columns) is walked in name order.
    """
    words = query_words(f.text)
    text = _fts_terms(words)
    facet_parts = _facet_query(f)
    if f.favourites_only or (text is None and not f.gemeenten):
        where, params = _sql_filters(f, facets_done=False)
        if text:
            where.append("s.pk IN (SELECT rowid FROM services_fts WHERE services_fts MATCH :match)")
            params["match"] = f"{_VISIBLE} : ({text})"
        sql = f"SELECT {_COLUMNS} FROM services s" + (" WHERE " + " AND ".join(where) if where else "")
        rows = _rows(db, sql + " ORDER BY s.name COLLATE NOCASE LIMIT :limit", {**params, "limit": f.limit})
        return rows, {r[0] for r in rows}
    if text is None:
        rows = _fts_rows(db, " AND ".join(facet_parts), f, f.limit, " ORDER BY s.name COLLATE NOCASE")
        return rows, {r[0] for r in rows}
    visible = _fts_rows(db, " AND ".join([f"{_VISIBLE} : ({text})", *facet_parts]), f, f.limit)
    if len(visible) < f.limit:
        # Every hit is in hand: tell the title matches apart here instead of asking the index again.
        matches = _title_matcher(words)
        return visible, {r[0] for r in visible if matches(r[2], r[3])}
    title = _fts_rows(db, " AND ".join([f"{_TITLE} : ({text})", *facet_parts]), f, f.limit)
    title_pks = {r[0] for r in title}
    if len(title) >= f.limit:
        return title, title_pks
    return (title + [r for r in visible if r[0] not in title_pks])[: f.limit], title_pks


def _annotated_withdrawn(db, f: SearchFilters) -> list[tuple]:
    """Withdrawn offers the practice kept a note on or marked favourite (few rows)."""
    kept = [r[0] for r in _rows(db, "SELECT s.pk FROM services s WHERE s.withdrawn_at IS NOT NULL AND s.id IN"
                                    " (SELECT service_id FROM notes UNION SELECT service_id FROM favourites)", {})]
    if not kept:
        return []
    where, params = _sql_filters(f._replace(include_withdrawn=True), facets_done=False)
    where.append("s.pk IN (SELECT value FROM json_each(:kept))")
    params["kept"] = json.dumps(kept)
    text = fts_query(f.text)
    if text:
        where.append("s.pk IN (SELECT rowid FROM services_fts WHERE services_fts MATCH :match"
                     " AND rowid IN (SELECT value FROM json_each(:kept)))")
        params["match"] = f"{_VISIBLE} : ({text})"
    return _rows(db, f"SELECT {_COLUMNS} FROM services s WHERE " + " AND ".join(where), params)


def search_offers(db: sqlite3.Connection, filters: SearchFilters) -> list[OfferSummary]:
    """The search the GUI, the CLI and the benchmarks use.

    Order: favourites first, then (with text) offers whose name or organisation matches,
    then the others; alphabetical within each group.
    """
    rows, title_group = _candidates(db, filters)
    if filters.keep_annotated_withdrawn and not filters.include_withdrawn:
        seen = {r[0] for r in rows}
        kept = [r for r in _annotated_withdrawn(db, filters) if r[0] not in seen]
        rows += kept
        title_group.update(r[0] for r in kept)
    if not rows:
        return []
    # Few rows each (the practice's own marks): a set beats a sub-query per result row.
    favourites = {r[0] for r in db.execute("SELECT service_id FROM favourites")}
    notes = {r[0] for r in db.execute("SELECT service_id FROM notes")}
    # A stable sort: rows with the same name keep the order the index gave them.
    rows.sort(key=lambda r: (r[1] not in favourites, r[0] not in title_group, r[2].casefold()))
    return [
        OfferSummary(sid, name, org, min_age, max_age, list(_json_tuple(kinds)), list(_json_tuple(areas)), source,
                     bool(online), bool(referral), withdrawn is not None, sid in favourites, sid in notes)
        for _pk, sid, name, org, min_age, max_age, kinds, areas, source, online, referral, withdrawn in rows
    ]


@lru_cache(maxsize=4096)
def _json_tuple(text: str) -> tuple[str, ...]:
    """A stored JSON list of codes as a tuple; the same few lists recur in every result page."""
    return tuple(json.loads(text))


def has_offers(db: sqlite3.Connection) -> bool:
    """True when at least one offer is not withdrawn (stops at the first; count_offers reads all)."""
    return bool(db.execute("SELECT EXISTS (SELECT 1 FROM services WHERE withdrawn_at IS NULL)").fetchone()[0])


def count_offers(db: sqlite3.Connection) -> int:
    return db.execute(
        "SELECT count(*) FROM services WHERE withdrawn_at IS NULL"
    ).fetchone()[0]
