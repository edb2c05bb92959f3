"""Ketenkaart: chain partners per role, from the feed, local roles and own contacts."""

from __future__ import annotations

import json
import sqlite3

import pytest

from koppdesk.bundle import demo_payload_path
from koppdesk.services.keten import ORIGIN_CONTACT, ORIGIN_DERIVED, ORIGIN_FEED, ORIGIN_LOCAL, ketenkaart_html
from koppdesk.services.local_entries import build_local_contact
from koppdesk.services.setup import open_store
from koppdesk.store import Store, schema
from koppdesk.store.db import DB_FILENAME
from koppdesk.vocab import ChainRole
from payloads import AMERSFOORT, LEUSDEN, UTRECHT, now, payload, service

DEMO_GEMEENTEN = ["GM0307", "GM0327", "GM0344", "GM0193", "GM0855", "GM0014"]


@pytest.fixture(scope="module")
def demo_json() -> dict:
    return json.loads(demo_payload_path().read_text(encoding="utf-8"))


def org_pairs(kaart) -> set[tuple[str, str, str]]:
    """(role, organisation id, origin) for every organisation partner on the map."""
    return {(str(g.role), p.key, p.origin) for g in kaart.groups for p in g.partners if not p.is_contact}


def expected_pairs(demo: dict, code: str) -> set[tuple[str, str, str]]:
    """Independent reading of the demo JSON: the organisation's roles where its list names the
    gemeente, or (empty list) where its services are, national services everywhere."""
    areas: dict[str, set[str]] = {}
    for s in demo["services"]:
        areas.setdefault(s["organization_id"], set()).update(s["service_areas"])
    out = set()
    for org in demo["organizations"]:
        listed = code in org.get("gemeenten", [])
        serves = code in areas.get(org["id"], set())
        national = "NL" in areas.get(org["id"], set())
        here = listed or (not org.get("gemeenten") and (serves or national))
        roles = org.get("roles", []) if here else []
        if roles:
            out |= {(r, org["id"], "feed") for r in roles}
        elif serves or national:
            out.add(("uitvoering", org["id"], "afgeleid"))
    return out


@pytest.mark.parametrize("code", DEMO_GEMEENTEN)
def test_demo_chain_matches_the_feed(services, demo_json, code):
    kaart = services.keten.ketenkaart(code)
    assert org_pairs(kaart) == expected_pairs(demo_json, code)
    assert [g.role for g in kaart.groups] == list(ChainRole)
    assert kaart.missing == []  # the demo has a complete chain per gemeente
    for group in kaart.groups:
        partner, person = group.contact
        assert person is not None and partner.phone  # someone to call, with a number


def test_contact_per_role_prefers_kopp_title(services):
    kaart = services.keten.ketenkaart("GM0307")
    uitvoering = next(g for g in kaart.groups if g.role == ChainRole.UITVOERING)
    partner, person = uitvoering.contact
    assert "KOPP" in person.title and not partner.national
    # national organisations come last in a group
    nationals = [p.national for p in uitvoering.partners]
    assert nationals == sorted(nationals) and nationals[-1]


def _chain_payload():
    orgs = [
        {"id": "org-a", "name": "Wijkteam Alfa", "roles": ["signalering", "toeleiding"], "gemeenten": [AMERSFOORT],
         "contacts": [{"id": "c-1", "name": "Ans", "title": "wijkcoach", "phones": [{"number": "033-1111111"}]}]},
        {"id": "org-b", "name": "Bèta Zorg", "roles": ["bespreken"]},
        {"id": "org-c", "name": "Gamma Groepen"},
        {"id": "org-d", "name": "Delta Weg", "roles": ["risico-inschatting"], "gemeenten": [UTRECHT]},
    ]
    return payload([
        service("s-a", "Leusden-aanbod van Alfa", org="org-a", areas=[LEUSDEN]),
        service("s-b", "Bèta gesprek", org="org-b", areas=[AMERSFOORT]),
        service("s-c", "Gamma groep", org="org-c", areas=[AMERSFOORT]),
    ], orgs=orgs)


def test_roles_follow_the_gemeenten_list_and_the_offers(services):
    services.store.apply_payload(_chain_payload(), now=now())
    keten = services.keten
    assert org_pairs(keten.ketenkaart(AMERSFOORT)) == {
        ("signalering", "org-a", ORIGIN_FEED), ("toeleiding", "org-a", ORIGIN_FEED),
        ("bespreken", "org-b", ORIGIN_FEED),  # empty list: where its offers are
        ("uitvoering", "org-c", ORIGIN_DERIVED),  # no roles, but an offer here
    }
    # Alfa's list does not name Leusden, but it has an offer there: it runs that offer
    assert org_pairs(keten.ketenkaart(LEUSDEN)) == {("uitvoering", "org-a", ORIGIN_DERIVED)}
    assert org_pairs(keten.ketenkaart(UTRECHT)) == {("risico-inschatting", "org-d", ORIGIN_FEED)}
    missing = keten.ketenkaart(UTRECHT).missing
    assert "Signalering" in missing and "Risico-inschatting" not in missing


