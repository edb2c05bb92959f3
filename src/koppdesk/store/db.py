"""Opening the SQLite file safely: identity, version, integrity, journal mode, migrations."""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
import threading
from datetime import datetime, timezone
from pathlib import Path

from koppdesk.store.schema import APPLICATION_ID, FTS_HASHSIZE, MIGRATIONS, SCHEMA_VERSION

log = logging.getLogger(__name__)

DB_FILENAME = "koppdesk.sqlite"
#: Upper bound of the memory map SQLite reads the file through (address space, not memory).
MMAP_BYTES = 1 << 30


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
    # So that a REPLACE also fires the delete triggers that keep the FTS index in step.
    conn.execute("PRAGMA recursive_triggers = ON")
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


def _quick_check(conn: sqlite3.Connection) -> str | None:
    """None when `PRAGMA quick_check` finds the file sound, else what it found."""
    try:
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        check = str(exc)
    return None if check == "ok" else check


def damaged(path: Path, problem: str) -> DamagedDatabaseError:
    log.error("quick_check of %s failed: %s", path, problem)
    return DamagedDatabaseError(f"Het databasebestand {path} is beschadigd ({problem}).")


class IntegrityCheck:
    """`PRAGMA quick_check` of a database file on its own read-only connection.

    Safe to `run` on a worker thread while the application reads and writes through its
    own connection; `cancel` (from any thread) interrupts a check in progress.
    """

    def __init__(self, path: Path):
        self.path = path
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._cancelled = False

    def run(self) -> DamagedDatabaseError | None:
        """The damage found (not raised), or None when sound or cancelled."""
        with self._lock:
            if self._cancelled:
                return None
            try:
                self._conn = sqlite3.connect(f"{Path(self.path).resolve().as_uri()}?mode=ro",
                                             uri=True, check_same_thread=False)
            except sqlite3.Error as exc:
                return damaged(self.path, str(exc))
        try:
            problem = _quick_check(self._conn)
        finally:
            with self._lock:
                self._conn.close()
                self._conn = None
        if self._cancelled:
            return None
        return None if problem is None else damaged(self.path, problem)

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            if self._conn is not None:
                self._conn.interrupt()


def open_database(path: Path, *, full_check: bool = True) -> sqlite3.Connection:
    """Open (creating if needed) and check the koppdesk database at `path`.

    Raises NewerDatabaseError, ForeignDatabaseError or DamagedDatabaseError with a Dutch
    message; the file is never changed in those cases.  The header and schema are always
    checked; `full_check=False` leaves out `PRAGMA quick_check`, which reads the whole file
    (0.15 s for a national sociale kaart, more from a cold disk): the GUI then runs it in
    the background with `IntegrityCheck` after its window is up.
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
    if has_tables and full_check:
        problem = _quick_check(conn)
        if problem is not None:
            conn.close()
            raise damaged(path, problem)
    journal = "DELETE" if is_network_path(path) else "WAL"
    if journal == "DELETE":
        log.warning("%s is on a network share: using DELETE journal instead of WAL", path)
    conn.execute(f"PRAGMA journal_mode = {journal}")
    conn.execute("PRAGMA synchronous = NORMAL" if journal == "WAL" else "PRAGMA synchronous = FULL")
    if journal == "WAL":
        # Read pages through a memory map instead of a read() and a copy each: the search
        # joins its full-text hits to rows spread over the whole file (bench/search.py).
        # Not on network shares, where a failing read would end the process.
        conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
    if version < SCHEMA_VERSION:
        _migrate(conn, path, version)
    tune_fts(conn)
    return conn


def tune_fts(conn: sqlite3.Connection) -> None:
    """Store FTS5's buffer size for pending index entries (`schema.FTS_HASHSIZE`) in the file,
    once; later opens only read it.  A SQLite that refuses the setting keeps its default."""
    try:
        row = conn.execute("SELECT v FROM services_fts_config WHERE k = 'hashsize'").fetchone()
        if row is not None and row[0] == FTS_HASHSIZE:
            return
        with write_transaction(conn):
            conn.execute("INSERT INTO services_fts (services_fts, rank) VALUES ('hashsize', ?)", (FTS_HASHSIZE,))
    except sqlite3.Error as exc:
        log.warning("FTS5 hashsize not stored (%s): indexing a large feed will be slower", exc)


class write_transaction:  # noqa: N801 - used as a context manager like a function
    """`BEGIN IMMEDIATE` ... `COMMIT`, or `ROLLBACK` on any exception.

    The connection runs in autocommit mode, so this is the only place a write
    transaction starts (a whole feed is applied in one of these).
    """

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.conn.execute("COMMIT")
        else:
            self.conn.execute("ROLLBACK")
