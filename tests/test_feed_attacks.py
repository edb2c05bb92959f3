"""Adversarial and fault cases: each one must leave the database exactly as it was
(full dump compared) and say why, with the right outcome and reason code."""

from __future__ import annotations

import base64
import json
from datetime import timedelta

import pytest

from feedkit import (
    T0, db_dump, demo_dict, drip, gzipped, serve, sign_raw, status, sync_once, truncated,
)
from koppdesk.feed.fetch import FetchPolicy
from koppdesk.feed.keys import generate_private_key
from koppdesk.feed.result import Outcome

DAY = timedelta(days=1)


@pytest.fixture
def baseline(data_dir, publisher, server):
    """Version 1 synced; returns the dump every failed run must leave in place."""
    result = sync_once(data_dir, server.url, publisher.root)
    assert result.outcome == Outcome.APPLIED
    return db_dump(data_dir)


def refused(data_dir, server, publisher, baseline, outcome, reason, now=T0 + DAY, **kw):
    kept = (data_dir / "last-feed.json").read_bytes()
    result = sync_once(data_dir, server.url, publisher.root, now=now, **kw)
    assert (result.outcome, result.reason) == (outcome, reason), result.message
    assert db_dump(data_dir) == baseline
    # The copy of the applied payload is still the old one, and no half-written copy is left.
    assert (data_dir / "last-feed.json").read_bytes() == kept
    assert not (data_dir / "last-feed.json.tmp").exists()
    return result


def envelope(publisher) -> dict:
    return json.loads(publisher.file("manifest.json").read_bytes())


def changed_demo(**service_fields) -> dict:
    payload = demo_dict()
    payload["services"][0].update(service_fields)
    return payload


# -- the manifest ------------------------------------------------------------------------------

def test_manifest_not_json(data_dir, publisher, server, baseline):
    server.faults["/manifest.json"] = serve(b'{"payloadType": "application/vnd.koppdesk.manifest+json", ')
    refused(data_dir, server, publisher, baseline, Outcome.REJECTED, "bad_json")


def test_manifest_without_envelope(data_dir, publisher, server, baseline):
    inner = base64.b64decode(envelope(publisher)["payload"])
    server.faults["/manifest.json"] = serve(inner)
    refused(data_dir, server, publisher, baseline, Outcome.REJECTED, "bad_format")


def test_manifest_signed_by_unknown_key(data_dir, publisher, server, baseline):
    sign_raw(publisher, publisher.file("feed.json").read_bytes(), 2, signer=generate_private_key())
    result = refused(data_dir, server, publisher, baseline, Outcome.REJECTED, "signature")
    assert "handtekening" in result.message and "geweigerd" in result.message


def test_signature_over_other_bytes(data_dir, publisher, server, baseline):
    publisher.publish(changed_demo(name="Echte versie 2"), at=T0 + DAY)
    env = envelope(publisher)
    inner = json.loads(base64.b64decode(env["payload"]))
    inner["expires"] = (T0 + 400 * DAY).isoformat().replace("+00:00", "Z")
    env["payload"] = base64.b64encode(json.dumps(inner).encode()).decode()
    server.faults["/manifest.json"] = serve(json.dumps(env).encode())
    refused(data_dir, server, publisher, baseline, Outcome.REJECTED, "signature")


def test_corrupted_signature(data_dir, publisher, server, baseline):
    publisher.publish(changed_demo(name="Versie 2"), at=T0 + DAY)
    env = envelope(publisher)
    sig = bytearray(base64.b64decode(env["signatures"][0]["sig"]))
    sig[5] ^= 0x01
    env["signatures"][0]["sig"] = base64.b64encode(bytes(sig)).decode()
    server.faults["/manifest.json"] = serve(json.dumps(env).encode())
    refused(data_dir, server, publisher, baseline, Outcome.REJECTED, "signature")


def test_root_file_served_as_manifest(data_dir, publisher, server, baseline):
    server.faults["/manifest.json"] = serve(publisher.root.read_bytes())
    refused(data_dir, server, publisher, baseline, Outcome.REJECTED, "bad_format")


def test_manifest_for_another_feed(data_dir, publisher, server, baseline):
    sign_raw(publisher, publisher.file("feed.json").read_bytes(), 2, feed_id="andere-regio")
    refused(data_dir, server, publisher, baseline, Outcome.REJECTED, "feed_id")


