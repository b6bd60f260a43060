"""Constructions that reshape the triggers of a sentence: an order to civilians to leave (coercion,
not a retreat), stopping a hostile act (a retreat), a killing told through a 'when' clause (one
attack, its source the clause's subject), and the speaker of a characterization ('said the transfers
posed a threat')."""

from __future__ import annotations

import functools
from collections.abc import Iterable

from spacy.tokens import Span, Token

from casus.extract.lexicon import cues, triggers
from casus.extract.protest import protest_roles
from casus.extract.syntax import children, subject_of
from casus.extract.triggers import Trigger, lookup

HOSTILE = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"})
TIME_LINKS = frozenset({"when", "as", "after"})


def evacuation_order(trig: Trigger, doc) -> Trigger:
    """'ordered residents of X to leave': whoever gives the order coerces the civilians."""
    tok = doc[trig.token]
    head = tok.head
    if trig.type != "RETREAT" or tok.dep_ != "xcomp" or head.lemma_.lower() not in cues().order_verbs:
        return trig
    if not any(c.dep_ == "dobj" and c.lemma_.lower() in cues().civilian_nouns for c in head.children):
        return trig
    return Trigger(head.i, head.i, "COERCE", "restrict", rule="evacuation")


@functools.cache
def stoppers() -> frozenset[str]:
    """Verbs that turn a hostile act they govern into a retreat ('halted', 'would stop')."""
    return frozenset(w for w, types in cues().converters.items() if "RETREAT" in types)


def stop_triggers(tokens: Iterable[Token]) -> list[Trigger]:
    """'would stop hitting the energy grid', 'halted shelling': a hostile act stopped is a retreat."""
    out = []
    for tok in tokens:
        if tok.dep_ != "xcomp" or tok.tag_ != "VBG" or tok.head.lemma_.lower() not in stoppers():
            continue
        entry = lookup(tok, triggers().verbs, True)
        if entry is not None and entry.type in HOSTILE:
            mode = "ceasefire" if entry.type == "ASSAULT" else None
            out.append(Trigger(tok.i, tok.head.i, "RETREAT", mode, rule="stop"))
    return out


def when_clause(verb: Token) -> Token | None:
    """The 'when ...' clause under a verb ('were killed when a missile struck')."""
    for c in children(verb, {"advcl"}):
        if any(m.lower_ in TIME_LINKS for m in c.children if m.dep_ in {"advmod", "mark"}):
            return c
    return None


def merge_casualties(found: list[Trigger], doc) -> list[Trigger]:
    """A killing without an agent told through a 'when' clause holding an attack is that attack: one
    event, its source the clause's subject ('crew killed when Houthi rebels hit the ship')."""
    drop: set[int] = set()
    for trig in found:
        tok = doc[trig.token]
        if trig.type != "ASSAULT" or trig.noun or "source" in trig.hints or any(
                c.dep_ in {"agent"} for c in tok.children):
            continue
        clause = when_clause(tok)
        entry = lookup(clause, triggers().verbs, True) if clause is not None else None
        if entry is None or entry.type != "ASSAULT" or subject_of(clause) is None:
            continue
        trig.hints["source"] = subject_of(clause).i
        drop |= {t.token for t in found if t.token == clause.i}
    return [t for t in found if t.token not in drop]


def speaker_hints(trig: Trigger, doc) -> Trigger:
    """A characterization ('the transfers posed a threat') is the speaker's accusation of the subject."""
    if trig.rule != "characterize":
        return trig
    anchor = doc[trig.anchor]
    cur = anchor
    for _ in range(4):
        if cur.head.i == cur.i:
            break
        cur = cur.head
        if cur.lemma_.lower() in cues().speech and subject_of(cur) is not None:
            trig.hints["source"] = subject_of(cur).i
            break
    subj = subject_of(anchor)
    if subj is not None:
        trig.hints["target"] = subj.i
    return trig


def reshape(found: list[Trigger], sent: Span, tokens: list[Token] | None = None) -> list[Trigger]:
    doc = sent.doc
    stopped = stop_triggers(sent if tokens is None else tokens)
    gone = {t.token for t in stopped}  # 'stop shelling': the retreat replaces the shelling
    found = [speaker_hints(evacuation_order(t, doc), doc) for t in found if t.token not in gone]
    return protest_roles(merge_casualties(found + stopped, doc), sent)
