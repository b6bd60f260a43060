"""The trigger and cue lexicons: data files under ``casus/vocab``, compiled once per process.

Entries are validated when loaded (``LexiconError`` names the bad entry), so a typo in a data file
fails loudly instead of silently never matching.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from casus.errors import CasusError

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
FLAGS = frozenset({"military", "target", "xcomp", "weak", "as", "ccomp"})
PREPOSITIONS = frozenset({"of", "for", "to", "with", "at", "on", "in", "against", "out", "up", "down", "off", "back",
                          "by", "from", "into"})
ATTRIBUTION_KINDS = ("official", "anonymous_official", "government", "media", "document", "social_media", "expert",
                     "data_service", "other")


class LexiconError(CasusError):
    """A lexicon data file holds an entry that cannot be used."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One trigger: a head lemma, an optional second word (particle, object or modifier) and flags."""

    type: str
    mode: str | None
    head: str
    second: str | None = None
    flags: frozenset[str] = frozenset()

    @property
    def weak(self) -> bool:
        return "weak" in self.flags


@dataclass(frozen=True, slots=True)
class TypeInfo:
    intensity: float
    contexts: tuple[str, ...]
    modes: dict[str, float]


@dataclass(frozen=True, slots=True)
class Triggers:
    verbs: dict[str, tuple[Entry, ...]]
    nouns: dict[str, tuple[Entry, ...]]
    types: dict[str, TypeInfo]


def parse_entry(type_: str, mode: str, raw: str) -> Entry:
    """'lemma', 'lemma second' and '...|flag|flag' forms."""
    words, *flags = raw.split("|")
    parts = words.strip().lower().split()
    if not parts or len(parts) > 2 or not set(flags) <= FLAGS:
        raise LexiconError(f"bad trigger entry {raw!r} under {type_}/{mode or '-'}")
    if len(parts) == 2 and parts[1] not in PREPOSITIONS and parts[0] not in PREPOSITIONS:
        # 'air strike': modifier then head for nouns; 'open fire', 'hold talks': head then object for verbs
        return Entry(type_, mode or None, parts[0], parts[1], frozenset(flags))
    return Entry(type_, mode or None, parts[0], parts[1] if len(parts) == 2 else None, frozenset(flags))


def index_entries(section: dict[str, dict[str, list[str]]], nouns: bool) -> dict[str, tuple[Entry, ...]]:
    """Entries keyed by the lemma the parse gives the head word."""
    out: dict[str, list[Entry]] = {}
    for type_, modes in section.items():
        if type_ not in PLOVER_TYPES:
            raise LexiconError(f"unknown PLOVER type {type_!r}")
        for mode, raws in modes.items():
            for raw in raws:
                entry = parse_entry(type_, mode, raw)
                if nouns and entry.second and entry.second not in PREPOSITIONS:
                    entry = Entry(entry.type, entry.mode, entry.second, entry.head, entry.flags)
                out.setdefault(entry.head, []).append(entry)
    return {k: tuple(v) for k, v in out.items()}


def read_vocab(name: str) -> dict[str, Any]:
    return json.loads(resources.files("casus.vocab").joinpath(name).read_text(encoding="utf-8"))


@functools.cache
def triggers() -> Triggers:
    """The compiled trigger lexicon (vocab/triggers.json)."""
    data = read_vocab("triggers.json")
    types = {t: TypeInfo(float(v["intensity"]), tuple(v.get("contexts", [])), dict(v.get("modes", {})))
             for t, v in data["types"].items()}
    if set(types) != set(PLOVER_TYPES):
        raise LexiconError(f"types table must list the 16 PLOVER types, has {sorted(types)}")
    return Triggers(index_entries(data["verbs"], nouns=False), index_entries(data["nouns"], nouns=True), types)


