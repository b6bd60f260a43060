"""Verb classes told by what a verb acts on, not by the verb alone: weapons found or defused (weapons
use disrupted: a seizure), a base set up (a deployment), ground taken ('freed the villages from the
militants': force, not a release), bombers who blow themselves up, a bomb that explodes with no one
named, and crowds taking to the streets or gathering (a protest)."""

from __future__ import annotations

import functools

from spacy.tokens import Token

from casus.extract.lexicon import cues
from casus.extract.syntax import children, prep_objects, subject_of
from casus.extract.triggers import Trigger

BLAST_VERBS = frozenset({"blow", "detonate", "explode"})
INTRANSITIVE_BLASTS = frozenset({"explode", "detonate", "go off", "blow up"})
PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})
STREET_PREPS = frozenset({"to", "into", "onto", "in", "on", "through"})


def phrasal(tok: Token) -> str:
    """'set up' for a verb with a particle, else its lemma."""
    prt = next((c.lower_ for c in tok.children if c.dep_ == "prt"), None)
    return f"{tok.lemma_.lower()} {prt}" if prt else tok.lemma_.lower()


def objects(verb: Token) -> list[Token]:
    """What a verb acts on: objects and passive subjects, their conjuncts and 'of' complements
    ('a cache of weapons and ammunition')."""
    out: list[Token] = []
    for c in children(verb, {"dobj", "nsubjpass"}):
        for head in [c, *c.conjuncts]:
            out += [head, *(o for _p, o in prep_objects(head, {"of"}))]
    return out


def acts_on(verb: Token, nouns: frozenset[str]) -> bool:
    return any(o.lemma_.lower() in nouns or o.lower_ in nouns for o in objects(verb))


def arms_trigger(tok: Token, key: str) -> Trigger | None:
    """'police found a cache of weapons', 'explosives were defused': weapons seized before use."""
    table = cues()
    if key in table.search_verbs and acts_on(tok, table.arms_nouns):
        return Trigger(tok.i, tok.i, "COERCE", "seize", rule="arms")
    return None


def base_trigger(tok: Token, key: str, military: bool) -> Trigger | None:
    """'Turkish forces set up a new observation post': forces deployed at a new position."""
    table = cues()
    if military and key in table.establish_verbs and acts_on(tok, table.base_nouns):
        return Trigger(tok.i, tok.i, "MOBILIZE", "troops", rule="base")
    return None


def territory_trigger(tok: Token, key: str, military: bool) -> Trigger | None:
    """'the army freed several villages from the militants', 'rebels captured the town': ground taken
    by force (ASSAULT, as PLOVER codes military occupation); 'handed the district over': ground ceded."""
    table = cues()
    if not military or key not in table.territory_verbs | table.cession_verbs:
        return None
    if not any(o.lemma_.lower() in table.territory_nouns or (o.ent_type_ in PLACE_ENTITIES and o.pos_ == "PROPN")
               for o in objects(tok)):
        return None
    if key in table.cession_verbs:
        return Trigger(tok.i, tok.i, "RETREAT", "withdraw", rule="territory")
    return Trigger(tok.i, tok.i, "ASSAULT", None, rule="territory")


def suicide_bomber(subj: Token | None) -> bool:
    return subj is not None and any(c.lower_ == "suicide" for c in subj.subtree)


def blast_trigger(tok: Token, key: str) -> Trigger | None:
    """'two bombers blew themselves up' (a suicide attack); 'a bomb exploded near the market' (an
    attack by no one named)."""
    table = cues()
    lemma = tok.lemma_.lower()
    own = [c for c in tok.children if c.dep_ in {"dobj", "npadvmod"} and c.lower_ in table.reflexives]
    if lemma in BLAST_VERBS and (own or (suicide_bomber(subject_of(tok)) and lemma != "explode")):
        return Trigger(tok.i, tok.i, "ASSAULT", "suicide-attack", rule="blast")
    subj = children(tok, {"nsubj"})
    if key in INTRANSITIVE_BLASTS and not children(tok, {"dobj"}) and subj and (
            subj[0].lemma_.lower() in table.arms_nouns or subj[0].lower_ in table.arms_nouns):
        return Trigger(tok.i, tok.i, "ASSAULT", "explosives", rule="blast")
    return None


def protester(tok: Token | None) -> bool:
    """A noun phrase of protesters: 'protesters', 'hundreds of demonstrators', 'the crowd'."""
    if tok is None:
        return False
    nouns = cues().protester_nouns
    heads = [tok, *(o for _p, o in prep_objects(tok, {"of"}))]
    return any(h.lemma_.lower() in nouns or h.lower_ in nouns for h in heads)


def street_trigger(tok: Token, key: str) -> Trigger | None:
    """'thousands took to the streets', 'protesters poured into the streets': a demonstration."""
    table = cues()
    if key not in table.street_verbs and key not in table.gathering_verbs:
        return None
    places = [o for _p, o in prep_objects(tok, STREET_PREPS)] + children(tok, {"dobj"})
    if any(o.lower_ in table.street_nouns for o in places):
        return Trigger(tok.i, tok.i, "PROTEST", "demo", rule="street")
    return None


def gathering_trigger(tok: Token, key: str) -> Trigger | None:
    """'demonstrators gathered outside parliament', 'protesters blocked the highway'."""
    if key not in cues().gathering_verbs or not protester(subject_of(tok)) or tok.tag_ == "VBN":
        return None
    mode = "obstruct" if key in {"block", "occupy"} else "demo"
    return Trigger(tok.i, tok.i, "PROTEST", mode, rule="gathering")


@functools.cache
def class_verbs() -> frozenset[str]:
    """Every verb some class may take: a verb outside them costs one set lookup."""
    t = cues()
    return (BLAST_VERBS | INTRANSITIVE_BLASTS | t.search_verbs | t.establish_verbs | t.territory_verbs
            | t.cession_verbs | t.street_verbs | t.gathering_verbs)


def class_trigger(tok: Token, military: bool) -> Trigger | None:
    """The first verb class that fits a verb, by what it acts on."""
    key = phrasal(tok)
    if key not in class_verbs() and tok.lemma_.lower() not in BLAST_VERBS:
        return None
    return (blast_trigger(tok, key) or arms_trigger(tok, key) or base_trigger(tok, key, military)
            or territory_trigger(tok, key, military) or street_trigger(tok, key) or gathering_trigger(tok, key))
