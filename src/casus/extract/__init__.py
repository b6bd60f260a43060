"""Extract: PLOVER event mentions with status, certainty, attribution and provenance.

Public entry point: ``extract_events(doc, parsed, annotations) -> list[Event]``. Rules over the
dependency parse with the trigger and cue lexicons in ``casus/vocab`` (see ``extract/lexicon.py``):
triggers (``triggers.py``, ``rules.py``), roles (``roles.py``), status and certainty
(``status.py``), attribution (``attribution.py``), attachments (``attach.py``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from casus.extract.attach import (
    contexts,
    event_date,
    event_location,
    intensity,
    military_sentence,
    published_window,
    within,
)
from casus.extract.attribution import (
    AttributionState,
    according_to,
    chain_for,
    embed_at,
    embed_attribution,
    remember,
    speaker_chain,
    speech_key,
    with_carry,
)
from casus.extract.filters import removed_at, skip_offset
from casus.extract.roles import ActorIndex, build_index, resolve_roles
from casus.extract.rules import carry_back, find_special, post_process
from casus.extract.status import capability_only, certainty, event_status, refusal
from casus.extract.syntax import clause_tokens, line_bounds, trimmed
from casus.extract.triggers import Trigger, find_triggers
from casus.records import Actor, Annotations, Attribution, Document, Event, TimeExpr, event_id

__all__ = ["extract_events"]


@dataclass(slots=True)
class Context:
    """One document's inputs and running state while its sentences are read."""

    doc: Document
    parsed: Doc
    ann: Annotations
    index: ActorIndex
    state: AttributionState
    according: list[int]  # token indices of 'according' (most sentences have none: skip the lookup)
    text: str = ""  # ``parsed.text``, built once (each ``Span.text`` rebuilds its part token by token)


@dataclass(slots=True)
class Sentence:
    """A sentence's tokens and verbs, made once: the rules walk them several times, and spaCy builds a
    new Token object at every step of a walk over a Span."""

    span: Span
    text: str
    tokens: list[Token]
    verbs: list[Token]

    @classmethod
    def of(cls, span: Span, text: str) -> Sentence:
        tokens = list(span)
        return cls(span, text[span.start_char:span.end_char], tokens, [t for t in tokens if t.pos_ == "VERB"])


def extract_events(doc: Document, parsed: Doc, annotations: Annotations) -> list[Event]:
    """Every event mention the document's text supports, in text order."""
    if not doc.text.strip():
        return []
    ctx = Context(doc, parsed, annotations, build_index(parsed, annotations), AttributionState(),
                  according_tokens(parsed), parsed.text)
    events: list[Event] = []
    for sent in parsed.sents:
        events += sentence_events(ctx, Sentence.of(sent, ctx.text))
    return post_process(carry_back(events, doc), parsed, ctx.index)


def sentence_events(ctx: Context, sentence: Sentence) -> list[Event]:
    text, sent = ctx.doc.text, sentence.span
    if not sentence.text.strip():
        return []
    military = military_sentence(sentence.text, ctx.ann, sent.start_char, sent.end_char)
    events = []
    found = find_triggers(sent, military, sentence.tokens) + find_special(sent, ctx.index, sentence.verbs,
                                                                         sentence.text)
    anchors = frozenset(t.anchor for t in found)
    for trig in found:
        offset = ctx.parsed[trig.token].idx
        para = line_bounds(text, offset, offset)
        if not skip_offset(ctx.doc, offset, text[para[0]:para[1]]):
            events += trigger_events(ctx, sent, trig, para, anchors)
    first = next(t for t in sentence.tokens if not t.is_space)
    remember_sentence(ctx, sentence, line_bounds(text, first.idx, first.idx)[0])
    return events


def according_tokens(parsed: Doc) -> list[int]:
    """Where 'according' occurs, from the Doc's LOWER column in one vectorised pass."""
    key = parsed.vocab.strings.add("according")
    return [int(i) for i in (parsed.to_array("LOWER") == key).nonzero()[0]] if len(parsed) else []


def remember_sentence(ctx: Context, sentence: Sentence, para: int) -> None:
    """Sources named in a sentence, kept for the sentences that go on reporting them (without an
    'according to', only verbs can name one: the walk skips the rest)."""
    sent = sentence.span
    check_according = any(sent.start <= i < sent.end for i in ctx.according)
    for tok in sentence.tokens if check_according else sentence.verbs:
        chain = according_to(tok, ctx.doc, ctx.index) if check_according else []
        if not chain and tok.pos_ == "VERB" and speech_key(tok):
            chain = speaker_chain(tok, ctx.doc, ctx.index, ctx.state)
        remember(chain, para, ctx.parsed, ctx.state)


