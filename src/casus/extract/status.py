"""Status (occurred, ongoing, planned, hypothetical, denied) and certainty (asserted, reported,
alleged, estimated) from the words around a trigger, each cue scoped to the trigger's own clause
and the verbs that embed it."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from casus.extract.lexicon import cues
from casus.extract.triggers import Trigger, misread_rebuttal

EMBEDDING = frozenset({"xcomp", "acomp", "ccomp", "pcomp", "pobj", "prep", "dobj"})
PERFECT = frozenset({"has", "have", "'ve", "'s"})


FUTURE_IN_PAST = frozenset({"would", "'d"})


def reported_future(verb: Token) -> bool:
    """'said they would impose sanctions': in reported speech 'would' is the future of the past."""
    cur = verb
    for _ in range(3):
        if cur.dep_ not in {"ccomp", "conj"} or cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.lemma_.lower() in cues().reported_future_speech:
            return True
    return False


def has_condition(verb: Token) -> bool:
    """'would impose sanctions if the talks failed': the consequent of a condition."""
    marks = cues().hypothetical_marks
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children)
               for c in verb.children)


def modal_status(verb: Token) -> str | None:
    """'will strike' is planned, 'could strike' hypothetical, 'said it would strike' planned."""
    table = cues().modals
    for c in verb.children:
        if c.dep_ == "aux" and c.lower_ in table:
            if c.lower_ in FUTURE_IN_PAST and reported_future(verb) and not conditional(verb) \
                    and not has_condition(verb):
                return "planned"
            return table[c.lower_]
    if any(c.dep_ == "aux" and c.lower_ == "going" for c in verb.children):
        return "planned"
    return None


def negated(tok: Token) -> bool:
    neg = cues().negations
    return any(c.dep_ == "neg" or (c.dep_ in {"advmod", "det"} and c.lower_ in neg) for c in tok.children)


def conditional(verb: Token) -> bool:
    """The clause, or a clause above it, opens with 'if' / 'unless'."""
    marks = cues().hypothetical_marks
    cur = verb
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ in marks for c in cur.children):
            return True
        if cur.dep_ not in {"advcl", "xcomp", "conj", "ccomp"} or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def embedding_status(anchor: Token, own: bool) -> str | None:
    """A planning, denying or continuing word above the trigger: 'plans to strike', 'denied that',
    'ready for talks' (``own``: the anchor itself carries a noun trigger and may be that word)."""
    heads = cues().status_heads
    cur, steps = anchor, 0
    while steps < 5:
        lemma = cur.lemma_.lower()
        if lemma in heads and (steps or own) and not (cur.dep_ == "acl" and cur.tag_ == "VBN") \
                and not misread_rebuttal(cur):
            if negated(cur) and heads[lemma] == "planned":
                return "denied"
            return heads[lemma]
        if cur.dep_ not in EMBEDDING or cur.head.i == cur.i:
            return None
        cur = cur.head
        steps += 1
    return None


def ongoing(verb: Token) -> bool:
    """'has been deploying', 'has been in coordination', 'continues to', 'since September'."""
    aux = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    if aux & PERFECT and (("been" in aux and verb.tag_ == "VBG") or verb.lower_ == "been"):
        return True
    adverbs = cues().ongoing_adverbs
    if any(c.lower_ in adverbs for c in verb.children if c.dep_ in {"advmod", "prep"}):
        return bool(aux & PERFECT) or verb.tag_ in {"VBG", "VBZ", "VBP"}
    return False


def noun_status(tok: Token) -> str | None:
    mods = cues().planned_modifiers
    if any(c.dep_ == "amod" and c.lower_ in mods for c in tok.children):
        return "planned"
    if any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
        return "denied"
    return None


def event_status(trig: Trigger, doc: Doc) -> str:
    """What the text says of the event's reality; the first cue that applies wins."""
    tok, anchor = doc[trig.token], doc[trig.anchor]
    if trig.rule == "idiom" or (trig.rule == "converter" and trig.type == "THREATEN"):
        return "occurred"  # 'signaled the attacks': the threat itself happened
    if (negated(anchor) and trig.rule != "nominal") or (trig.noun and negated(tok)):
        return "denied"  # 'would not be deterred by bombing' does not deny the bombing
    if trig.light_status in {"planned", "denied"}:
        return trig.light_status
    found = (noun_status(tok) if trig.noun else None) or embedding_status(anchor, trig.noun and tok.i != anchor.i)
    if found is not None:
        return found
    modal = modal_status(anchor)
    if modal is not None:
        return modal
    if conditional(anchor):
        return "hypothetical"
    if trig.light_status == "ongoing" or ongoing(anchor):
        return "ongoing"
    return "occurred"


def capability_only(trig: Trigger, doc: Doc) -> bool:
    """'have the ability to shoot down', 'are able to strike': a capability, not an event."""
    heads = cues().capability_heads
    cur = doc[trig.anchor]
    for _ in range(4):
        if cur.dep_ not in {"xcomp", "acl", "pcomp", "pobj", "prep", "acomp", "conj"} or cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.lemma_.lower() in heads:
            return True
    return False


def certainty(trig: Trigger, doc: Doc, speech_lemma: str | None, attributed: bool) -> str:
    """alleged > estimated > reported > asserted, from hedges in the trigger's clause and its source."""
    table = cues()
    tok, anchor = doc[trig.token], doc[trig.anchor]
    words = {c.lower_ for t in {tok, anchor} for c in t.children if c.dep_ in {"advmod", "amod", "npadvmod"}}
    if words & table.alleged_words or table.speech.get(speech_lemma or "") == "alleged":
        return "alleged"
    if said_to(anchor):
        return "alleged"
    if "estimated" in words or table.speech.get(speech_lemma or "") == "estimated":
        return "estimated"
    return "reported" if attributed else "asserted"


def said_to(verb: Token) -> bool:
    """'is said to request': hearsay."""
    head = verb.head
    return verb.dep_ == "xcomp" and head.lemma_ in {"say", "report", "believe", "rumor", "rumour", "think"} and any(
        c.dep_ == "auxpass" for c in head.children)


COOPERATIVE = frozenset({"CONSULT", "COOPERATE", "AGREE", "AID", "CONCEDE", "RETREAT", "SUPPORT"})
FUTURE_MODALS = frozenset({"will", "would", "'ll", "wo", "'d", "shall"})


def refusal(trig: Trigger, doc: Doc, status: str) -> bool:
    """'will not hold talks', 'would not step down': a cooperative act refused for the future is a
    rejection that occurred, not a denied cooperation."""
    if status != "denied" or trig.type not in COOPERATIVE:
        return False
    anchor = doc[trig.anchor]
    return negated(anchor) and any(c.dep_ == "aux" and c.lower_ in FUTURE_MODALS for c in anchor.children)
