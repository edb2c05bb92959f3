"""The SQLite file: identity, versions, migrations with backup, damage, local entries."""

import sqlite3

import pytest

from koppdesk.services.local_entries import LocalOfferForm, build_local_contact, build_local_offer
from koppdesk.services.setup import open_store, rescue_damaged
from koppdesk.store import DamagedDatabaseError, ForeignDatabaseError, NewerDatabaseError, Store, schema
from koppdesk.store.db import DB_FILENAME
from dbdamage import damage_feed_index
from payloads import now, search_payload


def _db_path(data_dir):
    return data_dir / DB_FILENAME


def test_new_database_has_identity_and_wal(data_dir):
    Store.open(data_dir).close()
    conn = sqlite3.connect(_db_path(data_dir))
    assert conn.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_newer_database_is_refused_and_untouched(data_dir):
    Store.open(data_dir).close()
    conn = sqlite3.connect(_db_path(data_dir))
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    conn.close()
    before = _db_path(data_dir).read_bytes()
    with pytest.raises(NewerDatabaseError, match="nieuwere versie"):
        Store.open(data_dir)
    assert _db_path(data_dir).read_bytes() == before


def test_foreign_sqlite_file_is_refused(data_dir):
    conn = sqlite3.connect(_db_path(data_dir))
    conn.execute("CREATE TABLE x (y)")
    conn.close()
    with pytest.raises(ForeignDatabaseError):
        Store.open(data_dir)