@dataclass(frozen=True, slots=True)
class Cues:
    """Status, certainty, attribution and context cues, as frozen sets for O(1) lookups."""

    light: dict[str, str]  # light-verb lemma -> status it gives the noun event
    converters: dict[str, tuple[str, ...]]  # verb lemma -> the types its event-noun object may become
    converter_sources: dict[str, frozenset[str]]
    content_types: frozenset[str]
    quantifiers: frozenset[str]
    force_nouns: frozenset[str]
    aid_nouns: frozenset[str]
    force_verbs: frozenset[str]
    aid_verbs: frozenset[str]
    arrival_verbs: frozenset[str]
    speech: dict[str, str]  # lemma -> certainty
    content_nouns: frozenset[str]
    modals: dict[str, str]
    status_heads: dict[str, str]
    hypothetical_marks: frozenset[str]
    planned_modifiers: frozenset[str]
    negations: frozenset[str]
    ongoing_adverbs: frozenset[str]
    alleged_words: frozenset[str]
    estimated_words: frozenset[str]
    demand_modals: frozenset[str]
    threat_idioms: tuple[str, ...]
    attribution_kinds: dict[str, Any]
    contexts: dict[str, tuple[str, ...]]
    teaser_prefixes: tuple[str, ...]
    capability_heads: frozenset[str]
    reporting_containers: frozenset[str]
    weapon_nouns: frozenset[str]  # fired or launched at someone: an attack ('launched 179 drones at Ukraine')
    launch_verbs: frozenset[str]
    transfer_nouns: frozenset[str]  # handed to a state: aid ('sent missiles to Russia'), not a deployment
    receive_verbs: frozenset[str]
    threat_characterizers: frozenset[str]  # 'posed a threat': an accusation, not a threat
    anonymity_verbs: frozenset[str]  # 'asked not to be named'
    result_participles: frozenset[str]  # ', leaving homes without power': a result, not an act
    media_objects: frozenset[str]  # 'released a video' is no release of people
    civilian_nouns: frozenset[str]
    order_verbs: frozenset[str]  # 'ordered residents to leave': coercion, not a retreat
    reflexives: frozenset[str]
    reported_future_speech: frozenset[str]  # 'said they would impose': 'would' is a future in the past
    detection_verbs: frozenset[str]  # 'detected 76 Chinese aircraft near the island': the detected side mobilized
    symmetric_types: frozenset[str]  # 'X and Y met': X met Y
    side_nouns: frozenset[str]  # 'both sides', 'the two countries', 'the warring parties': the conflict's sides
    side_markers: frozenset[str]
    protester_nouns: frozenset[str]  # who protests: their clashes are riots, their demands the protest's
    gathering_verbs: frozenset[str]  # 'protesters gathered outside parliament'
    street_verbs: frozenset[str]  # 'took to the streets', 'poured into the streets'
    street_nouns: frozenset[str]
    riot_verbs: frozenset[str]  # 'police clashed with protesters': a riot, whichever side is the subject
    riot_acts: frozenset[str]  # 'protesters hurled stones': a riot when protesters do it
    search_verbs: frozenset[str]  # 'found a cache of weapons', 'defused explosives': weapons use disrupted
    arms_nouns: frozenset[str]
    establish_verbs: frozenset[str]  # 'set up a new military base': forces deployed
    base_nouns: frozenset[str]
    territory_verbs: frozenset[str]  # 'freed several villages from the militants': ground taken by force
    territory_nouns: frozenset[str]
    cession_verbs: frozenset[str]  # 'handed the district over to X': ground ceded, a retreat
    stance_nouns: frozenset[str]  # 'Trump's claim that ...': the possessor is a source
    statement_nouns: frozenset[str]  # 'X criticized Y in a statement': X is a source


def invert(groups: dict[str, list[str]]) -> dict[str, str]:
    """{label: [words]} -> {word: label}; the first label listing a word wins."""
    out: dict[str, str] = {}
    for label, words in groups.items():
        for w in words:
            out.setdefault(w, label)
    return out


def invert_all(groups: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    """{label: [words]} -> {word: (labels...)} in file order: a word may convert to several types,
    chosen by the type of the noun it governs."""
    out: dict[str, list[str]] = {}
    for label, words in groups.items():
        for w in words:
            out.setdefault(w, []).append(label)
    return {k: tuple(v) for k, v in out.items()}


@functools.cache
def cues() -> Cues:
    """The compiled cue lexicon (vocab/cues.json)."""
    d = read_vocab("cues.json")
    kinds = d["attribution_kinds"]
    if not set(kinds) <= set(ATTRIBUTION_KINDS):
        raise LexiconError(f"unknown attribution kinds {sorted(set(kinds) - set(ATTRIBUTION_KINDS))}")
    fs = frozenset
    return Cues(
        light=invert(d["light_verbs"]), converters=invert_all(d["converters"]),
        converter_sources={k: fs(v) for k, v in d["converter_sources"].items()},
        content_types=fs(d["content_types"]), quantifiers=fs(d["quantifier_nouns"]),
        force_nouns=fs(d["force_nouns"]), aid_nouns=fs(d["aid_nouns"]), force_verbs=fs(d["force_verbs"]),
        aid_verbs=fs(d["aid_verbs"]), arrival_verbs=fs(d["arrival_verbs"]), speech=invert(d["speech_verbs"]),
        content_nouns=fs(d["content_nouns"]), modals=invert(d["modals"]), status_heads=invert(d["status_heads"]),
        hypothetical_marks=fs(d["hypothetical_marks"]), planned_modifiers=fs(d["planned_modifiers"]),
        negations=fs(d["negations"]), ongoing_adverbs=fs(d["ongoing_adverbs"]),
        alleged_words=fs(d["alleged_words"]), estimated_words=fs(d["estimated_words"]),
        demand_modals=fs(d["demand_modals"]), threat_idioms=tuple(d["threat_idioms"]),
        attribution_kinds=kinds, contexts={k: tuple(v) for k, v in d["contexts"].items()},
        teaser_prefixes=tuple(d["teaser_prefixes"]), capability_heads=fs(d["capability_heads"]),
        reporting_containers=fs(d["reporting_containers"]),
        **{k: fs(d[k]) for k in ("weapon_nouns", "launch_verbs", "transfer_nouns", "receive_verbs",
                                 "threat_characterizers", "anonymity_verbs", "result_participles", "media_objects",
                                 "civilian_nouns", "order_verbs", "reflexives", "reported_future_speech",
                                 "detection_verbs", "symmetric_types", "protester_nouns", "gathering_verbs",
                                 "street_verbs", "street_nouns", "riot_verbs", "riot_acts", "search_verbs",
                                 "arms_nouns",
                                 "establish_verbs", "base_nouns", "territory_verbs", "territory_nouns", "cession_verbs",
                                 "stance_nouns", "statement_nouns", "side_nouns", "side_markers")},
    )
