"""One sync run: fetch, verify, check, apply — or leave everything exactly as it was.

Order (DESIGN.md "Feed"): fix "now" once; walk the root chain (at most 32 versions); fetch
the manifest (conditional GET, size cap); verify its signature on the exact bytes before
parsing; feed_id; rollback (lower version, or the same version with other content); freeze
(expired, against max(now, latest `issued` seen) — also on 304); fetch the payload (cap =
signed length, counted after gzip); sha256; schema; diff guard; apply in one transaction that
also stores the sync state; then keep a copy of the verified payload as `last-feed.json`.
"""

from __future__ import annotations

import gc
import logging
import os
import sqlite3
import urllib.parse
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from koppdesk.feed.errors import FeedRejected, NetworkFailure
from koppdesk.feed.fetch import Fetcher
from koppdesk.feed.last_feed import LAST_FEED_FILENAME, LastFeedCopy
from koppdesk.feed.manifest import (
    MANIFEST_FILENAME, MAX_MANIFEST_BYTES, MAX_PAYLOAD_BYTES, PAYLOAD_FILENAME, ROOT_DIRNAME, Manifest,
    is_expired, root_filename, verify_manifest,
)
from koppdesk.feed.result import Outcome, SyncResult
from koppdesk.feed.root import MAX_ROOT_BYTES, MAX_ROOT_STEPS, TrustedRoot, load_root, next_root
from koppdesk.feed.state import SyncState, read_fingerprint, remember_root, trusted_root
from koppdesk.feed.verify import check_payload_bytes, verify_payload
from koppdesk.store import Store
from koppdesk.store.diff import ChangePreview, preview_changes

log = logging.getLogger(__name__)

#: Diff guard: hold back an update that withdraws, or changes the phone numbers of, more
#: than this share of the offers shown now (and at least GUARD_MIN offers).
GUARD_FRACTION = 0.10
GUARD_MIN = 3


@dataclass(frozen=True)
class SyncRequest:
    url: str
    #: Bytes of the configured trust root (root.json from IT, the installer or --root).
    trust_root: bytes
    accept_large_change: bool = False
    #: Accept a large change only for exactly this payload (what the user confirmed).
    accept_sha256: str | None = None


def feed_urls(url: str) -> tuple[str, str]:
    """(base folder URL, manifest URL) for a folder URL or a manifest URL."""
    parts = urllib.parse.urlsplit(url)
    path = parts.path or "/"
    if path.endswith(".json"):
        base_path, manifest_path = path.rsplit("/", 1)[0] + "/", path
    else:
        base_path = path if path.endswith("/") else path + "/"
        manifest_path = base_path + MANIFEST_FILENAME
    build = lambda p: urllib.parse.urlunsplit((parts.scheme, parts.netloc, p, "", ""))  # noqa: E731
    return build(base_path), build(manifest_path)


def is_large(preview: ChangePreview) -> bool:
    limit = max(GUARD_MIN - 1, preview.active * GUARD_FRACTION)
    return preview.withdrawn > limit or preview.phones_changed > limit


class _Superseded(Exception):
    """Another sync changed the stored state while this one ran."""


class _LargeChange(Exception):
    def __init__(self, preview: ChangePreview):
        super().__init__("large change")
        self.preview = preview


def _looks_like_html(body: bytes, content_type: str) -> bool:
    """A web page where JSON was expected: a wifi login page (captive portal) or a wrong address."""
    head = body[:512].lstrip().lower()
    return not head.startswith((b"{", b"[")) and ("html" in content_type.lower() or head.startswith(b"<"))


def _iso(value: datetime) -> str:
    return value.isoformat()


def _date_nl(value: datetime) -> str:
    return value.astimezone().strftime("%d-%m-%Y %H:%M")


