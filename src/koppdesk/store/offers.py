"""Writing and reading offer rows (services, organizations, locations)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from koppdesk.models import Location, Organization, Service
from koppdesk.store.background import BackgroundStatements
from koppdesk.store.facets import service_facets
from koppdesk.vocab import OfferKind

Source = Literal["feed", "local"]
Change = Literal["new", "changed", "unchanged"]


def _hash(data: str) -> str:
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def search_text(svc: Service, places: tuple[str, ...], words: tuple[str, ...]) -> str:
    """Text indexed for full-text search besides name and organisation; `words` are the
    offer's kinds and parent problems."""
    parts = (svc.alternate_name, svc.description, svc.eligibility_description, *words, *places)
    return " ".join(p for p in parts if p)


def upsert_organization(
    conn: sqlite3.Connection, org: Organization, source: Source
) -> None:
    conn.execute(
        "INSERT INTO organizations (id, name, source, withdrawn_at, data) VALUES (?, ?, ?, NULL, ?)"
        " ON CONFLICT (id) DO UPDATE SET name = excluded.name, withdrawn_at = NULL,"
        " data = excluded.data WHERE organizations.source = excluded.source",
        (org.id, org.name, source, org.model_dump_json(exclude_defaults=True)),
    )


def upsert_location(conn: sqlite3.Connection, loc: Location, source: Source) -> None:
    conn.execute(
        "INSERT INTO locations (id, source, withdrawn_at, data) VALUES (?, ?, NULL, ?)"
        " ON CONFLICT (id) DO UPDATE SET withdrawn_at = NULL, data = excluded.data"
        " WHERE locations.source = excluded.source",
        (loc.id, source, loc.model_dump_json(exclude_defaults=True)),
    )


_FTS_COLUMNS = "name, organization_name, search_text, facets"


def fts_remove(conn: sqlite3.Connection, pks: list[int]) -> None:
    """Take rows out of the full-text index; call while they still hold their old values."""
    if pks:
        fts_remove_json(conn, json.dumps(pks))


def fts_remove_json(conn: sqlite3.Connection, pks_json: str) -> None:
    """`fts_remove` for keys already encoded as a JSON list."""
    conn.execute(
        f"INSERT INTO services_fts (services_fts, rowid, {_FTS_COLUMNS})"
        f" SELECT 'delete', pk, {_FTS_COLUMNS} FROM services"
        " WHERE pk IN (SELECT value FROM json_each(?))", (pks_json,))


def fts_add(conn: sqlite3.Connection, pks: list[int]) -> None:
    """Index rows as they are now (one statement for the whole batch)."""
    if pks:
        conn.execute(
            f"INSERT INTO services_fts (rowid, {_FTS_COLUMNS})"
            f" SELECT pk, {_FTS_COLUMNS} FROM services WHERE pk IN (SELECT value FROM json_each(?))",
            (json.dumps(pks),))


@dataclass(frozen=True)
class ServiceInput:
    """A service to write, with what the row needs besides the model."""

    service: Service
    organization_name: str
    places: tuple[str, ...] = ()


