"""Opening the store at start-up: first-run seeding and the way out of a damaged file."""

from __future__ import annotations

import logging
import shutil
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from koppdesk.bundle import demo_payload_path
from koppdesk.store import Store, StoreError
from koppdesk.store.db import DB_FILENAME

if TYPE_CHECKING:  # the payload models load only when a payload is read (not on a normal start)
    from koppdesk.models import LocalExport, Payload

log = logging.getLogger(__name__)


class PayloadFileError(Exception):
    """A payload file that cannot be read or does not validate (Dutch message)."""


def load_payload_file(path: Path) -> Payload:
    from pydantic import ValidationError

    from koppdesk.models import Payload

    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise PayloadFileError(f"Kan {path} niet lezen: {exc.strerror}") from exc
    try:
        return Payload.model_validate_json(raw)
    except ValidationError as exc:
        log.error("payload %s invalid: %s", path, exc)
        raise PayloadFileError(f"{path} is geen geldige sociale kaart ({exc.error_count()} fouten).") from exc


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def seed_if_empty(store: Store) -> bool:
    """On first run, fill the store from the bundled demo sociale kaart."""
    if "data_applied" in store.meta():
        return False
    payload = load_payload_file(demo_payload_path())
    store.apply_payload(payload, now=_now(), meta={"data_source": "demo"})
    log.info("seeded %s from demo payload (%d offers)", store.path, len(payload.services))
    return True


def open_store(data_dir: Path, *, full_check: bool = True) -> Store:
    """Open the store in `data_dir`, seeding it on first run.  Raises StoreError."""
    store = Store.open(data_dir, full_check=full_check)
    seed_if_empty(store)
    return store


class RescueReport(NamedTuple):  # not a dataclass: creating one costs ~0.3 ms at start-up
    moved_to: Path
    rebuilt_from: str  # "laatste feed" or "demo"
    local_entries_kept: bool


def rescue_damaged(data_dir: Path) -> RescueReport:
    """Move a damaged database aside, rebuild it, and keep local entries if readable."""
    path = Path(data_dir) / DB_FILENAME
    stamp = _now().strftime("%Y%m%dT%H%M%SZ")
    aside = path.with_name(f"{path.stem}.damaged-{stamp}.sqlite")
    salvaged = _salvage_local(path)
    for suffix in ("", "-wal", "-shm"):
        src = Path(str(path) + suffix)
        if src.exists():
            shutil.move(src, Path(str(aside) + suffix))
    log.warning("moved damaged database %s to %s", path, aside)
    store = Store.open(data_dir)
    try:
        from koppdesk.feed.last_feed import LAST_FEED_FILENAME  # rare: not on the start path

        last_feed = Path(data_dir) / LAST_FEED_FILENAME
        source = "demo"
        if last_feed.exists():
            try:
                store.apply_payload(load_payload_file(last_feed), now=_now(), meta={"data_source": "feed"})
                source = "laatste feed"
            except PayloadFileError:
                log.warning("last feed copy %s unusable; rebuilding from demo", last_feed)
        if source == "demo":
            seed_if_empty(store)
        if salvaged is not None:
            store.import_local(salvaged)
    finally:
        store.close()
    return RescueReport(aside, source, salvaged is not None)


def _salvage_local(path: Path) -> LocalExport | None:
    """Read local entries from a damaged file, if SQLite can still read those tables."""
    from pydantic import ValidationError

    from koppdesk.store.local import export_local

    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        data = export_local(conn)
        conn.close()
        return data
    except (sqlite3.Error, ValidationError, StoreError, ValueError) as exc:
        log.warning("could not salvage local entries from %s: %s", path, exc)
        return None