class _Run:
    def __init__(self, store: Store, data_dir: Path, request: SyncRequest, fetcher: Fetcher, now: datetime):
        self.store, self.data_dir, self.request, self.fetcher, self.now = store, data_dir, request, fetcher, now
        self.base, self.manifest_url = feed_urls(request.url)

    def result(self, outcome: Outcome, message: str, reason: str = "", **kw) -> SyncResult:
        return SyncResult(outcome, message, reason, self.now, **kw)

    def run(self) -> SyncResult:
        configured = load_root(self.request.trust_root, "de ingestelde vertrouwensbron (root.json)")
        stored = SyncState.from_meta(self.store.meta())
        self.fingerprint = stored.fingerprint()
        self.state = stored.for_feed(configured.feed_id)
        trusted = self.walk_roots(trusted_root(self.data_dir, configured))
        etag = self.state.etag if self.state.manifest else None
        resp = self.get(self.manifest_url, max_bytes=MAX_MANIFEST_BYTES, etag=etag)
        if resp.status == 304:
            unchanged = self.on_not_modified(trusted)
            if unchanged is not None:
                return unchanged
            resp = self.get(self.manifest_url, max_bytes=MAX_MANIFEST_BYTES)
            if resp.status == 304:
                raise NetworkFailure("De feed-server antwoordt steeds 'niet gewijzigd' zonder manifest.", "http_304")
        manifest = verify_manifest(resp.body, trusted)
        self.check_version(manifest, resp.body)
        self.check_fresh(manifest)
        meta = self.state_meta(manifest, resp.body, resp.etag)
        if manifest.sha256 == self.state.sha256 and self.state.version is not None:
            # Same payload (a server without ETags, or re-signed to extend the expiry date).
            self.commit_meta({**meta, **self.recheck_payload(manifest)})
            return self.result(Outcome.UNCHANGED, self.unchanged_text(manifest.version), version=manifest.version)
        return self.apply(manifest, meta)

    def get(self, url: str, **kwargs):
        resp = self.fetcher.get(url, **kwargs)
        if resp.status == 200 and _looks_like_html(resp.body, resp.content_type):
            log.error("%s: got HTML (%s), first bytes %r", resp.url, resp.content_type, resp.body[:120])
            raise NetworkFailure(
                "De server gaf een webpagina in plaats van de feed. Misschien moet u eerst inloggen op "
                "het (wifi-)netwerk, of het feed-adres klopt niet.", "captive_portal")
        return resp

    def payload_url(self, manifest: Manifest) -> str:
        # The hash in the query gives each payload its own cache key on CDNs; plain static
        # servers ignore it.
        return f"{self.base}{PAYLOAD_FILENAME}?v={manifest.sha256[:16]}"

    def fetch_payload(self, manifest: Manifest, **conditional):
        try:
            return self.get(self.payload_url(manifest), max_bytes=min(manifest.length, MAX_PAYLOAD_BYTES),
                            **conditional)
        except FeedRejected as exc:
            if exc.reason != "size":
                raise
            raise FeedRejected(f"De sociale kaart (feed.json) is groter dan de ondertekende lengte "
                               f"({manifest.length} bytes): het bestand is gewijzigd of hoort niet bij dit "
                               "manifest.", "size") from exc

    def recheck_payload(self, manifest: Manifest) -> dict[str, str]:
        """The manifest came again in full: check (conditionally) that feed.json on the server
        still matches it, so a copy changed after signing is reported, not silently ignored."""
        resp = self.fetch_payload(manifest, etag=self.state.payload_etag, modified=self.state.payload_modified)
        if resp.status == 304:
            return {}
        check_payload_bytes(resp.body, manifest)
        return {"feed_payload_etag": resp.etag or "", "feed_payload_modified": resp.last_modified or ""}

    # -- root chain ------------------------------------------------------------------------

    def walk_roots(self, trusted: TrustedRoot) -> TrustedRoot:
        for _ in range(MAX_ROOT_STEPS):
            url = f"{self.base}{ROOT_DIRNAME}/{root_filename(trusted.version + 1)}"
            resp = self.get(url, max_bytes=MAX_ROOT_BYTES, allow_missing=True)
            if resp.status == 404:
                return trusted
            trusted = next_root(trusted, resp.body)
            remember_root(self.data_dir, trusted)
            log.info("trusted root of %s is now version %d", trusted.feed_id, trusted.version)
        log.warning("walked %d root versions; the rest follows next sync", MAX_ROOT_STEPS)
        return trusted

    # -- manifest checks ---------------------------------------------------------------------

    def on_not_modified(self, trusted: TrustedRoot) -> SyncResult | None:
        """304: the stored manifest must still verify with the trusted keys and be unexpired."""
        try:
            manifest = verify_manifest(self.state.manifest or b"", trusted)
        except FeedRejected:
            log.warning("stored manifest no longer verifies with root v%d; fetching it again", trusted.version)
            return None
        self.check_fresh(manifest)
        self.commit_meta({"feed_checked": _iso(self.now), "feed_url": self.request.url})
        return self.result(Outcome.UNCHANGED, self.unchanged_text(manifest.version), version=manifest.version)

    def check_version(self, manifest: Manifest, raw: bytes) -> None:
        stored = self.state.version
        if stored is None:
            return
        if manifest.version < stored:
            log.error("rollback: manifest version %d < stored %d", manifest.version, stored)
            raise FeedRejected(
                f"De feed biedt een oudere versie ({manifest.version}) aan dan de versie die u al heeft "
                f"({stored}). Dit kan een terugrol-aanval zijn; de oudere versie wordt niet gebruikt.", "rollback")
        if manifest.version == stored and raw != self.state.manifest:
            log.error("version %d re-used with other manifest content", stored)
            raise FeedRejected(
                f"De feed biedt versie {stored} aan met een andere inhoud dan eerder. Een nieuwe "
                "uitgave moet een hoger versienummer hebben; deze wordt niet gebruikt.", "rollback")

    def check_fresh(self, manifest: Manifest) -> None:
        floor = max(self.now, self.state.issued) if self.state.issued else self.now
        if is_expired(manifest, floor):
            log.error("manifest v%d expired at %s (time floor %s, system clock %s)",
                      manifest.version, manifest.expires, floor, self.now)
            raise FeedRejected(
                f"De feed is verlopen op {_date_nl(manifest.expires)}: de uitgever heeft hem niet op tijd "
                "vernieuwd, of een oude kopie wordt aangeboden.", "expired")

    # -- writing -----------------------------------------------------------------------------

    def state_meta(self, manifest: Manifest, raw: bytes, etag: str | None) -> dict[str, str]:
        issued = max(manifest.issued, self.state.issued) if self.state.issued else manifest.issued
        return {
            "feed_id": manifest.feed_id, "feed_version": str(manifest.version), "feed_sha256": manifest.sha256,
            "feed_etag": etag or "", "feed_manifest": raw.decode("ascii"),
            "feed_issued": _iso(issued), "feed_expires": _iso(manifest.expires),
            "feed_checked": _iso(self.now), "feed_url": self.request.url,
        }

    def guard_unchanged_state(self, conn: sqlite3.Connection) -> None:
        if read_fingerprint(conn) != self.fingerprint:
            raise _Superseded()

    def commit_meta(self, meta: dict[str, str]) -> None:
        try:
            self.store.update_meta(meta, check=self.guard_unchanged_state)
        except _Superseded:
            log.info("another sync updated the state meanwhile; not writing")

    def apply(self, manifest: Manifest, meta: dict[str, str]) -> SyncResult:
        resp = self.fetch_payload(manifest)
        payload = verify_payload(resp.body, manifest)
        guarded = self.state.version is not None and not (
            self.request.accept_large_change or self.request.accept_sha256 == manifest.sha256)

        def check(conn: sqlite3.Connection) -> None:
            self.guard_unchanged_state(conn)
            if guarded:
                preview = preview_changes(conn, payload)
                if is_large(preview):
                    raise _LargeChange(preview)

        meta = {**meta, "feed_synced": _iso(self.now), "data_source": "feed",
                "feed_payload_etag": resp.etag or "", "feed_payload_modified": resp.last_modified or ""}
        copy = LastFeedCopy(self.data_dir, resp.body)  # written while the payload is applied
        try:
            counts = self.store.apply_payload(payload, now=self.now, meta=meta, check=check)
        except _Superseded:
            copy.drop()
            return self.result(Outcome.UNCHANGED, "Een andere synchronisatie heeft de sociale kaart net "
                               "bijgewerkt; er is niets dubbel ingelezen.", "concurrent")
        except _LargeChange as big:
            copy.drop()
            p = big.preview
            log.warning("diff guard: version %d would withdraw %d of %d offers and change phones of %d",
                        manifest.version, p.withdrawn, p.active, p.phones_changed)
            return self.result(
                Outcome.HELD,
                f"Versie {manifest.version} is tegengehouden omdat hij veel verandert: {p.withdrawn} van de "
                f"{p.active} aanbiedingen zouden verdwijnen en bij {p.phones_changed} zou het telefoonnummer "
                "wijzigen. Controleer dit bij de uitgever en bevestig daarna de update.",
                "large_change", version=manifest.version, preview=p, payload_sha256=manifest.sha256)
        except BaseException:
            copy.drop()
            raise
        try:
            copy.keep()
        except OSError as exc:
            log.error("could not keep %s: %s", LAST_FEED_FILENAME, exc)
        log.info("applied feed %s v%d: %s", manifest.feed_id, manifest.version, counts)
        return self.result(
            Outcome.APPLIED,
            f"Sociale kaart bijgewerkt naar versie {manifest.version}: {counts.new} nieuw, "
            f"{counts.changed} gewijzigd, {counts.withdrawn} ingetrokken ({counts.total} aanbiedingen).",
            version=manifest.version, counts=counts, payload_sha256=manifest.sha256)

    def unchanged_text(self, version: int) -> str:
        return f"De sociale kaart is actueel (versie {version}); er zijn geen wijzigingen."


