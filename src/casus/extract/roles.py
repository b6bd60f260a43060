"""Source and target actors from structure: subjects, objects, passives, coordination, relative
clauses, possessors and pronouns, looked up in the language layer's resolved actors."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from casus.extract.syntax import (
    RELATIVE_TAGS,
    agent_of,
    children,
    conj_root,
    conjuncts,
    is_passive,
    np_tokens,
    prep_objects,
    subject_of,
)
from casus.extract.triggers import Trigger
from casus.records import Actor, Annotations

TARGET_PREPS = frozenset({"to", "against", "on", "with", "at", "toward", "towards", "into", "for", "over", "upon",
                          "from", "in"})
NOUN_TARGET_PREPS = frozenset({"to", "against", "on", "with", "at", "toward", "towards", "into", "for", "upon"})
PRONOUNS = frozenset({"he", "she", "it", "they", "him", "her", "them", "his", "its", "their", "we", "our", "i"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
MAX_EVENTS_PER_TRIGGER = 8
PLACE_TARGET_TYPES = frozenset({"ASSAULT", "THREATEN", "MOBILIZE", "COERCE"})


@dataclass(frozen=True, slots=True)
class ActorIndex:
    """Token index -> actor, built once per document; country places stand in as state actors."""

    by_token: dict[int, Actor]

    def at(self, tok: Token) -> Actor | None:
        return self.by_token.get(tok.i)


def build_index(parsed: Doc, annotations: Annotations) -> ActorIndex:
    by_token: dict[int, Actor] = {}
    places = [Actor(p.start, p.end, p.text, p.name, p.country, None, "state") for p in annotations.places
              if p.kind == "country" and p.country]
    for actor in [*places, *annotations.actors]:  # actors win over places on the same token
        span = parsed.char_span(actor.start, actor.end, alignment_mode="expand")
        for tok in span or ():
            by_token[tok.i] = actor
    return ActorIndex(by_token)


def lift_relative(tok: Token) -> Token:
    """'who' / 'whom' / 'which' in a relative clause stands for the noun the clause modifies."""
    if tok.tag_ in RELATIVE_TAGS:
        cur = tok.head
        while cur.dep_ not in {"relcl", "acl"} and cur.head.i != cur.i:
            cur = cur.head
        if cur.dep_ in {"relcl", "acl"}:
            return cur.head
    return tok


def subject_actor_before(tok: Token, index: ActorIndex, avoid: Actor | None) -> Actor | None:
    """Pronoun antecedent: the nearest earlier actor in subject position, this or the previous sentences."""
    doc = tok.doc
    sent_start = tok.sent.start
    prev = doc[sent_start - 1].sent.start if sent_start > 0 else sent_start
    for i in range(tok.i - 1, max(prev, tok.i - 120) - 1, -1):
        actor = index.by_token.get(i)
        if actor is None or (avoid is not None and (actor.name == avoid.name or actor.code == avoid.code)):
            continue
        if in_subject(doc[i]) and (tok.lower_ not in {"it", "its"} or actor.kind != "person"):
            return actor
    return None


def in_subject(tok: Token) -> bool:
    cur = tok
    for _ in range(6):
        if cur.dep_ in SUBJECT_DEPS:
            return True
        if cur.dep_ not in {"compound", "amod", "poss", "flat", "appos", "pobj", "prep", "nmod"} or cur.head.i == cur.i:
            return False
        if cur.dep_ == "prep" and cur.lower_ != "of":
            return False
        cur = cur.head
    return False


def actor_of_np(tok: Token, index: ActorIndex, avoid: Actor | None = None) -> Actor | None:
    """The actor a noun phrase names: its head, its modifiers, then an 'of' complement."""
    tok = lift_relative(tok)
    if tok.lower_ in PRONOUNS and tok.pos_ == "PRON":
        return subject_actor_before(tok, index, avoid)
    direct = index.at(tok)
    if direct is not None:
        return direct
    toks = np_tokens(tok)
    found = [index.at(t) for t in toks if index.at(t) is not None]
    if found:
        return found[-1]
    for _prep, obj in prep_objects(tok, {"of"}):
        inner = index.at(obj) or next((index.at(t) for t in np_tokens(obj) if index.at(t)), None)
        if inner is not None:
            return inner
    return None


def actors_of(tok: Token | None, index: ActorIndex, avoid: Actor | None = None) -> list[Actor]:
    """One actor per coordinated noun phrase ('Russia, China, Cuba, Bolivia and ...')."""
    if tok is None:
        return []
    out: list[Actor] = []
    for conj in conjuncts(lift_relative(tok)):
        actor = actor_of_np(conj, index, avoid)
        if actor is not None and all(a.name != actor.name for a in out):
            out.append(actor)
    return out


def search_preps(tok: Token, preps: frozenset[str], index: ActorIndex, depth: int = 2) -> Token | None:
    """The first prepositional object naming an actor, through nested 'for X to Y' chains."""
    for prep, obj in prep_objects(tok, preps | {"of", "in", "for"}):
        if prep in preps and actors_of(obj, index):
            return obj
        if depth > 1:
            inner = search_preps(obj, preps, index, depth - 1)
            if inner is not None:
                return inner
    return None


def object_target(verb: Token, index: ActorIndex) -> Token | None:
    """A verb's target: the passive subject, the object, the dative, or a prepositional object."""
    if is_passive(verb):
        subj = children(verb, {"nsubjpass"})
        if subj and actors_of(subj[0], index):
            return subj[0]
    for c in verb.children:
        if c.dep_ in {"dobj", "dative"} and actors_of(c, index):
            return c
    hit = search_preps(verb, TARGET_PREPS, index, depth=1)
    if hit is not None:
        return hit
    for c in verb.children:
        if c.dep_ == "dobj":
            inner = search_preps(c, TARGET_PREPS, index)
            if inner is not None:
                return inner
    return None


