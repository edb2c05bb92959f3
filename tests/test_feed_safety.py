"""Safety beyond single faults: inert content, a killed process, two syncs at once, a proxy
with TLS, and local entries that survive many random feed updates."""

from __future__ import annotations

import json
import os
import signal
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from feedkit import (
    FAST, T0, ConnectProxy, FeedServer, Publisher, db_check, db_dump, demo_dict, self_signed, sync_once,
)
from koppdesk.content.gemeenten import Gemeenten
from koppdesk.feed.fetch import Fetcher
from koppdesk.feed.result import Outcome
from koppdesk.feed.sync import SyncRequest, run_sync
from koppdesk.services.kaart import KaartService
from koppdesk.services.local_entries import LocalOfferForm, build_local_contact, build_local_offer
from koppdesk.store import SearchFilters, Store

DAY = timedelta(days=1)
TESTS = Path(__file__).parent


def test_html_scripts_and_control_characters_are_inert(data_dir, publisher, server):
    from koppdesk.gui.offer_detail import detail_html

    payload = demo_dict()
    svc = payload["services"][0]
    svc["name"] = "Kanjers\u202e\x07 <b>vet</b>"
    svc["description"] = ('<script>alert(1)</script><a href="javascript:alert(2)">klik</a> '
                          '<img src="file:///etc/passwd"> zie file:///c:/geheim')
    publisher.publish(payload)
    assert sync_once(data_dir, server.url, publisher.root).outcome == Outcome.APPLIED
    store = Store.open(data_dir)
    detail = KaartService(store, Gemeenten.load()).detail(svc["id"])
    assert detail.name == "Kanjers <b>vet</b>"  # control and bidi-override characters removed
    html = detail_html(detail)
    assert "<script" not in html and "&lt;script&gt;" in html
    assert 'href="javascript' not in html and "<img" not in html and 'href="file' not in html
    assert all(link.href.startswith(("https:", "tel:", "mailto:")) for link in detail.links)
    store.close()


def test_process_killed_during_apply_leaves_a_consistent_database(tmp_path, data_dir, publisher, server):
    assert sync_once(data_dir, server.url, publisher.root).outcome == Outcome.APPLIED
    before = db_dump(data_dir)
    payload = demo_dict()
    for svc in payload["services"]:
        svc["description"] += " Bijgewerkt."
    publisher.publish(payload, at=T0 + DAY)
    marker = tmp_path / "in-transaction"
    script = f"""
import sys, time
sys.path.insert(0, {str(TESTS)!r})
import koppdesk.store.apply as apply_mod
from feedkit import sync_once, T0
from datetime import timedelta
real = apply_mod.fts_add
def index_then_hang(*args, **kwargs):
    real(*args, **kwargs)  # the service rows are written and indexed, the transaction is open
    open({str(marker)!r}, "w").close()
    time.sleep(120)
apply_mod.fts_add = index_then_hang
from pathlib import Path
sync_once(Path({str(data_dir)!r}), {server.url!r}, {str(publisher.root)!r}, T0 + timedelta(days=1))
"""
    proc = subprocess.Popen([sys.executable, "-c", script])
    try:
        for _ in range(600):
            if marker.exists() or proc.poll() is not None:
                break
            time.sleep(0.05)
        assert marker.exists(), "the child never reached the middle of the apply"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(30)
    assert db_check(data_dir) == "ok"
    assert db_dump(data_dir) == before
    result = sync_once(data_dir, server.url, publisher.root, now=T0 + DAY)
    assert result.outcome == Outcome.APPLIED and result.counts.changed == 57
    store = Store.open(data_dir)
    store.conn.execute("INSERT INTO services_fts (services_fts) VALUES ('integrity-check')")
    assert len(store.search(SearchFilters(text="bijgewerkt"))) > 0
    store.close()


def test_two_syncs_at_once_apply_exactly_once(tmp_path, data_dir, publisher, server):
    reference = tmp_path / "reference"
    reference.mkdir()
    for target in (data_dir, reference):
        assert sync_once(target, server.url, publisher.root).outcome == Outcome.APPLIED
    payload = demo_dict()
    payload["services"][0]["name"] = "Versie 2"
    publisher.publish(payload, at=T0 + DAY)
    assert sync_once(reference, server.url, publisher.root, now=T0 + DAY).outcome == Outcome.APPLIED

    gate = threading.Barrier(2, timeout=10)

    def both_fetched(handler, body):
        gate.wait()  # both runs have verified the manifest and asked for the payload
        return False
    server.faults["/feed.json"] = both_fetched
    results = []

    def run():
        results.append(sync_once(data_dir, server.url, publisher.root, now=T0 + DAY))
    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(r.outcome.value for r in results) == ["applied", "unchanged"]
    assert [r.reason for r in results if r.outcome == Outcome.UNCHANGED] == ["concurrent"]
    assert db_dump(data_dir) == db_dump(reference)


def test_sync_service_refuses_a_second_run_while_one_is_busy(data_dir, publisher, server):
    from koppdesk.config import Settings
    from koppdesk.services.sync import SyncService

    service = SyncService(Settings(data_dir=data_dir, feed_url=server.url, trust_root=publisher.root,
                                   proxy="geen"), FAST)
    inside, release = threading.Event(), threading.Event()

    def hold(handler, body):
        inside.set()
        release.wait(10)
        return False
    server.faults["/manifest.json"] = hold
    first = []
    t = threading.Thread(target=lambda: first.append(service.run(now=T0)))
    t.start()
    assert inside.wait(10)
    second = service.run(now=T0)
    release.set()
    t.join(30)
    assert second.outcome == Outcome.BUSY
    assert first[0].outcome == Outcome.APPLIED
    service.close()