def test_version_replay_is_a_rollback(tmp_path, data_dir, publisher, server, baseline):
    old = tmp_path / "old"
    publisher.publish(changed_demo(name="Versie 2"), at=T0 + DAY)
    assert sync_once(data_dir, server.url, publisher.root, now=T0 + DAY).outcome == Outcome.APPLIED
    after_v2 = db_dump(data_dir)
    publisher.publish(out=old, version=1, at=T0 + DAY)  # a validly signed, older version
    server.folder = old
    result = refused(data_dir, server, publisher, after_v2, Outcome.REJECTED, "rollback", now=T0 + 2 * DAY)
    assert "oudere versie (1)" in result.message


def test_same_version_with_other_content(data_dir, publisher, server, baseline):
    sign_raw(publisher, publisher.file("feed.json").read_bytes(), 1, at=T0 + DAY)
    refused(data_dir, server, publisher, baseline, Outcome.REJECTED, "rollback")


def test_expired_manifest_is_refused_and_data_kept(data_dir, publisher, server, baseline):
    publisher.publish(changed_demo(name="Versie 2"), at=T0 + DAY, expires_days=2)
    result = refused(data_dir, server, publisher, baseline, Outcome.REJECTED, "expired", now=T0 + 4 * DAY)
    assert "verlopen" in result.message


def test_clock_set_back_cannot_revive_an_old_manifest(tmp_path, data_dir, publisher, server, baseline):
    held_back = tmp_path / "held-back"
    publisher.publish(changed_demo(name="Versie 2"), at=T0 + 10 * DAY)
    assert sync_once(data_dir, server.url, publisher.root, now=T0 + 10 * DAY).outcome == Outcome.APPLIED
    after_v2 = db_dump(data_dir)
    # version 3 was signed long ago (issued T0, expires T0+2d) and held back by an attacker;
    # the user's clock is set back to T0+1d, when it looked valid.
    publisher.publish(changed_demo(name="Versie 3"), version=3, at=T0, expires_days=2, out=held_back)
    server.folder = held_back
    refused(data_dir, server, publisher, after_v2, Outcome.REJECTED, "expired", now=T0 + DAY)


def test_304_forever_is_fine_until_the_manifest_expires(data_dir, publisher, server, baseline):
    server.faults["/manifest.json"] = status(304)
    result = sync_once(data_dir, server.url, publisher.root, now=T0 + 13 * DAY)
    assert result.outcome == Outcome.UNCHANGED
    checked = db_dump(data_dir)
    refused(data_dir, server, publisher, checked, Outcome.REJECTED, "expired", now=T0 + 15 * DAY)


def test_oversized_manifest(data_dir, publisher, server, baseline):
    server.faults["/manifest.json"] = serve(b"{" + b" " * (65 * 1024) + b"}")
    refused(data_dir, server, publisher, baseline, Outcome.REJECTED, "size")


def test_gzip_bomb_manifest(data_dir, publisher, server, baseline):
    server.faults["/manifest.json"] = gzipped(b"[" + b"0," * 5_000_000 + b"0]")
    refused(data_dir, server, publisher, baseline, Outcome.REJECTED, "size")


@pytest.mark.parametrize("paths", [["/root/2.root.json", "/manifest.json", "/feed.json"], ["/manifest.json"]])
def test_captive_portal_html_page(data_dir, publisher, server, baseline, paths):
    page = b"<!DOCTYPE html><html><body>Log in op het gastennetwerk</body></html>"
    for path in paths:  # a wifi login page answers every address, or only some
        server.faults[path] = serve(page, "text/html; charset=utf-8")
    result = refused(data_dir, server, publisher, baseline, Outcome.NETWORK, "captive_portal")
    assert "inloggen" in result.message


def test_html_instead_of_a_changed_payload(data_dir, publisher, server, baseline):
    publisher.publish(changed_demo(name="Versie 2"), at=T0 + DAY)
    server.faults["/feed.json"] = serve(b"<html><body>Even geduld</body></html>", "text/html")
    refused(data_dir, server, publisher, baseline, Outcome.NETWORK, "captive_portal")


def test_missing_root_answered_with_403_like_s3(data_dir, publisher, server, baseline):
    server.faults["/root/2.root.json"] = status(403)
    publisher.publish(changed_demo(name="Versie 2"), at=T0 + DAY)
    assert sync_once(data_dir, server.url, publisher.root, now=T0 + DAY).outcome == Outcome.APPLIED


