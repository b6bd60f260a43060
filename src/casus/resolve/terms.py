"""Vocabulary matches of one parsed document, as the resolvers use them.

The longest match wins: a term inside a longer one ('Washington' in 'The Washington Post',
'America' in 'South America') is dropped; several entries on the very same span are all kept.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from functools import cache
from itertools import groupby

import numpy as np
from spacy.attrs import IS_TITLE, LOWER, POS
from spacy.parts_of_speech import PROPN
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from casus.annotate import masked_text
from casus.annotate.vocabulary import vocab_spans
from casus.records import Document
from casus.vocab.entries import place_entries
from casus.vocab.terms import head_first_words, heads, parse_key

TERMS_KEY = "casus_terms"  # Doc.user_data caches of this module
ENTS_KEY = "casus_ents"
TEXT_KEY = "casus_text"
ARRAY_KEY = "casus_arrays"
STATE_LAYERS = frozenset({"state", "demonym", "capital"})
MAX_HEAD_TOKENS = 3
POSSESSIVE = frozenset({"'s", "’s", "'"})
MINISTRY_WORDS = frozenset({"ministry", "ministries"})


@dataclass(frozen=True, slots=True)
class TermSpan:
    span: Span
    layer: str
    entry_id: str
    ambiguous: bool

    @property
    def start(self) -> int:
        return self.span.start_char

    @property
    def end(self) -> int:
        return self.span.end_char


def term_spans(parsed: Doc) -> list[TermSpan]:
    """The document's maximal vocabulary matches, in text order (computed once per Doc)."""
    if TERMS_KEY not in parsed.user_data:
        parsed.user_data[TERMS_KEY] = [TermSpan(s, *parse_key(s.label_)) for s in _maximal(vocab_spans(parsed))]
    return parsed.user_data[TERMS_KEY]


def entities(parsed: Doc) -> tuple[Span, ...]:
    """``parsed.ents``, built once per Doc (each access of ``Doc.ents`` makes new Span objects)."""
    if ENTS_KEY not in parsed.user_data:
        parsed.user_data[ENTS_KEY] = tuple(parsed.ents)
    return parsed.user_data[ENTS_KEY]


def doc_text(parsed: Doc) -> str:
    """``parsed.text``, joined once per Doc (each access of ``Doc.text`` joins every token again)."""
    if TEXT_KEY not in parsed.user_data:
        parsed.user_data[TEXT_KEY] = parsed.text
    return parsed.user_data[TEXT_KEY]


def share_text(doc: Document, parsed: Doc) -> None:
    """Give ``doc_text`` the parsed string without joining tokens: it is the masked document text."""
    if TEXT_KEY not in parsed.user_data:
        parsed.user_data[TEXT_KEY] = masked_text(doc)


def _arrays(parsed: Doc) -> np.ndarray:
    """LOWER, POS and IS_TITLE of every token, exported once per Doc."""
    if ARRAY_KEY not in parsed.user_data:
        parsed.user_data[ARRAY_KEY] = parsed.to_array([LOWER, POS, IS_TITLE])
    return parsed.user_data[ARRAY_KEY]


def _maximal(spans: list[Span]) -> list[Span]:
    """Drop spans inside a longer one; identical spans (several entries) are kept together."""
    kept: list[Span] = []
    max_end = -1
    ordered = sorted(spans, key=lambda s: (s.start, -s.end))
    for (_, end), group in groupby(ordered, key=lambda s: (s.start, s.end)):
        if end > max_end:
            kept.extend(group)
            max_end = end
    return kept


def ner_labels(span: Span) -> set[str]:
    """The NER labels on the span's tokens ('' for none)."""
    return {t.ent_type_ for t in span}


PLACE_PREPOSITIONS = frozenset({"in", "into", "to", "from", "across", "near", "inside", "throughout"})


