"""Trigger detection: lexicon lookups over the dependency parse of one sentence.

A verb in the lexicon is an event; a noun in the lexicon is an event when a light verb carries it
('launched attacks', 'sent requests'), when a converter verb turns it ('signaled the attacks' is a
threat), or when it stands with its own arguments ('Venezuela's outreach to Tehran'). Triggers that
are the content of another act ('requests for military assistance', 'accused X of a coup') are not
events of their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from casus.extract.lexicon import Entry, cues, triggers
from casus.extract.syntax import ancestors_within, children, governing_verb, is_verb, prep_objects

ARGUMENT_PREPS = frozenset({"against", "on", "to", "with", "by", "between", "for", "into", "toward", "towards", "at"})
ANAPHORIC_DETS = frozenset({"these", "those", "such", "this", "that"})
FORCE_MODES = {"missile": "weapons", "weapon": "weapons", "system": "weapons", "launcher": "weapons",
               "battery": "weapons", "police": "police"}


@dataclass(slots=True)
class Trigger:
    """One event signal in a sentence: the word, the verb whose clause holds it, and its type."""

    token: int
    anchor: int
    type: str
    mode: str | None
    noun: bool = False
    light_status: str | None = None
    weak: bool = False
    rule: str = "lexicon"
    hints: dict[str, int] = field(default_factory=dict)  # role -> token index overriding structure


def second_matches(tok: Token, entry: Entry) -> bool:
    """The entry's second word is a particle, preposition, object or modifier child of the token."""
    if entry.second is None:
        return True
    return any(c.lower_ == entry.second or c.lemma_.lower() == entry.second for c in tok.children
               if c.dep_ in {"prt", "prep", "dobj", "compound", "amod", "agent"})


def flags_hold(tok: Token, entry: Entry, military: bool) -> bool:
    """Entry flags: military context, an object, an infinitive complement, an 'as' predicate."""
    f = entry.flags
    if "military" in f and not military:
        return False
    if "target" in f and not any(c.dep_ in {"dobj", "dative", "prep", "nsubjpass", "pobj"} for c in tok.children):
        return False
    if "xcomp" in f and not children(tok, {"xcomp"}):
        return False
    return not ("as" in f and not any(c.lower_ == "as" or c.dep_ == "oprd" for c in tok.children))


def lookup(tok: Token, table: dict[str, tuple[Entry, ...]], military: bool) -> Entry | None:
    """The best lexicon entry for a token: entries with a matched second word first."""
    entries = table.get(tok.lemma_.lower()) or table.get(tok.lower_) or ()
    for entry in sorted(entries, key=lambda e: e.second is None):
        if second_matches(tok, entry) and flags_hold(tok, entry, military):
            return entry
    return None


def light_key(verb: Token) -> str | None:
    """The light/converter key of a verb: 'carry out' when a particle follows, else the lemma."""
    lemma = verb.lemma_.lower()
    table = cues()
    for c in verb.children:
        if c.dep_ in {"prt", "prep"} and f"{lemma} {c.lower_}" in table.light | table.converters:
            return f"{lemma} {c.lower_}"
    return lemma


def quantified_head(noun: Token) -> Token:
    """'a series of attacks' -> 'series'; 'attacks' otherwise."""
    q = cues().quantifiers
    cur = noun
    while (cur.dep_ == "pobj" and cur.head.lower_ == "of" and cur.head.head.lemma_.lower() in q
           and cur.head.head.i != cur.head.i):
        cur = cur.head.head
    return cur


def has_argument(noun: Token) -> bool:
    """A standalone nominal needs an argument: a possessor, an actor modifier or a preposition."""
    if any(c.lower_ in ANAPHORIC_DETS for c in noun.children if c.dep_ == "det"):
        return False
    if any(c.dep_ == "poss" and c.pos_ != "PRON" for c in noun.children):
        return True
    if any(c.dep_ == "compound" and c.ent_type_ in {"GPE", "NORP", "ORG", "PERSON"} for c in noun.children):
        return True
    if any(c.dep_ == "amod" and c.ent_type_ in {"GPE", "NORP"} for c in noun.children):
        return True
    return any(c.dep_ == "prep" and c.lower_ in ARGUMENT_PREPS for c in noun.children)


def noun_trigger(tok: Token, entry: Entry, military: bool) -> Trigger | None:
    """Decide how a noun trigger becomes an event, through the verb that governs it."""
    if tok.dep_ == "compound" or (tok.dep_ == "pobj" and tok.head.lower_ == "under"):
        return None  # 'carrier strike group'; 'a plane under sanctions' is a state, not an event
    if any(c.dep_ == "det" and c.lower_ in ANAPHORIC_DETS for c in tok.children):
        return None  # 'these attacks', 'this plea': a mention of an event told before
    head_np = quantified_head(tok)
    g = head_np.head if head_np.dep_ != "pobj" else head_np.head.head
    via_prep = head_np.dep_ == "pobj"
    if g.i == head_np.i or not is_verb(g):
        return standalone(tok, entry, g)
    key = light_key(g)
    table = cues()
    if key in table.converters and not via_prep:
        new = table.converters[key]
        if entry.type in table.converter_sources.get(new, ()):
            mode = "violence" if new == "THREATEN" and entry.type == "ASSAULT" else None
            return Trigger(tok.i, g.i, new, mode, noun=True, rule="converter")
    if key in table.light and (via_prep if key in {"be", "have"} else (not via_prep or key == "engage in")):
        return Trigger(tok.i, g.i, entry.type, entry.mode, noun=True, light_status=table.light[key],
                       weak=entry.weak, rule="light")
    if lookup(g, triggers().verbs, military) is not None:
        return None  # the verb's own event covers it, or it is the verb's content
    return standalone(tok, entry, g)


