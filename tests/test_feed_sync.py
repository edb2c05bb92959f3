"""Sync against a real HTTP server on 127.0.0.1 and a real SQLite file: the paths that work."""

from __future__ import annotations

import json
from datetime import timedelta


from feedkit import FAST, T0, db_dump, demo_dict, gzipped, status, sync_once, truncated
from koppdesk.config import Settings
from koppdesk.content.gemeenten import Gemeenten
from koppdesk.feed.result import Outcome
from koppdesk.services.kaart import KaartService
from koppdesk.services.sync import SyncService
from koppdesk.store import Store


def test_first_sync_applies_and_keeps_a_copy(data_dir, publisher, server):
    result = sync_once(data_dir, server.url, publisher.root)
    assert result.outcome == Outcome.APPLIED, result.message
    assert (result.counts.new, result.counts.changed, result.counts.withdrawn) == (57, 0, 0)
    assert "57 nieuw" in result.message and "versie 1" in result.message
    assert (data_dir / "last-feed.json").read_bytes() == publisher.file("feed.json").read_bytes()
    store = Store.open(data_dir)
    meta = store.meta()
    assert meta["feed_id"] == "regio-test" and meta["feed_version"] == "1"
    assert meta["feed_checked"] == meta["feed_synced"] == T0.isoformat()
    assert store.count_offers() == 57
    store.close()


def test_second_sync_uses_etag_and_changes_only_the_check_time(data_dir, publisher, server):
    sync_once(data_dir, server.url, publisher.root)
    before = db_dump(data_dir)
    later = T0 + timedelta(hours=12)
    result = sync_once(data_dir, server.url, publisher.root, now=later)
    assert result.outcome == Outcome.UNCHANGED and result.version == 1
    assert server.requests[-1][0] == "/manifest.json" and server.requests[-1][1] is not None
    after = db_dump(data_dir)
    assert after.replace(later.isoformat(), T0.isoformat()) == before


def test_one_changed_offer_is_counted_and_shown(data_dir, publisher, server):
    sync_once(data_dir, server.url, publisher.root)
    payload = demo_dict()
    payload["services"][0]["description"] = "Nieuwe beschrijving van dit aanbod."
    publisher.publish(payload, at=T0 + timedelta(days=1))
    result = sync_once(data_dir, server.url, publisher.root, now=T0 + timedelta(days=1))
    assert result.outcome == Outcome.APPLIED and result.version == 2
    assert (result.counts.new, result.counts.changed, result.counts.withdrawn) == (0, 1, 0)
    store = Store.open(data_dir)
    assert store.offer(payload["services"][0]["id"]).service.description == "Nieuwe beschrijving van dit aanbod."
    store.close()


def test_withdrawn_offer_keeps_its_note_and_is_shown_withdrawn(data_dir, publisher, server):
    sync_once(data_dir, server.url, publisher.root)
    payload = demo_dict()
    gone = payload["services"].pop(3)["id"]
    store = Store.open(data_dir)
    store.set_note(gone, "Bellen met Ans, werkt daar op dinsdag.")
    store.set_favourite(gone, True)
    publisher.publish(payload, at=T0 + timedelta(days=1))
    result = sync_once(data_dir, server.url, publisher.root, now=T0 + timedelta(days=1), store=store)
    assert result.outcome == Outcome.APPLIED and result.counts.withdrawn == 1
    detail = KaartService(store, Gemeenten.load()).detail(gone)
    assert detail.withdrawn and detail.note == "Bellen met Ans, werkt daar op dinsdag." and detail.favourite
    store.close()


def test_resigned_same_payload_extends_expiry_without_download(data_dir, publisher, server):
    sync_once(data_dir, server.url, publisher.root)
    publisher.publish(at=T0 + timedelta(days=10))
    n = len(server.requests)
    result = sync_once(data_dir, server.url, publisher.root, now=T0 + timedelta(days=20))
    assert result.outcome == Outcome.UNCHANGED and result.version == 2
    (payload_request,) = [r for r in server.requests[n:] if r[0] == "/feed.json"]
    assert payload_request[1] is not None  # conditional: answered 304, not downloaded again
    store = Store.open(data_dir)
    assert store.meta()["feed_expires"] == (T0 + timedelta(days=24)).isoformat()
    store.close()


def test_gzip_encoded_feed_is_accepted(data_dir, publisher, server):
    server.faults["/feed.json"] = gzipped()
    server.faults["/manifest.json"] = gzipped()
    result = sync_once(data_dir, server.url, publisher.root)
    assert result.outcome == Outcome.APPLIED, result.message


def test_manifest_url_works_as_well_as_folder_url(data_dir, publisher, server):
    result = sync_once(data_dir, server.url + "manifest.json", publisher.root)
    assert result.outcome == Outcome.APPLIED


