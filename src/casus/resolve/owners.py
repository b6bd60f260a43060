"""Whose a collective noun is: the country (or the named group) behind 'riot police', 'the army',
'gunmen', 'its troops'. The rules, most specific first, are in ``owner_code``; see ``collectives``.

Risk: the story's country fallback codes a foreign population in a one-country story with that country
('tourists' are not listed for that reason); institutions ('troops') never take 'in <place>', which names
where foreign forces stand as often as whose they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from casus.records import Actor, Place
from casus.resolve.context import context_country, dominant_country, is_subject
from casus.resolve.terms import TermSpan, doc_text
from casus.vocab.collectives import CollectiveNoun, blocking_modifiers

OWNER_DEPS = frozenset({"amod", "compound", "poss", "nmod", "npadvmod"})
ORIGIN_PREPS = frozenset({"of", "from"})
PLACE_PREPS = frozenset({"in", "across", "around", "near", "throughout", "inside"})
CLAUSE_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos"})
POSSESSIVE_PRONOUNS = frozenset({"its", "their"})
NAMED_LABELS = frozenset({"NORP", "ORG", "GPE", "PERSON", "FAC", "LOC"})
ARMED_SECTORS = frozenset({"REB", "CRM", "MIL"})
NOT_STATES = frozenset({"IGO", "NGO"})
BLOCK = "-"  # a modifier makes the noun someone else's: no actor


@dataclass
class Owners:
    """The document's places and terms, indexed by token for the owner rules (one per document)."""

    parsed: Doc
    terms: list[TermSpan]
    places: list[Place]
    _place_of: dict[int, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for place in self.places:
            span = self.parsed.char_span(place.start, place.end, alignment_mode="expand")
            for tok in span if span is not None and place.country else ():
                self._place_of[tok.i] = place.country

    @cached_property
    def story_country(self) -> str | None:
        return dominant_country(self.places, doc_text(self.parsed))

    def place_country(self, tok: Token) -> str | None:
        return self._place_of.get(tok.i)

    def modifier(self, phrase: Span, actors: list[Actor]) -> Actor | str | None:
        """The owner written on the noun phrase: a modifier, a possessive or an 'of/from' complement."""
        head = phrase[-1]
        mods = [c for t in phrase for c in t.children if c.dep_ in OWNER_DEPS and c.i < phrase.start]
        mods += [o for p in head.children if p.lower_ in ORIGIN_PREPS for o in p.children if o.dep_ == "pobj"]
        for mod in mods:
            found = self._owner_of(mod, actors)
            if found is not None:
                return found
        return None

    def _owner_of(self, mod: Token, actors: list[Actor]) -> Actor | str | None:
        """A named actor anywhere in the modifier first ('the Viv Ansanm gang coalition'), then the
        other clues from the modifier's head outwards."""
        tokens = sorted(mod.subtree, key=lambda t: -t.i)
        named = next((a for t in tokens if (a := _covering(t, actors)) is not None), None)
        if named is not None:
            return _actor_owner(named)
        return next((found for t in tokens if (found := self._token_owner(t, actors)) is not None), None)

    def _token_owner(self, tok: Token, actors: list[Actor]) -> Actor | str | None:
        if tok.lower_ in POSSESSIVE_PRONOUNS and tok.dep_ == "poss":
            return self.antecedent(tok, actors) or BLOCK
        if tok.lower_ in blocking_modifiers() or (tok.dep_ == "poss" and tok.pos_ == "PRON"):
            return BLOCK
        if (country := self.place_country(tok)) is not None:
            return country
        return BLOCK if tok.ent_type_ in NAMED_LABELS else None

    def antecedent(self, tok: Token, actors: list[Actor]) -> Actor | str | None:
        """'The army said its troops ...': the nearest earlier state or armed actor in subject position
        in the same sentence (an international body's 'its' is rarely about troops or gangs)."""
        first = tok.sent.start_char
        for actor in reversed([a for a in actors if first <= a.start and a.end <= tok.idx]):
            span = self.parsed.char_span(actor.start, actor.end, alignment_mode="expand")
            if actor.kind != "person" and actor.code and actor.code not in NOT_STATES and span is not None \
                    and is_subject(span.root):
                return _actor_owner(actor)
        return None

    def clause_place(self, phrase: Span) -> str | None:
        """'protesters in Tbilisi', 'Residents rallied in Gaza City': a place in the noun's clause."""
        head = phrase[-1]
        if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.i != head.head.i:
            head = head.head.head  # 'Thousands of protesters rallied in ...'
        holders = [head, head.head] if head.dep_ in CLAUSE_DEPS and head.head.pos_ in {"VERB", "AUX"} else [head]
        for holder in holders:
            for prep in holder.children:
                if prep.lower_ in PLACE_PREPS | ORIGIN_PREPS and (country := self._prep_place(prep)):
                    return country
        return None

    def _prep_place(self, prep: Token) -> str | None:
        for obj in prep.children:
            if obj.dep_ == "pobj":
                return next((c for t in obj.subtree if (c := self.place_country(t))), None)
        return None


def owner_code(phrase: Span, entry: CollectiveNoun, owners: Owners, actors: list[Actor]) -> Actor | str | None:
    """The country code (or named group) of a collective noun, or None where none can be told."""
    found = owners.modifier(phrase, actors)
    if found is None and entry.scope == "local":
        found = owners.clause_place(phrase)
    if found is None and entry.scope == "state":
        found = _same_institution(phrase, actors) or context_country(owners.parsed, owners.terms, phrase.start_char)
    if found is None:
        found = owners.story_country
    return None if found == BLOCK else found


def _same_institution(phrase: Span, actors: list[Actor]) -> str | None:
    """'the army' after "Sudan's army": the latest earlier actor named with the same institution word."""
    before = phrase.doc[phrase.start - 1] if phrase.start > 0 else None
    if before is None or before.lower_ != "the":
        return None
    word = phrase[-1].lower_
    for actor in reversed([a for a in actors if a.end <= phrase.start_char]):
        if actor.code and actor.code not in NOT_STATES and actor.name.lower().split()[-1] == word:
            return actor.code
    return None


def _covering(tok: Token, actors: list[Actor]) -> Actor | None:
    return next((a for a in actors if a.start <= tok.idx < a.end), None)


def _actor_owner(actor: Actor) -> Actor | str:
    """A named armed group owns its fighters as itself ('RSF fighters'); anyone else by their code."""
    if actor.kind == "group" and actor.sector in ARMED_SECTORS and actor.entity_id \
            and not actor.entity_id.startswith("state-"):
        return actor
    return actor.code or BLOCK
