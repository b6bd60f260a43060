"""Attribution sources that PolNeAR-style news uses beyond 'said': reply verbs, passives with an
agent, stance nouns, 'in a statement', a colon before a quotation; and no source for 'I think' or
'it is worth noting'. Sentences written for these tests."""

from __future__ import annotations

from casus.extract.attribution import find_sources
from casus.extract.roles import ActorIndex
from casus.records import Document


def sources(nlp, text: str) -> list[str]:
    doc = Document("t", "t.txt", text)
    return [a.text for a in find_sources(doc, nlp(text), ActorIndex({}))]


def test_extract_sources_of_reply_and_caution_verbs(nlp) -> None:
    assert sources(nlp, "The governor responded that the budget was balanced.") == ["The governor"]
    assert sources(nlp, "Several economists cautioned that the forecast might change.") == ["Several economists"]


def test_extract_source_of_a_passive_is_its_agent(nlp) -> None:
    assert sources(nlp, "The new rules were announced by the ministry on Monday.") == ["the ministry"]
    assert sources(nlp, "It was reported that the talks had stalled.") == []


def test_extract_source_of_a_stance_noun_is_its_possessor(nlp) -> None:
    assert sources(nlp, "The senator's claim that the vote was rigged drew criticism.") == ["The senator"]


def test_extract_acting_in_a_statement_makes_a_source(nlp) -> None:
    assert sources(nlp, "The union criticized the plan in a statement on Friday.") == ["The union"]


def test_extract_a_colon_before_a_quotation_makes_a_source(nlp) -> None:
    assert sources(nlp, 'The mayor continued: "We will rebuild the bridge."') == ["The mayor"]


def test_extract_no_source_for_i_think_or_worth_noting(nlp) -> None:
    assert sources(nlp, '"I think the system is broken," the candidate said.') == ["the candidate"]
    assert sources(nlp, "It is worth noting that the law changed in May.") == []
