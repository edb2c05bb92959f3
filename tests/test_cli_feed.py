"""The publisher and sync CLI contract, as a new user runs it (real processes, real server)."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import time

import pytest

from feedkit import db_dump, demo_dict
from koppdesk.bundle import demo_payload_path
from koppdesk.cli import main
from koppdesk.feed.manifest import read_unverified_version


def koppdesk(*args, data_dir=None):
    cmd = [sys.executable, "-m", "koppdesk"]
    if data_dir is not None:
        cmd += ["--data-dir", str(data_dir)]
    return subprocess.run(cmd + [str(a) for a in args], capture_output=True, text=True, timeout=120)


@pytest.fixture
def http_server(tmp_path):
    """`python -m http.server` on a free port, serving tmp_path/pub."""
    pub = tmp_path / "pub"
    pub.mkdir()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
                            cwd=pub, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    yield pub, f"http://127.0.0.1:{port}/"
    proc.terminate()
    proc.wait(10)


@pytest.mark.slow
def test_new_user_walkthrough(tmp_path, http_server):
    pub, url = http_server
    keys, data = tmp_path / "keys", tmp_path / "data"
    out = koppdesk("feed", "keygen", "--out", keys)
    assert out.returncode == 0, out.stderr
    assert stat.S_IMODE((keys / "signing.key").stat().st_mode) == 0o600
    assert (keys / "root.json").is_file()

    out = koppdesk("feed", "publish", demo_payload_path(), "--key", keys / "signing.key",
                   "--root", keys / "root.json", "--out", pub)
    assert out.returncode == 0, out.stderr
    assert {p.name for p in pub.iterdir()} == {"feed.json", "manifest.json", "root"}
    assert (pub / "root" / "1.root.json").read_bytes() == (keys / "root.json").read_bytes()

    out = koppdesk("sync", "--url", url, "--root", keys / "root.json", data_dir=data)
    assert out.returncode == 0, out.stderr
    assert "resultaat=applied" in out.stdout and "versie=1" in out.stdout

    changed = demo_dict()
    changed["services"][0]["description"] = "Deze groep start voortaan op woensdag."
    (tmp_path / "v2.json").write_text(json.dumps(changed), encoding="utf-8")
    out = koppdesk("feed", "publish", tmp_path / "v2.json", "--key", keys / "signing.key",
                   "--root", keys / "root.json", "--out", pub)
    assert out.returncode == 0 and "versie 2" in out.stdout
    out = koppdesk("sync", "--url", url, "--root", keys / "root.json", data_dir=data)
    assert out.returncode == 0, out.stderr
    assert "1 gewijzigd" in out.stdout and "gewijzigd=1" in out.stdout and "nieuw=0" in out.stdout

    out = koppdesk("sync", "--url", url, "--root", keys / "root.json", data_dir=data)
    assert out.returncode == 0 and "resultaat=unchanged" in out.stdout

    before = db_dump(data)
    feed = pub / "feed.json"
    feed.write_bytes(feed.read_bytes().replace(b"woensdag", b"zaterdag"))
    later = feed.stat().st_mtime + 10
    os.utime(feed, (later, later))
    out = koppdesk("sync", "--url", url, "--root", keys / "root.json", data_dir=data)
    assert out.returncode == 3
    assert "geweigerd" in out.stderr and "reden=hash" in out.stderr and "niet gewijzigd" in out.stderr
    assert db_dump(data) == before
    shown = koppdesk("zoek", "woensdag", "--json", data_dir=data)
    assert len(json.loads(shown.stdout)) == 1


def test_keygen_never_overwrites_a_key(tmp_path, capsys):
    assert main(["feed", "keygen", "--out", str(tmp_path / "k"), "--feed-id", "regio-x"]) == 0
    key = (tmp_path / "k" / "signing.key").read_bytes()
    assert main(["feed", "keygen", "--out", str(tmp_path / "k")]) == 2
    assert (tmp_path / "k" / "signing.key").read_bytes() == key
    assert "bestaat al" in capsys.readouterr().err


def test_publish_invalid_payload_lists_errors_by_path_and_writes_nothing(tmp_path, capsys):
    main(["feed", "keygen", "--out", str(tmp_path / "k")])
    bad = demo_dict()
    bad["services"][2]["minimum_age"] = "zes"
    bad["services"][4]["url"] = "javascript:alert(1)"
    (tmp_path / "bad.json").write_text(json.dumps(bad), encoding="utf-8")
    code = main(["feed", "publish", str(tmp_path / "bad.json"), "--key", str(tmp_path / "k" / "signing.key"),
                 "--root", str(tmp_path / "k" / "root.json"), "--out", str(tmp_path / "pub")])
    err = capsys.readouterr().err
    assert code == 2
    assert "services[2].minimum_age" in err and "services[4].url" in err
    assert not (tmp_path / "pub").exists()


def test_publish_versions(tmp_path, capsys):
    main(["feed", "keygen", "--out", str(tmp_path / "k")])
    args = ["feed", "publish", str(demo_payload_path()), "--key", str(tmp_path / "k" / "signing.key"),
            "--root", str(tmp_path / "k" / "root.json"), "--out", str(tmp_path / "pub")]
    manifest = tmp_path / "pub" / "manifest.json"
    assert main(args) == 0 and read_unverified_version(manifest.read_bytes()) == 1
    assert main(args) == 0 and read_unverified_version(manifest.read_bytes()) == 2
    assert main([*args, "--version", "10"]) == 0 and read_unverified_version(manifest.read_bytes()) == 10
    before = manifest.read_bytes()
    assert main([*args, "--version", "10"]) == 2
    assert manifest.read_bytes() == before
    assert "hoger" in capsys.readouterr().err


def test_rotate_and_publish_with_the_new_key(tmp_path, capsys):
    from koppdesk.feed.publish import read_root_file

    main(["feed", "keygen", "--out", str(tmp_path / "k1"), "--feed-id", "regio-x"])
    assert main(["feed", "rotate", "--key", str(tmp_path / "k1" / "signing.key"), "--root",
                 str(tmp_path / "k1" / "root.json"), "--out", str(tmp_path / "k2")]) == 0
    root2 = read_root_file(tmp_path / "k2" / "root.json")
    assert root2.version == 2 and root2.feed_id == "regio-x"
    publish = ["feed", "publish", str(demo_payload_path()), "--out", str(tmp_path / "pub")]
    # publishing with root 2 needs root 1 in the folder first (clients walk the chain)
    assert main([*publish, "--key", str(tmp_path / "k2" / "signing.key"), "--root",
                 str(tmp_path / "k2" / "root.json")]) == 2
    assert main([*publish, "--key", str(tmp_path / "k1" / "signing.key"), "--root",
                 str(tmp_path / "k1" / "root.json")]) == 0
    # the old key does not belong to root 2
    assert main([*publish, "--key", str(tmp_path / "k1" / "signing.key"), "--root",
                 str(tmp_path / "k2" / "root.json")]) == 2
    assert main([*publish, "--key", str(tmp_path / "k2" / "signing.key"), "--root",
                 str(tmp_path / "k2" / "root.json")]) == 0
    assert sorted(p.name for p in (tmp_path / "pub" / "root").iterdir()) == ["1.root.json", "2.root.json"]


def test_sync_exit_codes_for_configuration_and_network(tmp_path, capsys):
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "sync"]) == 2
    assert "feed-adres" in capsys.readouterr().err
    main(["feed", "keygen", "--out", str(tmp_path / "k")])
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here
    code = main(["--data-dir", str(data), "sync", "--url", f"http://127.0.0.1:{port}/",
                 "--root", str(tmp_path / "k" / "root.json"), "--timeout", "2"])
    err = capsys.readouterr().err
    assert code == 4 and "Geen verbinding met de feed-server (verbinding geweigerd)" in err
    assert "resultaat=network" in err
    assert main(["--data-dir", str(data), "sync", "--url", "http://feed.example.org/",
                 "--root", str(tmp_path / "k" / "root.json")]) == 2
    assert "https://" in capsys.readouterr().err
