"""Protest constructions. PLOVER codes what crowds do as PROTEST: protesters who clash with police
or hurl stones riot (whichever side the sentence makes its subject), and what protesters say or
demand is their protest. A demand that is only the purpose of a protest told in the same sentence
('marched to demand reforms', 'rallies demanding change') stays a demand, but a less sure one than
the protest itself."""

from __future__ import annotations

import dataclasses

from spacy.tokens import Span, Token

from casus.extract.classes import protester
from casus.extract.lexicon import cues
from casus.extract.syntax import agent_of, children, is_passive, prep_objects, subject_of
from casus.extract.triggers import Trigger

VERBAL = frozenset({"REQUEST", "ACCUSE", "REJECT", "SUPPORT", "THREATEN"})
FORCE = frozenset({"ASSAULT", "COERCE"})
PURPOSE_DEPS = frozenset({"advcl", "xcomp", "acl", "relcl", "conj", "pcomp"})
RIOT_MODES = frozenset({"primitive", "destroy"})
SIDE_PREPS = frozenset({"with", "against", "between"})
CROWD_RULES = frozenset({"gathering", "street", "protester"})


def actor_side(trig: Trigger, doc) -> Token | None:
    """Who does the act: the subject of an active verb, the agent of a passive one."""
    anchor = doc[trig.anchor]
    if "source" in trig.hints:
        return doc[trig.hints["source"]]
    if trig.noun and trig.token == trig.anchor:
        return None
    return agent_of(anchor) if is_passive(anchor) else subject_of(anchor)


def riot(trig: Trigger, doc) -> Trigger:
    """Force used by protesters, or a clash with protesters, is a riot (PROTEST riot)."""
    if trig.type not in FORCE:
        return trig
    anchor = doc[trig.anchor]
    lemma = doc[trig.token].lemma_.lower()
    table = cues()
    actor = actor_side(trig, doc)
    if protester(actor) and (lemma in table.riot_verbs | table.riot_acts or trig.mode in RIOT_MODES):
        return dataclasses.replace(trig, type="PROTEST", mode="riot", rule="riot")
    if lemma in table.riot_verbs:
        holders = {doc[trig.token], anchor}  # 'clashes between X and Y', 'clashes broke out between X and Y'
        sides = [x for h in holders for _p, o in prep_objects(h, SIDE_PREPS) for x in (o, *o.conjuncts)]
        other = next((o for o in sides if protester(o)), None)
        if other is not None:
            hints = {"source": other.i, **({"target": actor.i} if actor is not None else {})}
            return dataclasses.replace(trig, type="PROTEST", mode="riot", rule="riot", hints=hints)
    return trig


def protest_above(trig: Trigger, doc, protests: set[int]) -> bool:
    """Is the trigger the purpose of a protest: a clause or participle hanging off a protest trigger?"""
    cur = doc[trig.anchor]
    for _ in range(2):
        if cur.dep_ not in PURPOSE_DEPS or cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.i in protests:
            return True
    return False


def voiced(trig: Trigger, doc, protests: set[int]) -> Trigger:
    """Demands and denunciations by protesters: the protest's purpose (less sure) or the protest itself."""
    if trig.type not in VERBAL or trig.rule != "lexicon":
        return trig
    if protest_above(trig, doc, protests):
        return dataclasses.replace(trig, rule="purpose")
    subj = subject_of(doc[trig.anchor])
    if protester(subj) and not children(doc[trig.anchor], {"nsubjpass"}):
        return dataclasses.replace(trig, type="PROTEST", mode="demo", rule="protester")
    return trig


def protest_roles(found: list[Trigger], sent: Span) -> list[Trigger]:
    """Riots and protesters' demands; a crowd's act that only goes with a protest already found
    ('rallied on the avenue, chanting slogans') is no second protest."""
    doc = sent.doc
    found = [riot(t, doc) for t in found]
    protests = {i for t in found if t.type == "PROTEST" for i in (t.token, t.anchor)}
    found = [voiced(t, doc, protests) for t in found]
    return [t for t in found if not (t.rule in CROWD_RULES and protest_above(t, doc, protests - {t.token}))]
