"""The checklist session (services/checklist.py): summary in plain words and fitting offers.

Expected offers are computed from the demo payload itself, not from fixed counts, so the
tests hold when the demo sociale kaart grows.
"""

from __future__ import annotations

from datetime import date

import pytest

from koppdesk.bundle import demo_payload_path
from koppdesk.content.gemeenten import UnknownGemeente
from koppdesk.models import Payload
from koppdesk.services.checklist import MAX_OFFERS, ChecklistSession
from koppdesk.vocab import OfferKind, ParentProblem

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def demo() -> Payload:
    return Payload.model_validate_json(demo_payload_path().read_bytes())


@pytest.fixture
def session(services):
    return ChecklistSession(services.content.checklist, services.kaart, today=lambda: TODAY)


def expected_offers(demo: Payload, codes: set[str], age: int | None, problem: ParentProblem | None = None) -> set[str]:
    """What should match: active, serving the gemeente (or national/online), age inside the band."""
    out = set()
    for s in demo.services:
        if str(s.status) not in ("active", "temporarily closed"):
            continue
        if not (codes & set(s.service_areas) or "NL" in s.service_areas or OfferKind.ONLINE in s.kinds):
            continue
        if age is not None and not ((s.minimum_age is None or s.minimum_age <= age)
                                    and (s.maximum_age is None or s.maximum_age >= age)):
            continue
        if problem is not None and problem not in s.parent_problems:
            continue
        out.add(s.id)
    return out


@pytest.mark.parametrize("gemeente,age", [("Amersfoort", 8), ("GM0327", 15), ("Groningen", 3), ("Zwolle", 21)])
def test_offers_match_age_and_gemeente_including_online(session, demo, gemeente, age):
    session.set_area(gemeente)
    session.age = age
    got = [o.offer.id for o in session.summary().offers]
    want = expected_offers(demo, set(session.area_codes), age)
    assert len(got) == len(set(got))
    assert set(got) == want if len(want) <= MAX_OFFERS else set(got) <= want
    online = {s.id for s in demo.services if OfferKind.ONLINE in s.kinds}
    assert online & want <= set(got)  # online offers are included by the search itself


def test_postcode_and_problem_filter(session, demo, services):
    session.set_area(postcode="3835")  # on the border of Leusden and Amersfoort
    assert set(session.area_codes) == {"GM0327", "GM0307"}
    session.age = 10
    session.problem = ParentProblem.VERSLAVING
    got = {o.offer.id for o in session.summary().offers}
    assert got == expected_offers(demo, {"GM0327", "GM0307"}, 10, ParentProblem.VERSLAVING)
    with pytest.raises(UnknownGemeente, match="Ongeldige postcode"):
        session.set_area(postcode="12")
    with pytest.raises(UnknownGemeente, match="Onbekende gemeente"):
        session.set_area("Atlantis")


def test_without_a_place_there_are_no_offers_but_a_hint(session):
    session.age = 9
    summary = session.summary()
    assert summary.offers == [] and "gemeente of postcode" in summary.offers_note


def test_offers_fitting_ticked_factors_come_first(session, demo):
    session.set_area("Amersfoort")
    session.age = 12
    session.tick("cl.kind.parentificatie")
    offers = session.summary().offers
    carers = {s.id for s in demo.services if OfferKind.JONGE_MANTELZORGERS in s.kinds}
    fitting = [o for o in offers if o.fits]
    assert fitting, "the demo has an offer for jonge mantelzorgers in Amersfoort at 12"
    assert {o.offer.id for o in fitting} <= carers
    assert offers[: len(fitting)] == fitting
    assert fitting[0].fits == ("Te veel zorgtaken (parentificatie)",)


def test_counts_accumulation_weighty_and_missing_protection(session):
    summary = session.summary()
    assert not summary.accumulation and summary.sentences[0].startswith("Nog niets aangevinkt")
    for fid in ("cl.kind.meisje", "cl.ouders.vroeg-begin"):
        session.tick(fid)
    summary = session.summary()
    assert summary.accumulation  # two weighty factors are enough
    assert [f.id for f in summary.weighty] == ["cl.kind.meisje", "cl.ouders.vroeg-begin"]
    text = " ".join(summary.sentences)
    assert "Zwaarwegend aangevinkt: het kind is een meisje en de problemen van de ouder" in text
    assert "stapeling" in text
    session.tick("cl.kind.meisje", False)
    session.tick("cl.omgeving.netwerk")
    summary = session.summary()
    assert not summary.accumulation and "Geen stapeling" in " ".join(summary.sentences)
    assert summary.counts == {"kind": (0, 0), "ouders": (1, 0), "gezin": (0, 0), "omgeving": (0, 1)}
    assert "cl.omgeving.netwerk" not in {f.id for f in summary.missing_protective}
    assert "Niet aangevinkt als aanwezig: veilige gehechtheid" in " ".join(summary.sentences)
    for fid in ("cl.gezin.scheiding", "cl.omgeving.stigma"):
        session.tick(fid)
    assert session.summary().accumulation  # three risk factors


def test_safety_factor_points_to_the_meldcode(session):
    session.tick("cl.gezin.geweld")
    text = " ".join(session.summary().sentences)
    assert "meldcode" in text and "0800-2000" in text


def test_disclaimer_is_always_there(session):
    assert "geen diagnose" in session.summary().disclaimer
    assert "gevalideerd instrument" in session.dossier_text()
    assert "geen diagnose" in session.print_html()


def test_dossier_text_has_no_postcode_and_only_known_words(session):
    session.set_area("Amersfoort", "3811")
    session.age = 7
    for fid in ("cl.kind.parentificatie", "cl.kind.inzicht"):
        session.tick(fid)
    text = session.dossier_text()
    assert text.startswith("Checklist risico- en beschermende factoren (koppdesk), 23-11-2026")
    assert "Leeftijd kind: 7 jaar" in text and "Gemeente: Amersfoort" in text
    assert "3811" not in text
    assert "- Te veel zorgtaken (parentificatie) (kind)" in text


def test_clear_forgets_everything(session):
    session.set_area("Utrecht")
    session.age = 5
    session.problem = ParentProblem.PSYCHISCH
    session.tick("cl.kind.zelfvertrouwen")
    session.clear()
    assert (session.age, session.area_codes, session.problem, session.ticked) == (None, (), None, set())
    with pytest.raises(KeyError):
        session.tick("cl.bestaat-niet")