def test_missing_feed_is_a_network_failure(data_dir, publisher, server, baseline):
    server.faults["/manifest.json"] = status(404)
    refused(data_dir, server, publisher, baseline, Outcome.NETWORK, "http_404")


def test_500_is_retried_then_given_up(data_dir, publisher, server, baseline):
    server.faults["/manifest.json"] = status(500)
    n = len(server.requests)
    refused(data_dir, server, publisher, baseline, Outcome.NETWORK, "http_500", sleep=lambda s: None)
    assert server.paths()[n:].count("/manifest.json") == 3


def test_503_retry_after_beyond_deadline_gives_up_at_once(data_dir, publisher, server, baseline):
    server.faults["/manifest.json"] = status(503, headers={"Retry-After": "3600"})
    n = len(server.requests)
    result = refused(data_dir, server, publisher, baseline, Outcome.NETWORK, "http_503")
    assert server.paths()[n:].count("/manifest.json") == 1 and "3600 seconden" in result.message


def test_slow_drip_body_hits_the_deadline(data_dir, publisher, server, baseline):
    server.faults["/manifest.json"] = drip(0.02)
    policy = FetchPolicy(deadline_s=0.5, read_timeout_s=0.3, attempts=3, backoff_s=0.01)
    refused(data_dir, server, publisher, baseline, Outcome.NETWORK, "deadline", policy=policy)


def test_slow_drip_headers_hit_the_deadline(data_dir, publisher, server, baseline):
    server.faults["/manifest.json"] = drip(0.02, headers_too=True)
    policy = FetchPolicy(deadline_s=0.5, read_timeout_s=0.3, attempts=3, backoff_s=0.01)
    refused(data_dir, server, publisher, baseline, Outcome.NETWORK, "deadline", policy=policy)


def test_truncated_manifest_every_time(data_dir, publisher, server, baseline):
    server.faults["/manifest.json"] = truncated(0.5)
    refused(data_dir, server, publisher, baseline, Outcome.NETWORK, "connection", sleep=lambda s: None)


def test_redirect_to_plain_http_elsewhere_is_refused(data_dir, publisher, server, baseline):
    server.faults["/manifest.json"] = status(302, headers={"Location": "http://feed.example.org/manifest.json"})
    refused(data_dir, server, publisher, baseline, Outcome.NETWORK, "redirect")


# -- the payload -------------------------------------------------------------------------------

def test_tampered_payload_hash_mismatch(data_dir, publisher, server, baseline):
    publisher.publish(changed_demo(name="Versie 2"), at=T0 + DAY)
    feed = publisher.file("feed.json")
    feed.write_bytes(feed.read_bytes().replace(b"0800-0", b"0900-0", 1))
    result = refused(data_dir, server, publisher, baseline, Outcome.REJECTED, "hash")
    assert "gewijzigd" in result.message


def test_payload_changed_on_the_server_after_sync_is_reported(data_dir, publisher, server, baseline):
    # a server without ETags sends the same manifest again; feed.json there was altered
    server.faults["/manifest.json"] = serve(publisher.file("manifest.json").read_bytes())
    feed = publisher.file("feed.json")
    feed.write_bytes(feed.read_bytes().replace(b"0800-0", b"0900-0", 1))
    result = refused(data_dir, server, publisher, baseline, Outcome.REJECTED, "hash")
    assert "na ondertekening gewijzigd" in result.message


def test_payload_shorter_than_signed(data_dir, publisher, server, baseline):
    publisher.publish(changed_demo(name="Versie 2"), at=T0 + DAY)
    body = publisher.file("feed.json").read_bytes()
    server.faults["/feed.json"] = serve(body[:-100])
    refused(data_dir, server, publisher, baseline, Outcome.REJECTED, "hash")


def test_payload_longer_than_signed(data_dir, publisher, server, baseline):
    publisher.publish(changed_demo(name="Versie 2"), at=T0 + DAY)
    body = publisher.file("feed.json").read_bytes()
    server.faults["/feed.json"] = serve(body + b" " * 10_000_000)
    refused(data_dir, server, publisher, baseline, Outcome.REJECTED, "size")


def test_payload_gzip_bomb(data_dir, publisher, server, baseline):
    publisher.publish(changed_demo(name="Versie 2"), at=T0 + DAY)
    body = publisher.file("feed.json").read_bytes()
    server.faults["/feed.json"] = gzipped(body + b" " * 50_000_000)
    refused(data_dir, server, publisher, baseline, Outcome.REJECTED, "size")


