"""Dependency-parse helpers shared by the extract modules: clauses, subjects, objects, head chains."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
OBJECTS = frozenset({"dobj", "dative", "attr", "oprd"})
CLAUSE_LINKS = frozenset({"advcl", "xcomp", "ccomp", "conj", "parataxis", "relcl", "acl", "pcomp"})
RELATIVE_TAGS = frozenset({"WP", "WDT", "WP$"})
VERBAL = frozenset({"VERB", "AUX"})


def is_verb(tok: Token) -> bool:
    return tok.pos_ in VERBAL


def conj_root(tok: Token) -> Token:
    """The first conjunct of a coordination ('deployed' for 'authorized' in 'deployed X, authorized Y')."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def evidence_head(verb: Token) -> Token:
    """The verb whose clause states an event: 'to seize' and 'asking for' lean on the clause above."""
    cur = verb
    for _ in range(4):
        nonfinite = cur.dep_ == "advcl" and cur.tag_ in {"VBG", "VBN"} and not children(cur, SUBJECTS | {"mark"})
        if not (cur.dep_ == "xcomp" or nonfinite) or cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur


def clause_tokens(verb: Token, split_at: frozenset[int] = frozenset()) -> tuple[int, int]:
    """Token range [start, end) of the clause a verb heads, without the clauses coordinated after it:
    'condemned the transfers and cancelled their agreements' gives each verb its own evidence (the
    first conjunct keeps the shared subject). Only verbs in ``split_at`` (those carrying an event of
    their own) cut the coordination."""
    head = evidence_head(verb)
    top = conj_root(head)
    lo = top.left_edge.i if head.i == top.i or children(head, SUBJECTS) else head.left_edge.i
    return lo, own_end(head, split_at)


def own_end(verb: Token, split_at: frozenset[int]) -> int:
    """Where a verb's own conjunct ends: before the first verb coordinated with it that shares its subject
    ('placed on alert and ordered troops'); coordinated clauses with their own subject stay together."""
    later = [c.left_edge.i for c in verb.children if c.dep_ == "conj" and is_verb(c) and c.i > verb.i
             and not children(c, SUBJECTS) and c.i in split_at]
    end = min(later) if later else verb.right_edge.i + 1
    return max(end, verb.i + 1)


def governing_verb(tok: Token) -> Token | None:
    """The nearest verb (or adjective predicate) above a token, itself included."""
    cur = tok
    for _ in range(12):
        if is_verb(cur) or (cur.pos_ == "ADJ" and cur.dep_ in {"acomp", "ROOT", "ccomp"}):
            return cur
        if cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def children(tok: Token, deps: frozenset[str] | set[str]) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def prep_objects(tok: Token, preps: frozenset[str] | set[str]) -> Iterator[tuple[str, Token]]:
    """(preposition, object) pairs under a token: 'to Russia', 'against targets'."""
    for c in tok.children:
        if c.dep_ in {"prep", "dative", "agent"} and c.lower_ in preps:
            for o in c.children:
                if o.dep_ == "pobj":
                    yield c.lower_, o


def subject_of(verb: Token) -> Token | None:
    """The grammatical subject, inherited through xcomp, conj and relative/participial clauses."""
    cur = verb
    for _ in range(6):
        subj = children(cur, {"nsubj", "nsubjpass", "csubj"})
        if subj:  # a mis-parse may give two: the one nearest before the verb is the subject
            before = [s for s in subj if s.i < cur.i]
            return before[-1] if before else subj[0]
        if cur.dep_ in {"xcomp", "conj", "advcl"} and cur.head.i != cur.i and (is_verb(cur.head) or cur.dep_ == "xcomp"
                                                                                 or cur.head.pos_ == "ADJ"):
            cur = cur.head
            continue
        if cur.dep_ == "pcomp" and cur.head.head.i != cur.head.i:
            cur = cur.head.head  # 'aimed at presenting X': the subject of 'aimed'
            continue
        if cur.dep_ == "acl" and cur.head.dep_ == "dobj" and cur.head.pos_ == "NOUN":
            cur = cur.head.head  # 'launched a campaign aimed at ...': whoever launched it
            continue
        if cur.dep_ in {"acl", "relcl"} and cur.head.i != cur.i:
            return cur.head
        if cur.pos_ == "ADJ" and cur.dep_ == "acomp":
            cur = cur.head
            continue
        return None
    return None


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)


def agent_of(verb: Token) -> Token | None:
    """The 'by' object of a passive verb ('were killed by X')."""
    for c in verb.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
            for o in c.children:
                if o.dep_ == "pobj":
                    return o
    return None


def conjuncts(tok: Token) -> list[Token]:
    """A token and the tokens coordinated with it ('Russia, China, and Iran')."""
    return [tok, *tok.conjuncts] if tok.dep_ != "conj" else [tok]


def np_tokens(head: Token) -> list[Token]:
    """The noun phrase of a head without its clauses, conjuncts and most prepositional phrases."""
    keep = [head]
    stack = [c for c in head.children if c.dep_ not in {"relcl", "acl", "conj", "cc", "prep", "punct", "appos",
                                                          "advcl", "ccomp"}]
    while stack:
        t = stack.pop()
        keep.append(t)
        stack.extend(c for c in t.children if c.dep_ not in {"relcl", "acl", "conj", "cc"})
    return sorted(keep, key=lambda t: t.i)


def ancestors_within(tok: Token, stop: frozenset[str] = frozenset({"conj"})) -> Iterator[Token]:
    """Heads above a token, stopping at an edge whose dependency is in ``stop``."""
    cur = tok
    for _ in range(40):
        if cur.head.i == cur.i or (cur.dep_ in stop and is_verb(cur)):
            return
        cur = cur.head
        yield cur


def line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph (line) holding a span."""
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    return a, len(text) if b < 0 else b


def trimmed(span: Span) -> tuple[int, int]:
    """Character bounds of a token span without leading/trailing punctuation and conjunctions."""
    toks = list(span)
    while toks and (toks[0].is_punct or toks[0].dep_ in {"cc", "punct", "mark"} or toks[0].is_space):
        toks = toks[1:]
    while toks and (toks[-1].dep_ in {"cc", "punct"} or toks[-1].is_space) and toks[-1].text not in {")", "”", "\""}:
        toks = toks[:-1]
    if not toks:
        return span.start_char, span.end_char
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)
