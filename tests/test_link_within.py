"""Within one document, mentions are one happening only when the text ties them (link/within.py), and
hyphenated words meet their parts. Hand-built events on sentences written for these tests."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from casus.link import link
from casus.link.features import idf_weights, mention_of, with_mass
from casus.link.lexicon import content_tokens, plain_stems
from casus.link.similarity import incompatible, score
from casus.link.telling import description, refers_back, sentence_start
from casus.records import Actor, Document, Embed, Equipment, Event, Published, TimeExpr

TEXT = ("Naval officials said the navy has carried out a series of attacks on smuggling boats near the coast since "
        "May. The air force has stepped up its flights near the border to map the republic's air defence radars. "
        "The republic has placed about 900 portable air defence systems along the border last week. "
        "The president warned of attacks on land targets in the republic. "
        "Prior to the attacks on possible land targets, the navy shelled a radar site on Friday. "
        "Officials denied that the navy shelled the radar site. The attack killed two technicians. "
        "Marines seized a Baltic Star freighter and later escorted the Baltic Star freighter to port.")


def _actor(code: str | None) -> Actor | None:
    return Actor(0, 1, code, code, code) if code else None


def _event(doc: Document, words: str, trigger: str, type_: str = "ASSAULT", status: str = "occurred",
           src: str | None = "USA", tgt: str | None = "VEN", day: str | None = None,
           equipment: list[Equipment] | None = None) -> Event:
    start = doc.text.index(words)
    t = doc.text.index(trigger, start)
    return Event(id=f"ev_{doc.doc_id}_{start}_{type_}", doc_id=doc.doc_id, type=type_, status=status,
                 certainty="asserted", evidence_start=start, evidence_end=start + len(words), evidence_text=words,
                 source=_actor(src), target=_actor(tgt),
                 date=TimeExpr(0, 1, "d", day, day, "relative to published") if day else None,
                 equipment=equipment or [], trigger_start=t, trigger_end=t + len(trigger))


def _doc(doc_id: str = "a", text: str = TEXT, embeds: list[Embed] | None = None) -> Document:
    return Document(doc_id, f"{doc_id}.txt", text, published=Published("2025-10-27", "manifest"), embeds=embeds or [])


def _apart(a: Event, b: Event, doc: Document, other: Document | None = None) -> bool:
    ms = [mention_of(a, doc, a.doc_id), mention_of(b, other or doc, b.doc_id)]
    return incompatible(*with_mass(ms, idf_weights(ms)))


BOATS = "the navy has carried out a series of attacks on smuggling boats near the coast since May"
FLIGHTS = "The air force has stepped up its flights near the border to map the republic's air defence radars"
SYSTEMS = "The republic has placed about 900 portable air defence systems along the border last week"
WARNED = "The president warned of attacks on land targets in the republic"
PRIOR = "Prior to the attacks on possible land targets"


def test_link_within_refers_back_reads_definite_triggers() -> None:
    text = ("The attack killed two. Prior to the attacks on land targets, officials denied it. "
            "In Monday's strike, five died.")
    assert refers_back(text, 4, 10)  # "The attack killed": a definite noun, nothing setting it apart
    i = text.index("attacks")
    assert not refers_back(text, i, i + 7)  # "the attacks on land targets" tells which attacks
    assert description(text, i, i + 7) == frozenset({"land", "target"})
    j = text.index("denied")
    assert refers_back(text, j, j + 6)  # "denied it."
    k = text.index("strike")
    assert refers_back(text, k, k + 6)  # "Monday's strike"
    m = text.index("killed")
    assert not refers_back(text, m, m + 6) and description(text, m, m + 6) == frozenset()
    assert sentence_start(text, text.index("officials")) == text.index("Prior")


@given(st.text(max_size=80), st.integers(0, 80), st.integers(0, 10))
def test_link_within_telling_never_fails(text: str, start: int, width: int) -> None:
    start = min(start, len(text))
    end = min(len(text), start + width)
    assert isinstance(refers_back(text, start, end), bool)
    assert description(text, start, end) <= plain_stems(text[end:])
    assert 0 <= sentence_start(text, start) <= start


def test_link_within_hyphenated_words_meet_their_parts() -> None:
    assert {"land-bas", "=land", "bas"} <= content_tokens("strikes on land-based military targets")
    assert "=land" in content_tokens("attacks on possible land targets")
    assert {"russian", "made", "russian-made"} <= content_tokens("Russian-made")


def test_link_within_different_types_stay_apart_in_one_document() -> None:
    doc, other = _doc("a"), _doc("b")
    systems = _event(doc, SYSTEMS, "placed", "MOBILIZE", src=None, day="2025-10-20")
    warned = _event(doc, WARNED, "attacks", "THREATEN", day="2025-10-20")
    assert _apart(systems, warned, doc)
    # the same two texts from two documents: no within-document rule, only the type table
    assert not _apart(systems, _event(other, WARNED, "attacks", "THREATEN", day="2025-10-20"), doc, other)
    # a planned attack and the threat of it, same source and target: allowed
    planned = _event(doc, PRIOR, "attacks", status="planned")
    assert not _apart(planned, _event(doc, WARNED, "attacks", "THREATEN"), doc)
    assert _apart(_event(doc, PRIOR, "attacks"), _event(doc, WARNED, "attacks", "THREATEN"), doc)


def test_link_within_shared_topic_words_are_no_tie() -> None:
    doc = _doc()
    flights = _event(doc, FLIGHTS, "flights", "MOBILIZE", day="2025-10-20")
    systems = _event(doc, SYSTEMS, "placed", "MOBILIZE", src=None, day="2025-10-20")
    assert _apart(flights, systems, doc)  # air defence, border, one week: the article's topic, not a tie
    other = _doc("b")
    assert not _apart(flights, _event(other, SYSTEMS, "placed", "MOBILIZE", src=None, day="2025-10-20"), doc, other)


def test_link_within_attacks_on_land_targets_are_not_the_boat_attacks() -> None:
    doc = _doc()
    boats = _event(doc, BOATS, "attacks", "ASSAULT", "ongoing", tgt=None)
    prior = _event(doc, PRIOR, "attacks", "ASSAULT", "planned", tgt=None)
    warned_attack = _event(doc, WARNED, "attacks", "ASSAULT", "planned", tgt=None)
    assert _apart(boats, prior, doc)
    assert not _apart(warned_attack, prior, doc)  # "the attacks on ... land targets" points back to these


def test_link_within_ties_denial_anaphora_and_equipment() -> None:
    doc = _doc()
    shelled = _event(doc, "the navy shelled a radar site on Friday", "shelled", day="2025-10-24")
    denied = _event(doc, "Officials denied that the navy shelled the radar site", "shelled", "ASSAULT", "denied",
                    src="USA")
    killed = _event(doc, "The attack killed two technicians", "attack")
    boats = _event(doc, BOATS, "attacks", "ASSAULT", "ongoing")
    assert not _apart(shelled, denied, doc)
    assert not _apart(shelled, killed, doc) and not _apart(boats, killed, doc)  # "The attack" points back
    freighter = Equipment(0, 1, "Baltic Star", "Baltic Star", "cargo ship")
    seized = _event(doc, "Marines seized a Baltic Star freighter", "seized", "COERCE", equipment=[freighter])
    escorted = _event(doc, "escorted the Baltic Star freighter to port", "escorted", "COERCE", equipment=[freighter])
    assert not _apart(seized, escorted, doc)
    # no equipment and no known source on the second: nothing ties them (the one sentence needs the same actors)
    bare = "escorted the Baltic Star freighter to port"
    assert _apart(seized, _event(doc, bare, "escorted", "COERCE", src=None), doc)
    assert not _apart(seized, _event(doc, bare, "escorted", "COERCE"), doc)


def test_link_within_embedded_post_is_another_voice() -> None:
    text = TEXT + "\nNavy shelled a radar site on Friday. pic.example/x"
    start = text.index("Navy shelled")
    doc = _doc("a", text, [Embed(start, len(text), "tweet", "@watch", "@watch", "2025-10-24")])
    body = _event(doc, "the navy shelled a radar site on Friday", "shelled", day="2025-10-24")
    post = _event(doc, "Navy shelled a radar site on Friday", "shelled", src=None, day="2025-10-24")
    assert not _apart(body, post, doc)
    ms = with_mass([mention_of(body, doc, "a"), mention_of(post, doc, "a")], {})
    assert score(*ms, idf={}) >= 0.45


def test_link_within_one_article_three_events_three_clusters() -> None:
    doc, other = _doc("a"), _doc("b", "The republic has placed about 900 portable air defence systems on its "
                                     "border, its defence minister said last week.")
    events = [_event(doc, FLIGHTS, "flights", "MOBILIZE", day="2025-10-20"),
              _event(doc, SYSTEMS, "placed", "MOBILIZE", src=None, day="2025-10-20"),
              _event(doc, WARNED, "attacks", "THREATEN", day="2025-10-20"),
              _event(other, "The republic has placed about 900 portable air defence systems on its border",
                     "placed", "MOBILIZE", src=None, day="2025-10-20")]
    clusters = link([doc, other], events).cluster_of
    assert len({clusters[e.id] for e in events[:3]}) == 3
    assert clusters[events[1].id] == clusters[events[3].id]  # the same report in another document still links


def test_link_within_a_shared_actor_anchors_plans_only() -> None:
    one = _doc("a", "Rebel forces targeted a tanker with missiles after its crew ignored warnings.")
    two = _doc("b", "An old freighter was hit by missiles in February.")
    a = _event(one, "Rebel forces targeted a tanker with missiles", "targeted", src="YEM", tgt=None)
    b = _event(two, "An old freighter was hit by missiles", "hit", src="YEM", tgt=None)
    ms = [mention_of(a, one, "a"), mention_of(b, two, "b")]
    idf = idf_weights(ms)
    happened = score(*with_mass(ms, idf), idf=idf)
    assert happened == round(0.45 - 0.05, 6)  # type, one actor, trigger: capped below the threshold
    plans = [mention_of(_event(one, "Rebel forces targeted a tanker with missiles", "targeted", status="planned",
                               src="YEM", tgt=None), one, "a"),
             mention_of(_event(two, "An old freighter was hit by missiles", "hit", status="planned", src="YEM",
                               tgt=None), two, "b")]
    assert score(*with_mass(plans, idf), idf=idf) > happened  # two plans of one actor: the actor anchors
