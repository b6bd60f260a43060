"""Attach what the language layer found to an event: date, location, quantities, equipment, contexts."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections import Counter
from typing import TypeVar

from spacy.tokens import Doc, Token

from casus.extract.lexicon import cues, triggers
from casus.records import PUBLISHED, Annotations, Document, Equipment, Place, Quantity, TimeExpr

Spanned = TypeVar("Spanned", TimeExpr, Place)
Counted = TypeVar("Counted", Quantity, Equipment)

LOCATIVE = re.compile(r"\b(?:in|at|near|over|off|outside|inside|across|into|from|around|to|toward|towards|within)"
                      r"\s+(?:the\s+)?(?:coast\s+of\s+|capital\s+|city\s+of\s+|waters\s+of\s+)?[#\"“]?$", re.I)


def nearest(items: list[Spanned], lo: int, hi: int, anchor: int) -> Spanned | None:
    inside = [x for x in items if lo <= x.start and x.end <= hi]
    return min(inside, key=lambda x: abs(x.start - anchor)) if inside else None


def event_date(ann: Annotations, clause: tuple[int, int], sentence: tuple[int, int], anchor: int) -> TimeExpr | None:
    """The time expression of the event's clause, else of its sentence."""
    return nearest(ann.times, *clause, anchor) or nearest(ann.times, *sentence, anchor)


def published_window(doc: Document, status: str) -> TimeExpr | None:
    """An undated event the document tells as done or going on happened in the news cycle that ended
    with its publication: the day before it or that day (GDELT dates every event by its story). Basis
    'published', no text: linking and contradictions treat it as no evidence of when."""
    if status not in {"occurred", "ongoing"} or doc.published is None:
        return None
    try:
        day = dt.date.fromisoformat(doc.published.date[:10])
    except ValueError:
        return None
    return TimeExpr(0, 0, "", (day - dt.timedelta(days=1)).isoformat(), day.isoformat(), PUBLISHED)


LOCATIVE_PREPS = frozenset({"in", "at", "near", "off", "over", "outside", "inside", "across", "into", "around",
                            "within", "on", "throughout", "along", "onto"})
PLACE_LINKS = frozenset({"pobj", "compound", "amod", "nmod", "poss", "appos", "conj"})


def locative_object(tok: Token) -> bool:
    """Is a place token the object of a locative preposition ('in Caracas', 'off the coast of Yemen',
    'in Houthi-held areas of Yemen', 'in the Saudi capital'), directly or through its noun phrase?"""
    cur = tok
    for _ in range(8):
        if cur.dep_ == "pobj" and cur.head.lower_ in LOCATIVE_PREPS:
            return True
        if cur.dep_ == "pobj" and cur.head.lower_ == "of" and cur.head.head.pos_ in {"NOUN", "PROPN"}:
            cur = cur.head.head  # 'the coast of Yemen': climb to 'coast'
            continue
        if cur.dep_ not in PLACE_LINKS or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def event_location(text: str, ann: Annotations, clause: tuple[int, int], anchor: int,
                   taken: set[tuple[int, int]], parsed: Doc | None = None,
                   around: tuple[tuple[int, int], tuple[int, int]] | None = None) -> Place | None:
    """Where the event took place: a place its clause puts it in; else, given ``around`` (the
    sentence and paragraph bounds), a place from its context, marked ``basis="context"``."""
    found = clause_location(text, ann.places, clause, anchor, taken, parsed)
    if found is not None or around is None:
        return found
    found = context_location(text, ann, *around, anchor, taken, parsed)
    return dataclasses.replace(found, basis="context") if found is not None else None


