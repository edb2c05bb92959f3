"""Large writes go in batches, indexed on a second thread (store/offers.py, store/background.py)."""

import sqlite3
import threading

import pytest
from hypothesis import given
from hypothesis import strategies as st

from koppdesk.store import SearchFilters, Store
from koppdesk.store import offers
from koppdesk.store.background import BackgroundStatements
from payloads import AMERSFOORT, LEUSDEN, UTRECHT, now, payload, service

KINDS = ("groep", "gezin", "online", "ouders")
PROBLEMS = ("psychisch", "verslaving")


def _offers(count: int, *, start: int = 0, text: str = "steun") -> list[dict]:
    return [service(f"s-{i}", f"Aanbod {text} {i}", kinds=[KINDS[i % 4]],
                    areas=[(AMERSFOORT, LEUSDEN, UTRECHT)[i % 3]], problems=list(PROBLEMS[: i % 3]),
                    min_age=i % 12, max_age=12 + i % 7, description=f"Over {text} voor gezin {i % 50}.")
            for i in range(start, start + count)]


def _snapshot(store: Store) -> dict:
    conn = store.conn
    conn.execute("INSERT INTO services_fts (services_fts) VALUES ('integrity-check')")  # raises if out of step
    snap = {"services": conn.execute("SELECT * FROM services ORDER BY pk").fetchall()}
    # Every row is indexed, with its facet tokens (store/facets.py).
    assert conn.execute("SELECT count(*) FROM services_fts_docsize").fetchone()[0] == len(snap["services"])
    for kind in KINDS:
        facet = store.search(SearchFilters(kind=kind, limit=5000))  # no text: through the facet tokens
        assert {r.id for r in facet} == {r[1] for r in snap["services"] if f'"{kind}"' in r[9]
                                         and r[17] is None}, kind
    for text, gemeente, age in (("steun", LEUSDEN, 5), ("zeilen", None, None), ("gezin 7", UTRECHT, 14)):
        found = store.search(SearchFilters(text=text, gemeenten=(gemeente,) if gemeente else (), age=age,
                                          limit=5000))
        snap[f"search {text}"] = sorted(r.id for r in found)
    return snap


def test_a_large_write_in_batches_gives_the_same_database_as_one_batch(tmp_path, monkeypatch):
    first = payload(_offers(2500))
    second = payload(_offers(1400, text="zeilen") + _offers(1000, start=1400) + _offers(500, start=4000))
    assert offers.batch_bounds(len(first.services)) == [0, 250, 1375, 2500]  # three batches
    batched = Store.open(tmp_path / "batched")
    results = [batched.apply_payload(p, now=now()) for p in (first, second)]
    assert [(r.new, r.changed, r.withdrawn, r.unchanged) for r in results] == [
        (2500, 0, 0, 0), (500, 1400, 100, 1000)]
    monkeypatch.setattr(offers, "MIN_BATCH", 10_000)  # everything in one batch, on this thread
    single = Store.open(tmp_path / "single")
    for p in (first, second):
        single.apply_payload(p, now=now())
    got, expected = _snapshot(batched), _snapshot(single)
    assert got == expected
    assert got["search zeilen"] == sorted(f"s-{i}" for i in range(1400))
    assert got["search steun"] == sorted(f"s-{i}" for i in [*range(1400, 2400), *range(4000, 4500)]
                                         if (i % 3 == 1 or KINDS[i % 4] == "online") and i % 12 <= 5)
    batched.close()
    single.close()


def test_a_failing_statement_on_the_second_thread_rolls_the_whole_write_back(data_dir):
    store = Store.open(data_dir)
    store.apply_payload(payload(_offers(10)), now=now())
    before = _snapshot(store)
    # A trigger that fails the full-text index's first write: the second thread runs it.
    store.conn.execute("CREATE TEMP TRIGGER refuse AFTER INSERT ON services_fts_docsize"
                       " WHEN new.id > 10 BEGIN SELECT RAISE(ABORT, 'index refused'); END")
    bigger = payload(_offers(10) + _offers(2000, start=10))
    with pytest.raises(sqlite3.IntegrityError):  # FTS5 reports it as "constraint failed"
        store.apply_payload(bigger, now=now())
    store.conn.execute("DROP TRIGGER refuse")
    assert _snapshot(store) == before
    assert store.apply_payload(bigger, now=now()).new == 2000  # it was the trigger
    store.close()


def test_background_statements_hand_errors_to_the_caller(tmp_path):
    conn = sqlite3.connect(tmp_path / "x.sqlite", check_same_thread=False)
    threads = []

    def job(c):
        threads.append(threading.current_thread())
        c.execute("SELECT * FROM missing")

    with pytest.raises(sqlite3.OperationalError, match="missing"):
        with BackgroundStatements(conn) as background:
            background.run(job)
    assert threads[0] is not threading.main_thread()
    with pytest.raises(KeyError):  # the caller's own error wins; the job's is dropped after it ended
        with BackgroundStatements(conn) as background:
            background.run(job)
            raise KeyError("caller")
    assert not any(t.is_alive() for t in threads)
    with pytest.raises(sqlite3.OperationalError):  # not threaded: runs at once
        BackgroundStatements(conn, threaded=False).run(job)
    assert threads[-1] is threading.main_thread()
    conn.close()


@given(st.integers(min_value=0, max_value=300_000))
def test_batches_cover_every_item_once(count):
    bounds = offers.batch_bounds(count)
    assert bounds[0] == 0 and bounds[-1] == count
    assert all(a < b for a, b in zip(bounds, bounds[1:])) or count == 0
    assert len(bounds) == (2 if count <= offers.MIN_BATCH else len(offers.BATCH_SHARES) + 1)