def test_payload_truncated_connection(data_dir, publisher, server, baseline):
    publisher.publish(changed_demo(name="Versie 2"), at=T0 + DAY)
    server.faults["/feed.json"] = truncated(0.7)
    refused(data_dir, server, publisher, baseline, Outcome.NETWORK, "connection", sleep=lambda s: None)


def _signed_payload_case(publisher, mutate) -> None:
    payload = demo_dict()
    mutate(payload)
    sign_raw(publisher, json.dumps(payload).encode(), 2, at=T0 + DAY)


@pytest.mark.parametrize("name, mutate", [
    ("duplicate ids", lambda p: p["services"].append(dict(p["services"][0]))),
    ("wrong type", lambda p: p["services"][0].update(minimum_age="zes")),
    ("missing field", lambda p: p["services"][0].pop("kinds")),
    ("unknown field", lambda p: p["services"][0].update(extra_field=1)),
    ("javascript link", lambda p: p["services"][0].update(url="javascript:alert(1)")),
    ("file link", lambda p: p["services"][0].update(url="file:///etc/passwd")),
    ("huge string", lambda p: p["services"][0].update(description="x" * 2_000_000)),
    ("local id prefix", lambda p: p["services"][0].update(id="lokaal-overname")),
    ("dangling organisation", lambda p: p["services"][0].update(organization_id="bestaat-niet")),
    ("bad phone", lambda p: p["services"][0].update(phones=[{"number": "<script>"}])),
])
def test_signed_but_invalid_payload(data_dir, publisher, server, baseline, name, mutate):
    _signed_payload_case(publisher, mutate)
    result = refused(data_dir, server, publisher, baseline, Outcome.REJECTED, "schema")
    assert "formaat" in result.message


def test_signed_payload_with_nan(data_dir, publisher, server, baseline):
    text = json.dumps(demo_dict()).replace('"minimum_age": 6', '"minimum_age": NaN', 1)
    assert "NaN" in text
    sign_raw(publisher, text.encode(), 2, at=T0 + DAY)
    refused(data_dir, server, publisher, baseline, Outcome.REJECTED, "schema")


def test_signed_payload_that_is_not_json(data_dir, publisher, server, baseline):
    sign_raw(publisher, b"\xff\xfe nee", 2, at=T0 + DAY)
    refused(data_dir, server, publisher, baseline, Outcome.REJECTED, "schema")


# -- the diff guard ----------------------------------------------------------------------------

def test_mass_withdrawal_is_held_until_accepted(data_dir, publisher, server, baseline):
    payload = demo_dict()
    del payload["services"][:10]
    publisher.publish(payload, at=T0 + DAY)
    result = refused(data_dir, server, publisher, baseline, Outcome.HELD, "large_change")
    assert result.preview.withdrawn == 10 and result.preview.active == 57
    other = sync_once(data_dir, server.url, publisher.root, now=T0 + DAY, accept_sha256="0" * 64)
    assert other.outcome == Outcome.HELD and db_dump(data_dir) == baseline
    accepted = sync_once(data_dir, server.url, publisher.root, now=T0 + DAY, accept_sha256=result.payload_sha256)
    assert accepted.outcome == Outcome.APPLIED and accepted.counts.withdrawn == 10


def test_many_phone_numbers_changed_is_held(data_dir, publisher, server, baseline):
    payload = demo_dict()
    for i, svc in enumerate(payload["services"][:8]):  # e.g. a wrong column in the publisher's export
        svc["phones"] = [{"number": f"0900-123456{i}"}]
    publisher.publish(payload, at=T0 + DAY)
    result = refused(data_dir, server, publisher, baseline, Outcome.HELD, "large_change")
    assert result.preview.phones_changed >= 8
    assert sync_once(data_dir, server.url, publisher.root, now=T0 + DAY, accept=True).outcome == Outcome.APPLIED


def test_small_withdrawal_is_not_held(data_dir, publisher, server, baseline):
    payload = demo_dict()
    del payload["services"][:5]
    publisher.publish(payload, at=T0 + DAY)
    result = sync_once(data_dir, server.url, publisher.root, now=T0 + DAY)
    assert result.outcome == Outcome.APPLIED and result.counts.withdrawn == 5


# -- key rotation --------------------------------------------------------------------------------

