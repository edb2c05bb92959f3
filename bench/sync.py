"""Sync benchmark: publish a generated feed of 20,000 offers, serve it on 127.0.0.1, and time
a full first sync (fetch + verify + validate + apply) and an unchanged re-sync (304), with the
peak memory of the syncing process.  Baseline, same run: `json.load` of the payload file plus
sqlite-utils `insert_all` of the same rows, without any checks or search index.

Baseline and sync alternate, 5 runs each by default (each run is printed; the figures are
medians); before each, the disk is settled (os.sync) and each run's folder is removed after it.  Also times the demo feed (57 offers).  Last line: `ratio=<full sync / baseline>`
(goal <= 2).

Run: .venv/bin/python bench/sync.py [--offers N] [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen import generate_payload_dict  # noqa: E402

from koppdesk.bundle import demo_payload_path  # noqa: E402
from koppdesk.feed.fetch import FetchPolicy, Fetcher  # noqa: E402
from koppdesk.feed.publish import keygen, publish  # noqa: E402
from koppdesk.feed.sync import SyncRequest, run_sync  # noqa: E402
from koppdesk.store import Store  # noqa: E402


class _ETagHandler(SimpleHTTPRequestHandler):
    """A static server like a CDN: ETag + If-None-Match (304)."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_file():
            stat = path.stat()
            etag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return None
            self._etag = etag
        return super().send_head()

    def end_headers(self):
        if getattr(self, "_etag", None):
            self.send_header("ETag", self._etag)
            self._etag = None
        super().end_headers()


def serve(folder: Path) -> tuple[ThreadingHTTPServer, str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_ETagHandler, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def publish_folder(work: Path, payload_file: Path) -> tuple[Path, Path]:
    now = datetime.now(timezone.utc).replace(microsecond=0)
    _, root = keygen(work / "keys", "bench-feed", now)
    publish(payload_file, work / "keys" / "signing.key", root, work / "pub", now)
    return work / "pub", root


def settle_disk() -> None:
    """Write out what earlier runs left in the page cache, so no run pays for the writing of
    the one before it (both contenders fsync; without this, later runs were up to 20% slower)."""
    if hasattr(os, "sync"):
        os.sync()


def peak_rss_mb() -> float:
    """High-water mark of this process's memory (VmHWM on Linux; ru_maxrss elsewhere, which on
    Linux would include the parent's memory before exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale


def child(url: str, root: Path, data_dir: Path) -> None:
    """One process: full first sync, then an unchanged re-sync; prints JSON."""
    request = SyncRequest(url, root.read_bytes())
    store = Store.open(data_dir)
    rss_before = peak_rss_mb()
    start = time.perf_counter()
    first = run_sync(store, data_dir, request, Fetcher(FetchPolicy(), proxy="geen"), datetime.now(timezone.utc))
    full = time.perf_counter() - start
    rss_peak = peak_rss_mb()
    start = time.perf_counter()
    again = run_sync(store, data_dir, request, Fetcher(FetchPolicy(), proxy="geen"), datetime.now(timezone.utc))
    resync = time.perf_counter() - start
    store.close()
    print(json.dumps({"full": full, "resync": resync, "first": first.outcome.value, "again": again.outcome.value,
                      "peak_mb": rss_peak, "rise_mb": rss_peak - rss_before}))


def run_child(url: str, root: Path, data_dir: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", url, str(root), str(data_dir)],
                         capture_output=True, text=True, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["first"] == "applied" and result["again"] == "unchanged", result
    return result


def baseline(payload_file: Path, data_dir: Path) -> float:
    import sqlite_utils

    start = time.perf_counter()
    with open(payload_file, "rb") as fh:
        data = json.load(fh)
    db = sqlite_utils.Database(data_dir / "baseline.sqlite")
    db["organizations"].insert_all(({"id": o["id"], "name": o["name"], "data": json.dumps(o)}
                                    for o in data["organizations"]), pk="id")
    db["services"].insert_all(({"id": s["id"], "name": s["name"], "organization_id": s["organization_id"],
                                "data": json.dumps(s)} for s in data["services"]), pk="id")
    db.conn.close()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--offers", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", nargs=3, metavar=("URL", "ROOT", "DATA"))
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]), Path(args.child[2]))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "demo").mkdir()
        pub, root = publish_folder(work / "demo", demo_payload_path())
        httpd, url = serve(pub)
        demo = [run_child(url, root, Path(tempfile.mkdtemp(dir=work))) for _ in range(args.runs)]
        httpd.shutdown()
        print(f"demo feed (57 offers): full sync {statistics.median(r['full'] for r in demo) * 1000:.0f} ms, "
              f"unchanged re-sync {statistics.median(r['resync'] for r in demo) * 1000:.1f} ms")

        big = work / "big"
        big.mkdir()
        payload_file = big / "payload.json"
        payload_file.write_text(json.dumps(generate_payload_dict(args.offers)), encoding="utf-8")
        pub, root = publish_folder(big, payload_file)
        size = (pub / "feed.json").stat().st_size
        httpd, url = serve(pub)
        runs, bases = [], []
        for i in range(args.runs):  # alternate baseline and sync, each on a settled disk
            data_dir = Path(tempfile.mkdtemp(dir=work))
            settle_disk()
            bases.append(baseline(pub / "feed.json", data_dir))
            settle_disk()
            runs.append(run_child(url, root, data_dir))
            shutil.rmtree(data_dir)
        httpd.shutdown()
    full = statistics.median(r["full"] for r in runs)
    resync = statistics.median(r["resync"] for r in runs)
    base = statistics.median(bases)
    print(f"generated feed ({args.offers} offers, feed.json {size / 1e6:.1f} MB), median of {args.runs}:")
    each = lambda values: ", ".join(f"{v:.2f}" for v in values)  # noqa: E731
    print(f"  baseline json.load + insert_all: {base:.2f} s   (runs: {each(bases)})")
    print(f"  full first sync (fetch, verify, validate, apply): {full:.2f} s"
          f"   (runs: {each(r['full'] for r in runs)})")
    print(f"  unchanged re-sync (304): {resync * 1000:.1f} ms (goal < 100 ms)")
    print(f"  peak memory of the syncing process: {max(r['peak_mb'] for r in runs):.0f} MB "
          f"(+{max(r['rise_mb'] for r in runs):.0f} MB during the sync)")
    print(f"ratio={full / base:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