def test_503_with_retry_after_is_honoured_then_succeeds(data_dir, publisher, server):
    server.faults["/manifest.json"] = status(503, times=1, headers={"Retry-After": "1"})
    waits: list[float] = []
    result = sync_once(data_dir, server.url, publisher.root, sleep=waits.append)
    assert result.outcome == Outcome.APPLIED
    assert waits == [1.0]
    assert server.paths().count("/manifest.json") == 2


def test_dropped_connection_is_retried_with_jittered_backoff(data_dir, publisher, server):
    server.faults["/feed.json"] = truncated(0.3, times=2)
    waits: list[float] = []
    result = sync_once(data_dir, server.url, publisher.root, sleep=waits.append)
    assert result.outcome == Outcome.APPLIED, result.message
    assert len(waits) == 2 and all(0 <= w <= FAST.backoff_max_s for w in waits)


def test_sync_service_records_last_attempt_and_due_time(tmp_path, data_dir, publisher, server):
    settings = Settings(data_dir=data_dir, feed_url=server.url, trust_root=publisher.root, proxy="geen")
    service = SyncService(settings, FAST)
    assert service.is_due(T0)
    result = service.run(now=T0)
    assert result.outcome == Outcome.APPLIED
    last = service.last_attempt()
    assert last.ok and last.at == T0 and "versie 1" in last.message
    assert not service.is_due(T0 + timedelta(hours=11))
    assert service.is_due(T0 + timedelta(hours=12))
    service.close()


def test_sync_service_without_settings_says_what_is_missing(data_dir):
    service = SyncService(Settings(data_dir=data_dir))
    result = service.run(now=T0)
    assert result.outcome == Outcome.NOT_CONFIGURED and "feed-adres" in result.message
    assert not service.is_due(T0)
    result = SyncService(Settings(data_dir=data_dir, feed_url="https://feed.example.org/")).run(now=T0)
    assert result.outcome == Outcome.NOT_CONFIGURED and "vertrouwensbron" in result.message


def test_last_feed_copy_rebuilds_a_damaged_database(data_dir, publisher, server):
    from koppdesk.services.setup import rescue_damaged
    from koppdesk.store.db import DB_FILENAME

    payload = demo_dict()
    payload["services"][0]["name"] = "Alleen in de feed"
    publisher.publish(payload)
    sync_once(data_dir, server.url, publisher.root)
    (data_dir / DB_FILENAME).write_bytes(b"kapot" * 1000)
    for suffix in ("-wal", "-shm"):
        (data_dir / (DB_FILENAME + suffix)).unlink(missing_ok=True)
    report = rescue_damaged(data_dir)
    assert report.rebuilt_from == "laatste feed"
    store = Store.open(data_dir)
    assert store.offer(payload["services"][0]["id"]).service.name == "Alleen in de feed"
    store.close()


def test_publish_writes_a_readable_feed(publisher, server):
    published = json.loads(publisher.file("feed.json").read_text(encoding="utf-8"))
    assert len(published["services"]) == 57 and published["format"] == "koppdesk-sociale-kaart"


def test_status_texts_and_banner_rules():
    from koppdesk.services.sync import LastAttempt
    from koppdesk.services.sync_status import attempt_short, last_sync_text, stale_warning

    now = T0 + timedelta(days=30)
    ago = lambda days: (now - timedelta(days=days)).isoformat()  # noqa: E731
    fresh = {"feed_checked": ago(1), "feed_synced": ago(3), "feed_expires": ago(-5), "feed_issued": ago(3)}
    assert stale_warning(fresh, configured=True, now=now) is None
    assert last_sync_text(fresh).startswith("Bijgewerkt: ") and "gecontroleerd: " in last_sync_text(fresh)
    expired = {**fresh, "feed_expires": (now - timedelta(hours=1)).isoformat()}
    assert "verlopen" in stale_warning(expired, configured=True, now=now)
    # a clock set back does not hide the expiry: the floor is the latest `issued` seen
    floor = {**fresh, "feed_issued": (now + timedelta(days=10)).isoformat()}
    assert "verlopen" in stale_warning(floor, configured=True, now=now)
    old = {**fresh, "feed_checked": (now - timedelta(days=15)).isoformat(),
           "feed_expires": (now + timedelta(days=400)).isoformat()}
    assert "15 dagen niet bijgewerkt" in stale_warning(old, configured=True, now=now)
    never = {"data_generated": (now - timedelta(days=20)).isoformat()}
    assert "nog nooit bijgewerkt" in stale_warning(never, configured=True, now=now)
    assert stale_warning(never, configured=False, now=now) is None  # the demo without a feed
    assert last_sync_text({}) == "Nog niet bijgewerkt via de feed"
    assert attempt_short(LastAttempt(now, "unchanged", "ok")) is None
    assert attempt_short(LastAttempt(now, "network", "x")).endswith("geen verbinding")