def test_local_role_added_kept_on_sync_removed(services):
    store, keten = services.store, services.keten
    store.apply_payload(_chain_payload(), now=now())
    keten.add_role("org-d", AMERSFOORT, ChainRole.DESKUNDIGHEIDSBEVORDERING)
    keten.add_role("org-a", AMERSFOORT, ChainRole.SIGNALERING)  # already a feed role: stays "feed"
    pairs = org_pairs(keten.ketenkaart(AMERSFOORT))
    assert ("deskundigheidsbevordering", "org-d", ORIGIN_LOCAL) in pairs
    assert ("signalering", "org-a", ORIGIN_FEED) in pairs
    assert ("deskundigheidsbevordering", "org-d", ORIGIN_LOCAL) not in org_pairs(keten.ketenkaart(UTRECHT))
    store.apply_payload(_chain_payload(), now=now())  # a sync leaves local roles alone
    assert ("deskundigheidsbevordering", "org-d", ORIGIN_LOCAL) in org_pairs(keten.ketenkaart(AMERSFOORT))
    # the feed withdraws org-d: it leaves the map, the local role waits for its return
    store.apply_payload(payload([service("s-a", "A", org="org-a")],
                                orgs=[{"id": "org-a", "name": "Wijkteam Alfa"}]), now=now())
    assert not any(key == "org-d" for _, key, _ in org_pairs(keten.ketenkaart(AMERSFOORT)))
    store.apply_payload(_chain_payload(), now=now())
    assert ("deskundigheidsbevordering", "org-d", ORIGIN_LOCAL) in org_pairs(keten.ketenkaart(AMERSFOORT))
    assert keten.remove_role("org-d", AMERSFOORT, ChainRole.DESKUNDIGHEIDSBEVORDERING)
    assert not keten.remove_role("org-d", AMERSFOORT, ChainRole.DESKUNDIGHEIDSBEVORDERING)
    assert not any(key == "org-d" for _, key, _ in org_pairs(keten.ketenkaart(AMERSFOORT)))


def test_own_contacts_by_gemeente_and_role(services):
    store, gem = services.store, services.gemeenten
    store.save_contact(build_local_contact(name="Anna de Vries", organization="JGZ", role="jeugdverpleegkundige",
                                           phone="033-7654321", gemeente="Amersfoort", gemeenten=gem,
                                           chain_roles=["signalering", "toeleiding"]))
    store.save_contact(build_local_contact(name="Bram", gemeente="Utrecht", gemeenten=gem, chain_roles=["bespreken"]))
    store.save_contact(build_local_contact(name="Cor", gemeenten=gem))  # no gemeente, no role
    kaart = services.keten.ketenkaart(AMERSFOORT)
    contacts = {(str(g.role), p.name) for g in kaart.groups for p in g.partners if p.is_contact}
    assert contacts == {("signalering", "JGZ"), ("toeleiding", "JGZ"), ("None", "Cor")}
    signalering = next(g for g in kaart.groups if g.role == ChainRole.SIGNALERING)
    assert signalering.partners[0].origin == ORIGIN_CONTACT  # own contacts first: korte lijnen
    partner, person = signalering.contact
    assert (person.name, partner.phone) == ("Anna de Vries", "033-7654321")
    assert kaart.groups[-1].label == "Eigen contacten zonder rol"


def test_local_roles_travel_with_the_local_export(tmp_path, services):
    services.keten.add_role("org-eem-ggz", "GM0327", ChainRole.TOELEIDING)
    exported = services.store.export_local()
    assert [(r.organization_id, r.gemeente, r.role) for r in exported.organization_roles] == \
        [("org-eem-ggz", "GM0327", ChainRole.TOELEIDING)]
    colleague = open_store(tmp_path / "colleague")
    try:
        assert colleague.import_local(exported).roles == 1
        from koppdesk.services.keten import KetenService

        pairs = org_pairs(KetenService(colleague, services.gemeenten).ketenkaart("GM0327"))
        assert ("toeleiding", "org-eem-ggz", ORIGIN_LOCAL) in pairs  # the feed gives it no toeleiding
        assert colleague.export_local().organization_roles == exported.organization_roles
    finally:
        colleague.close()


def test_version_1_database_gets_the_local_roles_table(data_dir):
    path = data_dir / DB_FILENAME
    conn = sqlite3.connect(path)
    conn.executescript(schema.MIGRATIONS[0])
    conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    store = Store.open(data_dir)
    try:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        store.apply_payload(_chain_payload(), now=now())
        store.add_local_role("org-c", AMERSFOORT, "toeleiding")
        assert {c.organization.id: c.local_roles for c in store.chain(AMERSFOORT)}["org-c"] == ("toeleiding",)
    finally:
        store.close()
    assert list(data_dir.glob("koppdesk.backup-v1-*.sqlite"))


def test_export_of_a_version_1_file_without_the_table(tmp_path):
    from koppdesk.store.local import export_local

    conn = sqlite3.connect(tmp_path / "old.sqlite")
    conn.executescript(schema.MIGRATIONS[0])
    assert export_local(conn).organization_roles == []  # salvage of an old damaged file still works
    conn.close()


def test_print_html_escapes_and_names_missing_roles(services):
    services.store.apply_payload(payload([service("s-x", "X", org="org-x")], orgs=[
        {"id": "org-x", "name": "<b>Evil</b> & Co", "roles": ["signalering"]}]), now=now())
    html = ketenkaart_html(services.keten.ketenkaart(AMERSFOORT))
    assert "&lt;b&gt;Evil&lt;/b&gt; &amp; Co" in html and "<b>Evil</b>" not in html
    assert "Niemand bekend voor:" in html and "Deskundigheidsbevordering" in html
