"""Search semantics on a real SQLite file: prefixes, diacritics, ages, gemeenten, online offers."""

import pytest

from koppdesk.models import OfferKind, ParentProblem
from koppdesk.store import SearchFilters, Store
from payloads import AMERSFOORT, LEUSDEN, UTRECHT, now, search_payload


@pytest.fixture
def store(data_dir):
    s = Store.open(data_dir)
    s.apply_payload(search_payload(), now=now())
    yield s
    s.close()


def ids(store, **kw):
    return {r.id for r in store.search(SearchFilters(**kw))}


def test_prefix_matching_and_every_word_must_match(store):
    assert ids(store, text="kanj") == {"s-kanjers"}
    assert ids(store, text="praat leus") == {"s-leusden"}
    assert ids(store, text="praat utrecht") == set()


def test_diacritics_insensitive_both_ways(store):
    assert ids(store, text="client") == {"s-kanjers"}  # text says "cliënt"
    assert ids(store, text="cliënt") == {"s-kanjers"}
    assert "s-utrecht" in ids(store, text="beta")      # organisation "Bèta Zorg"


def test_odd_input_never_breaks_the_query(store):
    import unicodedata
    assert ids(store, text=unicodedata.normalize("NFD", "cliënt")) == {"s-kanjers"}
    assert ids(store, text="kanjer_groep") == {"s-kanjers"}  # two words: "kanjer" and "groep"
    for text in ["_", "a_b c_d", "'\"", "\u202e", "kan-", "😀 kanj"]:
        store.search(SearchFilters(text=text))


def test_fts_syntax_typed_by_user_is_inert(store):
    assert ids(store, text='"kanjer*"') == {"s-kanjers"}
    # As an FTS5 operator OR would find both offers; typed by a user it is just a word.
    assert ids(store, text="kanjergroep OR gezinsgesprekken") == set()
    assert ids(store, text="NEAR(") == set()


@pytest.mark.parametrize("age,expected", [
    (7, False), (8, True), (12, True), (13, False),
])
def test_age_boundaries_are_inclusive(store, age, expected):
    assert ("s-kanjers" in ids(store, age=age)) is expected


def test_open_ended_ages(store):
    assert "s-adult" in ids(store, age=60) and "s-adult" not in ids(store, age=17)
    assert "s-nl" in ids(store, age=0) and "s-nl" in ids(store, age=99)


def test_gemeente_filter_includes_national_and_online(store):
    assert ids(store, gemeenten=(LEUSDEN,)) == {"s-leusden", "s-online", "s-nl"}
    assert ids(store, gemeenten=(AMERSFOORT,)) == {"s-kanjers", "s-online", "s-nl", "s-adult"}
    assert ids(store, gemeenten=(UTRECHT, LEUSDEN)) >= {"s-utrecht", "s-leusden"}


def test_kind_problem_and_access_filters(store):
    assert ids(store, kind=OfferKind.JONGE_MANTELZORGERS) == {"s-leusden"}
    assert ids(store, problem=ParentProblem.VERSLAVING) == {"s-leusden", "s-utrecht"}
    assert ids(store, referral_required=True) == {"s-leusden"}
    assert "s-leusden" not in ids(store, referral_required=False)


def test_favourites_only_and_annotated_withdrawn(store):
    store.set_favourite("s-utrecht", True)
    assert ids(store, favourites_only=True) == {"s-utrecht"}
    store.set_note("s-kanjers", "Goede ervaringen")
    smaller = search_payload()
    smaller.services[:] = [s for s in smaller.services if s.id not in ("s-kanjers", "s-nl")]
    result = store.apply_payload(smaller, now=now())
    assert result.withdrawn == 2
    rows = {r.id: r for r in store.search(SearchFilters())}
    assert rows["s-kanjers"].withdrawn and rows["s-kanjers"].has_note
    assert "s-nl" not in rows  # withdrawn and not annotated: gone from results


def test_search_results_carry_what_the_cli_prints(store):
    (row,) = store.search(SearchFilters(text="kanjergroep"))
    assert (row.name, row.organization, row.minimum_age, row.maximum_age) == ("Kanjergroep", "Stichting Alfa", 8, 12)
    assert row.kinds == ["groep"] and row.gemeenten == [AMERSFOORT] and row.source == "feed"


def order(store, **kw):
    return [r.id for r in store.search(SearchFilters(**kw))]


@pytest.fixture
def ranked(data_dir):
    """Offers where a word sits in the title of some and only in the description of others."""
    from payloads import payload, service

    s = Store.open(data_dir)
    s.apply_payload(payload([
        service("t-zebra", "Zebra ouderavond", description="Voor ouders."),
        service("t-anker", "Anker lotgenoten", description="Over psychose en herstel."),
        service("t-beuk", "Beukenhof", description="Gesprekken over psychose."),
        service("t-psy", "Psychosegroep", description="Een groep."),
        service("t-alfa", "Alfa huis", description="Geen treffer."),
    ]), now=now())
    yield s
    s.close()


@pytest.mark.parametrize("typed", ["ps", "psy", "psyc", "psych", "psycho", "psychos", "psychose"])
def test_title_matches_first_then_the_rest_alphabetically_for_every_prefix_length(ranked, typed):
    # 2-6 letters come from the prefix indexes, longer prefixes from the terms themselves.
    assert order(ranked, text=typed) == ["t-psy", "t-anker", "t-beuk"]


@pytest.mark.parametrize("limit", [1, 2, 3])
def test_title_matches_come_first_also_when_the_hits_pass_the_limit(ranked, limit):
    # More hits than the limit: the index is asked for title matches separately.
    assert order(ranked, text="psych", limit=limit) == ["t-psy", "t-anker", "t-beuk"][:limit]


def test_title_match_ignores_case_and_accents_like_the_index(data_dir):
    from payloads import payload, service

    s = Store.open(data_dir)
    s.apply_payload(payload([
        service("t-desc", "Aanbod", description="Voor elke cliënt."),
        service("t-title", "Cliëntenraad", org="org-b"),
        service("t-org", "Steunpunt", org="org-b", description="Geen treffer."),
    ]), now=now())
    assert order(s, text="CLIENT") == ["t-title", "t-desc"]
    assert order(s, text="beta") == ["t-title", "t-org"]  # organisation "Bèta Zorg": both title matches
    assert order(s, text="zorg ster") == []
    s.close()


def test_favourite_comes_before_title_matches(ranked):
    ranked.set_favourite("t-beuk", True)
    assert order(ranked, text="psycho") == ["t-beuk", "t-psy", "t-anker"]


def test_browsing_a_gemeente_is_alphabetical_and_the_limit_keeps_the_first(ranked):
    assert order(ranked, gemeenten=(AMERSFOORT,)) == ["t-alfa", "t-anker", "t-beuk", "t-psy", "t-zebra"]
    assert order(ranked, gemeenten=(AMERSFOORT,), limit=2) == ["t-alfa", "t-anker"]
    assert order(ranked, gemeenten=(AMERSFOORT,), age=30, limit=3) == ["t-alfa", "t-anker", "t-beuk"]


def test_has_offers_ignores_withdrawn_ones(store):
    assert store.has_offers()
    store.apply_payload(search_payload().model_copy(update={"services": []}), now=now())
    assert not store.has_offers() and store.count_offers() == 0
