"""Conservative coreference over resolved actors.

- Short names: 'Kelly' after 'Anna Kelly' is Anna Kelly (also where spaCy tagged it ORG).
- 'the president' (a title alone) is the nearest person named earlier with that title
  ('President Trump ... The president is ready'), within ``WINDOW_SENTENCES``.
- 'he'/'she' as a subject is the only person named earlier in the same sentence, or else in the
  previous one; with two candidates nothing is resolved, nor after 'whom' ('Maduro, whom he
  accuses': he is someone else).
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Doc, Span, Token

from casus.records import Actor
from casus.resolve.terms import proper_title_tokens, tokens_with_lower
from casus.vocab.terms import titles

WINDOW_SENTENCES = 2
SUBJECT_PRONOUNS = frozenset({"he", "she"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
THE = frozenset({"the"})
RELATIVE_OBJECTS = frozenset({"whom", "which", "that"})
DEFINITE_TITLES = frozenset({"president", "prime minister", "premier", "chancellor", "foreign minister",
                             "defense minister", "defence minister", "secretary of state", "spokesperson",
                             "spokesman", "spokeswoman", "supreme leader", "king", "emir", "crown prince"})

DEFINITE_FIRST_WORDS = frozenset(t.split()[0] for t in DEFINITE_TITLES)


def corefer(actors: list[Actor], parsed: Doc) -> list[Actor]:
    """Actors with short names linked to full ones, plus resolved definite titles and pronouns."""
    actors = _short_names(sorted([*actors, *_bare_surnames(actors, parsed)], key=lambda a: (a.start, a.end)))
    found = [*actors, *_definite_titles(actors, parsed), *_pronouns(actors, parsed)]
    return sorted(found, key=lambda a: (a.start, a.end))


def _short_names(actors: list[Actor]) -> list[Actor]:
    surnames: dict[str, Actor] = {}
    out: list[Actor] = []
    for actor in actors:
        full = surnames.get(actor.text)
        if full is not None and _unresolved(actor):
            actor = dataclasses.replace(actor, name=full.name, code=full.code, sector=full.sector, kind="person",
                                        entity_id=full.entity_id)
        elif actor.kind == "person" and " " in actor.text:
            surnames.setdefault(surname(actor.text), actor)
        out.append(actor)
    return out


def _bare_surnames(actors: list[Actor], parsed: Doc) -> list[Actor]:
    """Proper nouns that repeat the last name of a person named before, where NER saw no entity."""
    out: list[Actor] = []
    for i in proper_title_tokens(parsed):
        tok = parsed[i]
        if tok.ent_type_ or _covered(parsed[i:i + 1], actors):
            continue
        full = next((a for a in actors if a.kind == "person" and a.end <= tok.idx and " " in a.text
                     and surname(a.text) == tok.text), None)
        if full is not None:
            out.append(dataclasses.replace(full, start=tok.idx, end=tok.idx + len(tok), text=tok.text))
    return out


def surname(name: str) -> str:
    """The name a person is referred to by: the last word, or the first where the given name is a
    hyphenated East Asian one written after it ('Lai Ching-te' -> 'Lai', 'Kim Jong-un' -> 'Kim')."""
    parts = name.split()
    last = parts[-1]
    if len(parts) == 2 and "-" in last and last.split("-")[1][:1].islower():
        return parts[0]
    return last


def _unresolved(actor: Actor) -> bool:
    return actor.kind in {"person", "org"} and (actor.entity_id is None or actor.entity_id.startswith("person:"))


def _sentence_index(parsed: Doc) -> list[int]:
    """Token index -> sentence number."""
    index: list[int] = []
    for n, sent in enumerate(parsed.sents):
        index += [n] * len(sent)
    return index


def _definite_titles(actors: list[Actor], parsed: Doc) -> list[Actor]:
    out: list[Actor] = []
    sent_of = _sentence_index(parsed)
    for i in tokens_with_lower(parsed, THE):
        tok = parsed[i]
        if tok.i + 1 >= len(parsed):
            continue
        title, end = _title_at(parsed, tok.i + 1)
        if title is None or _covered(parsed[tok.i:end], actors) or _named_next(parsed, end):
            continue
        holder = _titled_antecedent(actors, parsed, tok, title, sent_of)
        if holder is not None:
            span = parsed[tok.i:end]
            out.append(dataclasses.replace(holder, start=span.start_char, end=span.end_char, text=span.text))
    return out


def _title_at(parsed: Doc, i: int) -> tuple[str | None, int]:
    if parsed[i].lower_ not in DEFINITE_FIRST_WORDS:
        return None, i
    for size in (3, 2, 1):
        words = parsed[i:i + size].text.lower()
        if i + size <= len(parsed) and words in DEFINITE_TITLES:
            return words, i + size
    return None, i


def _named_next(parsed: Doc, end: int) -> bool:
    return end < len(parsed) and (parsed[end].is_title or parsed[end].lower_ == "of")


def _covered(span: Span, actors: list[Actor]) -> bool:
    return any(a.start < span.end_char and span.start_char < a.end for a in actors)


def _titled_antecedent(actors: list[Actor], parsed: Doc, tok: Token, title: str, sent_of: list[int]) -> Actor | None:
    """The nearest earlier person written with ``title`` right before the name, or holding it by vocabulary."""
    for actor in reversed([a for a in actors if a.end <= tok.idx and a.kind == "person"]):
        first = parsed.char_span(actor.start, actor.end, alignment_mode="expand")
        if first is None or sent_of[tok.i] - sent_of[first.start] > WINDOW_SENTENCES:
            return None
        if _written_title(parsed, first.start) == title:
            return actor
    return None


def _written_title(parsed: Doc, start: int) -> str | None:
    for size in (3, 2, 1):
        if start - size >= 0 and (words := parsed[start - size:start].text.lower()) in titles():
            return words
    return None


def _pronouns(actors: list[Actor], parsed: Doc) -> list[Actor]:
    out: list[Actor] = []
    for i in tokens_with_lower(parsed, SUBJECT_PRONOUNS):
        tok = parsed[i]
        if tok.dep_ not in SUBJECT_DEPS or _after_relative(tok):
            continue
        antecedent = _only_person_before(actors, tok)
        if antecedent is not None:
            out.append(dataclasses.replace(antecedent, start=tok.idx, end=tok.idx + len(tok), text=tok.text))
    return out


def _after_relative(tok: Token) -> bool:
    """'whom he accuses', 'that he ordered' (relative 'that', not the complementiser of 'said that he')."""
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    return prev is not None and prev.lower_ in RELATIVE_OBJECTS and prev.dep_ != "mark"


def _only_person_before(actors: list[Actor], tok: Token) -> Actor | None:
    sent = tok.sent
    same = [a for a in actors if a.kind == "person" and sent.start_char <= a.start and a.end <= tok.idx]
    if not same and sent.start > 0:
        prev = tok.doc[sent.start - 1].sent
        same = [a for a in actors if a.kind == "person" and prev.start_char <= a.start and a.end <= prev.end_char]
    people = {a.entity_id or a.name for a in same}
    return same[-1] if len(people) == 1 else None
