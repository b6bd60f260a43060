"""What news writing leaves to context, resolved as a reader would: an event's place named elsewhere in
its sentence, paragraph or document (marked ``basis: context``), and 'both sides' standing for the
document's two main states. Texts written for these tests, run through the real language layer."""

from __future__ import annotations

from casus.extract import extract_events
from casus.extract.attach import dominant_place
from casus.extract.roles import main_sides
from casus.link.features import mention_of
from casus.records import Actor, Document, Place, Published, event_from_json
from casus.resolve import resolve


def events_of(nlp, text: str) -> list:
    doc = Document("t", "t.txt", text, published=Published("2024-05-10", "manifest"))
    parsed = nlp(text)
    return extract_events(doc, parsed, resolve(doc, parsed))


def only(events: list, type_: str, word: str):
    found = [e for e in events if e.type == type_ and word in e.evidence_text]
    assert found, [(e.type, e.evidence_text) for e in events]
    return found[0]


TWO_STATES = (
    "Fighting broke out again on Tuesday along the border between Armenia and Azerbaijan.\n"
    "Azerbaijan said Armenian forces had shelled its positions, and Armenia accused Azerbaijan of "
    "provoking the clash. Armenia said two of its soldiers were wounded.\n"
    "Washington and Paris urged both sides to exercise restraint.\n"
)


def test_extract_both_sides_stand_for_the_documents_two_states(nlp):
    events = events_of(nlp, TWO_STATES)
    requests = [e for e in events if e.type == "REQUEST" and "both sides" in e.evidence_text]
    assert sorted(e.source.code for e in requests) == ["FRA", "USA"]
    for e in requests:  # one request each, to the state named most, spanning the words 'both sides'
        assert (e.target.code, e.target.text) == ("ARM", "both sides")
        assert TWO_STATES[e.target.start:e.target.end] == "both sides"


def test_extract_the_warring_parties_of_a_civil_war_share_one_code(nlp):
    text = ("Sudan's army and the Rapid Support Forces fought in Omdurman on Monday. The army said it "
            "repelled an attack on the city of El Obeid in Sudan.\n"
            "The United Nations urged the warring parties to open the roads to aid convoys.\n")
    request = only(events_of(nlp, text), "REQUEST", "warring parties")
    assert (request.target.code, request.target.text) == ("SDN", "the warring parties")


def test_extract_side_words_without_a_marker_are_no_sides(nlp):
    text = ("Armenia and Azerbaijan exchanged fire on Monday. Armenia accused Azerbaijan of the attack.\n"
            "Washington urged the countries of the region to exercise restraint.\n")
    request = only(events_of(nlp, text), "REQUEST", "countries of the region")
    assert request.target is None or request.target.text != "the countries"


def test_extract_location_from_the_paragraph_is_marked_context(nlp):
    text = ("Heavy fighting was reported around Kharkiv in Ukraine on Monday. Russian artillery shelled "
            "a market on the edge of the city, officials said.\n")
    event = only(events_of(nlp, text), "ASSAULT", "shelled")
    assert event.location is not None
    assert (event.location.country, event.location.basis) == ("UKR", "context")
    assert text[event.location.start:event.location.end] == event.location.text
    assert event.location.text in {"Kharkiv", "Ukraine"}
    assert event.to_json()["location"]["basis"] == "context"
    assert event_from_json(event.to_json()).location.basis == "context"


def test_extract_location_named_in_the_clause_is_not_marked(nlp):
    event = only(events_of(nlp, "Russian drones struck a power station in Odesa on Monday.\n"), "ASSAULT", "struck")
    assert (event.location.country, event.location.basis) == ("UKR", None)
    assert "basis" not in event.to_json()["location"]


def test_extract_location_prefers_a_locative_of_the_sentence_to_its_actors(nlp):
    text = "France completed the withdrawal of the 1,500 soldiers it had stationed in Niger.\n"
    event = only(events_of(nlp, text), "RETREAT", "withdrawal")
    assert event.location is not None and event.location.country == "NER"


def test_link_ignores_a_location_taken_from_context(nlp):
    text = ("Heavy fighting was reported around Kharkiv in Ukraine on Monday. Russian artillery shelled "
            "a market on the edge of the city, officials said.\n")
    event = only(events_of(nlp, text), "ASSAULT", "shelled")
    doc = Document("t", "t.txt", text)
    assert mention_of(event, doc, "t").place is None


def test_extract_dominant_place_needs_a_majority():
    def place(code: str, at: int) -> Place:
        return Place(at, at + 1, "x", code, code)

    assert dominant_place([place("UKR", 0), place("UKR", 5), place("RUS", 9)]).start == 0
    assert dominant_place([place("UKR", 0), place("RUS", 5)]) is None
    assert dominant_place([place("UKR", 0)]) is None
    assert dominant_place([]) is None


def test_extract_main_sides_counts_states_only():
    def actor(code: str | None) -> Actor:
        return Actor(0, 1, "x", "x", code, None, "state")

    assert main_sides([actor("ARM"), actor("AZE"), actor("ARM"), actor("IGO"), actor(None)]) == ("ARM", "AZE")
    assert main_sides([actor("SDN")] * 6 + [actor("USA")]) == ("SDN",)
    assert main_sides([actor("IGO")]) == ()


def test_extract_undated_done_event_gets_the_news_cycle_before_publication(nlp):
    text = "Russian artillery shelled a market in Kharkiv, officials said. Talks will resume in Geneva.\n"
    events = events_of(nlp, text)  # published 2024-05-10 (manifest)
    shelled = only(events, "ASSAULT", "shelled")
    assert (shelled.date.first, shelled.date.last, shelled.date.basis) == ("2024-05-09", "2024-05-10", "published")
    assert shelled.to_json()["date"] == {"text": None, "start": "2024-05-09", "end": "2024-05-10",
                                         "basis": "published", "start_offset": None, "end_offset": None}
    assert event_from_json(shelled.to_json()).date.basis == "published"
    assert mention_of(shelled, Document("t", "t.txt", text), "t").first is None  # linking: no evidence of when
    talks = [e for e in events if "Talks" in e.evidence_text]
    assert talks and all(e.date is None for e in talks)  # planned: no window assumed


def test_extract_explicit_date_wins_over_the_publication_window(nlp):
    event = only(events_of(nlp, "Russian drones struck Odesa on 2 May 2024.\n"), "ASSAULT", "struck")
    assert (event.date.first, event.date.basis) == ("2024-05-02", "explicit")
