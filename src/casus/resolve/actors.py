"""Resolve actors: vocabulary names, countries and their adjectives, institutions named after a
country ('Venezuelan army' -> VEN MIL), governments by loaded label ('the Chavista regime',
'the Trump administration' -> GOV), people with their titles (``persons``), spaCy's unknown
ORG/NORP entities, then coreference (``coref``: short names, 'the president', 'he').

Countries as actors are kind ``state``, sector GOV; a capital is also a metonym for its
government ('Washington said') as well as a place (``places``): both are produced.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from casus.records import Actor, Document
from casus.resolve.candidates import PHRASE, STATE, TERM, Candidate, candidate, entry_actor, select
from casus.resolve.collectives import collective_actors
from casus.resolve.coref import corefer
from casus.resolve.equipment import ships
from casus.resolve.orgs import is_compound, org_candidates
from casus.resolve.persons import person_candidates
from casus.resolve.places import PLACE_LABELS, resolve_places
from casus.resolve.terms import (
    POSSESSIVE,
    STATE_LAYERS,
    TermSpan,
    confirmed,
    confirmed_entries,
    doc_year,
    head_after,
    share_text,
    term_spans,
)
from casus.vocab.collectives import facility_words
from casus.vocab.entries import actor_entries
from casus.vocab.terms import governing_words

ACTOR_LABELS = frozenset({"ORG", "PERSON", "NORP", "GPE", "FAC", "WORK_OF_ART", "PRODUCT", "EVENT"})
STATE_LABELS = frozenset({"GPE", "NORP", "LOC"})


def resolve_actors(doc: Document, parsed: Doc) -> list[Actor]:
    """Every actor mention, canonical name, ISO-3 code and sector, in text order."""
    share_text(doc, parsed)
    year = doc_year(doc)
    terms = term_spans(parsed)
    cands = [*_term_candidates(terms, year), *person_candidates(parsed, terms, year),
             *_governing_candidates(parsed, terms, year), *org_candidates(parsed, terms)]
    actors = collective_actors(parsed, terms, _off_ships(select(cands), parsed), resolve_places(doc, parsed))
    return corefer(actors, parsed)


def _off_ships(actors: list[Actor], parsed: Doc) -> list[Actor]:
    """'the destroyer USS Carney': a ship's name is equipment, never a person or an organisation."""
    found = ships(parsed)
    if not found:
        return actors
    return [a for a in actors if not any(e.start <= a.start and a.end <= e.end for e in found)]


def _term_candidates(terms: list[TermSpan], year: int | None) -> list[Candidate]:
    out: list[Candidate] = []
    sure = confirmed_entries([t for t in terms if t.layer in STATE_LAYERS], STATE_LABELS | PLACE_LABELS)
    for term in terms:
        if term.layer == "actor" and confirmed(term, ACTOR_LABELS):
            out.append(candidate(entry_actor(term.span, actor_entries()[term.entry_id], year), TERM))
        elif term.layer in STATE_LAYERS and confirmed(term, STATE_LABELS, sure):
            out.extend(_state_candidates(term, year))
    return out


def _state_candidates(term: TermSpan, year: int | None) -> list[Candidate]:
    """A country, adjective or capital: an institution when a head word follows, else the state."""
    span, entry = term.span, actor_entries()[term.entry_id]
    head = head_after(span)
    if head is not None:
        words, sector = head
        phrase = span.doc[span.start:words.end]
        actor = Actor(phrase.start_char, phrase.end_char, phrase.text, f"{entry.name} {words.text.lower()}",
                      entry.code, sector, "group" if sector == "CVL" else "org", entry.id)
        return [candidate(actor, PHRASE)]
    if is_compound(span) or _facility_after(span):
        return []
    actor = entry_actor(span, entry, year)
    if term.layer == "demonym":
        actor.sector = None
    return [candidate(actor, STATE)]


def _facility_after(span: Span) -> bool:
    """'the Saudi Hospital', 'Turkish School': a building named with a country's word is no actor."""
    doc = span.doc
    return span.end < len(doc) and doc[span.end].is_title and doc[span.end].lower_ in facility_words()


def _governing_candidates(parsed: Doc, terms: list[TermSpan], year: int | None) -> list[Candidate]:
    """'the Maduro regime', 'Chavista regime', "Trump's administration": that state's government."""
    out: list[Candidate] = []
    for term in terms:
        code = _governing_code(term, year)
        gov = _governing_word(term.span)
        if code is None or gov is None:
            continue
        phrase = parsed[term.span.start:gov.i + 1]
        state = actor_entries().get(f"state-{code}")
        name = f"{state.name} government" if state else phrase.text
        out.append(candidate(Actor(phrase.start_char, phrase.end_char, phrase.text, name, code, "GOV", "state",
                                   f"state-{code}"), PHRASE))
    return out


def _governing_code(term: TermSpan, year: int | None) -> str | None:
    if term.layer == "label":
        return term.entry_id.removeprefix("state-")
    if term.layer == "actor" and (entry := actor_entries()[term.entry_id]).kind == "person":
        return entry.at(year)[0]
    return None


def _governing_word(span: Span) -> Token | None:
    doc, i = span.doc, span.end
    if i < len(doc) and doc[i].text in POSSESSIVE:
        i += 1
    return doc[i] if i < len(doc) and doc[i].lower_ in governing_words() else None
