"""The sync use-case shared by the GUI and `koppdesk sync`: settings, one run at a time,
the result of the last attempt, and when the next periodic sync is due.

The service owns its own database connection (opened on first use), so a sync on a
worker thread never shares a transaction with the GUI's connection.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from typing import TYPE_CHECKING

from koppdesk.config import Settings
from koppdesk.feed.errors import FeedRejected
from koppdesk.feed.result import Outcome, SyncResult
from koppdesk.services.setup import open_store
from koppdesk.store import Store, StoreError

if TYPE_CHECKING:
    from koppdesk.feed.fetch import FetchPolicy, Fetcher

# The HTTP, crypto and verification modules are imported when a sync runs, not at start-up.

log = logging.getLogger(__name__)

STATUS_FILENAME = "sync-status.json"
#: After a network failure, try again sooner than the normal interval.
RETRY_AFTER_FAILURE = timedelta(hours=1)
#: Warn when no sync succeeded for this long, or the manifest expired.
STALE_AFTER = timedelta(days=14)


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


@dataclass(frozen=True)
class LastAttempt:
    at: datetime
    outcome: str
    message: str
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.outcome in (Outcome.APPLIED, Outcome.UNCHANGED)


class SyncService:
    def __init__(self, settings: Settings, policy: FetchPolicy | None = None):
        self.settings = settings
        self.policy = policy
        self._lock = threading.Lock()
        self._store: Store | None = None
        self._fetcher: Fetcher | None = None
        self._closing = False

    # -- configuration -------------------------------------------------------------------------

    def configuration_problem(self, url: str | None = None, root: Path | None = None) -> str | None:
        """Dutch text saying what is missing, or None when a sync can run."""
        url = url or self.settings.feed_url
        root = root or self.settings.trust_root
        if not url:
            return ("Er is geen feed-adres ingesteld. Stel het in via Extra > Instellingen sociale kaart, "
                    "of geef --url op. IT-beheer kan het voor alle gebruikers instellen.")
        from koppdesk.feed.transport import check_url

        try:
            check_url(url)
        except ValueError as exc:
            return str(exc)
        if root is None:
            return ("Er is geen vertrouwensbron (root.json van de uitgever) ingesteld, dus de handtekening "
                    "van de feed kan niet worden gecontroleerd. Stel 'trust_root' in of geef --root op.")
        return None

    def check_trust_root(self, path: Path) -> str | None:
        """Dutch text when `path` is not a usable root.json, else None (settings dialog)."""
        from koppdesk.feed.root import load_root

        try:
            root = load_root(Path(path).read_bytes(), str(path))
        except OSError as exc:
            return f"{path} kan niet worden gelezen ({exc.strerror})."
        except FeedRejected as exc:
            return str(exc)
        log.info("trust root %s: feed %s, version %d", path, root.feed_id, root.version)
        return None

    def use_settings(self, settings: Settings) -> None:
        """New effective settings (after the settings dialog saved); the data folder stays."""
        self.settings = settings

    @property
    def status_file(self) -> Path:
        return Path(self.settings.data_dir) / STATUS_FILENAME

    # -- running -------------------------------------------------------------------------------

    def run(self, *, url: str | None = None, root: Path | None = None, accept_large_change: bool = False,
            accept_sha256: str | None = None, now: datetime | None = None) -> SyncResult:
        """One sync run (blocking; the GUI calls this on a worker thread)."""
        now = now or _now()
        problem = self.configuration_problem(url, root)
        if problem:
            return SyncResult(Outcome.NOT_CONFIGURED, problem, "not_configured", now)
        if not self._lock.acquire(blocking=False):
            return SyncResult(Outcome.BUSY, "Er wordt al bijgewerkt; even geduld.", "busy", now)
        try:
            result = self._run_locked(url or self.settings.feed_url, root or self.settings.trust_root,
                                      accept_large_change, accept_sha256, now)
            cancelled = self._fetcher is not None and self._fetcher.cancelled
            self._fetcher = None
            if self._closing:
                self._close_store()
        finally:
            self._lock.release()
        if not cancelled:
            self._record(result)
        return result

    def _run_locked(self, url, root: Path, accept_large_change, accept_sha256, now) -> SyncResult:
        from koppdesk.feed.fetch import FetchPolicy, Fetcher
        from koppdesk.feed.sync import SyncRequest, run_sync

        try:
            trust_root = Path(root).read_bytes()
        except OSError as exc:
            log.error("cannot read trust root %s: %s", root, exc)
            return SyncResult(Outcome.NOT_CONFIGURED,
                              f"De vertrouwensbron {root} kan niet worden gelezen ({exc.strerror}).",
                              "not_configured", now)
        try:
            store = self._open_store()
        except StoreError as exc:
            return SyncResult(Outcome.ERROR, str(exc), "local", now)
        request = SyncRequest(url, trust_root, accept_large_change, accept_sha256)
        self._fetcher = fetcher = Fetcher(self.policy or FetchPolicy(), self.settings.proxy)
        if self._closing:
            fetcher.cancel()
        log.info("sync of %s started", url)
        return run_sync(store, Path(self.settings.data_dir), request, fetcher, now)

    def _open_store(self) -> Store:
        if self._store is None:
            self._store = open_store(Path(self.settings.data_dir))
        return self._store

    def cancel(self) -> None:
        """Abort a running sync's network traffic (from any thread); nothing is applied then."""
        fetcher = self._fetcher
        if fetcher is not None:
            fetcher.cancel()

    def close(self) -> None:
        """Close the sync's connection; never waits for a running sync (it closes when done)."""
        if self._lock.acquire(blocking=False):
            try:
                self._close_store()
            finally:
                self._lock.release()
        else:
            self._closing = True
            self.cancel()

    def _close_store(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    # -- the last attempt (a small file next to the database, so a failed run leaves the
    #    database untouched) -----------------------------------------------------------------

    def _record(self, result: SyncResult) -> None:
        data = {"at": result.at.isoformat(), "outcome": result.outcome.value,
                "message": result.message, "reason": result.reason}
        try:
            tmp = self.status_file.with_name(STATUS_FILENAME + ".tmp")
            tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
            os.replace(tmp, self.status_file)
        except OSError as exc:
            log.warning("cannot write %s: %s", self.status_file, exc)

    def last_attempt(self) -> LastAttempt | None:
        try:
            data = json.loads(self.status_file.read_text(encoding="utf-8"))
            at = datetime.fromisoformat(data["at"])
            return LastAttempt(at, str(data["outcome"]), str(data["message"]), str(data.get("reason", "")))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def is_due(self, now: datetime | None = None) -> bool:
        """True when a periodic sync should run now (configured, and interval passed)."""
        if self.configuration_problem() is not None:
            return False
        now = now or _now()
        last = self.last_attempt()
        if last is None:
            return True
        interval = timedelta(hours=self.settings.sync_interval_hours)
        if last.outcome == Outcome.NETWORK:
            interval = min(interval, RETRY_AFTER_FAILURE)
        return now - last.at >= interval or last.at > now
