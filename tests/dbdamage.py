"""Damaging a real database file on purpose, for the rescue tests."""

import sqlite3
from pathlib import Path

from koppdesk.store.db import DB_FILENAME


def damage_feed_index(data_dir: Path) -> None:
    """Overwrite the pages of the full-text index's segments; header, schema, the offers and
    the local tables stay readable (the first window lists offers without the index)."""
    path = data_dir / DB_FILENAME
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = [r[0] for r in conn.execute(
        "SELECT pageno FROM dbstat WHERE name IN ('services_fts_data', 'services_fts_idx')")]
    conn.close()
    raw = bytearray(path.read_bytes())
    for pageno in pages:
        raw[(pageno - 1) * page_size:pageno * page_size] = b"\x5a" * page_size
    path.write_bytes(bytes(raw))
    for suffix in ("-wal", "-shm"):
        (data_dir / (DB_FILENAME + suffix)).unlink(missing_ok=True)
