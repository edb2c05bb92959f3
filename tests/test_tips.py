"""Gesprekstips service: search, audience filter, favourites kept in the database's meta table."""

from __future__ import annotations

from koppdesk.services.appservices import build_services
from koppdesk.services.tips import FAVOURITES_KEY


def test_search_is_accent_and_case_insensitive_and_every_word_must_match(services):
    tips = services.tips
    assert [c.id for c in tips.search("SPANNING stress")] == ["tip.laagdrempelig-aanbod"]
    assert {c.id for c in tips.search("cliënt")} == {c.id for c in tips.search("client")}
    assert tips.search("boos") and all("boos" in tips._haystacks[c.id] for c in tips.search("boos"))
    assert tips.search("spanning zebra") == []
    assert len(tips.search("")) == len(tips.cards)


def test_audience_filter(services):
    tips = services.tips
    for audience in ("ouder", "kind", "naasten", "collega"):
        found = tips.search(audience=audience)
        assert found and all(audience in c.audiences for c in found)
        assert {c.id for c in found} == {c.id for c in tips.cards if audience in c.audiences}


def test_favourites_first_and_kept_after_restart(services, settings):
    tips = services.tips
    last = tips.cards[-1].id
    tips.set_favourite(last, True)
    assert tips.search()[0].id == last
    assert [c.id for c in tips.search(favourites_only=True)] == [last]
    services.close()
    again = build_services(settings)
    try:
        assert again.tips.favourites() == {last}
        again.tips.set_favourite(last, False)
        assert again.tips.favourites() == set()
    finally:
        again.close()


def test_damaged_favourites_value_is_ignored_and_logged(services, caplog):
    services.store.update_meta({FAVOURITES_KEY: "{kapot"})
    assert services.tips.favourites() == set()
    assert FAVOURITES_KEY in caplog.text


def test_card_set_html_escapes_and_lists_examples(services):
    tips = services.tips
    html = tips.cards_html(tips.search(audience="naasten"))
    assert html.count("<h2>") == len(tips.search(audience="naasten"))
    assert "Zo kunt u het zeggen" in html
    sneaky = tips.cards[0].model_copy(update={"title": "<script>x</script> & co"})
    html = tips.card_html(sneaky)
    assert "<script>" not in html and "&lt;script&gt;x&lt;/script&gt; &amp; co" in html
