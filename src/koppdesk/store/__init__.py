"""SQLite storage of the sociale kaart and the practice's local entries (no Qt here).

`Store` is the one object the services talk to; the modules below hold the SQL.  Only
what the GUI's first window needs (open, search, meta) is imported up front; writing,
details and local entries load the pydantic payload models when first used.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from koppdesk.store import search
from koppdesk.store.db import (
    DB_FILENAME,
    DamagedDatabaseError,
    ForeignDatabaseError,
    IntegrityCheck,
    NewerDatabaseError,
    StoreError,
    open_database,
    write_transaction,
)
from koppdesk.store.meta import read_meta, write_meta
from koppdesk.store.search import OfferSummary, SearchFilters

if TYPE_CHECKING:
    from koppdesk.store import local, offers
    from koppdesk.store.apply import ApplyResult

__all__ = [
    "ApplyResult", "DamagedDatabaseError", "ForeignDatabaseError", "IntegrityCheck", "NewerDatabaseError",
    "OfferSummary", "SearchFilters", "Store", "StoreError",
]


def __getattr__(name: str):
    if name == "ApplyResult":  # lazily: it pulls in the payload models
        from koppdesk.store.apply import ApplyResult

        return ApplyResult
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _offers():
    from koppdesk.store import offers

    return offers


def _local():
    from koppdesk.store import local

    return local


class Store:
    """The open koppdesk database.  Create one at start-up and pass it on."""

    def __init__(self, conn: sqlite3.Connection, path: Path):
        self.conn = conn
        self.path = path

    @classmethod
    def open(cls, data_dir: Path, *, full_check: bool = True) -> Store:
        """Open the database; see `open_database` for what `full_check=False` leaves out."""
        path = Path(data_dir) / DB_FILENAME
        return cls(open_database(path, full_check=full_check), path)

    def integrity_check(self) -> IntegrityCheck:
        """A full integrity check of this file that can run on a worker thread."""
        return IntegrityCheck(self.path)

    def close(self) -> None:
        self.conn.close()

    # reading
    def search(self, filters: SearchFilters) -> list[OfferSummary]:
        return search.search_offers(self.conn, filters)

    def offer(self, service_id: str) -> offers.StoredOffer | None:
        return _offers().get_offer(self.conn, service_id)

    def count_offers(self) -> int:
        return search.count_offers(self.conn)

    def has_offers(self) -> bool:
        return search.has_offers(self.conn)

    def meta(self) -> dict[str, str]:
        return read_meta(self.conn)

    def organizations(self):
        return _offers().list_organizations(self.conn)

    # overviews: coverage matrix and chain map (dekking, ketenkaart)
    def coverage(self, codes, bands, problem: str | None = None):
        from koppdesk.store.coverage import coverage_hits

        return coverage_hits(self.conn, codes, bands, problem)

    def areas_with_offers(self) -> list[str]:
        from koppdesk.store.coverage import areas_with_offers

        return areas_with_offers(self.conn)

    def chain(self, code: str):
        from koppdesk.store.chain import chain_organizations

        return chain_organizations(self.conn, code)

    def add_local_role(self, organization_id: str, gemeente: str, role: str) -> None:
        from koppdesk.store.chain import add_local_role

        add_local_role(self.conn, organization_id, gemeente, role)

    def remove_local_role(self, organization_id: str, gemeente: str, role: str) -> bool:
        from koppdesk.store.chain import remove_local_role

        return remove_local_role(self.conn, organization_id, gemeente, role)

    # feed
    def apply_payload(self, payload, *, now, meta=None, check=None) -> ApplyResult:
        from koppdesk.store.apply import apply_payload

        return apply_payload(self.conn, payload, now=now, meta=meta, check=check)

    def update_meta(self, values: dict[str, str], check=None) -> None:
        """Write meta keys in one transaction; `check(conn)` may abort it by raising."""
        with write_transaction(self.conn) as conn:
            if check is not None:
                check(conn)
            write_meta(conn, values)

    # local entries (never touched by a sync)
    def note(self, service_id: str):
        return _local().get_note(self.conn, service_id)

    def set_note(self, service_id: str, text: str) -> None:
        _local().set_note(self.conn, service_id, text)

    def is_favourite(self, service_id: str) -> bool:
        return _local().is_favourite(self.conn, service_id)

    def set_favourite(self, service_id: str, favourite: bool) -> None:
        _local().set_favourite(self.conn, service_id, favourite)

    def save_local_offer(self, org, svc) -> None:
        _local().save_local_offer(self.conn, org, svc)

    def delete_local_offer(self, service_id: str) -> bool:
        return _local().delete_local_offer(self.conn, service_id)

    def contacts(self):
        return _local().list_contacts(self.conn)

    def save_contact(self, contact) -> None:
        _local().save_contact(self.conn, contact)

    def delete_contact(self, contact_id: str) -> None:
        _local().delete_contact(self.conn, contact_id)

    def export_local(self):
        return _local().export_local(self.conn)

    def import_local(self, data) -> local.ImportResult:
        return _local().import_local(self.conn, data)