def verb_source(verb: Token) -> Token | None:
    if is_passive(verb):
        return agent_of(verb)
    return subject_of(verb)


def noun_source(noun: Token, index: ActorIndex) -> Token | None:
    """'Venezuela's outreach', 'U.S. strikes', 'Russian airstrikes', 'attacks by X'."""
    for c in noun.children:
        if c.dep_ in {"poss", "compound", "amod"} and c.pos_ != "PRON" and actors_of(c, index):
            return c
    for _prep, obj in prep_objects(noun, {"by", "from"}):
        if actors_of(obj, index):
            return obj
    return None


def role_tokens(trig: Trigger, doc: Doc, index: ActorIndex) -> tuple[Token | None, Token | None]:
    """The tokens naming the source and the target of a trigger."""
    tok, anchor = doc[trig.token], doc[trig.anchor]
    source = doc[trig.hints["source"]] if "source" in trig.hints else None
    target = doc[trig.hints["target"]] if "target" in trig.hints else None
    if trig.noun:
        source = source or noun_source(tok, index)
        target = target or search_preps(tok, NOUN_TARGET_PREPS, index)
        if tok.dep_ == "nsubjpass" and anchor.i != tok.i:
            source = source or agent_of(anchor)
            target = target or next((o for _p, o in prep_objects(anchor, {"to", "for"})), None)
        for c in tok.children:
            if c.dep_ == "acl" and target is None:
                target = search_preps(c, NOUN_TARGET_PREPS, index, depth=1)
    if anchor.i != tok.i or not trig.noun:
        source = source or (verb_source(anchor) if anchor.pos_ in {"VERB", "AUX", "ADJ"} else None)
        if target is None and (not trig.noun or trig.rule in {"light", "converter"}):
            target = object_target(anchor, index)
    return source, target


def place_target(trig: Trigger, doc: Doc, index: ActorIndex) -> Token | None:
    """Force aimed at a country named in a place phrase: 'flights off the coast of Venezuela',
    'positions of the Venezuelan army'. Only for the hostile types, and only after the trigger."""
    if trig.type not in PLACE_TARGET_TYPES:
        return None
    anchor = doc[trig.anchor]
    lo, hi = conj_root(anchor).left_edge.i, conj_root(anchor).right_edge.i + 1
    for tok in doc[max(trig.token, lo):hi]:
        if index.at(tok) is not None and tok.dep_ in {"pobj", "poss", "compound", "amod"} and not in_subject(tok):
            return tok
    return None


def resolve_roles(trig: Trigger, doc: Doc, index: ActorIndex) -> list[tuple[Actor | None, Actor | None]]:
    """(source, target) pairs: one per coordinated actor on either side."""
    src_tok, tgt_tok = role_tokens(trig, doc, index)
    targets = actors_of(tgt_tok, index)
    if not targets:
        guess = place_target(trig, doc, index)
        sources = actors_of(src_tok, index)
        targets = [a for a in actors_of(guess, index) if not sources or a.code != sources[0].code]
    sources = actors_of(src_tok, index, avoid=targets[0] if targets else None)
    targets = [t for t in targets if not sources or t.name != sources[0].name] or targets[:0]
    pairs = [(s, t) for s in (sources or [None]) for t in (targets or [None])]
    return pairs[:MAX_EVENTS_PER_TRIGGER]
