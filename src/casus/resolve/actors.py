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
from casus.resolve.candidates import NER, PHRASE, STATE, TERM, Candidate, candidate, entry_actor, select
from casus.resolve.coref import corefer
from casus.resolve.gazetteer import is_city_name
from casus.resolve.persons import person_candidates
from casus.resolve.terms import (
    POSSESSIVE,
    STATE_LAYERS,
    TermSpan,
    confirmed,
    doc_year,
    entities,
    head_after,
    term_spans,
)
from casus.vocab.entries import actor_entries
from casus.vocab.terms import governing_words

ACTOR_LABELS = frozenset({"ORG", "PERSON", "NORP", "GPE", "FAC", "WORK_OF_ART", "PRODUCT", "EVENT"})
STATE_LABELS = frozenset({"GPE", "NORP", "LOC"})
COMPOUND_SUFFIX = frozenset({"-", "–"})  # 'Russian-made', 'US-backed': origin, not an actor


def resolve_actors(doc: Document, parsed: Doc) -> list[Actor]:
    """Every actor mention, canonical name, ISO-3 code and sector, in text order."""
    year = doc_year(doc)
    terms = term_spans(parsed)
    cands = [*_term_candidates(terms, year), *person_candidates(parsed, terms, year),
             *_governing_candidates(parsed, terms, year), *_ner_candidates(parsed, terms)]
    return corefer(select(cands), parsed)


def _term_candidates(terms: list[TermSpan], year: int | None) -> list[Candidate]:
    out: list[Candidate] = []
    for term in terms:
        if term.layer == "actor" and confirmed(term, ACTOR_LABELS):
            out.append(candidate(entry_actor(term.span, actor_entries()[term.entry_id], year), TERM))
        elif term.layer in STATE_LAYERS and confirmed(term, STATE_LABELS):
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
    if _is_compound(span):
        return []
    actor = entry_actor(span, entry, year)
    if term.layer == "demonym":
        actor.sector = None
    return [candidate(actor, STATE)]


def _is_compound(span: Span) -> bool:
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    return nxt is not None and nxt.text in COMPOUND_SUFFIX and nxt.idx == span.end_char


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


def _ner_candidates(parsed: Doc, terms: list[TermSpan]) -> list[Candidate]:
    """Unknown organisations and groups from NER: code from an adjective right before them, if any."""
    out: list[Candidate] = []
    taken = [(t.start, t.end) for t in terms]
    for ent in entities(parsed):
        if ent.label_ not in {"ORG", "NORP"} or not _looks_like_name(ent) or _modifier(ent) or \
                any(s < ent.end_char and ent.start_char < e for s, e in taken):
            continue
        ent = _without_article(ent)
        if len(ent) == 1 and is_city_name(ent.text):
            continue  # 'Eilat' tagged ORG
        code = _code_before(ent, terms)
        kind = "group" if ent.label_ == "NORP" else "org"
        out.append(candidate(Actor(ent.start_char, ent.end_char, ent.text, ent.text, code, None, kind), NER))
    return out


def _modifier(ent: Span) -> bool:
    """A NORP used as an adjective ('Western airspace', 'Kurdish-led') is no actor; a plural ('Kurds') is."""
    return ent.label_ == "NORP" and (ent[-1].dep_ in {"amod", "compound", "nmod"} or _is_compound(ent))


def _without_article(ent: Span) -> Span:
    """'the Guardian' -> 'Guardian', "Baghdadi's" -> 'Baghdadi'."""
    if len(ent) > 1 and ent[-1].text in POSSESSIVE:
        ent = ent[:-1]
    return ent[1:] if len(ent) > 1 and ent[0].lower_ == "the" else ent


def _looks_like_name(ent: Span) -> bool:
    """Not a URL, handle or hashtag run, and starting with a capital or a digit-free acronym."""
    first = _without_article(ent)[0]
    return (first.is_title or first.is_upper) and not any(t.like_url or t.text.startswith("@") for t in ent)


def _code_before(ent: Span, terms: list[TermSpan]) -> str | None:
    for term in terms:
        if term.layer in STATE_LAYERS and term.span.end == ent.start:
            return term.entry_id.removeprefix("state-")
    return None