def existing_services(conn: sqlite3.Connection, ids: list[str] | None = None) -> dict[str, tuple]:
    """id -> (pk, content_hash, withdrawn_at, source, organization_name), for `ids` or all rows."""
    sql = "SELECT id, pk, content_hash, withdrawn_at, source, organization_name FROM services"
    if ids is None:
        rows = conn.execute(sql)
    else:
        rows = conn.execute(sql + " WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(ids),))
    return {r[0]: r[1:] for r in rows}


def _json_codes(values: tuple[str, ...]) -> str:
    """A JSON list of codes (CBS codes, vocabulary values) for display columns, as json.dumps
    writes it; joined directly, it costs a third (this runs for every offer of a sync)."""
    text = '", "'.join(values)
    if '"' in text or "\\" in text:
        return json.dumps(list(values))
    return f'["{text}"]' if values else "[]"


def _row(svc: Service, item: ServiceInput, source: Source, digest: str, data: str) -> tuple:
    kinds = tuple(map(str, svc.kinds))
    areas = tuple(svc.service_areas)
    words = (*kinds, *map(str, svc.parent_problems))
    return (
        svc.organization_id, svc.name, item.organization_name, search_text(svc, item.places, words),
        service_facets(svc), svc.minimum_age, svc.maximum_age, _json_codes(kinds), _json_codes(areas),
        int(OfferKind.ONLINE.value in kinds), int("NL" in areas), int(svc.referral_required),
        str(svc.status), svc.assured_date.isoformat() if svc.assured_date else None,
        source, digest, data,
    )


#: How a large write is split into batches.  While SQLite fills the full-text index for one
#: batch (on a second thread, see store/background.py), Python builds the rows of the next.
#: The first batch is small, so that the indexing starts early; every further batch makes
#: FTS5 write out what it holds in memory once more, so the rest goes in two.  Applying 20,000
#: offers (bench/sync.py, when the filter tables still existed) took 0.73 s this way, 0.76 s
#: in three equal batches and 0.91 s in one; six equal batches were as slow as one.
BATCH_SHARES = (0.1, 0.45, 0.45)
#: Writes smaller than this stay in one batch, on the calling thread.
MIN_BATCH = 1000


@dataclass
class _Batch:
    """The rows of one batch: new rows get the consecutive keys first_pk, first_pk + 1, ..."""

    first_pk: int
    inserts: list[tuple]
    updates: list[tuple]  # row values, then the key

    @cached_property
    def changed_pks(self) -> str:
        """The keys of the updated rows as a JSON list (for json_each)."""
        return json.dumps([row[-1] for row in self.updates])

    def write(self, conn: sqlite3.Connection) -> None:
        """The rows themselves (bound row by row from Python, so on the calling thread)."""
        if self.updates:
            fts_remove_json(conn, self.changed_pks)
            conn.executemany(
                "UPDATE services SET organization_id = ?, name = ?, organization_name = ?,"
                " search_text = ?, facets = ?, minimum_age = ?, maximum_age = ?, kinds = ?, areas = ?,"
                " is_online = ?, is_national = ?, referral_required = ?, status = ?,"
                " assured_date = ?, source = ?, content_hash = ?, data = ?, withdrawn_at = NULL"
                " WHERE pk = ?", self.updates)
        conn.executemany(
            "INSERT INTO services (pk, id, organization_id, name, organization_name, search_text,"
            " facets, minimum_age, maximum_age, kinds, areas, is_online, is_national,"
            " referral_required, status, assured_date, source, content_hash, data)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", self.inserts)

    def index(self, conn: sqlite3.Connection) -> None:
        """The full-text index of the written rows: one statement that runs inside SQLite
        (each such statement makes FTS5 write out its buffer)."""
        if not (self.updates or self.inserts):
            return
        # The new rows as a key range: cheaper to look up than a list of keys.
        where = "s.pk IN (SELECT value FROM json_each(:changed)) OR s.pk BETWEEN :first AND :last"
        params = {"changed": self.changed_pks, "first": self.first_pk,
                  "last": self.first_pk + len(self.inserts) - 1}
        conn.execute(f"INSERT INTO services_fts (rowid, {_FTS_COLUMNS})"
                     f" SELECT s.pk, {_FTS_COLUMNS} FROM services s WHERE {where}", params)


def batch_bounds(count: int) -> list[int]:
    """Where the batches of a write of `count` items start, then `count`."""
    if count <= MIN_BATCH:
        return [0, count]
    bounds, done = [0], 0.0
    for share in BATCH_SHARES[:-1]:
        done += share
        bounds.append(round(count * done))
    return [*bounds, count]


def _build_batch(items: list[ServiceInput], existing: dict[str, tuple], source: Source, first_pk: int,
                 changes: dict[str, Change]) -> _Batch:
    """The rows of `items` that are new or changed (pure Python: runs while SQLite indexes)."""
    batch = _Batch(first_pk, [], [])
    for item in items:
        svc = item.service
        data = svc.model_dump_json(exclude_defaults=True)
        digest = _hash(data)
        old = existing.get(svc.id)
        if old is not None:
            pk, old_hash, withdrawn_at, old_source, old_org = old
            if old_source != source:
                raise ValueError(f"service {svc.id} is {old_source}, not {source}")
            if old_hash == digest and withdrawn_at is None and old_org == item.organization_name:
                changes[svc.id] = "unchanged"
                continue
            batch.updates.append((*_row(svc, item, source, digest, data), pk))
            changes[svc.id] = "changed"
        else:
            batch.inserts.append((first_pk + len(batch.inserts), svc.id, *_row(svc, item, source, digest, data)))
            changes[svc.id] = "new"
    return batch


def write_services(
    conn: sqlite3.Connection,
    items: list[ServiceInput],
    *,
    source: Source,
    existing: dict[str, tuple] | None = None,
) -> dict[str, Change]:
    """Insert or update service rows and their full-text index, in batches.

    `existing` (from `existing_services`) may be passed when the caller already has it.
    Call inside a write transaction.
    """
    if existing is None:
        existing = existing_services(conn, [i.service.id for i in items])
    changes: dict[str, Change] = {}
    next_pk = conn.execute("SELECT coalesce(max(pk), 0) + 1 FROM services").fetchone()[0]
    bounds = batch_bounds(len(items))
    with BackgroundStatements(conn, threaded=len(bounds) > 2) as background:
        for start, end in zip(bounds, bounds[1:]):
            batch = _build_batch(items[start:end], existing, source, next_pk, changes)
            next_pk += len(batch.inserts)
            background.wait()  # the connection is free again
            batch.write(conn)
            background.run(batch.index)
    return changes


def upsert_service(
    conn: sqlite3.Connection,
    svc: Service,
    *,
    organization_name: str,
    places: list[str],
    source: Source,
) -> Change:
    """Insert or update one service row (see `write_services`)."""
    item = ServiceInput(svc, organization_name, tuple(places))
    return write_services(conn, [item], source=source)[svc.id]


def delete_service(conn: sqlite3.Connection, service_id: str, source: Source) -> bool:
    row = conn.execute("SELECT pk FROM services WHERE id = ? AND source = ?", (service_id, source)).fetchone()
    if row is None:
        return False
    fts_remove(conn, [row[0]])
    conn.execute("DELETE FROM services WHERE pk = ?", (row[0],))
    return True


@dataclass(frozen=True)
class StoredOffer:
    """A service as stored, with its organisation and locations resolved."""

    service: Service
    organization: Organization | None
    locations: list[Location]
    source: Source
    withdrawn_at: str | None


def get_offer(db: sqlite3.Connection, service_id: str) -> StoredOffer | None:
    row = db.execute(
        "SELECT data, source, withdrawn_at FROM services WHERE id = ?", [service_id]
    ).fetchone()
    if row is None:
        return None
    svc = Service.model_validate_json(row[0])
    org_row = db.execute(
        "SELECT data FROM organizations WHERE id = ?", [svc.organization_id]
    ).fetchone()
    org = Organization.model_validate_json(org_row[0]) if org_row else None
    locations = []
    for loc_id in svc.location_ids:
        loc_row = db.execute("SELECT data FROM locations WHERE id = ?", [loc_id]).fetchone()
        if loc_row:
            locations.append(Location.model_validate_json(loc_row[0]))
    return StoredOffer(svc, org, locations, row[1], row[2])


def list_organizations(db: sqlite3.Connection, *, include_withdrawn: bool = False) -> list[Organization]:
    where = "" if include_withdrawn else " WHERE withdrawn_at IS NULL"
    return [
        Organization.model_validate_json(r[0])
        for r in db.execute(f"SELECT data FROM organizations{where} ORDER BY name")
    ]
