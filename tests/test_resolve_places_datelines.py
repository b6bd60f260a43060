"""Datelines ('EL FASHER/PORT SUDAN, June 5 -', 'PORT-AU-PRINCE —') and cities NER tags ORG are places,
on sentences written for these tests; the place list is computed once per parsed document."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from casus.records import Document, Published
from casus.resolve.places import DATELINE, resolve_places


def _places(nlp, text: str) -> dict[str, str | None]:
    doc = Document("t", "t.txt", text, published=Published("2025-06-01", "manifest"))
    parsed = nlp(text)
    places = resolve_places(doc, parsed)
    assert resolve_places(doc, parsed) == places  # cached per Doc, same answer
    for p in places:
        assert text[p.start:p.end] == p.text
    return {p.text: p.country for p in places}


def test_dateline_cities_are_places(nlp) -> None:
    found = _places(nlp, "EL FASHER/PORT SUDAN, June 5 (Wire) - Fighting continued for a third day.")
    assert found["EL FASHER"] == "SDN"
    assert found["PORT SUDAN"] == "SDN"
    found = _places(nlp, "PORT-AU-PRINCE — The first police contingent landed on Tuesday.")
    assert found["PORT-AU-PRINCE"] == "HTI"


def test_no_dateline_in_ordinary_openings(nlp) -> None:
    found = _places(nlp, "The army said on Monday that it had retaken the town.")
    assert found == {}


@given(st.sampled_from(["KYIV", "EL FASHER", "PORT-AU-PRINCE", "N'DJAMENA", "NEW DELHI"]),
       st.sampled_from([", May 7 (Wire) - Text", " — Text", " (Wire) - Text", " - Text"]))
def test_dateline_pattern_takes_the_capitalised_name(name: str, rest: str) -> None:
    match = DATELINE.match(name + rest)
    assert match is not None and match.group(1) == name


@given(st.text(alphabet="abcdefghij ,.", min_size=1, max_size=30))
def test_dateline_pattern_ignores_lower_case_openings(text: str) -> None:
    assert DATELINE.match(text) is None
