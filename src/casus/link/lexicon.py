"""The linking data files (type compatibility, intensities, news vocabulary), loaded once and frozen."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from casus.link.groups import connected_roots
from casus.records import Event, Quantity

WORD_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-]*")
SUFFIXES = (("ies", "y"), ("sses", "ss"), ("shes", "sh"), ("ches", "ch"), ("xes", "x"), ("ing", ""), ("ed", ""),
            ("s", ""))


def _load(name: str) -> dict[str, Any]:
    text = resources.files("casus.link").joinpath("data", name).read_text(encoding="utf-8")
    return json.loads(text)


@dataclass(frozen=True, slots=True)
class TypeTable:
    """Which PLOVER types may code one happening, and the family each type is blocked in."""

    weight: dict[frozenset[str], float]
    family: dict[str, str]
    soft_source: frozenset[str]
    within_document: frozenset[frozenset[str]] = frozenset()  # differing types one document may report as one

    def compatibility(self, a: str, b: str) -> float:
        """1 for the same type, the table's weight for a listed pair, 0 for incompatible types."""
        if a == b:
            return 1.0
        return self.weight.get(frozenset((a, b)), 0.0)

    def family_of(self, type_: str) -> str:
        return self.family.get(type_, type_)


def _families(pairs: list[tuple[str, str]]) -> dict[str, str]:
    """Connected components of the compatibility graph, named by their smallest type."""
    return connected_roots(pairs, str)


@cache
def type_table() -> TypeTable:
    data = _load("type_compat.json")
    pairs = [(p[0], p[1]) for p in data["pairs"]]
    weight = {frozenset((p[0], p[1])): float(p[2]) for p in data["pairs"]}
    within = frozenset(frozenset(p) for p in data.get("within_document", []))
    return TypeTable(weight, _families(pairs), frozenset(data["soft_source"]), within)


@dataclass(frozen=True, slots=True)
class Intensities:
    by_type: dict[str, float]
    status_discount: dict[str, float]


@cache
def intensities() -> Intensities:
    data = _load("intensity.json")
    return Intensities(dict(data["types"]), dict(data["status_discount"]))


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Word -> concepts, stopwords, casualty unit classes and the attribution kinds that name an origin."""

    concepts: dict[str, frozenset[str]]
    stopwords: frozenset[str]
    casualty_units: dict[str, str]
    origin_kinds: frozenset[str]
    equipment_concepts: frozenset[str] = frozenset()  # concepts naming a kind of equipment (aircraft, ship)
    event_nouns: frozenset[str] = frozenset()  # nouns naming a happening (attack, talks)


def stem(word: str) -> str:
    """A crude suffix stripper: enough to meet 'strikes'/'strike', 'landed'/'land'."""
    for suffix, repl in SUFFIXES:
        if len(word) > len(suffix) + 2 and word.endswith(suffix) and not word.endswith(("ss", "us", "is")):
            return word[: -len(suffix)] + repl
    return word


@cache
def lexicon() -> Lexicon:
    data = _load("lexicon.json")
    concepts: dict[str, set[str]] = {}
    for concept, words in data["concepts"].items():
        for w in words:
            for form in {w, stem(w)}:
                concepts.setdefault(form, set()).add("=" + concept)
    units = {w: cls for cls, words in data["casualty_units"].items() for w in words}
    return Lexicon({k: frozenset(v) for k, v in concepts.items()}, frozenset(data["stopwords"]), units,
                   frozenset(data["origin_kinds"]), frozenset(data.get("equipment_concepts", [])),
                   frozenset(data.get("event_nouns", [])))


@cache
def word_tokens(raw: str) -> tuple[str, ...]:
    """What one word contributes: nothing (stopword), its concepts, or its stem. Cached: news repeats words."""
    lex = lexicon()
    word = raw.lower()
    if word in lex.stopwords or len(word) < 2:
        return ()
    stemmed = stem(word)
    concepts = next((lex.concepts[f] for f in (word, stemmed, stemmed + "e") if f in lex.concepts), None)
    return tuple(sorted(concepts)) if concepts else (stemmed,)


def word_parts(raw: str) -> tuple[str, ...]:
    """A word and, when hyphenated, its parts: 'land-based' meets 'land', 'Russian-made' meets 'Russian'."""
    if "-" not in raw:
        return (raw,)
    return (raw, *(p for p in raw.split("-") if p))


def content_tokens(text: str) -> frozenset[str]:
    """The words of a span that can tell one happening from another: stemmed, stopwords out, concepts in;
    a hyphenated word counts as itself and as each of its parts."""
    return frozenset(t for raw in WORD_RE.findall(text) for part in word_parts(raw) for t in word_tokens(part))


def plain_stems(text: str) -> frozenset[str]:
    """Stems of a span's content words, concepts not merged ('targets' stays 'target', not '=strike')."""
    return frozenset(t for raw in WORD_RE.findall(text) for part in word_parts(raw) if (t := plain_stem(part)))


@cache
def plain_stem(raw: str) -> str:
    """One word's stem; '' for a stopword or a single letter. Cached: news repeats words."""
    word = raw.lower()
    return stem(word) if len(word) > 1 and word not in lexicon().stopwords else ""


@lru_cache(maxsize=65536)
def normalise_name(name: str) -> str:
    """Outlet / source name key: lowercase, no leading 'the', no punctuation or web suffix."""
    words = re.findall(r"[a-z0-9]+", name.lower().replace(".com", "").replace("www.", ""))
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def acronym(key: str) -> str:
    """'wall street journal' -> 'wsj'; a one-word key is its own acronym candidate."""
    words = key.split()
    return "".join(w[0] for w in words) if len(words) > 1 else key


def original_source(event: Event) -> str | None:
    """The farthest named media/document entry of the attribution chain, normalised."""
    kinds = lexicon().origin_kinds
    for link in reversed(event.attribution):
        if link.kind in kinds and (link.name or link.text):
            key = normalise_name(link.name or link.text)
            if key:
                return key
    return None


def casualty_class(q: Quantity, event_type: str) -> str | None:
    """'killed' / 'wounded' / 'casualties' for a casualty figure; None for other quantities."""
    units = lexicon().casualty_units
    if q.unit:
        unit = q.unit.lower().strip()
        return units.get(unit) or next((c for w, c in sorted(units.items()) if w in unit), None)
    return "casualties" if event_type == "ASSAULT" else None
