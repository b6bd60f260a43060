"""Resolve places: vocabulary places (seas, straits, regions, bases), countries, capitals, and the
GPE/LOC/FAC entities of spaCy's NER looked up in the gazetteer (airfields, US states, cities).

A capital is both a possible actor (metonym, see ``actors``) and a place: both are produced and the
extractor picks by role.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc, Span

from casus.records import Document, Place
from casus.resolve.gazetteer import GeoPoint, fold, is_city_name, lookup_airport, lookup_city, us_states
from casus.resolve.terms import (
    TermSpan,
    confirmed,
    country_context,
    doc_text,
    entities,
    head_after,
    proper_title_tokens,
    share_text,
    term_spans,
)
from casus.vocab.entries import place_entries
from casus.vocab.states import states

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
BARE_CITY_POPULATION = 1_000_000  # an untagged proper noun is a city anywhere only when this large
PLACE_LAYERS = frozenset({"place", "state", "capital"})
PLACES_KEY = "casus_places"  # Doc.user_data cache
DATELINE = re.compile(r"\s*([A-Z][A-Z'’. /-]*[A-Z])\s*(?:,|—|–|\(| - )")


def resolve_places(doc: Document, parsed: Doc) -> list[Place]:
    """Every place mention with coordinates and country where known, in text order (computed once per
    Doc: collective actors use the places' countries as context, ``resolve`` reports them)."""
    if PLACES_KEY not in parsed.user_data:
        parsed.user_data[PLACES_KEY] = _resolve_places(doc, parsed)
    return list(parsed.user_data[PLACES_KEY])


def _resolve_places(doc: Document, parsed: Doc) -> list[Place]:
    share_text(doc, parsed)
    terms = term_spans(parsed)
    context = country_context(terms)
    context["USA"] += sum(1 for ent in entities(parsed) if ent.label_ == "GPE" and fold(ent.text) in us_states())
    found = [p for t in terms if t.layer in PLACE_LAYERS and (p := _term_place(t, context))]
    taken = [(t.start, t.end) for t in terms]
    found += [p for ent in entities(parsed) if _place_like(ent) and not _overlaps(ent, taken)
              and (p := _entity_place(ent, context))]
    found += [p for p in _dateline(doc_text(parsed), context) if not _overlaps_chars(p, found)]
    taken += [(p.start, p.end) for p in found]
    found += [_place(tok_span, point) for tok_span in _bare_city_tokens(parsed) if not _overlaps(tok_span, taken)
              and (point := lookup_city(tok_span.text, context)) and _plausible(point, context)]
    unique = {(p.start, p.end): p for p in reversed(found)}  # one place per span, the first found
    return sorted(unique.values(), key=lambda p: (p.start, p.end))


def _bare_city_tokens(parsed: Doc) -> list[Span]:
    """Proper nouns outside GPE/LOC/FAC entities named like a large city ('Odesa and Kharkiv' tagged
    WORK_OF_ART, 'Rafah' untagged)."""
    return [parsed[i:i + 1] for i in proper_title_tokens(parsed)
            if parsed[i].ent_type_ not in {*PLACE_LABELS, "PERSON"} and is_city_name(parsed[i].text)]


def _plausible(point: GeoPoint, context: Counter[str]) -> bool:
    """A city found without NER's help: in a country the story names, or a very large one."""
    return context.get(point.country or "", 0) > 0 or point.population >= BARE_CITY_POPULATION


def _term_place(term: TermSpan, context: Counter[str]) -> Place | None:
    if not confirmed(term, PLACE_LABELS) or (term.layer == "state" and head_after(term.span)):
        return None  # 'US Air Force', "Venezuela's army": an institution, not a location
    span = term.span
    if term.layer == "capital":
        state = states()[term.entry_id.removeprefix("state-")]
        point = lookup_city(span.text, Counter({state.code: 1_000_000})) or lookup_city(span.text, context)
        return _place(span, point) if point else None
    entry = place_entries()[term.entry_id if term.layer == "place" else term.entry_id.replace("state-", "country-")]
    return Place(span.start_char, span.end_char, span.text, entry.name, entry.country, entry.lat, entry.lon,
                 entry.kind)


def _place_like(ent: Span) -> bool:
    """GPE/LOC/FAC, a one-word PERSON that is a large city's name ('Kharkiv' tagged PERSON), or an ORG
    named exactly like a city ('El Fasher' tagged ORG)."""
    if ent.label_ in PLACE_LABELS:
        return True
    if ent.label_ == "ORG":
        return is_city_name(ent.text.removeprefix("the ").removeprefix("The "))
    return ent.label_ == "PERSON" and len(ent) == 1 and is_city_name(ent.text)


def _dateline(text: str, context: Counter[str]) -> list[Place]:
    """'EL FASHER/PORT SUDAN, June 5 (Wire) -', 'PORT-AU-PRINCE —': the capitalised cities a story opens with."""
    match = DATELINE.match(text)
    if match is None:
        return []
    out: list[Place] = []
    for part in re.finditer(r"[^/]+", match.group(1)):
        name = part.group().strip()
        start = match.start(1) + part.start() + part.group().index(name)
        if (point := lookup_city(name, context)) is not None:
            out.append(Place(start, start + len(name), name, point.name, point.country, point.lat, point.lon,
                             point.kind))
    return out


def _overlaps_chars(place: Place, found: list[Place]) -> bool:
    return any(p.start < place.end and place.start < p.end for p in found)


def _entity_place(ent: Span, context: Counter[str]) -> Place | None:
    span = _trim(ent)
    if span is None:
        return None
    point = lookup_airport(span.text) or us_states().get(fold(span.text))
    if point is None and ent.label_ != "FAC":
        point = lookup_city(span.text, context)
    return _place(span, point) if point else None


def _trim(ent: Span) -> Span | None:
    """Drop a leading article and hashtag sign: 'the Donbas' -> 'Donbas'."""
    start = ent.start
    while start < ent.end and (ent.doc[start].lower_ in {"the", "#"} or ent.doc[start].is_space):
        start += 1
    return ent.doc[start:ent.end] if start < ent.end else None


def _place(span: Span, point: GeoPoint) -> Place:
    return Place(span.start_char, span.end_char, span.text, point.name, point.country, point.lat, point.lon,
                 point.kind)


def _overlaps(ent: Span, taken: list[tuple[int, int]]) -> bool:
    return any(s < ent.end_char and ent.start_char < e for s, e in taken)