def confirmed(term: TermSpan, labels: frozenset[str], sure: frozenset[str] = frozenset()) -> bool:
    """An ambiguous term counts only where NER gives it one of ``labels``, or where syntax places it:
    a capitalised name as the object of a place preposition ('stationed in Niger', which the small
    model tags DATE; 'flew to Chad'); or, with ``sure`` (see ``confirmed_entries``), where the document
    confirmed that entry elsewhere and the mention is no part of a longer person's name ('Michael
    Jordan'; NER calls "Niger's military rulers" a person too, so a bare PERSON label does not count)."""
    if not term.ambiguous or bool(ner_labels(term.span) & labels) or placed_name(term.span):
        return True
    return term.entry_id in sure and term.span.text[:1].isupper() and not inside_person_name(term.span)


def inside_person_name(span: Span) -> bool:
    return any(e.label_ == "PERSON" and e.start <= span.start and span.end <= e.end and len(e) > len(span)
               for e in span.doc.ents)


def confirmed_entries(terms: list[TermSpan], labels: frozenset[str]) -> frozenset[str]:
    """The ambiguous entries a document confirms somewhere: one sense per discourse ('Niger' once
    'in Niger' is also the state in "Niger's military rulers")."""
    return frozenset(t.entry_id for t in terms if t.ambiguous and confirmed(t, labels))


def placed_name(span: Span) -> bool:
    root = span.root
    return (span.text[:1].isupper() and root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPOSITIONS
            and "PERSON" not in ner_labels(span))


def doc_year(doc: Document) -> int | None:
    """The publication year, against which office holders are resolved."""
    if doc.published is None:
        return None
    try:
        return dt.date.fromisoformat(doc.published.date[:10]).year
    except ValueError:
        return None


def country_context(terms: list[TermSpan]) -> Counter[str]:
    """How often each state is named (by name, demonym, capital, or a place of its: 'Gaza Strip')."""
    codes = [t.entry_id.removeprefix("state-") for t in terms if t.layer in STATE_LAYERS]
    codes += [c for t in terms if t.layer == "place" and (c := place_entries()[t.entry_id].country)]
    return Counter(codes)


def head_after(span: Span) -> tuple[Span, str] | None:
    """The institution words right after a country ('army', "'s foreign ministry", 'health ministry'),
    with their sector; never the first words of a longer proper name ('U.S. State Department')."""
    doc, start = span.doc, span.end
    if start < len(doc) and doc[start].text in POSSESSIVE:
        start += 1
    if start >= len(doc):
        return None
    found = _listed_head(doc, start) or _ministry_head(doc, start)
    if found is None or _name_continues(found[0]):
        return None
    return found


def _listed_head(doc: Doc, start: int) -> tuple[Span, str] | None:
    if doc[start].lower_ not in head_first_words():
        return None
    for size in range(MAX_HEAD_TOKENS, 0, -1):
        words = doc[start:start + size]
        if len(words) == size and (sector := heads().get(words.text.lower())) is not None:
            return words, sector
    return None


def _ministry_head(doc: Doc, start: int) -> tuple[Span, str] | None:
    """'health ministry', 'Interior Ministry', 'energy and mines ministry': any ministry is GOV."""
    for size in (2, 3, 4):
        words = doc[start:start + size]
        if len(words) == size and words[-1].lower_ in MINISTRY_WORDS and all(t.is_alpha for t in words):
            return words, "GOV"
    return None


def _name_continues(words: Span) -> bool:
    """'State' in 'U.S. State Department': a capitalised head followed by a capitalised word."""
    nxt = words.end
    return words[-1].is_title and nxt < len(words.doc) and words.doc[nxt].is_title


@cache
def _word_ids(words: frozenset[str]) -> np.ndarray:
    return np.array([get_string_id(w) for w in words], dtype=np.uint64)


def tokens_with_lower(parsed: Doc, words: frozenset[str]) -> list[int]:
    """Indices of the tokens whose lower-cased text is one of ``words`` (vectorised: no Token objects)."""
    if not len(parsed):
        return []
    return np.flatnonzero(np.isin(_arrays(parsed)[:, 0], _word_ids(words))).tolist()


def proper_title_tokens(parsed: Doc) -> list[int]:
    """Indices of capitalised proper nouns ('Kharkiv', 'Velásquez')."""
    if not len(parsed):
        return []
    arr = _arrays(parsed)
    return np.flatnonzero((arr[:, 1] == PROPN) & (arr[:, 2] == 1)).tolist()
