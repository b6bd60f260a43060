"""The ``casus_vocab`` component: every vocabulary alias found in a Doc, as ``doc.spans["casus_vocab"]``.

Two phrase matchers compiled once per process from ``casus.vocab.terms``: one on exact token text
(names, where case tells 'US' from 'us'), one on lower-cased text (designations such as
'RC-135V Rivet joint'). Patterns go through the same English tokenizer as the text, so 'Igla-S'
(three tokens) and 'Il-76' (one) match however spaCy splits them. Each span's label is the
``Term.key`` ("layer|entry id|ambiguity flag"); several entries may share one span.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from casus.vocab.terms import terms

SPAN_KEY = "casus_vocab"


@dataclass(frozen=True, slots=True)
class CompiledVocabulary:
    exact: PhraseMatcher
    lower: PhraseMatcher
    keys: dict[int, str]  # match id -> Term.key


@cache
def compiled() -> CompiledVocabulary:
    """Compile every alias into the two matchers (about a second, once per process)."""
    nlp = spacy.blank("en")
    exact = PhraseMatcher(nlp.vocab, attr="ORTH")
    lower = PhraseMatcher(nlp.vocab, attr="LOWER")
    groups: dict[tuple[str, bool], list[str]] = defaultdict(list)
    for term in terms():
        groups[(term.key, term.lower)].append(term.alias)
    keys: dict[int, str] = {}
    for (key, low), aliases in groups.items():
        (lower if low else exact).add(key, list(nlp.tokenizer.pipe(dict.fromkeys(aliases))))
        keys[nlp.vocab.strings[key]] = key
    return CompiledVocabulary(exact, lower, keys)


def find_terms(doc: Doc) -> list[Span]:
    """Every alias occurrence in ``doc``, labelled with its term key, in text order."""
    vocab = compiled()
    found = {(vocab.keys[m], s, e) for m, s, e in [*vocab.exact(doc), *vocab.lower(doc)]}
    return [Span(doc, s, e, label=key) for key, s, e in sorted(found, key=lambda x: (x[1], -x[2], x[0]))]


def vocab_spans(doc: Doc) -> list[Span]:
    """The component's spans, computed here when the Doc did not go through the component."""
    if SPAN_KEY not in doc.spans:
        doc.spans[SPAN_KEY] = find_terms(doc)
    return list(doc.spans[SPAN_KEY])


class VocabularyMatcher:
    """Stateless: the compiled matchers are shared by every pipeline of the process."""

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[SPAN_KEY] = find_terms(doc)
        return doc


@Language.factory("casus_vocab", assigns=["doc.spans"], requires=["doc.ents"])
def make_vocabulary_matcher(nlp: Language, name: str) -> VocabularyMatcher:
    compiled()
    return VocabularyMatcher()