def standalone(tok: Token, entry: Entry, g: Token) -> Trigger | None:
    if not has_argument(tok):
        return None
    anchor = governing_verb(tok) or tok
    return Trigger(tok.i, anchor.i, entry.type, entry.mode, noun=True, weak=entry.weak, rule="nominal")


def object_class(verb: Token, nouns: frozenset[str]) -> Token | None:
    for c in verb.children:
        if c.dep_ in {"dobj", "nsubjpass"} and (c.lemma_.lower() in nouns or any(
                o.lemma_.lower() in nouns for _p, o in prep_objects(c, {"of"}))):
            return c
    return None


def verb_class_trigger(tok: Token, military: bool) -> Trigger | None:
    """'sent troops' (MOBILIZE), 'provided weapons' (AID), a military plane 'landed in' (COOPERATE)."""
    lemma, table = tok.lemma_.lower(), cues()
    if lemma in table.force_verbs and military:
        obj = object_class(tok, table.force_nouns)
        if obj is not None:
            return Trigger(tok.i, tok.i, "MOBILIZE", FORCE_MODES.get(obj.lemma_.lower(), "troops"), rule="force")
    if lemma in table.aid_verbs:
        obj = object_class(tok, table.aid_nouns)
        if obj is not None:
            return Trigger(tok.i, tok.i, "AID", None, rule="aid")
    if lemma in table.arrival_verbs and military and children(tok, {"nsubj"}):
        return Trigger(tok.i, tok.i, "COOPERATE", None, rule="arrival")
    return None


def verb_trigger(tok: Token, military: bool) -> Trigger | None:
    special = verb_class_trigger(tok, military)
    if special is not None:
        return special
    entry = lookup(tok, triggers().verbs, military)
    if entry is None:
        return None
    for c in tok.children:  # 'launched attacks', 'signed an agreement': the noun's event wins
        if (c.dep_ in {"dobj", "nsubjpass"} and lookup(c, triggers().nouns, military)
                and entry.type not in cues().content_types):
            return None
    return Trigger(tok.i, tok.i, entry.type, entry.mode, weak=entry.weak)


def token_trigger(tok: Token, military: bool) -> Trigger | None:
    if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.lemma_ != "be"):
        return verb_trigger(tok, military)
    if tok.pos_ == "NOUN":
        entry = lookup(tok, triggers().nouns, military)
        if entry is None and tok.lower_.endswith("ing") and tok.dep_ in {"nsubj", "ROOT"}:
            return mistagged_gerund(tok, military)  # 'RC-135V tracking off the coast' in a tweet
        return noun_trigger(tok, entry, military) if entry else None
    return None


def mistagged_gerund(tok: Token, military: bool) -> Trigger | None:
    """A headline or post verb the tagger took for a noun: look its stem up among the verbs."""
    verbs = triggers().verbs
    stem = tok.lower_[:-3]
    for lemma in (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem):
        for entry in verbs.get(lemma, ()):
            if entry.second is None and ("military" not in entry.flags or military):
                return Trigger(tok.i, tok.i, entry.type, entry.mode, rule="gerund")
    return None


def is_content(trig: Trigger, by_token: dict[int, Trigger], sent: Span) -> bool:
    """A trigger under the object side of a speech act (request, rejection, accusation...) is its content."""
    doc = sent.doc
    tok = doc[trig.token]
    for anc in ancestors_within(tok):
        other = by_token.get(anc.i)
        if other is not None and other is not trig and other.type in cues().content_types and other.rule != "converter":
            return True
        if anc.i == trig.anchor and trig.rule in {"light", "converter"}:
            continue
    return False


def weak_covered(trig: Trigger, found: list[Trigger], sent: Span) -> bool:
    """A weak trigger (a letter, a deal) gives way to a specific event in the same clause."""
    doc = sent.doc
    for other in found:
        if other is trig or other.weak:
            continue
        cur = doc[other.anchor]
        for _ in range(8):
            if cur.i == trig.anchor:
                return True
            if cur.dep_ not in {"advcl", "xcomp", "ccomp", "conj", "parataxis"} or cur.head.i == cur.i:
                break
            cur = cur.head
    return False


def find_triggers(sent: Span, military: bool) -> list[Trigger]:
    """Every trigger of a sentence, walking its tokens once."""
    found = [t for t in (token_trigger(tok, military) for tok in sent) if t is not None]
    by_token = {t.token: t for t in found}
    kept = [t for t in found if not is_content(t, by_token, sent)]
    return [t for t in kept if not (t.weak and weak_covered(t, kept, sent))]
