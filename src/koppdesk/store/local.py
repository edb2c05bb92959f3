"""The practice's own entries: local offers, notes, favourites, personal contacts.

Nothing here is ever touched by a feed sync (feed rows have source = 'feed', and notes,
favourites and contacts live in their own tables).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone

from koppdesk.models import (
    LocalContact,
    LocalExport,
    LocalNote,
    LocalOrganizationRole,
    Organization,
    Service,
)
from koppdesk.store.db import write_transaction
from koppdesk.store.offers import delete_service, upsert_organization, upsert_service


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


# -- notes and favourites ---------------------------------------------------------------

def get_note(db: sqlite3.Connection, service_id: str) -> LocalNote | None:
    row = db.execute("SELECT service_id, text, updated FROM notes WHERE service_id = ?", [service_id]).fetchone()
    return LocalNote(service_id=row[0], text=row[1], updated=row[2]) if row else None


def set_note(db: sqlite3.Connection, service_id: str, text: str) -> None:
    """Save a note; an empty text removes it."""
    with write_transaction(db) as conn:
        if text.strip():
            note = LocalNote(service_id=service_id, text=text, updated=_now())
            conn.execute(
                "INSERT INTO notes (service_id, text, updated) VALUES (?, ?, ?)"
                " ON CONFLICT (service_id) DO UPDATE SET text = excluded.text, updated = excluded.updated",
                (note.service_id, note.text, note.updated.isoformat()),
            )
        else:
            conn.execute("DELETE FROM notes WHERE service_id = ?", (service_id,))


def is_favourite(db: sqlite3.Connection, service_id: str) -> bool:
    return db.execute("SELECT 1 FROM favourites WHERE service_id = ?", [service_id]).fetchone() is not None


def set_favourite(db: sqlite3.Connection, service_id: str, favourite: bool) -> None:
    with write_transaction(db) as conn:
        if favourite:
            conn.execute(
                "INSERT OR IGNORE INTO favourites (service_id, added) VALUES (?, ?)",
                (service_id, _now().isoformat()),
            )
        else:
            conn.execute("DELETE FROM favourites WHERE service_id = ?", (service_id,))


# -- local offers -----------------------------------------------------------------------

def save_local_offer(db: sqlite3.Connection, org: Organization, svc: Service) -> None:
    """Create or update a practice-own offer with its (local) organisation."""
    if not svc.id.startswith("lokaal-") or not org.id.startswith("lokaal-"):
        raise ValueError("local offers need ids starting with 'lokaal-'")
    with write_transaction(db) as conn:
        upsert_organization(conn, org, "local")
        upsert_service(conn, svc, organization_name=org.name, places=[], source="local")


def delete_local_offer(db: sqlite3.Connection, service_id: str) -> bool:
    with write_transaction(db) as conn:
        return delete_service(conn, service_id, "local")


# -- personal contacts ------------------------------------------------------------------

def list_contacts(db: sqlite3.Connection) -> list[LocalContact]:
    rows = db.execute(
        "SELECT id, name, organization, role, phone, email, gemeente, chain_roles, note, updated"
        " FROM local_contacts ORDER BY name COLLATE NOCASE"
    ).fetchall()
    return [_contact(r) for r in rows]


def _contact(r: tuple) -> LocalContact:
    return LocalContact(
        id=r[0], name=r[1], organization=r[2], role=r[3], phone=r[4], email=r[5],
        gemeente=r[6], chain_roles=json.loads(r[7]), note=r[8], updated=r[9],
    )


def _write_contact(conn, c: LocalContact) -> None:
    conn.execute(
        "INSERT INTO local_contacts (id, name, organization, role, phone, email, gemeente,"
        " chain_roles, note, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (id) DO UPDATE SET name = excluded.name, organization = excluded.organization,"
        " role = excluded.role, phone = excluded.phone, email = excluded.email,"
        " gemeente = excluded.gemeente, chain_roles = excluded.chain_roles,"
        " note = excluded.note, updated = excluded.updated",
        (c.id, c.name, c.organization, c.role, c.phone, c.email, c.gemeente,
         json.dumps([str(r) for r in c.chain_roles]), c.note, c.updated.isoformat()),
    )


def save_contact(db: sqlite3.Connection, contact: LocalContact) -> None:
    with write_transaction(db) as conn:
        _write_contact(conn, contact)


def delete_contact(db: sqlite3.Connection, contact_id: str) -> None:
    with write_transaction(db) as conn:
        conn.execute("DELETE FROM local_contacts WHERE id = ?", (contact_id,))


# -- export / import --------------------------------------------------------------------

def export_local(db: sqlite3.Connection) -> LocalExport:
    orgs = [Organization.model_validate_json(r[0]) for r in db.execute(
        "SELECT data FROM organizations WHERE source = 'local' ORDER BY id")]
    services = [Service.model_validate_json(r[0]) for r in db.execute(
        "SELECT data FROM services WHERE source = 'local' ORDER BY id")]
    notes = [LocalNote(service_id=r[0], text=r[1], updated=r[2]) for r in db.execute(
        "SELECT service_id, text, updated FROM notes ORDER BY service_id")]
    favourites = [r[0] for r in db.execute("SELECT service_id FROM favourites ORDER BY service_id")]
    roles = [LocalOrganizationRole(organization_id=r[0], gemeente=r[1], role=r[2], added=r[3]) for r in db.execute(
        "SELECT organization_id, gemeente, role, added FROM local_org_roles ORDER BY organization_id, gemeente, role")
    ] if _has_table(db, "local_org_roles") else []  # a damaged file being rescued may predate the table
    return LocalExport(
        exported=_now(), organizations=orgs, services=services, notes=notes,
        favourites=favourites, contacts=list_contacts(db), organization_roles=roles,
    )


def _has_table(db: sqlite3.Connection, name: str) -> bool:
    return db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [name]).fetchone() is not None


@dataclass(frozen=True)
class ImportResult:
    offers: int
    notes: int
    favourites: int
    contacts: int
    roles: int = 0


def import_local(db: sqlite3.Connection, data: LocalExport) -> ImportResult:
    """Merge a colleague's export: offers and contacts by id, newer notes win."""
    org_names = {o.id: o.name for o in data.organizations}
    notes = 0
    with write_transaction(db) as conn:
        for org in data.organizations:
            upsert_organization(conn, org, "local")
        for svc in data.services:
            if svc.organization_id not in org_names:
                raise ValueError(f"organisatie {svc.organization_id} van {svc.id} ontbreekt in het bestand")
            upsert_service(conn, svc, organization_name=org_names[svc.organization_id],
                           places=[], source="local")
        for note in data.notes:
            cur = conn.execute(
                "INSERT INTO notes (service_id, text, updated) VALUES (?, ?, ?)"
                " ON CONFLICT (service_id) DO UPDATE SET text = excluded.text,"
                " updated = excluded.updated WHERE excluded.updated > notes.updated",
                (note.service_id, note.text, note.updated.isoformat()),
            )
            notes += cur.rowcount
        for service_id in data.favourites:
            conn.execute(
                "INSERT OR IGNORE INTO favourites (service_id, added) VALUES (?, ?)",
                (service_id, _now().isoformat()),
            )
        for contact in data.contacts:
            _write_contact(conn, contact)
        conn.executemany(
            "INSERT OR IGNORE INTO local_org_roles (organization_id, gemeente, role, added) VALUES (?, ?, ?, ?)",
            [(r.organization_id, r.gemeente, str(r.role), r.added.isoformat()) for r in data.organization_roles])
    return ImportResult(len(data.services), notes, len(data.favourites), len(data.contacts),
                        len(data.organization_roles))