@pytest.mark.parametrize("via", ["setting", "system"])
def test_https_through_a_proxy_with_the_trust_store(tmp_path, data_dir, publisher, monkeypatch, via):
    publisher.publish()
    host = "feed.example.test"
    cert, key = self_signed(tmp_path, host)
    server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_ctx.load_cert_chain(cert, key)
    client_ctx = ssl.create_default_context(cafile=str(cert))  # stands in for the OS trust store
    with FeedServer(publisher.pub, tls=server_ctx) as srv, ConnectProxy(srv.httpd.server_address[1]) as proxy:
        if via == "system":
            monkeypatch.setenv("https_proxy", proxy.url)
            monkeypatch.setenv("HTTPS_PROXY", proxy.url)
        fetcher = Fetcher(FAST, proxy=proxy.url if via == "setting" else None, ssl_context=client_ctx)
        request = SyncRequest(f"https://{host}/", publisher.root.read_bytes())
        store = Store.open(data_dir)
        result = run_sync(store, data_dir, request, fetcher, T0)
        store.close()
    assert result.outcome == Outcome.APPLIED, result.message
    assert proxy.asked and all(a == f"CONNECT {host}:443" for a in proxy.asked)


def test_untrusted_certificate_is_a_network_failure_without_retry(tmp_path, data_dir, publisher):
    publisher.publish()
    cert, key = self_signed(tmp_path, "localhost")
    server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_ctx.load_cert_chain(cert, key)
    with FeedServer(publisher.pub, tls=server_ctx) as srv:
        fetcher = Fetcher(FAST, proxy="geen", ssl_context=ssl.create_default_context())
        url = f"https://localhost:{srv.httpd.server_address[1]}/"
        store = Store.open(data_dir)
        before = db_dump(data_dir)
        result = run_sync(store, data_dir, SyncRequest(url, publisher.root.read_bytes()), fetcher, T0)
        store.close()
    assert (result.outcome, result.reason) == (Outcome.NETWORK, "tls")
    assert "certificaat" in result.message and db_dump(data_dir) == before


# -- local entries survive random feed updates ------------------------------------------------------

def _local_entries(store: Store) -> str:
    data = store.export_local().model_dump(mode="json", exclude={"exported"})
    return json.dumps(data, sort_keys=True)


def _seed_local(store: Store, feed_ids: list[str]) -> str:
    gemeenten = Gemeenten.load()
    org, svc = build_local_offer(LocalOfferForm(name="Eigen praatgroep", organization="Praktijk De Linde",
                                                description="Groep in de praktijk.", kinds=["groep"],
                                                gemeenten="Amersfoort", phone="033-1234567"), gemeenten)
    store.save_local_offer(org, svc)
    store.save_contact(build_local_contact(name="Ans de Vries", organization="Wijkteam Noord",
                                           phone="06-12345678", gemeenten=gemeenten))
    return svc.id
    for sid in feed_ids[::5]:
        store.set_note(sid, f"Notitie bij {sid}")
        store.set_favourite(sid, True)


def test_local_entries_and_notes_survive_100_random_feed_updates(tmp_path):
    base = Path(tempfile.mkdtemp(dir=tmp_path))
    publisher = Publisher(base / "publisher")
    data_dir = base / "data"
    data_dir.mkdir()
    demo = demo_dict()
    ids = [s["id"] for s in demo["services"]]
    publisher.publish(demo)
    with FeedServer(publisher.pub) as server:
        store = Store.open(data_dir)
        assert sync_once(data_dir, server.url, publisher.root, store=store).outcome == Outcome.APPLIED
        local_id = _seed_local(store, ids)
        local_before = _local_entries(store)
        clock = {"now": T0}

        @settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(keep=st.lists(st.booleans(), min_size=len(ids), max_size=len(ids)),
               edits=st.dictionaries(st.integers(0, len(ids) - 1),
                                     st.sampled_from(["name", "phone", "description", "status"]), max_size=8))
        def update(keep, edits):
            clock["now"] += timedelta(hours=1)
            payload = demo_dict()
            for i, field in edits.items():
                svc = payload["services"][i]
                if field == "name":
                    svc["name"] = f"{svc['name']} {clock['now']:%H%M}"
                elif field == "phone":
                    svc["phones"] = [{"number": f"0800-{i:07d}"}]
                elif field == "description":
                    svc["description"] = "Nieuwe tekst " + clock["now"].isoformat()
                else:
                    svc["status"] = "inactive"
            payload["services"] = [s for s, k in zip(payload["services"], keep, strict=True) if k]
            publisher.publish(payload, at=clock["now"])
            result = sync_once(data_dir, server.url, publisher.root, now=clock["now"], store=store, accept=True)
            assert result.outcome in (Outcome.APPLIED, Outcome.UNCHANGED), result.message
            assert _local_entries(store) == local_before
            live = {r[0] for r in store.conn.execute(
                "SELECT id FROM services WHERE source = 'feed' AND withdrawn_at IS NULL")}
            assert live == {s["id"] for s in payload["services"]}
            assert store.offer(local_id).source == "local"

        update()
        assert clock["now"] >= T0 + timedelta(hours=100)  # at least 100 updates ran
        assert db_check(data_dir) == "ok"
        store.close()
