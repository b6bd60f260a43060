"""Constructions that the trigger lexicon alone does not see, and document-level passes:
demands reported through speech ('X said Y needs to ...'), threat idioms, imperatives after a
colon, claims of hostile acts turned into accusations, anaphoric rejections ('rejects these
accusations'), and a paragraph's 'according to' source applied to its lead sentence."""

from __future__ import annotations

import dataclasses

from spacy.tokens import Doc, Span, Token

from casus.extract.attribution import speech_key
from casus.extract.lexicon import cues, triggers
from casus.extract.roles import ActorIndex, actors_of
from casus.extract.syntax import children, line_bounds, subject_of
from casus.extract.triggers import Trigger
from casus.records import Actor, Document, Event, event_id

CONFLICT = frozenset({"ASSAULT", "COERCE", "SANCTION", "THREATEN", "MOBILIZE"})
ACCUSING_SPEECH = frozenset({"argue", "claim", "allege", "insist", "charge", "contend", "maintain", "assert"})
MESSAGE_VERBS = frozenset({"convey", "send", "deliver", "tell", "give", "issue", "relay", "pass"})
REJECTED_OBJECTS = {"accusation": "ACCUSE", "allegation": "ACCUSE", "charge": "ACCUSE", "claim": "ACCUSE",
                    "criticism": "ACCUSE", "demand": "REQUEST", "request": "REQUEST", "call": "REQUEST",
                    "ultimatum": "THREATEN", "threat": "THREATEN", "offer": "AGREE", "proposal": "AGREE"}
CARRY_BACK_CHARS = 600


def demand_trigger(verb: Token) -> Trigger | None:
    """'X said that Y needs to / must / should ...' is X's demand on Y."""
    if not speech_key(verb):
        return None
    modals = cues().demand_modals
    for c in children(verb, {"ccomp"}):
        demand = c.lemma_.lower() in modals and children(c, {"xcomp"})
        demand = demand or any(a.dep_ == "aux" and a.lower_ in modals for a in c.children)
        subj = subject_of(verb)
        target = subject_of(c)
        if demand and subj is not None and target is not None:
            return Trigger(verb.i, verb.i, "REQUEST", "change", rule="demand",
                           hints={"source": subj.i, "target": target.i})
    return None


def speech_above(tok: Token) -> Token | None:
    cur = tok
    for _ in range(8):
        if cur.head.i == cur.i:
            return None
        cur = cur.head
        if speech_key(cur):
            return cur
    return None


def idiom_triggers(sent: Span, text: str | None = None) -> list[Trigger]:
    """Threat idioms ('the clock is ticking', 'all options are on the table') voiced by a speaker
    (``text``: the sentence's text, when the caller has it)."""
    low = (sent.text if text is None else text).lower().replace("’", "'")
    out = []
    for idiom in cues().threat_idioms:
        at = low.find(idiom)
        if at < 0:
            continue
        span = sent.doc.char_span(sent.start_char + at, sent.start_char + at + len(idiom), alignment_mode="expand")
        speaker = speech_above(span.root) if span is not None else None
        if speaker is None or subject_of(speaker) is None:
            continue
        hints = {"source": subject_of(speaker).i}
        poss = [t for t in span.root.subtree if t.dep_ == "poss"]
        if poss:
            hints["target"] = poss[0].i
        out.append(Trigger(span.root.i, speaker.i, "THREATEN", None, rule="idiom", hints=hints))
    return out


def imperative_trigger(verb: Token, index: ActorIndex) -> Trigger | None:
    """'conveyed his message to X: Stop sending ...' is a demand on X by the messenger."""
    if verb.tag_ != "VB" or children(verb, {"nsubj", "aux"}) or verb.i == 0:
        return None
    prev = verb.doc[verb.i - 1]
    if prev.text not in {":", "“", "\""}:
        return None
    for msg in [*verb.children, verb.head]:
        if msg.lemma_.lower() in MESSAGE_VERBS and msg.i < verb.i:
            subj = subject_of(msg)
            tgt = next((o for p in msg.children if p.dep_ in {"prep", "dative"} and p.lower_ == "to"
                        for o in p.children if o.dep_ == "pobj"), None)
            if subj is not None and tgt is not None and actors_of(tgt, index):
                return Trigger(verb.i, verb.i, "REQUEST", "change", rule="imperative",
                               hints={"source": subj.i, "target": tgt.i})
    return None


