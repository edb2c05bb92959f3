"""Applying a validated payload to the live database in one transaction."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from koppdesk.store.db import write_transaction
from koppdesk.store.facets import DEAD
from koppdesk.store.meta import write_meta
from koppdesk.store.offers import (
    ServiceInput,
    existing_services,
    fts_add,
    fts_remove,
    upsert_location,
    upsert_organization,
    write_services,
)

if TYPE_CHECKING:
    from koppdesk.models import Payload


@dataclass(frozen=True)
class ApplyResult:
    new: int
    changed: int
    withdrawn: int
    unchanged: int

    @property
    def total(self) -> int:
        return self.new + self.changed + self.unchanged


def apply_payload(
    db: sqlite3.Connection,
    payload: Payload,
    *,
    now: datetime,
    meta: dict[str, str] | None = None,
    check: Callable[[sqlite3.Connection], None] | None = None,
) -> ApplyResult:
    """Upsert every feed row by id, mark feed rows missing from `payload` as withdrawn,
    and store `meta` (sync state) — all in one `BEGIN IMMEDIATE` transaction.

    `check(conn)` runs first inside that transaction (with the write lock held); raising
    from it rolls back and leaves the database as it was (sync: concurrent run, diff guard).
    Rows with source = 'local', notes, favourites and contacts are never touched.
    """
    stamp = now.isoformat()
    counts = {"new": 0, "changed": 0, "unchanged": 0}
    org_names = {o.id: o.name for o in payload.organizations}
    cities = {
        loc.id: [part for part in (loc.name, loc.address.city if loc.address else "") if part]
        for loc in payload.locations
    }
    with write_transaction(db) as conn:
        if check is not None:
            check(conn)
        for org in payload.organizations:
            upsert_organization(conn, org, "feed")
        for loc in payload.locations:
            upsert_location(conn, loc, "feed")
        items = [
            ServiceInput(svc, org_names[svc.organization_id],
                         tuple(p for loc_id in svc.location_ids for p in cities.get(loc_id, [])))
            for svc in payload.services
        ]
        changes = write_services(conn, items, source="feed", existing=existing_services(conn))
        for change in changes.values():
            counts[change] += 1
        withdrawn = 0
        for table, ids in (
            ("services", [s.id for s in payload.services]),
            ("organizations", list(org_names)),
            ("locations", [loc.id for loc in payload.locations]),
        ):
            conn.execute("CREATE TEMP TABLE IF NOT EXISTS keep_ids (id TEXT PRIMARY KEY)")
            conn.execute("DELETE FROM keep_ids")
            conn.executemany("INSERT OR IGNORE INTO keep_ids (id) VALUES (?)", [(i,) for i in ids])
            gone = " WHERE source = 'feed' AND withdrawn_at IS NULL AND id NOT IN (SELECT id FROM keep_ids)"
            if table == "services":
                pks = [r[0] for r in conn.execute("SELECT pk FROM services" + gone)]
                fts_remove(conn, pks)
                conn.execute(f"UPDATE services SET withdrawn_at = ?, facets = facets || ' {DEAD}'"
                             " WHERE pk IN (SELECT value FROM json_each(?))", (stamp, json.dumps(pks)))
                fts_add(conn, pks)
                withdrawn = len(pks)
            else:
                conn.execute(f"UPDATE {table} SET withdrawn_at = ?" + gone, (stamp,))
        conn.execute("DELETE FROM keep_ids")
        write_meta(conn, {"data_generated": payload.generated.isoformat(),
                          "data_publisher": payload.publisher, "data_applied": stamp,
                          **(meta or {})})
    return ApplyResult(counts["new"], counts["changed"], withdrawn, counts["unchanged"])
