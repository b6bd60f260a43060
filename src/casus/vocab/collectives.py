"""Typed, cached views of ``collectives.json``: collective nouns ('protesters', 'riot police', 'the army')
with their sector and scope, the words around them that matter (blocking modifiers, mission markers,
extensions, count words), anaphors that point back to a named armed group ('the group') and facility
words ('Saudi Hospital' is a building, not Saudi Arabia)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from casus.vocab import load

MAX_WORDS = 3


@dataclass(frozen=True, slots=True)
class CollectiveNoun:
    words: str
    sector: str
    scope: str  # state | local | mission
    needs: str | None = None  # 'count': with a number ('26 people'); 'marker': 'multinational', '-led'


@cache
def collective_nouns() -> dict[str, CollectiveNoun]:
    """Lower-cased noun phrase -> its entry."""
    return {n["words"]: CollectiveNoun(n["words"], n["sector"], n["scope"], n.get("needs"))
            for n in load("collectives")["nouns"]}


@cache
def collective_first_words() -> frozenset[str]:
    """The first word of every collective noun and anaphor: a cheap test before multi-word matching."""
    return frozenset(w.split()[0] for w in (*collective_nouns(), *anaphors()))


@cache
def anaphors() -> dict[str, frozenset[str]]:
    """'the group', 'the paramilitary group' -> the sectors of the named group they may stand for."""
    return {a["words"]: frozenset(a["sectors"]) for a in load("collectives")["anaphors"]}


def _words(key: str) -> frozenset[str]:
    return frozenset(load("collectives")[key])


@cache
def blocking_modifiers() -> frozenset[str]:
    """Modifiers that make the noun someone else's ('aid officials', 'foreign troops')."""
    return _words("blocking_modifiers")


@cache
def mission_markers() -> frozenset[str]:
    """Words that make 'mission'/'force' a multinational one ('multinational', 'Kenyan-led')."""
    return _words("mission_markers")


@cache
def extensions() -> frozenset[str]:
    """Nouns a collective may modify and still be the actor ('army warplanes', 'militia members')."""
    return _words("extensions")


@cache
def count_words() -> frozenset[str]:
    """'thousands of people': quantity nouns that count a group."""
    return _words("count_words")


@cache
def facility_words() -> frozenset[str]:
    """Capitalised after a country's adjective, a building or place: 'Saudi Hospital', 'Turkish School'."""
    return _words("facility_words")