@contextmanager
def _cyclic_gc_paused():
    """Validating and applying a large feed allocates millions of short-lived objects; the
    cyclic collector would rescan them over and over (~20% of a 20,000-offer sync).  They
    are freed by reference counting anyway, so pause it for the run."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def run_sync(store: Store, data_dir: Path, request: SyncRequest, fetcher: Fetcher, now: datetime) -> SyncResult:
    """One sync run.  Never raises for feed or network problems; the database is only ever
    changed by one complete transaction."""
    run = _Run(store, data_dir, request, fetcher, now)
    fetcher.start()
    try:
        with _cyclic_gc_paused():
            return run.run()
    except FeedRejected as exc:
        log.error("feed %s rejected (%s): %s", request.url, exc.reason, exc)
        return run.result(Outcome.REJECTED, f"De nieuwe sociale kaart is geweigerd. {exc}", exc.reason)
    except NetworkFailure as exc:
        log.error("feed %s not fetched (%s): %s", request.url, exc.reason, exc)
        return run.result(Outcome.NETWORK, f"Bijwerken is niet gelukt. {exc}", exc.reason)
    except (sqlite3.Error, OSError) as exc:
        log.exception("sync of %s failed locally", request.url)
        return run.result(Outcome.ERROR, f"Bijwerken is niet gelukt door een probleem op deze computer ({exc}).",
                          "local")