def test_valid_rotation_is_followed_and_old_key_revoked(data_dir, publisher, server, baseline):
    old_key, old_root = publisher.key, publisher.root
    publisher.rotate()
    publisher.publish(changed_demo(name="Na sleutelwissel"), at=T0 + DAY)
    result = sync_once(data_dir, server.url, old_root, now=T0 + DAY)
    assert result.outcome == Outcome.APPLIED, result.message
    after = db_dump(data_dir)
    # the old (maybe stolen) key can no longer publish, even with a higher version
    publisher.key, publisher.root = old_key, old_root
    sign_raw(publisher, publisher.file("feed.json").read_bytes(), 9, at=T0 + 2 * DAY)
    refused(data_dir, server, publisher, after, Outcome.REJECTED, "signature", now=T0 + 2 * DAY)


def test_rotation_signed_only_by_the_new_key_is_refused(data_dir, publisher, server, baseline):
    from koppdesk.feed.keys import read_private_key
    from koppdesk.feed.root import make_root, sign_root

    new_key = generate_private_key()
    rogue = make_root("regio-test", 2, [new_key.public_key()], T0)
    (publisher.pub / "root" / "2.root.json").write_bytes(sign_root(rogue, [new_key]))
    refused(data_dir, server, publisher, baseline, Outcome.REJECTED, "signature")
    # and signed only by the old key (the new key did not agree) is refused as well
    (publisher.pub / "root" / "2.root.json").write_bytes(sign_root(rogue, [read_private_key(publisher.key)]))
    refused(data_dir, server, publisher, baseline, Outcome.REJECTED, "signature")


def test_rotation_to_another_feed_id_is_refused(data_dir, publisher, server, baseline):
    from koppdesk.feed.keys import read_private_key
    from koppdesk.feed.root import make_root, sign_root

    old, new = read_private_key(publisher.key), generate_private_key()
    other = make_root("andere-regio", 2, [new.public_key()], T0)
    (publisher.pub / "root" / "2.root.json").write_bytes(sign_root(other, [old, new]))
    refused(data_dir, server, publisher, baseline, Outcome.REJECTED, "feed_id")


def test_rotation_skipping_a_version_is_refused(data_dir, publisher, server, baseline):
    from koppdesk.feed.keys import read_private_key
    from koppdesk.feed.root import make_root, sign_root

    old, new = read_private_key(publisher.key), generate_private_key()
    skip = make_root("regio-test", 3, [new.public_key()], T0)
    (publisher.pub / "root" / "2.root.json").write_bytes(sign_root(skip, [old, new]))
    refused(data_dir, server, publisher, baseline, Outcome.REJECTED, "root")


def test_oversized_root_is_refused(data_dir, publisher, server, baseline):
    (publisher.pub / "root" / "2.root.json").write_bytes(b" " * (65 * 1024))
    refused(data_dir, server, publisher, baseline, Outcome.REJECTED, "size")


def test_root_chain_walk_is_bounded(data_dir, publisher, server, baseline):
    for _ in range(34):
        publisher.rotate()
    publisher.publish(changed_demo(name="Na 34 sleutelwissels"), at=T0 + DAY)
    first_root = publisher.base / "keys" / "root.json"
    n = len(server.requests)
    result = sync_once(data_dir, server.url, first_root, now=T0 + DAY)
    roots = [p for p in server.paths()[n:] if p.startswith("/root/")]
    assert roots == [f"/root/{v}.root.json" for v in range(2, 34)]
    # root 33 does not trust the key of root 35 yet: this run refuses, but keeps root 33 ...
    assert (result.outcome, result.reason) == (Outcome.REJECTED, "signature")
    assert db_dump(data_dir) == baseline
    assert b'"version": 33' in __import__("base64").b64decode(
        json.loads((data_dir / "trusted-root.json").read_bytes())["payload"])
    # ... so the next run continues from there and gets the feed
    n = len(server.requests)
    assert sync_once(data_dir, server.url, first_root, now=T0 + DAY).outcome == Outcome.APPLIED
    assert [p for p in server.paths()[n:] if p.startswith("/root/")] == [
        "/root/34.root.json", "/root/35.root.json", "/root/36.root.json"]


def test_invalid_configured_root(tmp_path, data_dir, publisher, server, baseline):
    bad = tmp_path / "root.json"
    bad.write_text('{"niet": "goed"}')
    result = sync_once(data_dir, server.url, bad, now=T0 + DAY)
    assert result.outcome == Outcome.REJECTED and db_dump(data_dir) == baseline
