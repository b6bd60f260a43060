"""State names that are also common words or first names ('Niger', 'Chad', 'Jordan'): confirmed by a
place preposition, then by the discourse, never inside a longer person's name. Texts written for
these tests, through the real model."""

from __future__ import annotations

from casus.records import Document, Published
from casus.resolve import resolve


def actors_of(nlp, text: str) -> list[tuple[str, str | None]]:
    doc = Document("t", "t.txt", text, published=Published("2024-05-10", "manifest"))
    parsed = nlp(text)
    return [(a.text, a.code) for a in resolve(doc, parsed).actors]


def places_of(nlp, text: str) -> list[tuple[str, str | None]]:
    doc = Document("t", "t.txt", text, published=Published("2024-05-10", "manifest"))
    parsed = nlp(text)
    return [(p.text, p.country) for p in resolve(doc, parsed).places]


def test_resolve_ambiguous_state_after_a_place_preposition(nlp):
    assert ("Niger", "NER") in places_of(nlp, "France withdrew the 1,500 soldiers it had stationed in Niger.\n")


def test_resolve_ambiguous_state_confirmed_once_holds_for_the_document(nlp):
    text = ("France withdrew the troops it had stationed in Niger. Niger’s military rulers on Monday "
            "signed an agreement with Russia.\n")
    codes = [code for name, code in actors_of(nlp, text) if name.startswith("Niger")]
    assert codes == ["NER", "NER"]


def test_resolve_ambiguous_state_unconfirmed_is_no_actor(nlp):
    assert not any(code == "NER" for _, code in actors_of(nlp, "Niger’s military rulers signed an agreement.\n"))


def test_resolve_confirmed_state_name_inside_a_persons_name_is_no_state(nlp):
    text = "Aid convoys crossed into Jordan on Monday. Michael Jordan visited the camp on Friday.\n"
    doc = Document("t", "t.txt", text, published=Published("2024-05-10", "manifest"))
    ann = resolve(doc, nlp(text))
    person = text.index("Michael Jordan")
    assert [(p.text, p.country) for p in ann.places if p.start < person] == [("Jordan", "JOR")]
    assert not [a for a in ann.actors if a.start >= person and a.code == "JOR"]
