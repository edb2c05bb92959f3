"""Search benchmark: 100,000 offers over all gemeenten, 200 realistic queries.

Measures p50/p95 latency of the search the GUI uses (KaartService.search -> store.search_offers)
against a naive LIKE scan over the same database in the same run, and the time the GUI needs to
show the first page of results.  Last line: `ratio=<baseline p95 / koppdesk p95>` (speed-up).

Each contender runs the 200 queries as one block (as a user's keystrokes follow each other),
the blocks one after the other.  A second pass interleaves the two per query and is reported
too: there every koppdesk search follows a LIKE scan that has just read the whole file.

Run: .venv/bin/python bench/search.py [--offers N] [--queries N]
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from gen import generate_payload_dict, realistic_queries  # noqa: E402

from koppdesk.config import Settings  # noqa: E402
from koppdesk.models import Payload  # noqa: E402
from koppdesk.services.appservices import build_services  # noqa: E402
from koppdesk.store import SearchFilters, Store  # noqa: E402
from koppdesk.store.search import _WORD  # noqa: E402


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def naive_like(store: Store, q: dict) -> list:
    """Baseline: what one would write without an index — LIKE on every text column."""
    where, params = ["withdrawn_at IS NULL"], []
    for word in _WORD.findall(q["text"]):
        where.append("(name LIKE ? OR organization_name LIKE ? OR search_text LIKE ?)")
        params += [f"%{word}%"] * 3
    if q["age"] is not None:
        where.append("(minimum_age IS NULL OR minimum_age <= ?) AND (maximum_age IS NULL OR maximum_age >= ?)")
        params += [q["age"], q["age"]]
    if q["gemeenten"]:
        where.append("(is_online = 1 OR is_national = 1 OR areas LIKE ?)")
        params.append(f'%"{q["gemeenten"][0]}"%')
    sql = ("SELECT id, name, organization_name, minimum_age, maximum_age, kinds, areas, source FROM services"
           f" WHERE {' AND '.join(where)} ORDER BY name LIMIT 500")
    return store.conn.execute(sql, params).fetchall()


def timed(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return (time.perf_counter() - start) * 1000


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--offers", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=200)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        t0 = time.perf_counter()
        payload = Payload.model_validate(generate_payload_dict(args.offers))
        t1 = time.perf_counter()
        store = Store.open(data_dir)
        store.apply_payload(payload, now=payload.generated)
        store.close()
        t2 = time.perf_counter()
        print(f"generated+validated {args.offers} offers in {t1 - t0:.1f} s, applied in {t2 - t1:.1f} s")
        # The app never holds a validated national payload while searching; here its millions
        # of objects would make every full garbage collection during the measurements slow.
        del payload
        gc.collect()

        services = build_services(Settings(data_dir=data_dir))
        queries = realistic_queries(args.queries)
        filters = [SearchFilters(text=q["text"], gemeenten=q["gemeenten"], age=q["age"]) for q in queries]
        for q, f in zip(queries[:10], filters[:10]):  # warm up both contenders
            services.kaart.search(f)
            naive_like(services.store, q)
        ours = [timed(services.kaart.search, f) for f in filters]
        base = [timed(naive_like, services.store, q) for q in queries]
        mixed = []
        for q, f in zip(queries, filters):
            timed(naive_like, services.store, q)
            mixed.append(timed(services.kaart.search, f))
        hits = [len(services.kaart.search(f)) for f in filters]
        gui_ms = gui_first_page(services, filters[:50])
        services.close()
    p50, p95 = statistics.median(ours), percentile(ours, 95)
    b50, b95 = statistics.median(base), percentile(base, 95)
    print(f"queries: {len(queries)}, median hits {statistics.median(hits):.0f}")
    print(f"koppdesk search  p50 {p50:7.2f} ms   p95 {p95:7.2f} ms   (goal p95 <= 10 ms)")
    print(f"naive LIKE scan  p50 {b50:7.2f} ms   p95 {b95:7.2f} ms")
    print(f"koppdesk search right after each LIKE scan (interleaved pass): p50 {statistics.median(mixed):.2f} ms"
          f"   p95 {percentile(mixed, 95):.2f} ms")
    print(f"GUI: search + first page shown, median {gui_ms:.1f} ms")
    print(f"speed-up p50 {b50 / p50:.1f}x, p95 {b95 / p95:.1f}x (goal >= 20x)")
    print(f"ratio={b95 / p95:.2f}")
    return 0


def gui_first_page(services, filters: list[SearchFilters]) -> float:
    """Median time for the KaartView to run a search and paint the first page of results."""
    from PySide6.QtWidgets import QApplication

    from koppdesk.gui.kaart_view import KaartView

    app = QApplication.instance() or QApplication([])
    view = KaartView(services)
    view.resize(1100, 700)
    view.show()
    app.processEvents()
    times = []
    for f in filters:
        start = time.perf_counter()
        view.filters.text.blockSignals(True)
        view.filters.text.setText(f.text)
        view.filters.text.blockSignals(False)
        view.refresh()
        view.results.viewport().repaint()
        times.append((time.perf_counter() - start) * 1000)
    view.shutdown()
    view.close()
    return statistics.median(times)


if __name__ == "__main__":
    sys.exit(main())
