"""Extraction on sentences written for these tests, with hand-built annotations: structure decides
actors, status, certainty and attribution."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casus.extract import extract_events
from casus.records import Actor, Annotations, Document, Embed, Published, RemovedSpan

STATES = {"Peru": "PER", "Chile": "CHL", "Brazil": "BRA", "Argentina": "ARG", "Ankara": "TUR", "Athens": "GRC",
          "Turkish": "TUR", "Greek": "GRC", "Syrian": "SYR", "Kurdish": "KUR", "Putin": "RUS", "Erdogan": "TUR",
          "Oslo": "NOR", "Reuters": None}


def annotate(text: str) -> Annotations:
    """Actors wherever a name of STATES occurs (a stand-in for the language layer)."""
    actors = []
    for name, code in STATES.items():
        start = text.find(name)
        while start >= 0:
            sector = "MED" if name == "Reuters" else "GOV"
            actors.append(Actor(start, start + len(name), name, name, code, sector, "state"))
            start = text.find(name, start + 1)
    return Annotations("t", actors=sorted(actors, key=lambda a: a.start))


def run(nlp, text: str, **kw):
    doc = Document("t", "t.txt", text, published=Published("2024-05-10", "manifest"), **kw)
    return extract_events(doc, nlp(text), annotate(text))


def codes(ev) -> tuple:
    return (ev.source.code if ev.source else None, ev.target.code if ev.target else None)


def test_extract_coordinated_targets_give_one_event_each(nlp) -> None:
    events = run(nlp, "Peru has sent formal requests for military assistance to Chile, Brazil and Argentina.")
    assert sorted(codes(e) for e in events if e.type == "REQUEST") == [("PER", "ARG"), ("PER", "BRA"), ("PER", "CHL")]


def test_extract_coordinated_sources_give_one_event_each(nlp) -> None:
    events = run(nlp, "Chile, Brazil and Argentina reaffirmed their support for Peru.")
    assert sorted(codes(e) for e in events if e.type == "SUPPORT") == [("ARG", "PER"), ("BRA", "PER"), ("CHL", "PER")]


def test_extract_passive_agent_is_the_source(nlp) -> None:
    events = run(nlp, "The Kurdish convoy was attacked by Syrian troops near the border.")
    assault = [e for e in events if e.type == "ASSAULT"]
    assert assault and assault[0].source.code == "SYR"


def test_extract_relative_clause_subject_is_the_head_noun(nlp) -> None:
    events = run(nlp, "Putin, who threatened Ankara last month, met Erdogan on Friday.")
    threat = [e for e in events if e.type == "THREATEN"]
    assert threat and codes(threat[0]) == ("RUS", "TUR")
    assert threat[0].evidence_text.startswith("who threatened")


def test_extract_planned_light_verb(nlp) -> None:
    events = run(nlp, "Ankara is preparing airstrikes against Kurdish positions.")
    assert [(e.type, e.status, e.source.code) for e in events] == [("ASSAULT", "planned", "TUR")]


def test_extract_hypothetical_and_denied(nlp) -> None:
    hyp = run(nlp, "If talks fail, Ankara could impose sanctions on Athens.")
    assert [(e.type, e.status) for e in hyp if e.type == "SANCTION"] == [("SANCTION", "hypothetical")]
    denied = run(nlp, "Ankara denied that its troops had attacked Greek villages.")
    assert [(e.type, e.status) for e in denied] == [("ASSAULT", "denied")]


def test_extract_attribution_chain_speaker_then_outlet(nlp) -> None:
    text = "Turkish officials familiar with the plan told Reuters that Ankara had deployed troops to the border."
    events = [e for e in run(nlp, text) if e.type == "MOBILIZE"]
    assert events and events[0].certainty == "reported"
    chain = [(a.text, a.kind) for a in events[0].attribution]
    assert chain == [("Turkish officials familiar with the plan", "anonymous_official"), ("Reuters", "media")]


def test_extract_alleged_and_data_service(nlp) -> None:
    text = "According to flight tracking data, a Syrian military plane reportedly landed in Oslo."
    events = run(nlp, text)
    assert events and events[0].certainty == "alleged"
    assert events[0].attribution[0].kind == "data_service"


def test_extract_no_events_from_link_lines_or_removed_spans(nlp) -> None:
    assert run(nlp, "READ MORE: Ankara attacks Athens\nPeru thanked Chile.") == []
    text = "Ankara attacked Athens on Monday. Peru criticised Chile."
    cut = text.index("Peru")
    events = run(nlp, text, removed=[RemovedSpan(cut, len(text), "related_link")])
    assert [e.type for e in events] == ["ASSAULT"]


def test_extract_embedded_post_is_attributed_to_its_author(nlp) -> None:
    text = ("Reports said little.\nSyrian jets bombed Kurdish positions near the river.\n"
            "— Ana Ruiz (@anaruiz) 3 May 2024\n")
    start = text.index("Syrian")
    credit = text.index("—")
    embed = Embed(start, len(text) - 1, "tweet", "Ana Ruiz", "anaruiz", "2024-05-03")
    events = run(nlp, text, embeds=[embed], removed=[RemovedSpan(credit, len(text) - 1, "embed_credit")])
    bomb = [e for e in events if e.type == "ASSAULT"]
    assert bomb and bomb[0].attribution[0].kind == "social_media"
    assert bomb[0].attribution[0].text == "Ana Ruiz" and bomb[0].date.first == "2024-05-03"


SUBJECTS = ["Ankara", "Peru", "The Syrian army", "Turkish officials"]
VERBS = ["attacked", "is preparing strikes against", "criticised", "will meet", "denied attacking", "sent troops to"]
OBJECTS = ["Athens", "Chile", "Kurdish rebels", "the border town"]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(SUBJECTS), st.sampled_from(VERBS), st.sampled_from(OBJECTS)),
                min_size=1, max_size=4), st.booleans())
def test_extract_spans_are_faithful_and_within_a_paragraph(nlp, clauses, newline: bool) -> None:
    sep = "\n" if newline else " "
    text = sep.join(f"{s} {v} {o}." for s, v, o in clauses)
    for ev in run(nlp, text):
        assert text[ev.evidence_start:ev.evidence_end] == ev.evidence_text
        assert "\n" not in ev.evidence_text and ev.evidence_text
        for span in [ev.source, ev.target, *ev.attribution]:
            if span is not None:
                assert text[span.start:span.end] == span.text
        assert -10 <= ev.intensity <= 10 and 0 <= ev.confidence <= 1


@pytest.mark.parametrize("sentence", ["Shares in the company fell sharply on Monday.", "The film was a hit."])
def test_extract_business_and_culture_sentences_give_nothing(nlp, sentence: str) -> None:
    assert run(nlp, sentence) == []
