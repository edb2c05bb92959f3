"""SQLite storage of the sociale kaart and the practice's local entries (no Qt here).

`Store` is the one object the services talk to; the modules below hold the SQL.
"""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from koppdesk.store import local, offers, search
from koppdesk.store.apply import ApplyResult, apply_payload
from koppdesk.store.db import (
    DB_FILENAME,
    write_transaction,
    DamagedDatabaseError,
    ForeignDatabaseError,
    NewerDatabaseError,
    StoreError,
    open_database,
)
from koppdesk.store.meta import read_meta, write_meta
from koppdesk.store.search import OfferSummary, SearchFilters

__all__ = [
    "ApplyResult", "DamagedDatabaseError", "ForeignDatabaseError", "NewerDatabaseError",
    "OfferSummary", "SearchFilters", "Store", "StoreError",
]


class Store:
    """The open koppdesk database.  Create one at start-up and pass it on."""

    def __init__(self, db: sqlite_utils.Database, path: Path):
        self.db = db
        self.path = path

    @classmethod
    def open(cls, data_dir: Path) -> Store:
        path = Path(data_dir) / DB_FILENAME
        return cls(open_database(path), path)

    def close(self) -> None:
        self.db.conn.close()

    # reading
    def search(self, filters: SearchFilters) -> list[OfferSummary]:
        return search.search_offers(self.db, filters)

    def offer(self, service_id: str) -> offers.StoredOffer | None:
        return offers.get_offer(self.db, service_id)

    def count_offers(self) -> int:
        return search.count_offers(self.db)

    def meta(self) -> dict[str, str]:
        return read_meta(self.db)

    def organizations(self):
        return offers.list_organizations(self.db)

    # feed
    def apply_payload(self, payload, *, now, meta=None, check=None) -> ApplyResult:
        return apply_payload(self.db, payload, now=now, meta=meta, check=check)

    def update_meta(self, values: dict[str, str], check=None) -> None:
        """Write meta keys in one transaction; `check(conn)` may abort it by raising."""
        with write_transaction(self.db) as conn:
            if check is not None:
                check(conn)
            write_meta(conn, values)

    # local entries (never touched by a sync)
    def note(self, service_id: str):
        return local.get_note(self.db, service_id)

    def set_note(self, service_id: str, text: str) -> None:
        local.set_note(self.db, service_id, text)

    def is_favourite(self, service_id: str) -> bool:
        return local.is_favourite(self.db, service_id)

    def set_favourite(self, service_id: str, favourite: bool) -> None:
        local.set_favourite(self.db, service_id, favourite)

    def save_local_offer(self, org, svc) -> None:
        local.save_local_offer(self.db, org, svc)

    def delete_local_offer(self, service_id: str) -> bool:
        return local.delete_local_offer(self.db, service_id)

    def contacts(self):
        return local.list_contacts(self.db)

    def save_contact(self, contact) -> None:
        local.save_contact(self.db, contact)

    def delete_contact(self, contact_id: str) -> None:
        local.delete_contact(self.db, contact_id)

    def export_local(self):
        return local.export_local(self.db)

    def import_local(self, data) -> local.ImportResult:
        return local.import_local(self.db, data)