def clause_location(text: str, places: list[Place], clause: tuple[int, int], anchor: int,
                    taken: set[tuple[int, int]], parsed: Doc | None = None) -> Place | None:
    """A place the clause puts the event in: a place in the object of a locative preposition, nearest
    the trigger ('landed in Caracas' — even when the city also stands for the target state); else a
    place right after a locative word, not one named as the target."""
    inside = [p for p in places if clause[0] <= p.start and p.end <= clause[1]]
    if parsed is not None:
        spots = [p for p in inside if (span := parsed.char_span(p.start, p.end, alignment_mode="expand")) is not None
                 and locative_object(span.root)]
        if spots:
            return min(spots, key=lambda p: abs(p.start - anchor))
    spots = [p for p in inside if (p.start, p.end) not in taken
             and LOCATIVE.search(text[max(clause[0], p.start - 30):p.start])]
    return min(spots, key=lambda p: abs(p.start - anchor)) if spots else None


def context_location(text: str, ann: Annotations, sentence: tuple[int, int], para: tuple[int, int], anchor: int,
                     taken: set[tuple[int, int]], parsed: Doc | None = None) -> Place | None:
    """Where news writing leaves the place to context, as a reader resolves it: a locative place of the
    sentence ('…the soldiers it had stationed in Niger'); else a place the sentence names, not its
    target ('North Korea test-fired…'); else the last place named earlier in the paragraph ('…shelled
    the camp on the edge of the city'); else the country most of the document's places lie in."""
    placed = [p for p in ann.places if p.country]
    found = clause_location(text, placed, sentence, anchor, taken, parsed)
    if found is not None:
        return found
    named = [p for p in placed if sentence[0] <= p.start and p.end <= sentence[1] and (p.start, p.end) not in taken]
    if named:
        return min(named, key=lambda p: abs(p.start - anchor))
    before = [p for p in placed if para[0] <= p.start and p.end <= sentence[0]]
    return before[-1] if before else dominant_place(placed)


def dominant_place(places: list[Place]) -> Place | None:
    """The first mention of the country most places lie in, when it holds most of them (at least two)."""
    counts = Counter(p.country for p in places)
    if not counts:
        return None
    country, n = counts.most_common(1)[0]
    if n < 2 or 2 * n <= len(places):
        return None
    return next(p for p in places if p.country == country)


def within(items: list[Counted], lo: int, hi: int) -> list[Counted]:
    return [x for x in items if lo <= x.start and x.end <= hi]


_LETTERS = re.compile(r"[a-z]+")


class CueWords:
    """Whole-word, case-blind search for any of a list of cue words and phrases.

    Why not the alternation alone: Python's regex tries every alternative at every position (0.8 ms
    per BBC article for the military cues). A cue can only match where its first run of letters is
    a run of letters of the text, so a set lookup of the text's runs rules most sentences out first.
    """

    def __init__(self, words: list[str] | tuple[str, ...]) -> None:
        self.pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                                  + r")\b", re.I)
        runs = [_LETTERS.findall(w.lower()) for w in words]
        self.first: frozenset[str] | None = frozenset(r[0] for r in runs) if all(runs) else None

    def search(self, text: str) -> bool:
        if self.first is not None and self.first.isdisjoint(_LETTERS.findall(text.lower())):
            return False
        return self.pattern.search(text) is not None


@functools.cache
def context_patterns() -> dict[str, CueWords]:
    return {name: CueWords(words) for name, words in cues().contexts.items()}


def contexts(type_: str, text: str) -> list[str]:
    """PLOVER contexts: the type's defaults and those whose cue words the evidence holds."""
    found = list(triggers().types[type_].contexts)
    found += [name for name, pat in context_patterns().items() if name not in found and pat.search(text)]
    return found


def military_sentence(text: str, ann: Annotations, lo: int, hi: int) -> bool:
    """Does a sentence talk of armed forces or weapons (gates triggers such as 'fly' or 'track')?"""
    return context_patterns()["military"].search(text) or any(lo <= e.start < hi for e in ann.equipment)


def intensity(type_: str, mode: str | None) -> float:
    """The PLOVER conflict-cooperation score of a type, refined by its mode where the table has one."""
    info = triggers().types[type_]
    return info.modes.get(mode or "", info.intensity)
