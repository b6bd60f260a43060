"""Attach what the language layer found to an event: date, location, quantities, equipment, contexts."""

from __future__ import annotations

import functools
import re
from typing import TypeVar

from casus.extract.lexicon import cues, triggers
from casus.records import Annotations, Equipment, Place, Quantity, TimeExpr

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


def event_location(text: str, ann: Annotations, clause: tuple[int, int], anchor: int,
                   taken: set[tuple[int, int]]) -> Place | None:
    """A place the clause puts the event in ('landed in Caracas'), not a place named as its target."""
    spots = [p for p in ann.places if clause[0] <= p.start and p.end <= clause[1] and (p.start, p.end) not in taken
             and LOCATIVE.search(text[max(clause[0], p.start - 30):p.start])]
    return min(spots, key=lambda p: abs(p.start - anchor)) if spots else None


def within(items: list[Counted], lo: int, hi: int) -> list[Counted]:
    return [x for x in items if lo <= x.start and x.end <= hi]


@functools.cache
def context_patterns() -> dict[str, re.Pattern[str]]:
    return {name: re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                             + r")\b", re.I) for name, words in cues().contexts.items()}


def contexts(type_: str, text: str) -> list[str]:
    """PLOVER contexts: the type's defaults and those whose cue words the evidence holds."""
    found = list(triggers().types[type_].contexts)
    found += [name for name, pat in context_patterns().items() if name not in found and pat.search(text)]
    return found


def military_sentence(text: str, ann: Annotations, lo: int, hi: int) -> bool:
    """Does a sentence talk of armed forces or weapons (gates triggers such as 'fly' or 'track')?"""
    return bool(context_patterns()["military"].search(text)) or any(lo <= e.start < hi for e in ann.equipment)


def intensity(type_: str, mode: str | None) -> float:
    """The PLOVER conflict-cooperation score of a type, refined by its mode where the table has one."""
    info = triggers().types[type_]
    return info.modes.get(mode or "", info.intensity)
