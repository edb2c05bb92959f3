"""The Kindcheck flow (services/kindcheck.py) on the bundled content: both routes, answers, summary."""

from __future__ import annotations

from datetime import date

import pytest

from koppdesk.content.loader import ContentLibrary
from koppdesk.services.kindcheck import FlowError, KindcheckFlow

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def content():
    return ContentLibrary().kindcheck


@pytest.fixture
def flow(content):
    return KindcheckFlow(content, today=lambda: TODAY)


def answer(flow: KindcheckFlow, *option_ids: str) -> None:
    flow.select(option_ids)
    flow.go_next()


def through_questions(flow: KindcheckFlow, safety: str) -> None:
    """From the start to the route choice, with children and the given answer on safety."""
    flow.go_next()                      # intro
    answer(flow, "ja")                  # signalen
    answer(flow, "thuis", "partner")    # kinderen
    answer(flow, "kind")                # leeftijden
    answer(flow, "ouder-zonder")        # wie zorgt er nog
    answer(flow, "zorgtaken")           # wat merken de kinderen
    answer(flow, safety)                # zorg en veiligheid
    answer(flow, "ouder-hulp")          # hulp
    assert flow.current.kind == "routekeuze"


def test_preventive_route_is_suggested_without_safety_concern(flow):
    through_questions(flow, "zorgen")
    assert flow.suggested_route() == "preventief"
    assert flow.chosen()[0].route == "preventief" and flow.is_suggestion()
    flow.go_next()
    assert flow.current.id == "kc.pr.1" and flow.routes_taken() == ["preventief"]
    for _ in range(3):
        flow.go_next()
    assert flow.current.id == "kc.pr.4" and flow.finished and not flow.can_go_next()


def test_safety_concern_suggests_the_meldcode_and_the_user_may_choose_otherwise(flow):
    through_questions(flow, "onveilig")
    assert flow.suggested_route() == "veiligheid"
    assert [o.route for o in flow.chosen()] == ["veiligheid"]
    flow.select(["preventief"])  # the professional decides
    assert not flow.is_suggestion()
    flow.go_next()
    assert flow.current.route == "preventief"


def test_meldcode_afwegingen_lead_to_melden_then_also_prevention(flow):
    through_questions(flow, "onveilig")
    flow.go_next()
    assert flow.current.id == "kc.mc.1"
    answer(flow, "vastgelegd")
    answer(flow, "collega", "veilig-thuis")
    answer(flow, "ouder")
    assert flow.current.id == "kc.mc.4" and not flow.can_go_next()  # afweging 1 must be answered
    answer(flow, "ja")
    answer(flow, "nee")   # afweging 2: no acute or structural unsafety
    answer(flow, "ja")    # afweging 3: can organise help
    flow.select(["nee"])  # afweging 4: help not accepted
    assert flow.chosen()[0].outcome.startswith("Melden bij Veilig Thuis")
    flow.go_next()
    assert flow.current.id == "kc.mc.melden" and flow.finished
    flow.select(["gemeld", "preventief"])
    assert not flow.finished
    flow.go_next()
    assert flow.current.id == "kc.pr.1"
    assert flow.routes_taken() == ["veiligheid", "preventief"]


def test_no_suspicion_closes_and_offers_the_preventive_route(flow):
    through_questions(flow, "onveilig")
    flow.go_next()
    for _ in range(3):
        flow.go_next()
    answer(flow, "nee")
    assert flow.current.id == "kc.mc.afsluiten" and flow.finished
    assert "Afsluiten en vastleggen" in flow.summary_text()


def test_no_children_ends_the_check(flow):
    flow.go_next()
    answer(flow, "nee")
    answer(flow, "geen")
    assert flow.current.id == "kc.einde.geen" and flow.finished
    text = flow.summary_text()
    assert "Uitkomst: Geen kinderen" in text and "Veilig Thuis" not in text


def test_answers_are_checked(flow):
    flow.go_next()
    assert not flow.can_go_next()  # required
    with pytest.raises(FlowError):
        flow.go_next()
    with pytest.raises(FlowError, match="onbekend antwoord"):
        flow.select(["misschien"])
    with pytest.raises(FlowError, match="één antwoord"):
        flow.select(["ja", "nee"])
    answer(flow, "ja")
    with pytest.raises(FlowError, match="niet samen"):
        flow.select(["thuis", "geen"])


def test_back_keeps_answers_and_the_suggestion_follows_changed_answers(flow):
    through_questions(flow, "onveilig")
    assert flow.suggested_route() == "veiligheid"
    flow.go_back()
    flow.go_back()
    assert flow.current.id == "kc.zorg-veiligheid" and flow.answers[flow.current.id] == ("onveilig",)
    answer(flow, "zorgen")
    flow.go_next()
    assert [o.route for o in flow.chosen()] == ["preventief"]  # a suggestion is recomputed
    flow.select(["veiligheid"])
    flow.go_back()
    flow.go_next()
    assert [o.route for o in flow.chosen()] == ["veiligheid"]  # a choice is kept


def test_summary_has_date_steps_route_and_only_content_text(flow, content):
    through_questions(flow, "onveilig")
    flow.go_next()
    text = flow.summary_text()
    assert text.splitlines()[0] == "Kindcheck (koppdesk), 23-11-2026"
    assert "Route: A. Zorgen over de veiligheid" in text
    assert "2. Kinderen in beeld — Eigen kinderen die thuis wonen; Kinderen van de partner" in text
    assert "Veilig Thuis (advies en melden): 0800-2000" in text
    # Every line is built from content text, numbers and fixed words: nothing typed by a user.
    options = [o for s in content.steps for o in s.options]
    allowed = {content.title, *(s.title for s in content.steps), *(r.title for r in content.routes),
               *(o.label for o in options), *(o.outcome for o in options)}
    for line in text.splitlines()[3:-2]:
        body = line.split(". ", 1)[1] if line[0].isdigit() else line.strip(" →")
        title, _, answers = body.partition(" — ")
        assert title in allowed, line
        assert all(a in allowed or a in {"gelezen", "(niet ingevuld)"} for a in answers.split("; ")), line


def test_clear_forgets_everything(flow):
    through_questions(flow, "onveilig")
    flow.clear()
    assert flow.current.id == flow.content.start and flow.answers == {} and flow.history == [flow.content.start]
    assert flow.suggested_route() == "preventief"
