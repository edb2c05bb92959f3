"""Key/value state kept in the database (sync state, data age)."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone


def write_meta(conn: sqlite3.Connection, values: dict[str, str]) -> None:
    """Write meta keys; call inside a write transaction."""
    conn.executemany(
        "INSERT INTO meta (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [(k, str(v)) for k, v in values.items()],
    )


def read_meta(db: sqlite3.Connection) -> dict[str, str]:
    return dict(db.execute("SELECT key, value FROM meta").fetchall())


def meta_time(value: str | None) -> datetime | None:
    """A timestamp stored as ISO text in meta; None when absent or unreadable, UTC when naive."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
