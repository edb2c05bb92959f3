"""Opening the SQLite file safely: identity, version, integrity, journal mode, migrations."""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from koppdesk.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

log = logging.getLogger(__name__)

DB_FILENAME = "koppdesk.sqlite"


class StoreError(Exception):
    """A database problem with a Dutch message for the user (str) and details in the log."""


class NewerDatabaseError(StoreError):
    pass


class ForeignDatabaseError(StoreError):
    pass


class DamagedDatabaseError(StoreError):
    pass


def is_network_path(path: Path) -> bool:
    """True when `path` lies on a network share, where SQLite's WAL mode is unsafe."""
    resolved = str(path.resolve())
    if sys.platform == "win32":
        if resolved.startswith("\\\\"):
            return True
        try:
            import ctypes

            drive = os.path.splitdrive(resolved)[0] + "\\"
            return ctypes.windll.kernel32.GetDriveTypeW(drive) == 4  # DRIVE_REMOTE
        except (AttributeError, OSError):
            return False
    try:
        with open("/proc/mounts", encoding="utf-8") as mounts:
            best, best_type = "", ""
            for line in mounts:
                fields = line.split()
                if len(fields) >= 3 and resolved.startswith(fields[1]) and len(fields[1]) > len(best):
                    best, best_type = fields[1], fields[2]
    except OSError:
        return False
    return best_type in {"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "9p"}


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=10, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 10000")
    return conn


def backup_database(conn: sqlite3.Connection, target: Path) -> Path:
    """Copy the live database to `target` with the backup API and verify the copy."""
    dest = sqlite3.connect(target)
    try:
        conn.backup(dest)
        result = dest.execute("PRAGMA quick_check").fetchone()[0]
    finally:
        dest.close()
    if result != "ok":
        target.unlink(missing_ok=True)
        raise StoreError("De reservekopie van de database is niet in orde; er is niets gewijzigd.")
    return target


def _timestamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def _migrate(conn: sqlite3.Connection, path: Path, current: int) -> None:
    if current > 0:
        backup = path.with_name(f"{path.stem}.backup-v{current}-{_timestamp()}.sqlite")
        backup_database(conn, backup)
        log.info("backed up %s to %s before migrating v%d -> v%d", path, backup, current, SCHEMA_VERSION)
    conn.execute("BEGIN IMMEDIATE")
    try:
        for version in range(current, SCHEMA_VERSION):
            for statement in _split_statements(MIGRATIONS[version]):
                conn.execute(statement)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _split_statements(script: str) -> list[str]:
    """Split a migration script into complete statements (triggers contain `;`)."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        if line.strip().startswith("--") and not buffer.strip():
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements


def open_database(path: Path) -> sqlite_utils.Database:
    """Open (creating if needed) and check the koppdesk database at `path`.

    Raises NewerDatabaseError, ForeignDatabaseError or DamagedDatabaseError with a Dutch
    message; the file is never changed in those cases.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = _connect(path)
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
    except sqlite3.DatabaseError as exc:
        conn.close()
        log.error("cannot read database header of %s: %s", path, exc)
        raise DamagedDatabaseError(
            f"Het databasebestand {path} is beschadigd of geen koppdesk-bestand."
        ) from exc
    if has_tables and app_id != APPLICATION_ID:
        conn.close()
        log.error("%s has application_id %#x, expected %#x", path, app_id, APPLICATION_ID)
        raise ForeignDatabaseError(f"{path} is geen koppdesk-database; er is niets gewijzigd.")
    if version > SCHEMA_VERSION:
        conn.close()
        log.error("%s has user_version %d, this build knows %d", path, version, SCHEMA_VERSION)
        raise NewerDatabaseError(
            "Deze database is gemaakt door een nieuwere versie van koppdesk. "
            "Installeer de nieuwste versie; de gegevens blijven bewaard."
        )
    if has_tables:
        try:
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            check = str(exc)
        if check != "ok":
            conn.close()
            log.error("quick_check of %s failed: %s", path, check)
            raise DamagedDatabaseError(f"Het databasebestand {path} is beschadigd ({check}).")
    journal = "DELETE" if is_network_path(path) else "WAL"
    if journal == "DELETE":
        log.warning("%s is on a network share: using DELETE journal instead of WAL", path)
    conn.execute(f"PRAGMA journal_mode = {journal}")
    conn.execute("PRAGMA synchronous = NORMAL" if journal == "WAL" else "PRAGMA synchronous = FULL")
    if version < SCHEMA_VERSION:
        _migrate(conn, path, version)
    return sqlite_utils.Database(conn)


class write_transaction:  # noqa: N801 - used as a context manager like a function
    """`BEGIN IMMEDIATE` ... `COMMIT`, or `ROLLBACK` on any exception.

    The connection runs in autocommit mode, so this is the only place a write
    transaction starts.  Do not call sqlite-utils' own write helpers inside it: they
    commit on their own.
    """

    def __init__(self, db: sqlite_utils.Database):
        self.conn = db.conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.conn.execute("COMMIT")
        else:
            self.conn.execute("ROLLBACK")