def evidence_bounds(ctx: Context, sent: Span, trig: Trigger, para: tuple[int, int],
                    anchors: frozenset[int]) -> tuple[int, int]:
    """The clause holding the trigger, inside its sentence and paragraph."""
    anchor = ctx.parsed[trig.anchor]
    lo, hi = clause_tokens(anchor, anchors) if anchor.pos_ in {"VERB", "AUX", "ADJ"} else (sent.start, sent.end)
    lo, hi = max(lo, sent.start), min(hi, sent.end)
    start, end = trimmed(ctx.parsed[lo:hi])
    return max(start, para[0]), min(end, para[1])


def trigger_events(ctx: Context, sent: Span, trig: Trigger, para: tuple[int, int],
                   anchors: frozenset[int] = frozenset()) -> list[Event]:
    doc, parsed = ctx.doc, ctx.parsed
    tok = parsed[trig.token]
    if removed_at(doc, tok.idx) or capability_only(trig, parsed):
        return []
    chain, speech = chain_for(parsed[trig.anchor], doc, ctx.index, ctx.state)
    embed = embed_at(doc, tok.idx)
    date: TimeExpr | None = None
    if embed is not None:
        author = embed_attribution(doc, embed)
        chain = [author] if author else chain
        date = TimeExpr(embed.end, embed.end, "", embed.date, embed.date, "embed") if embed.date else None
    chain = with_carry(chain, para[0], ctx.state)
    status = event_status(trig, parsed)
    if refusal(trig, parsed, status):
        trig, status = dataclasses.replace(trig, type="REJECT", mode=None, rule="refusal"), "occurred"
    sure = certainty(trig, parsed, speech, bool(chain))
    start, end = evidence_bounds(ctx, sent, trig, para, anchors)
    clause = (start, end)
    date = date or event_date(ctx.ann, clause, (sent.start_char, sent.end_char), tok.idx) or published_window(
        doc, status)
    out = []
    for source, target in resolve_roles(trig, parsed, ctx.index):
        taken = {(target.start, target.end)} if target else set()
        out.append(make_event(ctx, trig, (start, end), source, target, status, sure, chain, date,
                              event_location(doc.text, ctx.ann, clause, tok.idx, taken, parsed,
                                             ((sent.start_char, sent.end_char), para))))
    return out


def make_event(ctx: Context, trig: Trigger, span: tuple[int, int], source: Actor | None, target: Actor | None,
               status: str, sure: str, chain: list[Attribution], date: TimeExpr | None, location) -> Event:
    doc = ctx.doc
    start, end = span
    text = doc.text[start:end]
    tok = ctx.parsed[trig.token]
    return Event(
        id=event_id(doc.doc_id, start, end, trig.type, source.name if source else None,
                    target.name if target else None),
        doc_id=doc.doc_id, type=trig.type, status=status, certainty=sure, evidence_start=start, evidence_end=end,
        evidence_text=text, mode=trig.mode, contexts=contexts(trig.type, text), source=source, target=target,
        date=date, location=location, quantities=within(ctx.ann.quantities, start, end),
        equipment=within(ctx.ann.equipment, start, end), attribution=list(chain),
        intensity=intensity(trig.type, trig.mode), confidence=confidence(trig, ctx.parsed, source, target),
        trigger_start=tok.idx, trigger_end=tok.idx + len(tok.text),
    )


def confidence(trig: Trigger, parsed: Doc, source: Actor | None, target: Actor | None) -> float:
    """A rough score: verb triggers with both actors found are the surest; an act named only as the
    purpose of another ('staged a strike to demand ...') is less sure than the act itself."""
    score = 0.55 + (0.15 if source else 0.0) + (0.1 if target else 0.0) + (0.1 if not trig.noun else 0.0)
    score -= 0.15 if trig.weak or trig.rule == "nominal" else 0.0
    score -= 0.2 if trig.rule == "purpose" else 0.0  # 'marched to demand reforms': the march is the event
    anchor = parsed[trig.anchor]
    if anchor.dep_ in {"advcl", "xcomp", "acl"} and any(c.dep_ == "aux" and c.lower_ == "to" for c in anchor.children):
        score -= 0.2
    return round(min(0.95, max(0.1, score)), 2)
