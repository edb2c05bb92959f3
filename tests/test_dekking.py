"""Coverage matrix (Dekking): checked against a count made independently from the payload JSON."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from koppdesk.bundle import demo_payload_path
from koppdesk.content.gemeenten import UnknownGemeente
from koppdesk.services.dekking import DekkingService
from koppdesk.store import SearchFilters, Store
from coverage_count import BANDS, DEMO_GEMEENTEN, KINDS, ROWS, counted_ids, expected_counts
from payloads import AMERSFOORT, LEUSDEN, UTRECHT, now, payload, service

@pytest.fixture(scope="module")
def demo_json() -> dict:
    return json.loads(demo_payload_path().read_text(encoding="utf-8"))


@pytest.fixture
def dekking(services) -> DekkingService:
    return services.dekking


def test_bands_are_the_documented_ones(dekking):
    matrix = dekking.matrix(dekking.resolve(["Amersfoort"]))
    assert {b.key: (b.low, b.high) for b in matrix.bands} == BANDS
    assert [r.key for r in matrix.rows] == ROWS


@pytest.mark.parametrize("code", DEMO_GEMEENTEN)
def test_demo_matrix_matches_independent_count(dekking, demo_json, code):
    gemeente = dekking.resolve([code])
    services = demo_json["services"]
    assert dekking.matrix(gemeente).counts() == expected_counts(services, [code])
    assert dekking.matrix(gemeente, local_only=True).counts() == expected_counts(services, [code], local_only=True)
    for problem in ("psychisch", "verslaving"):
        assert dekking.matrix(gemeente, problem=problem).counts() == \
            expected_counts(services, [code], problem=problem)


@pytest.mark.parametrize("code", DEMO_GEMEENTEN)
def test_demo_cells_list_the_right_offers_and_local_numbers(dekking, demo_json, code):
    matrix = dekking.matrix(dekking.resolve([code]))
    services = demo_json["services"]
    for row in ROWS:
        for band in BANDS:
            cell = matrix.cell(row, band)
            assert {o.id for o in cell.offers} == counted_ids(services, {code}, row, band)
            assert cell.local == len(counted_ids(services, {code}, row, band, local_only=True))


def test_region_counts_an_offer_serving_both_gemeenten_once(dekking, demo_json):
    region = dekking.resolve(["Amersfoort", "GM0327"])
    matrix = dekking.matrix(region)
    assert matrix.counts() == expected_counts(demo_json["services"], ["GM0307", "GM0327"])
    assert matrix.place == "Amersfoort en Leusden"
    # Wolkenkrabbers (6-9) serves both: one offer in "4-8", not two
    ids = [o.id for o in matrix.cell("kind:groep", "4-8").offers]
    assert ids.count("svc-eem-wolkenkrabbers") == 1


def test_hand_counted_cells(dekking):
    """A few cells counted by hand from data/demo/sociale-kaart.json."""
    leusden = dekking.matrix(dekking.resolve(["Leusden"]))
    # groups for Leusden touching 12..15: Stormvogels (9-12) and Vrije Vlucht (8-12), both at age 12
    assert {o.id for o in leusden.cell("kind:groep", "12-16").offers} == {"svc-eem-stormvogels", "svc-mn-vrije-vlucht"}
    assert leusden.cell("kind:groep", "16-18").count == 0
    assert leusden.cell("kind:groep", "16-18").text == "0 —"
    groningen = dekking.matrix(dekking.resolve(["Groningen"]))
    # only the national online parent course for parents in Groningen
    assert all(groningen.cell("kind:ouders", b).text == "1 online" for b in BANDS)
    tilburg = dekking.matrix(dekking.resolve(["Tilburg"]))
    assert [tilburg.cell("kind:jonge mantelzorgers", b).count for b in BANDS] == [0] * 6
    assert tilburg.cell("kind:jonge mantelzorgers", "0-4").text == "n.v.t."


def test_all_row_holds_exactly_what_the_search_finds(services, dekking):
    for code in DEMO_GEMEENTEN:
        matrix = dekking.matrix(dekking.resolve([code]))
        in_matrix = {o.id for b in BANDS for o in matrix.cell("all", b).offers}
        found = {r.id for r in services.store.search(SearchFilters(gemeenten=(code,), limit=10_000))}
        assert in_matrix == found, code


def test_deliberate_demo_gaps_are_named(dekking):
    """The gaps data/demo/README.md lists, in the words a user reads."""
    def gaps(name, **kw):
        return [g.text for g in dekking.matrix(dekking.resolve([name]), **kw).gaps]

    assert "Geen groepsaanbod voor 0 t/m 5 en 13 t/m 17 jaar in Leusden." in gaps("Leusden")
    assert "Geen aanbod voor jonge mantelzorgers van 8 t/m 24 jaar in Tilburg." in gaps("Tilburg")
    assert "Geen lokaal aanbod voor 0 t/m 3 jaar in Groningen; alleen online: Online oudercursus Ouder met" \
           " een rugzak." in gaps("Groningen")
    assert "Geen lokaal aanbod voor volwassen KOPP (18 t/m 25 jaar) in Utrecht; alleen online: Online" \
           " lotgenotengroep volwassen KOPP." in gaps("Utrecht")
    assert "Geen groepsaanbod voor 0 t/m 11 jaar in Zwolle bij verslaving van de ouder." \
        in gaps("Zwolle", problem="verslaving")
    assert not any("groepsaanbod voor" in g and "Amersfoort" in g and "13" in g for g in gaps("Amersfoort"))


def local_ages(services, codes, row, problem=None) -> dict[int, set[str]]:
    """Per age 0..25: the reaches ('lokaal', 'online', 'landelijk') of offers in `row` covering it."""
    out: dict[int, set[str]] = {a: set() for a in range(26)}
    for s in services:
        for age in range(26):
            band = next(k for k, (lo, hi) in BANDS.items() if lo <= age <= hi)
            if s["id"] not in counted_ids(services, set(codes), row, band, problem=problem):
                continue
            lo, hi = s.get("minimum_age"), s.get("maximum_age")
            if (lo is None or lo <= age) and (hi is None or hi >= age):
                online = "online" in s["kinds"]
                out[age].add("online" if online else "lokaal" if set(codes) & set(s["service_areas"])
                             else "landelijk")
    return out


@pytest.mark.parametrize("code", DEMO_GEMEENTEN)
def test_gaps_match_an_independent_age_count(dekking, demo_json, code):
    matrix = dekking.matrix(dekking.resolve([code]))
    services = demo_json["services"]
    total = local_ages(services, [code], "all")
    for row in matrix.rows:
        reaches = local_ages(services, [code], row.key)
        # an age is a gap when nothing local covers it (the online row: nothing at all), within the
        # row's ages, and - for kind/problem rows - where the region has some local offer at all
        expect = {a for a in row.ages
                  if not (reaches[a] if row.online_row else reaches[a] & {"lokaal"})
                  and (row.key == "all" or "lokaal" in total[a])}
        named = {a for g in matrix.gaps if g.row.key == row.key for lo, hi in g.ages for a in range(lo, hi + 1)}
        assert named == expect, (code, row.key)
        for g in matrix.gaps:
            if g.row.key == row.key:
                for lo, hi in g.ages:
                    assert all(reaches[a] - {"lokaal"} == set(g.reaches) for a in range(lo, hi + 1))


def test_withdrawn_and_inactive_offers_never_count(services, data_dir):
    store = services.store
    offers = [service("s-groep", "Groep", min_age=8, max_age=12),
              service("s-stopt", "Stopt", min_age=8, max_age=12),
              service("s-dicht", "Dicht", min_age=8, max_age=12, status="inactive"),
              service("s-pauze", "Pauze", min_age=8, max_age=12, status="temporarily closed")]
    store.apply_payload(payload(offers), now=now())
    matrix = services.dekking.matrix(services.dekking.resolve(["Amersfoort"]))
    assert {o.id for o in matrix.cell("kind:groep", "8-12").offers} == {"s-groep", "s-stopt", "s-pauze"}
    store.apply_payload(payload([offers[0], offers[2], offers[3]]), now=now())  # s-stopt withdrawn
    matrix = services.dekking.matrix(services.dekking.resolve(["Amersfoort"]))
    assert {o.id for o in matrix.cell("kind:groep", "8-12").offers} == {"s-groep", "s-pauze"}


def test_online_offer_of_one_gemeente_counts_everywhere_as_online(services):
    services.store.apply_payload(payload([
        service("s-chat", "Chat Utrecht", kinds=["online", "individueel"], areas=[UTRECHT], min_age=12, max_age=18),
        service("s-lokaal", "Lokaal", kinds=["individueel"], areas=[AMERSFOORT], min_age=12, max_age=18),
    ]), now=now())
    d = services.dekking
    leusden = d.matrix(d.resolve([LEUSDEN]))
    cell = leusden.cell("kind:individueel", "12-16")
    assert [o.id for o in cell.offers] == ["s-chat"] and cell.text == "1 online"
    assert d.matrix(d.resolve([LEUSDEN]), local_only=True).cell("kind:individueel", "12-16").count == 0
    # only local offers: the online row is not a gap, it cannot count
    assert d.matrix(d.resolve([UTRECHT]), local_only=True).cell("kind:online", "12-16").text == "n.v.t."
    assert d.matrix(d.resolve([UTRECHT])).cell("kind:online", "12-16").text == "1"
    # open ages: an offer without minimum/maximum counts in every band
    services.store.apply_payload(payload([service("s-open", "Open", kinds=["gezin"])]), now=now())
    assert d.matrix(d.resolve([AMERSFOORT])).counts()["kind:gezin"] == dict.fromkeys(BANDS, 1)


def test_band_edges(services):
    services.store.apply_payload(payload([
        service("s-4", "Vier", min_age=4, max_age=4), service("s-3", "Drie", min_age=0, max_age=3),
        service("s-25", "Vijfentwintig", min_age=25, max_age=40), service("s-26", "Zesentwintig", min_age=26),
    ]), now=now())
    d = services.dekking
    counts = {b: {o.id for o in d.matrix(d.resolve([AMERSFOORT])).cell("all", b).offers} for b in BANDS}
    assert counts["0-4"] == {"s-3"} and counts["4-8"] == {"s-4"}
    assert counts["18-25"] == {"s-25"}


def test_unknown_gemeente_is_a_dutch_error(dekking):
    with pytest.raises(UnknownGemeente, match="Onbekende gemeente"):
        dekking.resolve(["Atlantis"])
    with pytest.raises(UnknownGemeente, match="Kies minstens"):
        dekking.resolve([" "])


def test_gemeenten_in_kaart_are_the_demo_ones(dekking):
    assert {g.code for g in dekking.gemeenten_in_kaart()} == set(DEMO_GEMEENTEN)


ages = st.one_of(st.none(), st.integers(0, 30))


@st.composite
def random_services(draw):
    out = []
    for i in range(draw(st.integers(0, 8))):
        lo, hi = draw(ages), draw(ages)
        if lo is not None and hi is not None and lo > hi:
            lo, hi = hi, lo
        out.append(service(
            f"s-{i}", f"Aanbod {i}", kinds=draw(st.lists(st.sampled_from(KINDS), min_size=1, max_size=3, unique=True)),
            areas=draw(st.lists(st.sampled_from([AMERSFOORT, LEUSDEN, UTRECHT, "NL"]), min_size=1, max_size=2,
                                unique=True)),
            min_age=lo, max_age=hi,
            problems=draw(st.lists(st.sampled_from(["psychisch", "verslaving"]), max_size=2, unique=True)),
            status=draw(st.sampled_from(["active", "active", "inactive", "temporarily closed"]))))
    return out


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(offers=random_services(), region=st.sets(st.sampled_from([AMERSFOORT, LEUSDEN, UTRECHT]), min_size=1))
def test_random_payloads_match_independent_count(tmp_path_factory, offers, region):
    store = Store.open(tmp_path_factory.mktemp("d"))
    try:
        from koppdesk.content.gemeenten import Gemeenten

        store.apply_payload(payload(offers), now=now())
        d = DekkingService(store, Gemeenten.load())
        chosen = d.resolve(sorted(region))
        for local_only in (False, True):
            assert d.matrix(chosen, local_only=local_only).counts() == \
                expected_counts(offers, region, local_only=local_only)
    finally:
        store.close()
