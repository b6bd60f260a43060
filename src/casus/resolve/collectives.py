"""Collective actors: people and institutions named by a common noun ('protesters', 'riot police',
'the army', 'gunmen', 'a UN-backed multinational mission') and anaphors of a named armed group
('the paramilitary group' after 'the Rapid Support Forces').

The noun table (``collectives.json``) gives each noun its sector and scope; the country comes from,
in order (``owners``): a modifier or 'of/from' complement naming a state, place or group ('Georgian
riot police', 'gunmen from the Viv Ansanm coalition'); a possessive pronoun's antecedent ('the army said
its troops'); 'in <place>' in the clause for local populations and groups; an earlier mention of the
same institution ('the army' after "Sudan's army"); the paragraph's subject state (institutions only);
and last the country the story happens in (``context.dominant_country``). Nothing is produced where
a modifier makes the noun someone else's ('aid officials', 'foreign troops', 'Hamas militants': the
named group is the actor there). A capitalised noun inside a name ('Haitian National Police') is left
to the name.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

from casus.records import Actor, Place
from casus.resolve.owners import BLOCK, Owners, owner_code
from casus.resolve.terms import TermSpan, doc_text, tokens_with_lower
from casus.vocab.collectives import (
    MAX_WORDS,
    CollectiveNoun,
    anaphors,
    collective_first_words,
    collective_nouns,
    count_words,
    extensions,
    mission_markers,
)

NOUN_POS = frozenset({"NOUN", "PROPN"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
ANAPHOR_WINDOW = 3  # sentences back to the named group an anaphor stands for
GROUP_KINDS = frozenset({"group"})
NOT_AFTER = frozenset({"familiar", "close", "briefed", "aware"})  # 'two people familiar with the matter'


def collective_actors(parsed: Doc, terms: list[TermSpan], actors: list[Actor], places: list[Place]) -> list[Actor]:
    """``actors`` plus the collective mentions no actor covers, resolved in text order."""
    out = sorted(actors, key=lambda a: (a.start, a.end))
    phrases = _phrases(parsed)
    if not phrases:
        return out
    owners = Owners(parsed, terms, places)
    for phrase, entry in phrases:
        if _covered(phrase, out):
            continue
        actor = _anaphor(phrase, out) or (_collective(phrase, entry, owners, out) if entry else None)
        if actor is not None:
            out.insert(bisect_right([a.start for a in out], actor.start), actor)
    return out


def _phrases(parsed: Doc) -> list[tuple[Span, CollectiveNoun | None]]:
    """Maximal matches of the noun table and anaphors, extended over a following noun they modify
    ('army warplanes'), and never a modifier of another noun ('police station', 'army chief')."""
    found: list[tuple[Span, CollectiveNoun | None]] = []
    end = -1
    for i in tokens_with_lower(parsed, collective_first_words()):
        if i < end:
            continue
        match = _longest(parsed, i)
        if match is None:
            continue
        j, words = match
        phrase = _extended(parsed[i:j])
        if phrase is None or not _plain_noun(phrase):
            continue
        found.append((phrase, collective_nouns().get(words)))
        end = phrase.end
    return found


def _longest(parsed: Doc, i: int) -> tuple[int, str] | None:
    for size in range(MAX_WORDS, 0, -1):
        if i + size > len(parsed):
            continue
        words = " ".join(parsed[k].lower_ for k in range(i, i + size))
        if words in collective_nouns() or words in anaphors():
            return i + size, words
    return None


def _extended(phrase: Span) -> Span | None:
    last = phrase[-1]
    if last.dep_ not in MODIFIER_DEPS or last.head.i <= last.i:
        return phrase
    nxt = phrase.doc[phrase.end] if phrase.end < len(phrase.doc) else None
    if nxt is not None and last.head.i == nxt.i and nxt.lower_ in extensions():
        return phrase.doc[phrase.start:phrase.end + 1]
    return None


def _plain_noun(phrase: Span) -> bool:
    """A common noun, not part of a capitalised name ('Joint Forces', 'National Police')."""
    last = phrase[-1]
    if last.pos_ not in NOUN_POS or last.ent_type_ in {"ORG", "PERSON", "GPE", "FAC", "WORK_OF_ART"}:
        return False
    return not any(t.is_title and not t.is_sent_start for t in phrase)


def _covered(phrase: Span, actors: list[Actor]) -> bool:
    return any(a.start < phrase.end_char and phrase.start_char < a.end for a in actors)


def _collective(phrase: Span, entry: CollectiveNoun, owners: Owners, actors: list[Actor]) -> Actor | None:
    if entry.needs == "count" and not _counted(phrase):
        return None
    if entry.scope == "mission":
        return _mission(phrase, entry, owners, actors)
    found = owner_code(phrase, entry, owners, actors)
    if found is None:
        return None
    if isinstance(found, Actor):  # 'gunmen from <group>': the group itself
        return dataclasses.replace(found, start=phrase.start_char, end=phrase.end_char, text=phrase.text)
    return _actor(phrase, entry, found)


def _actor(phrase: Span, entry: CollectiveNoun, code: str) -> Actor:
    kind = "org" if entry.sector in {"GOV", "MIL"} else "group"
    return Actor(phrase.start_char, phrase.end_char, phrase.text, f"{code} {entry.words}", code, entry.sector, kind,
                 f"state-{code}" if code not in {"IGO", "NGO"} else None)


def _counted(phrase: Span) -> bool:
    """'26 people', 'thousands of people'; not 'two people familiar with the matter'."""
    head = phrase[-1]
    nxt = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
    if nxt is not None and nxt.lower_ in NOT_AFTER:
        return False
    if any(c.dep_ == "nummod" for c in head.children):
        return True
    return head.head.lower_ == "of" and head.head.head.lower_ in count_words()


def _mission(phrase: Span, entry: CollectiveNoun, owners: Owners, actors: list[Actor]) -> Actor | None:
    """'a UN-backed multinational security mission', 'the Kenyan-led force': IGO, sector MIL."""
    if entry.needs == "marker" and _marked(phrase):
        return _actor(phrase, entry, "IGO")
    found = owners.modifier(phrase, actors)  # 'Russian peacekeepers', 'the French force'; 'UN peacekeepers' IGO
    code = found.code if isinstance(found, Actor) else found
    if code == BLOCK or (code is None and entry.needs == "marker"):
        return None
    return _actor(phrase, entry, code or "IGO")


def _marked(phrase: Span) -> bool:
    head = phrase[-1]
    left = [t for t in head.subtree if t.i < phrase.start]
    return any(t.lower_ in mission_markers() for t in [*left, *phrase[:-1]])


def _anaphor(phrase: Span, actors: list[Actor]) -> Actor | None:
    """'the group', 'the paramilitary group': the armed group named last within ``ANAPHOR_WINDOW`` sentences."""
    words = " ".join(t.lower_ for t in phrase)
    sectors = anaphors().get(words)
    before = phrase.doc[phrase.start - 1] if phrase.start > 0 else None
    if sectors is None or before is None or before.lower_ not in DEFINITE:
        return None
    first_sent = _sentence_start(phrase.doc, phrase.sent.start, ANAPHOR_WINDOW)
    for actor in reversed([a for a in actors if first_sent <= a.start and a.end <= phrase.start_char]):
        if actor.kind in GROUP_KINDS and actor.sector in sectors and _named(actor):
            return dataclasses.replace(actor, start=before.idx, end=phrase.end_char,
                                       text=doc_text(phrase.doc)[before.idx:phrase.end_char])
    return None


def _named(actor: Actor) -> bool:
    """A group of the vocabulary ('grp-rsf'), not a collective noun coded by its country."""
    return actor.entity_id is not None and not actor.entity_id.startswith("state-")


def _sentence_start(doc: Doc, token: int, back: int) -> int:
    """The character offset of the sentence ``back`` sentences before the one holding ``token``."""
    tok: Token = doc[token]
    for _ in range(back):
        if tok.i == 0:
            break
        tok = doc[tok.sent.start - 1] if tok.sent.start > 0 else tok
    return tok.sent.start_char
