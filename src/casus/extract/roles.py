"""Source and target actors from structure: subjects, objects, passives, coordination, relative
clauses, possessors and pronouns, looked up in the language layer's resolved actors."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from casus.extract.lexicon import cues
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
from casus.vocab.states import states

TARGET_PREPS = frozenset({"to", "against", "on", "with", "toward", "towards", "into", "for", "over", "upon", "from"})
PLACE_PREPS = frozenset({"in", "at"})  # 'strikes in Yemen' aim at Yemen; 'met in Riyadh' is only where they met
HOSTILE_TYPES = frozenset({"ASSAULT", "THREATEN", "MOBILIZE", "COERCE", "SANCTION", "PROTEST"})
NOUN_TARGET_PREPS = frozenset({"to", "against", "on", "with", "at", "toward", "towards", "into", "for", "upon"})
PRONOUNS = frozenset({"he", "she", "it", "they", "him", "her", "them", "his", "its", "their", "we", "our", "i"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
MAX_EVENTS_PER_TRIGGER = 8
PLACE_TARGET_TYPES = frozenset({"ASSAULT", "THREATEN", "MOBILIZE", "COERCE"})


@dataclass(frozen=True, slots=True)
class ActorIndex:
    """Token index -> actor, built once per document; country places stand in as state actors.
    ``places`` maps the tokens of any place inside a known country to that state (for the target of
    force aimed at a place: 'power lines in the Dnipropetrovsk region were damaged')."""

    by_token: dict[int, Actor]
    places: dict[int, Actor] = field(default_factory=dict)
    sides: tuple[str, ...] = ()  # the states the document names most: what 'both sides' stands for

    def at(self, tok: Token) -> Actor | None:
        return self.by_token.get(tok.i)


SIDES = "sides"  # Actor.entity_id of a state resolved from 'both sides' (one event, not one per side)


def main_sides(actors: list[Actor]) -> tuple[str, ...]:
    """The two states a document names most; one when a single state dominates (the sides of a civil
    war share a code), none when it names no state."""
    counts = Counter(a.code for a in actors if a.code and a.code in states())
    top = counts.most_common(2)
    if not top:
        return ()
    if len(top) == 1 or 3 * top[1][1] < top[0][1]:
        return (top[0][0],)
    return (top[0][0], top[1][0])


def names_sides(tok: Token) -> bool:
    """'both sides', 'the two countries', 'the warring parties': a plural naming the conflict's sides."""
    table = cues()
    return (tok.tag_ in {"NNS", "NNPS"} and tok.lemma_.lower() in table.side_nouns
            and any(c.lower_ in table.side_markers for c in tok.children if c.i < tok.i))


def side_actors(tok: Token, index: ActorIndex, avoid: Actor | None) -> list[Actor]:
    """The document's sides as actors spanning the phrase that names them ('both sides')."""
    if not index.sides or not names_sides(tok):
        return []
    first = min([tok.i, *(c.i for c in tok.children if c.i < tok.i)])
    start, end = tok.doc[first].idx, tok.idx + len(tok.text)
    text = tok.doc.text[start:end]
    return [Actor(start, end, text, states()[code].name, code, None, "state", SIDES)
            for code in index.sides if avoid is None or code != avoid.code]


def token_map(parsed: Doc, actors: list[Actor]) -> dict[int, Actor]:
    out: dict[int, Actor] = {}
    for actor in actors:  # later ones win on the same token
        span = parsed.char_span(actor.start, actor.end, alignment_mode="expand")
        for tok in span or ():
            out[tok.i] = actor
    return out


def build_index(parsed: Doc, annotations: Annotations) -> ActorIndex:
    countries = [Actor(p.start, p.end, p.text, p.name, p.country, None, "state") for p in annotations.places
                 if p.kind == "country" and p.country]
    others = [Actor(p.start, p.end, p.text, p.name, p.country, None, "state") for p in annotations.places
              if p.kind != "country" and p.country]
    by_token = token_map(parsed, [*countries, *annotations.actors])  # actors win over places on the same token
    return ActorIndex(by_token, token_map(parsed, others), main_sides(annotations.actors))


