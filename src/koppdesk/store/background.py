"""Running set-based SQL on a second thread while Python prepares the next batch."""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)


class BackgroundStatements:
    """Runs one job at a time on `conn` on a thread of its own (`threaded=False`: at once).

    SQLite releases the GIL while a statement runs, so a job made of statements that do their
    work inside SQLite (INSERT ... SELECT) runs alongside Python code on the calling thread,
    which must not touch `conn` until `wait` returns.  An error of the job is raised by `wait`
    or on leaving the block; leaving the block always waits for the job first, so a rollback
    after an error never races with a running statement.
    """

    def __init__(self, conn: sqlite3.Connection, *, threaded: bool = True):
        self.conn, self.threaded = conn, threaded
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None

    def run(self, job: Callable[[sqlite3.Connection], None]) -> None:
        self.wait()
        if not self.threaded:
            job(self.conn)
            return

        def target() -> None:
            try:
                job(self.conn)
            except BaseException as exc:  # raised again on the calling thread by wait()
                self._error = exc

        self._thread = threading.Thread(target=target, name="koppdesk-sql", daemon=True)
        self._thread.start()

    def wait(self) -> None:
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        error, self._error = self._error, None
        if error is not None:
            raise error

    def __enter__(self) -> BackgroundStatements:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.wait()
            return
        try:  # an error is already on its way: only make sure the job has ended
            self.wait()
        except BaseException as job_error:
            log.warning("background statement failed too (after %s): %s", exc_type.__name__, job_error)