def find_special(sent: Span, index: ActorIndex, verbs: list[Token] | None = None,
                 text: str | None = None) -> list[Trigger]:
    """Demands, imperatives and idioms (``verbs``: the sentence's verbs, when the caller has them)."""
    verbs = [tok for tok in sent if tok.pos_ == "VERB"] if verbs is None else verbs
    found = [t for t in (demand_trigger(tok) for tok in verbs) if t]
    found += [t for t in (imperative_trigger(tok, index) for tok in verbs) if t]
    return found + idiom_triggers(sent, text)


def claimant(anchor: Token, index: ActorIndex) -> tuple[Token, Actor] | None:
    """The speaker of an arguing verb above a trigger ('Maduro argues that the USA aims to seize')."""
    speaker = speech_above(anchor)
    if speaker is None or speaker.lemma_.lower() not in ACCUSING_SPEECH:
        return None
    actors = actors_of(subject_of(speaker), index)
    return (speaker, actors[0]) if actors else None


def as_accusation(event: Event, parsed: Doc, index: ActorIndex) -> Event:
    """A hostile act that one actor claims another commits is, as reported, an accusation."""
    if event.type not in CONFLICT or event.trigger_start is None or not (event.source and event.source.code):
        return event
    tok = parsed.char_span(event.trigger_start, event.trigger_end, alignment_mode="expand")
    found = claimant(tok.root, index) if tok is not None else None
    if found is None or found[1].code in {None, event.source.code}:
        return event
    return dataclasses.replace(event, type="ACCUSE", mode="allege", source=found[1], target=event.source,
                               status="occurred", intensity=-2.5)


REACTION_TYPES = frozenset({"REJECT", "ACCUSE", "SUPPORT"})


def object_event_type(verb: Token) -> str | None:
    """The event type a reaction's object names: 'rejects these accusations' (ACCUSE), 'condemned the
    drills' (MOBILIZE), 'rejected the sanctions' (SANCTION)."""
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    if not objs:
        return None
    lemma = objs[0].lemma_.lower()
    entries = triggers().nouns.get(lemma) or triggers().nouns.get(objs[0].lower_) or ()
    return REJECTED_OBJECTS.get(lemma) or next((e.type for e in entries if e.second is None), None)


def rejected_target(event: Event, parsed: Doc, earlier: list[Event]) -> Event:
    """'rejects these accusations', 'condemned the drills': the target is whoever did that before."""
    if event.type not in REACTION_TYPES or event.target is not None or event.trigger_start is None:
        return event
    span = parsed.char_span(event.trigger_start, event.trigger_end, alignment_mode="expand")
    wanted = object_event_type(span.root) if span is not None else None
    for prior in reversed(earlier):
        if wanted and prior.type == wanted and prior.source and (
                not event.source or (prior.source.name != event.source.name
                                     and (prior.source.code is None or prior.source.code != event.source.code))):
            return dataclasses.replace(event, target=prior.source)
    return event


def post_process(events: list[Event], parsed: Doc, index: ActorIndex) -> list[Event]:
    out: list[Event] = []
    seen: set[str] = set()
    for event in events:
        event = rejected_target(as_accusation(event, parsed, index), parsed, out)
        event.id = event_id(event.doc_id, event.evidence_start, event.evidence_end, event.type,
                            event.source.name if event.source else None, event.target.name if event.target else None)
        if event.id not in seen:
            seen.add(event.id)
            out.append(event)
    return out


def carry_back(events: list[Event], doc: Document) -> list[Event]:
    """A paragraph's document or outlet source ('According to documents obtained by X, ...') also
    covers the unattributed lead sentence just before it."""
    for i, later in enumerate(events):
        outer = [a for a in later.attribution if a.kind in {"document", "media"}]
        if not outer:
            continue
        para = line_bounds(doc.text, later.evidence_start, later.evidence_start)
        for earlier in events[:i]:
            if (not earlier.attribution and earlier.evidence_start >= para[0]
                    and earlier.evidence_end <= later.evidence_start
                    and later.evidence_start - earlier.evidence_end < CARRY_BACK_CHARS):
                earlier.attribution = list(later.attribution[later.attribution.index(outer[0]):])
                earlier.certainty = "reported" if earlier.certainty == "asserted" else earlier.certainty
    return events