def lift_relative(tok: Token) -> Token:
    """'who' / 'whom' / 'which' in a relative clause stands for the noun the clause modifies."""
    if tok.tag_ in RELATIVE_TAGS:
        cur = tok.head
        while cur.dep_ not in {"relcl", "acl"} and cur.head.i != cur.i:
            cur = cur.head
        if cur.dep_ in {"relcl", "acl"}:
            return cur.head
    return tok


PLURAL_PRONOUNS = frozenset({"they", "them", "their"})


def subject_token_before(tok: Token, index: ActorIndex, avoid: Actor | None) -> Token | None:
    """Pronoun antecedent: the nearest earlier actor in subject position, this or the previous sentences."""
    doc = tok.doc
    sent_start = tok.sent.start
    prev = doc[sent_start - 1].sent.start if sent_start > 0 else sent_start
    for i in range(tok.i - 1, max(prev, tok.i - 120) - 1, -1):
        actor = index.by_token.get(i)
        if actor is None or (avoid is not None and (actor.name == avoid.name or actor.code == avoid.code)):
            continue
        if in_subject(doc[i]) and (tok.lower_ not in {"it", "its"} or actor.kind != "person"):
            return doc[i]
    return None


def subject_actor_before(tok: Token, index: ActorIndex, avoid: Actor | None) -> Actor | None:
    found = subject_token_before(tok, index, avoid)
    return index.at(found) if found is not None else None


def plural_antecedents(tok: Token, index: ActorIndex, avoid: Actor | None) -> list[Actor]:
    """'Lithuania, Latvia and Estonia said they would ...': 'they' stands for every coordinated actor."""
    found = subject_token_before(tok, index, avoid)
    if found is None:
        return []
    while found.dep_ in {"compound", "flat"} and found.head.i != found.i:
        found = found.head
    first = found.head if found.dep_ == "conj" else found
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    out: list[Actor] = []
    for conj in [first, *first.conjuncts]:
        actor = index.at(conj) or next((index.at(t) for t in np_tokens(conj) if index.at(t)), None)
        if actor is not None and all(a.name != actor.name for a in out):
            out.append(actor)
    return out or [a for a in [index.at(found)] if a is not None]


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
    for _prep, obj in prep_objects(tok, {"of", "from"}):
        inner = index.at(obj) or next((index.at(t) for t in np_tokens(obj) if index.at(t)), None)
        if inner is not None:
            return inner
    return instrument_agent(tok, index)


def instrument_agent(tok: Token, index: ActorIndex) -> Actor | None:
    """'a missile fired by the Houthis': the weapon stands for whoever fired it."""
    for c in children(tok, {"acl"}):
        agent = agent_of(c)
        if agent is not None:
            return index.at(agent) or next((index.at(t) for t in np_tokens(agent) if index.at(t)), None)
    return None


def complement_actors(tok: Token, index: ActorIndex, avoid: Actor | None) -> list[Actor]:
    """'Warships from France, Greece and Italy': one actor per coordinated complement."""
    if index.at(tok) is None and modifier_actors(tok, index):
        return modifier_actors(tok, index)
    if index.at(tok) is not None or any(index.at(t) for t in np_tokens(tok)):
        return []
    for _prep, obj in prep_objects(tok, {"of", "from"}):
        if len(obj.conjuncts) > 0:
            return [a for c in conjuncts(obj) if (a := actor_of_np(c, index, avoid)) is not None]
    return []


def actors_of(tok: Token | None, index: ActorIndex, avoid: Actor | None = None) -> list[Actor]:
    """One actor per coordinated noun phrase ('Russia, China, Cuba, Bolivia and ...')."""
    if tok is None:
        return []
    out: list[Actor] = []
    for conj in conjuncts(lift_relative(tok)):
        if conj.lower_ in PLURAL_PRONOUNS and conj.pos_ == "PRON":
            found = plural_antecedents(conj, index, avoid)
        else:
            found = (complement_actors(conj, index, avoid) or [a for a in [actor_of_np(conj, index, avoid)] if a]
                     or side_actors(conj, index, avoid))
        out += [a for a in found if all(a.name != b.name for b in out)]
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


