"""The sync state kept in the database's meta table, and how it is read back.

Written only together with the data it describes (one transaction), so the state always
matches what is shown.  Keys:

    feed_id, feed_version, feed_sha256, feed_etag, feed_manifest (signed envelope, text),
    feed_payload_etag and feed_payload_modified (validators of feed.json),
    feed_issued (the latest `issued` seen: the time floor), feed_expires, feed_synced (last
    time new data was applied), feed_checked (last successful check, also when nothing
    changed), feed_url

The newest verified root is kept apart, in `<data_dir>/trusted-root.json`, and written as
soon as it is verified: a root is trustworthy on its own, and a client more than 32 key
rotations behind must make progress even when the rest of that run fails.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from typing import TYPE_CHECKING

from koppdesk.feed.errors import FeedRejected
from koppdesk.store.meta import meta_time

if TYPE_CHECKING:
    from koppdesk.feed.root import TrustedRoot

log = logging.getLogger(__name__)

STATE_KEYS = (
    "feed_id", "feed_version", "feed_sha256", "feed_etag", "feed_manifest",
    "feed_payload_etag", "feed_payload_modified",
    "feed_issued", "feed_expires", "feed_synced", "feed_checked", "feed_url",
)
TRUSTED_ROOT_FILENAME = "trusted-root.json"


@dataclass(frozen=True)
class SyncState:
    feed_id: str | None = None
    version: int | None = None
    sha256: str | None = None
    etag: str | None = None
    manifest: bytes | None = None
    payload_etag: str | None = None
    payload_modified: str | None = None
    issued: datetime | None = None
    expires: datetime | None = None
    synced: datetime | None = None
    checked: datetime | None = None

    @classmethod
    def from_meta(cls, meta: dict[str, str]) -> SyncState:
        version = meta.get("feed_version", "")
        return cls(
            feed_id=meta.get("feed_id") or None,
            version=int(version) if version.isdigit() else None,
            sha256=meta.get("feed_sha256") or None,
            etag=meta.get("feed_etag") or None,
            manifest=meta["feed_manifest"].encode("ascii") if meta.get("feed_manifest") else None,
            payload_etag=meta.get("feed_payload_etag") or None,
            payload_modified=meta.get("feed_payload_modified") or None,
            issued=meta_time(meta.get("feed_issued")),
            expires=meta_time(meta.get("feed_expires")),
            synced=meta_time(meta.get("feed_synced")),
            checked=meta_time(meta.get("feed_checked")),
        )

    def fingerprint(self) -> tuple[str | None, str | None, str | None]:
        """What a concurrent sync would have changed (compared inside the write transaction)."""
        return (self.feed_id, None if self.version is None else str(self.version), self.sha256)

    def for_feed(self, feed_id: str) -> SyncState:
        """This state when it belongs to `feed_id`; an empty state (no floors) for another feed."""
        return self if self.feed_id == feed_id else SyncState()


def read_fingerprint(conn) -> tuple[str | None, str | None, str | None]:
    rows = dict(conn.execute(
        "SELECT key, value FROM meta WHERE key IN ('feed_id', 'feed_version', 'feed_sha256')"
    ).fetchall())
    return (rows.get("feed_id") or None, rows.get("feed_version") or None, rows.get("feed_sha256") or None)


def trusted_root(data_dir: Path, configured: TrustedRoot) -> TrustedRoot:
    """The newest root verified earlier for the configured feed, else the configured one."""
    from koppdesk.feed.root import load_root

    path = Path(data_dir) / TRUSTED_ROOT_FILENAME
    try:
        stored = load_root(path.read_bytes(), "de opgeslagen vertrouwensbron")
    except FileNotFoundError:
        return configured
    except (OSError, FeedRejected) as exc:
        log.warning("stored root %s unusable (%s); starting again from the configured root", path, exc)
        return configured
    if stored.feed_id == configured.feed_id and stored.version >= configured.version:
        return stored
    return configured


def remember_root(data_dir: Path, root: TrustedRoot) -> None:
    """Keep a verified root (atomic replace); a failure only costs re-walking next time."""
    path = Path(data_dir) / TRUSTED_ROOT_FILENAME
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(root.raw)
        os.replace(tmp, path)
    except OSError as exc:
        log.warning("cannot keep the verified root in %s: %s", path, exc)
