"""Which national government a paragraph is about, for people named with a cabinet title and no country.

Rule: 'The documents reveal that Transport Minister Ramón Celestino Velásquez ...' says whose minister
he is nowhere in the title phrase. The states that are grammatical subjects of the paragraph ('Venezuela's
outreach to Tehran ...', 'Venezuela is in need of ...'; a country, its adjective on the subject
('Venezuelan officials said'), its capital, or a person or institution of the vocabulary with that
country) are collected; states only in object position ('visit to Iran', 'with Iranian officials') do
not count. Exactly one such state in the paragraph gives the country; none in the paragraph falls back
to the whole document, again only when exactly one state is ever a subject there.

Risk: a foreign minister introduced without a nationality in a paragraph about another government
('Lavrov met Venezuela's president. Foreign Minister X said ...' with X foreign) takes that government's
country. It is used for cabinet titles only (not spokespeople, envoys or ambassadors, who often speak
for someone else's government), and never overrides a country written in or next to the title.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Token

from casus.records import Place
from casus.resolve.terms import STATE_LAYERS, TermSpan, doc_text
from casus.vocab.entries import actor_entries

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
MODIFIER_DEPS = frozenset({"poss", "amod", "compound", "nmod"})
NOT_STATES = frozenset({"IGO", "NGO"})
SUBJECTS_KEY = "casus_subject_states"  # Doc.user_data cache
MIN_MENTIONS = 3
DOMINANCE = 2.5
LEDE_WEIGHT = 2


def context_country(parsed: Doc, terms: list[TermSpan], start_char: int) -> str | None:
    """The one state that is a subject in the paragraph around ``start_char`` (else in the document)."""
    subjects = subject_states(parsed, terms)
    start, end = paragraph(doc_text(parsed), start_char)
    codes = {code for offset, code in subjects if start <= offset < end}
    if not codes:
        codes = {code for _, code in subjects}
    return next(iter(codes)) if len(codes) == 1 else None


def paragraph(text: str, offset: int) -> tuple[int, int]:
    """The line (the articles' paragraph unit) containing ``offset``."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end < 0 else end


def subject_states(parsed: Doc, terms: list[TermSpan]) -> list[tuple[int, str]]:
    """(offset, ISO-3) of every state mention in subject position, computed once per Doc."""
    if SUBJECTS_KEY not in parsed.user_data:
        found = [(t.start, code) for t in terms if (code := _state_code(t)) and is_subject(t.span.root)]
        parsed.user_data[SUBJECTS_KEY] = found
    return parsed.user_data[SUBJECTS_KEY]


def _state_code(term: TermSpan) -> str | None:
    if term.layer in STATE_LAYERS or term.layer == "label":
        return term.entry_id.removeprefix("state-")
    if term.layer != "actor":
        return None
    entry = actor_entries().get(term.entry_id)
    return entry.code if entry is not None and entry.code and entry.code not in NOT_STATES else None


def is_subject(tok: Token) -> bool:
    """The subject, a coordinated subject, or a modifier of the subject ("Venezuela's outreach")."""
    for _ in range(4):
        if tok.dep_ in SUBJECT_DEPS:
            return True
        if (tok.dep_ not in MODIFIER_DEPS and tok.dep_ != "conj") or tok.head is tok:
            return False
        tok = tok.head
    return False



def dominant_country(places: list[Place], text: str) -> str | None:
    """The country a story happens in, for people named only by a collective noun ('residents',
    'gunmen'): the country of most place mentions (cities, regions, the country itself; not demonyms,
    which name actors from elsewhere as often), when it has at least ``MIN_MENTIONS`` and ``DOMINANCE``
    times as many as the next (a two-country story has none). Places in the first paragraph (dateline
    and lede) count ``LEDE_WEIGHT`` times: that is where a news story says where it happens."""
    lede_end = paragraph(text, len(text) - len(text.lstrip()))[1]
    counts: Counter[str] = Counter()
    for place in places:
        if place.country:
            counts[place.country] += LEDE_WEIGHT if place.start < lede_end else 1
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < MIN_MENTIONS:
        return None
    if len(ranked) > 1 and ranked[0][1] < DOMINANCE * ranked[1][1]:
        return None
    return ranked[0][0]