def object_target(verb: Token, index: ActorIndex, preps: frozenset[str] = TARGET_PREPS) -> Token | None:
    """A verb's target: the passive subject, the object, the dative, or a prepositional object."""
    if is_passive(verb):
        subj = children(verb, {"nsubjpass"})
        if subj and actors_of(subj[0], index):
            return subj[0]
    for c in verb.children:
        if c.dep_ in {"dobj", "dative"} and actors_of(c, index):
            return c
    hit = search_preps(verb, preps, index, depth=1)
    if hit is not None:
        return hit
    for c in verb.children:
        if c.dep_ == "dobj":
            inner = search_preps(c, preps, index)
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
            placed = trig.type in HOSTILE_TYPES or trig.rule == "arrival"
            preps = TARGET_PREPS | PLACE_PREPS if placed else TARGET_PREPS
            target = object_target(anchor, index, preps)
            if target is None and not trig.noun and tok.i != anchor.i:
                target = object_target(tok, index, preps)  # 'would stop hitting Ukraine's grid'
    return source, target


def modifier_actors(tok: Token, index: ActorIndex) -> list[Actor]:
    """'Russian and American delegations': one actor per coordinated modifier."""
    mods = [c for c in tok.children if c.dep_ in {"amod", "compound", "nmod"} and index.at(c) and c.conjuncts]
    if not mods:
        return []
    return [a for m in conjuncts(mods[0]) if (a := index.at(m)) is not None]


def own_clause(anchor: Token) -> list[Token]:
    """The tokens of a verb's clause without the clauses coordinated after it."""
    top = conj_root(anchor)
    skip = {t.i for c in top.subtree if c.dep_ == "conj" and c.i > anchor.i and c.pos_ in {"VERB", "AUX"}
            and c.head.i in {top.i, anchor.i} for t in c.subtree}
    return [t for t in anchor.doc[top.left_edge.i:top.right_edge.i + 1] if t.i not in skip]


def place_target(trig: Trigger, doc: Doc, index: ActorIndex, source: str | None) -> list[Actor]:
    """Force aimed at a country named in a place phrase: 'flights off the coast of Venezuela',
    'positions of the Venezuelan army', 'power lines in the Dnipropetrovsk region were damaged'.
    Only for the hostile types: after the trigger, or in the passive subject; never the source's state."""
    if trig.type not in PLACE_TARGET_TYPES:
        return []
    anchor = doc[trig.anchor]
    patient = {t.i for s in children(anchor, {"nsubjpass"}) for t in s.subtree}
    for tok in own_clause(anchor):
        if tok.i < trig.token and tok.i not in patient:
            continue
        actor = index.at(tok) or index.places.get(tok.i)
        if actor is None or (source is not None and actor.code == source):
            continue
        if tok.dep_ in {"pobj", "poss", "compound", "amod", "nsubjpass"} and (tok.i in patient or not in_subject(tok)):
            found = actors_of(tok, index) if index.at(tok) is not None else [actor]
            return [a for a in found if source is None or a.code != source]
    return []


def resolve_roles(trig: Trigger, doc: Doc, index: ActorIndex) -> list[tuple[Actor | None, Actor | None]]:
    """(source, target) pairs: one per coordinated actor on either side."""
    src_tok, tgt_tok = role_tokens(trig, doc, index)
    targets = actors_of(tgt_tok, index)
    if not targets:
        sources = actors_of(src_tok, index)
        targets = place_target(trig, doc, index, sources[0].code if sources else None)
    sources = actors_of(src_tok, index, avoid=targets[0] if targets else None)
    targets = [t for t in targets if not sources or t.name != sources[0].name] or targets[:0]
    if targets and all(t.entity_id == SIDES for t in targets):
        targets = targets[:1]  # 'urged both sides': one request, to the side named most (the rest is in its text)
    if not targets and len(sources) > 1 and trig.type in cues().symmetric_types:
        return reciprocal(sources)
    pairs = [(s, t) for s in (sources or [None]) for t in (targets or [None])]
    return pairs[:MAX_EVENTS_PER_TRIGGER]


def reciprocal(actors: list[Actor]) -> list[tuple[Actor | None, Actor | None]]:
    """'Putin and Trump spoke by phone': one meeting of each pair, the first named as its source."""
    pairs: list[tuple[Actor | None, Actor | None]] = [
        (a, b) for i, a in enumerate(actors) for b in actors[i + 1:] if a.code is None or a.code != b.code]
    return pairs[:MAX_EVENTS_PER_TRIGGER] or [(actors[0], None)]
