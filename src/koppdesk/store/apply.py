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
        existing = existing_services(conn)
        changes = write_services(conn, items, source="feed", existing=existing)
        for change in changes.values():
            counts[change] += 1
        # Feed rows the payload no longer has are withdrawn (kept, so their notes stay).
        gone = [pk for sid, (pk, _, withdrawn_at, source, _) in existing.items()
                if source == "feed" and withdrawn_at is None and sid not in changes]
        fts_remove(conn, gone)
        conn.execute("UPDATE services SET withdrawn_at = ?, facets = facets || ' ' || ?"
                     " WHERE pk IN (SELECT value FROM json_each(?))", (stamp, DEAD, json.dumps(gone)))
        fts_add(conn, gone)
        for table, ids in (("organizations", org_names), ("locations", {loc.id for loc in payload.locations})):
            current = [r[0] for r in conn.execute(
                f"SELECT id FROM {table} WHERE source = 'feed' AND withdrawn_at IS NULL")]
            conn.execute(f"UPDATE {table} SET withdrawn_at = ? WHERE id IN (SELECT value FROM json_each(?))",
                         (stamp, json.dumps([i for i in current if i not in ids])))
        write_meta(conn, {"data_generated": payload.generated.isoformat(),
                          "data_publisher": payload.publisher, "data_applied": stamp,
                          **(meta or {})})
    return ApplyResult(counts["new"], counts["changed"], len(gone), counts["unchanged"])
