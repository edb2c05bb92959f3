"""Writing and reading offer rows (services, organizations, locations)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from typing import Literal

from koppdesk.models import Location, Organization, Service
from koppdesk.store.facets import service_facets

Source = Literal["feed", "local"]
Change = Literal["new", "changed", "unchanged"]


def _hash(data: str) -> str:
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def search_text(svc: Service, places: list[str]) -> str:
    """Text indexed for full-text search besides name and organisation."""
    parts = [svc.alternate_name or "", svc.description, svc.eligibility_description or ""]
    parts += [str(k) for k in svc.kinds] + [str(p) for p in svc.parent_problems]
    parts += places
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


def upsert_service(
    conn: sqlite3.Connection,
    svc: Service,
    *,
    organization_name: str,
    places: list[str],
    source: Source,
) -> Change:
    """Insert or update one service row and its filter rows; report what happened."""
    data = svc.model_dump_json(exclude_defaults=True)
    digest = _hash(data)
    existing = conn.execute(
        "SELECT pk, content_hash, withdrawn_at, source, organization_name FROM services WHERE id = ?",
        (svc.id,),
    ).fetchone()
    if existing is not None:
        pk, old_hash, withdrawn_at, old_source, old_org = existing
        if old_source != source:
            raise ValueError(f"service {svc.id} is {old_source}, not {source}")
        if old_hash == digest and withdrawn_at is None and old_org == organization_name:
            return "unchanged"
    row = (
        svc.id, svc.organization_id, svc.name, organization_name, search_text(svc, places),
        service_facets(svc),
        svc.minimum_age, svc.maximum_age,
        json.dumps([str(k) for k in svc.kinds]), json.dumps(svc.service_areas),
        int(svc.is_online), int(svc.is_national), int(svc.referral_required),
        str(svc.status), svc.assured_date.isoformat() if svc.assured_date else None,
        source, digest, data,
    )
    if existing is None:
        cur = conn.execute(
            "INSERT INTO services (id, organization_id, name, organization_name, search_text,"
            " facets, minimum_age, maximum_age, kinds, areas, is_online, is_national,"
            " referral_required, status, assured_date, source, content_hash, data)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            row,
        )
        pk = cur.lastrowid
    else:
        conn.execute(
            "UPDATE services SET organization_id = ?, name = ?, organization_name = ?,"
            " search_text = ?, facets = ?, minimum_age = ?, maximum_age = ?, kinds = ?, areas = ?,"
            " is_online = ?, is_national = ?, referral_required = ?, status = ?,"
            " assured_date = ?, source = ?, content_hash = ?, data = ?, withdrawn_at = NULL"
            " WHERE pk = ?",
            (*row[1:], pk),
        )
        for table in ("service_areas", "service_kinds", "service_problems"):
            conn.execute(f"DELETE FROM {table} WHERE service_pk = ?", (pk,))
    conn.executemany(
        "INSERT INTO service_areas (area, service_pk) VALUES (?, ?)",
        [(a, pk) for a in dict.fromkeys(svc.service_areas)],
    )
    conn.executemany(
        "INSERT INTO service_kinds (kind, service_pk) VALUES (?, ?)",
        [(str(k), pk) for k in dict.fromkeys(svc.kinds)],
    )
    conn.executemany(
        "INSERT INTO service_problems (problem, service_pk) VALUES (?, ?)",
        [(str(p), pk) for p in dict.fromkeys(svc.parent_problems)],
    )
    return "new" if existing is None else "changed"


def delete_service(conn: sqlite3.Connection, service_id: str, source: Source) -> bool:
    cur = conn.execute("DELETE FROM services WHERE id = ? AND source = ?", (service_id, source))
    return cur.rowcount > 0


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