def test_migration_backs_up_first(data_dir, monkeypatch):
    store = Store.open(data_dir)
    store.apply_payload(search_payload(), now=now())
    store.close()
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, "ALTER TABLE notes ADD COLUMN extra TEXT;"])
    monkeypatch.setattr("koppdesk.store.db.MIGRATIONS", schema.MIGRATIONS)
    monkeypatch.setattr("koppdesk.store.db.SCHEMA_VERSION", schema.SCHEMA_VERSION + 1)
    Store.open(data_dir).close()
    backups = list(data_dir.glob(f"koppdesk.backup-v{schema.SCHEMA_VERSION}-*.sqlite"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert old.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    assert old.execute("SELECT count(*) FROM services").fetchone()[0] == len(search_payload().services)
    new = sqlite3.connect(_db_path(data_dir))
    assert new.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION + 1


def test_version_2_file_loses_its_filter_tables_and_keeps_its_offers(data_dir, monkeypatch):
    from koppdesk.store import SearchFilters

    with monkeypatch.context() as v2:
        v2.setattr("koppdesk.store.db.MIGRATIONS", schema.MIGRATIONS[:2])
        v2.setattr("koppdesk.store.db.SCHEMA_VERSION", 2)
        store = Store.open(data_dir)
        store.apply_payload(search_payload(), now=now())
        store.close()
    tables = lambda conn: {r[0] for r in conn.execute("SELECT name FROM sqlite_schema")}  # noqa: E731
    old = sqlite3.connect(_db_path(data_dir))
    assert "service_kinds" in tables(old) and old.execute("PRAGMA user_version").fetchone()[0] == 2
    old.close()
    store = Store.open(data_dir)
    assert not {t for t in tables(store.conn) if t.startswith(("service_areas", "service_kinds", "service_p"))}
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    assert {r.id for r in store.search(SearchFilters(kind="gezin"))} == {"s-utrecht"}
    assert list(data_dir.glob("koppdesk.backup-v2-*.sqlite"))
    store.close()


def test_listing_without_text_reads_only_the_list_index(data_dir, monkeypatch):
    """The first window lists the kaart by name: from the index alone, not from the rows."""
    from koppdesk.store import SearchFilters
    from koppdesk.store import search as search_module

    store = Store.open(data_dir)
    store.apply_payload(search_payload(), now=now())
    plans = []
    real = search_module._rows

    def explained(db, sql, params):
        plans.extend(r[-1] for r in db.execute("EXPLAIN QUERY PLAN " + sql, params))
        return real(db, sql, params)

    monkeypatch.setattr(search_module, "_rows", explained)
    names = [r.name for r in store.search(SearchFilters())]
    assert names == sorted(names, key=str.casefold) and len(names) == 6
    assert any("COVERING INDEX services_list" in p for p in plans), plans
    store.close()


def _add_local_entries(store, gemeenten):
    org, svc = build_local_offer(LocalOfferForm(
        name="Spreekuur POH-jeugd", organization="Huisartsenpraktijk De Linde",
        description="Eigen spreekuur", kinds=["individueel"], gemeenten="Amersfoort",
        minimum_age=4, maximum_age=18, phone="033-1234567"), gemeenten)
    store.save_local_offer(org, svc)
    store.set_note("s-kanjers", "Wachtlijst 6 weken")
    store.set_favourite("s-utrecht", True)
    store.save_contact(build_local_contact(name="Anna de Vries", role="jeugdverpleegkundige",
                                           phone="033-7654321", gemeente="Leusden", gemeenten=gemeenten,
                                           chain_roles=["signalering"]))
    return svc.id


def test_local_entries_survive_restart_and_feed_updates(data_dir, services):
    store, gem = services.store, services.gemeenten
    store.apply_payload(search_payload(), now=now())
    local_id = _add_local_entries(store, gem)
    before = store.export_local().model_dump(exclude={"exported"})
    store.apply_payload(search_payload(), now=now())  # a feed update touches feed rows only
    store.close()
    reopened = open_store(data_dir)
    try:
        assert reopened.export_local().model_dump(exclude={"exported"}) == before
        assert reopened.offer(local_id).source == "local"
    finally:
        reopened.close()
    services.store = Store.open(data_dir)  # fixture closes this one


def test_export_import_to_a_colleague(tmp_path, services):
    _add_local_entries(services.store, services.gemeenten)
    exported = services.store.export_local()
    colleague = open_store(tmp_path / "colleague")
    try:
        result = colleague.import_local(exported)
        assert (result.offers, result.favourites, result.contacts) == (1, 1, 1)
        assert colleague.note("s-kanjers").text == "Wachtlijst 6 weken"
        again = colleague.import_local(exported)  # importing twice changes nothing
        assert again.notes == 0
        assert colleague.export_local().model_dump(exclude={"exported"}) == exported.model_dump(exclude={"exported"})
    finally:
        colleague.close()


def test_damaged_file_is_moved_aside_and_rebuilt_keeping_local_entries(data_dir, services):
    _add_local_entries(services.store, services.gemeenten)
    services.store.close()
    damage_feed_index(data_dir)  # the local-entry tables stay readable
    with pytest.raises(DamagedDatabaseError):
        Store.open(data_dir)
    report = rescue_damaged(data_dir)
    assert report.moved_to.exists() and report.rebuilt_from == "demo"
    assert report.local_entries_kept
    services.store = Store.open(data_dir)
    assert services.store.count_offers() > 0
    assert "data_applied" in services.store.meta()
    assert services.store.note("s-kanjers").text == "Wachtlijst 6 weken"
    assert [c.name for c in services.store.contacts()] == ["Anna de Vries"]


def test_full_text_index_stays_in_step_with_updates_withdrawals_and_deletes(data_dir, services):
    from koppdesk.store import SearchFilters
    from payloads import payload, service

    store = services.store
    store.apply_payload(search_payload(), now=now())
    changed = payload([
        service("s-kanjers", "Kanjergroep", min_age=8, max_age=12, description="Nu over zeilen."),
        service("s-utrecht", "Gezinsgesprekken", org="org-b", areas=["GM0344"], kinds=["gezin"]),
    ])
    result = store.apply_payload(changed, now=now())
    assert (result.changed, result.withdrawn) == (2, 4)  # s-utrecht lost its ages/problems
    local_id = _add_local_entries(store, services.gemeenten)
    store.delete_local_offer(local_id)
    conn = sqlite3.connect(_db_path(data_dir))
    conn.execute("INSERT INTO services_fts (services_fts) VALUES ('integrity-check')")  # raises if out of step
    indexed = conn.execute("SELECT count(*) FROM services_fts_docsize").fetchone()[0]
    assert indexed == conn.execute("SELECT count(*) FROM services").fetchone()[0]
    conn.close()
    ids = lambda text: {r.id for r in store.search(SearchFilters(text=text))}  # noqa: E731
    assert ids("zeilen") == {"s-kanjers"} and ids("depressie") == set()
    assert ids("praatgroep") == set()  # withdrawn and not annotated
    assert ids("spreekuur") == set()   # deleted local offer


def _filtered(store, **filters):
    """Ids found without text (so through the facet tokens)."""
    from koppdesk.store import SearchFilters

    return sorted(r.id for r in store.search(SearchFilters(**filters)))


def test_filters_follow_each_offer_through_changes(data_dir):
    from payloads import UTRECHT, payload, service

    store = Store.open(data_dir)
    store.apply_payload(payload([
        service("a", "Een", kinds=["groep", "online", "groep"], areas=[UTRECHT, "NL", UTRECHT],
                problems=["psychisch"]),
        service("b", "Twee", kinds=["gezin"], problems=[]),
    ]), now=now())
    assert _filtered(store, kind="online") == ["a"] and _filtered(store, kind="gezin") == ["b"]
    assert _filtered(store, problem="psychisch") == ["a"] and _filtered(store, problem="verslaving") == []
    assert store.areas_with_offers() == ["GM0307", "GM0344"]
    rows = {(h.row, h.id, h.reach) for h in store.coverage(["GM0307"], [("alle", 0, 120)])}
    assert rows == {("all", "a", "online"), ("all", "b", "lokaal"), ("kind:groep", "a", "online"),
                    ("kind:online", "a", "online"), ("kind:gezin", "b", "lokaal"),
                    ("problem:psychisch", "a", "online")}
    store.apply_payload(payload([  # a changes everything; b is withdrawn
        service("a", "Een", kinds=["ouders"], areas=["GM0307"], problems=["verslaving", "psychisch"]),
    ]), now=now())
    assert _filtered(store, kind="online") == [] and _filtered(store, kind="ouders") == ["a"]
    assert _filtered(store, kind="gezin") == []  # withdrawn
    assert _filtered(store, problem="verslaving") == ["a"] == _filtered(store, problem="psychisch")
    assert store.areas_with_offers() == ["GM0307"]
    rows = {(h.row, h.id, h.reach) for h in store.coverage(["GM0344"], [("alle", 0, 120)])}
    assert rows == set()  # a left Utrecht and is no longer national or online
    rows = {(h.row, h.id) for h in store.coverage(["GM0307"], [("alle", 0, 120)], "verslaving")}
    assert rows == {("all", "a"), ("kind:ouders", "a"), ("problem:psychisch", "a"), ("problem:verslaving", "a")}
    store.close()


def test_full_text_buffer_size_is_stored_once_and_a_refusal_is_only_logged(data_dir, monkeypatch, caplog):
    Store.open(data_dir).close()
    conn = sqlite3.connect(_db_path(data_dir))
    stored = lambda: conn.execute("SELECT v FROM services_fts_config WHERE k = 'hashsize'").fetchone()  # noqa: E731
    assert stored() == (schema.FTS_HASHSIZE,)
    conn.execute("DELETE FROM services_fts_config WHERE k = 'hashsize'")  # a file from before this setting
    conn.commit()
    Store.open(data_dir).close()
    assert stored() == (schema.FTS_HASHSIZE,)
    conn.execute("DELETE FROM services_fts_config WHERE k = 'hashsize'")
    conn.commit()
    monkeypatch.setattr("koppdesk.store.db.FTS_HASHSIZE", -1)  # FTS5 refuses sizes <= 0
    store = Store.open(data_dir)
    assert store.count_offers() == 0 and stored() is None
    assert "hashsize not stored" in caplog.text
    store.close()
    conn.close()
