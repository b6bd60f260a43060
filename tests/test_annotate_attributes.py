"""casus_attribute_ruler: the same matches and annotations as spaCy's own attribute ruler, on real
articles with the model's patterns and on generated Docs with patterns of every kind it handles."""

from __future__ import annotations

import copy
from functools import cache
from itertools import islice
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from casus.annotate import MODEL_NAME, masked_text
from casus.annotate.attributes import FastAttributeRuler, token_spec_supported
from casus.clean import clean_document
from casus.ingest import read_corpora
from casus.records import Document
from casus.settings import Settings
from tests.conftest import shared_path

WORDS = ["is", "'s", "not", "n't", "ai", "gon", "na", "y'", "all", "it", "that", "Troops", "fired", " ", "\n", "."]
TAGS = ["VBZ", "RB", "IN", "NN", "NNP", "VBD", "DT", "_SP", ".", "VBP"]
DEPS = ["ROOT", "nsubj", "dobj", "pobj", "aux", "det", "dep", "punct"]

PATTERNS = [
    {"patterns": [[{"TAG": "VBZ"}]], "attrs": {"POS": "VERB", "MORPH": "Number=Sing"}},
    {"patterns": [[{"TAG": "VBZ", "LOWER": {"IN": ["is", "'s"]}}]], "attrs": {"POS": "AUX", "LEMMA": "be"}},
    {"patterns": [[{"TAG": "RB", "LOWER": {"IN": ["not", "n't"]}}]], "attrs": {"POS": "PART", "LEMMA": "not"}},
    {"patterns": [[{"TAG": {"NOT_IN": ["IN", ""]}, "DEP": {"IN": ["aux", "det"]}}]], "attrs": {"POS": "AUX"}},
    {"patterns": [[{"DEP": {"NOT_IN": ["det", ""]}, "TAG": {"IN": ["DT", "IN"]}}]], "attrs": {"POS": "PRON"}},
    {"patterns": [[{"IS_SPACE": True, "DEP": {"NOT_IN": [""]}}]], "attrs": {"DEP": "dep"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "POS": "SPACE"}},
    {"patterns": [[{"LOWER": "it", "DEP": {"IN": ["dobj", "pobj"]}}]], "attrs": {"MORPH": "Case=Acc"}},
    # one entry, two patterns that can hold on the same token
    {"patterns": [[{"LOWER": "that"}], [{"TAG": "DT"}]], "attrs": {"LEMMA": "that"}},
    # one entry, a plain and a REGEX pattern that can hold on the same token
    {"patterns": [[{"LOWER": "na"}], [{"LOWER": {"REGEX": "^n[a-z]$"}}]], "attrs": {"MORPH": "Abbr=Yes"}},
    {"patterns": [[{"TAG": {"IN": ["VBP", "VBZ"]}, "LOWER": "ai"}, {"LOWER": {"REGEX": "^n'?t$"}}]],
     "attrs": {"LEMMA": "be"}},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": 1},
    {"patterns": [[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], "attrs": {"LEMMA": "you"}, "index": -2},
    {"patterns": [[{"TAG": "NNP", "OP": "+"}]], "attrs": {"POS": "PROPN"}},
    {"patterns": [[{"TAG": "_SP", "IS_SPACE": False}]], "attrs": {"POS": "X"}},
]


@cache
def shared_rulers() -> tuple[AttributeRuler, FastAttributeRuler]:
    """One pair for all generated Docs, so the fast ruler's cache is warm for most of them."""
    return rulers(PATTERNS, spacy.blank("en").vocab)


def rulers(patterns: list[dict], vocab) -> tuple[AttributeRuler, FastAttributeRuler]:
    original, fast = AttributeRuler(vocab), FastAttributeRuler(vocab)
    original.add_patterns(patterns)
    fast.add_patterns(patterns)
    return original, fast


def annotations(doc: Doc) -> list[tuple]:
    return [(t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in doc]


@st.composite
def tagged_docs(draw) -> tuple[list[str], list[str], list[str]]:
    n = draw(st.integers(1, 12))
    words = draw(st.lists(st.sampled_from(WORDS), min_size=n, max_size=n))
    tags = draw(st.lists(st.sampled_from(TAGS), min_size=n, max_size=n))
    deps = draw(st.lists(st.sampled_from(DEPS[1:]), min_size=n, max_size=n))
    return words, tags, ["ROOT", *deps[1:]]


@settings(max_examples=300, deadline=None)
@given(tagged_docs())
def test_attribute_ruler_matches_equal_the_matcher_on_generated_docs(drawn) -> None:
    words, tags, deps = drawn
    original, fast = shared_rulers()
    doc = Doc(fast.vocab, words=words, spaces=[True] * len(words), tags=tags, deps=deps, heads=[0] * len(words))
    assert fast.match(doc) == original.match(doc)
    assert annotations(fast(copy.deepcopy(doc))) == annotations(original(copy.deepcopy(doc)))


def test_attribute_ruler_cache_gives_the_same_matches_when_warm() -> None:
    vocab = spacy.blank("en").vocab
    original, fast = rulers(PATTERNS, vocab)
    words = ["it", "is", "not", "that", "gon", "na", "y'", "all", "Troops", "fired", "."]
    doc = Doc(vocab, words=words, tags=["NN", "VBZ", "RB", "DT", "NN", "NN", "NN", "DT", "NNP", "VBD", "."],
              deps=["ROOT", "aux", "dep", "det", "dobj", "pobj", "nsubj", "det", "nsubj", "dep", "punct"],
              heads=[0] * len(words))
    first = fast.match(doc)
    assert first == fast.match(doc) == original.match(doc)
    matched = {(original.attrs.index(original.attrs[a]), s) for a, _k, s, _e in first}
    assert (1, 1) in matched  # 'is' as VBZ in the list: the plain rule of entry 1
    assert (11, 4) in matched  # 'gon na': the two-token Matcher rule, matched from 'gon'


def test_attribute_ruler_keeps_unsupported_patterns_for_the_matcher() -> None:
    assert token_spec_supported({"TAG": "VBZ", "LOWER": {"IN": ["is"]}, "IS_SPACE": False})
    assert not token_spec_supported({"LOWER": {"REGEX": "^n't$"}})
    assert not token_spec_supported({"TAG": "NNP", "OP": "+"})
    assert not token_spec_supported({"LENGTH": {">=": 3}})
    assert not token_spec_supported({"IS_SPACE": "yes"})


@pytest.fixture(scope="module")
def model():
    """The model's own pipeline, as spaCy loads it."""
    return spacy.load(MODEL_NAME)


def test_attribute_ruler_replaces_the_models_with_the_same_patterns(nlp, model) -> None:
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler, FastAttributeRuler)
    assert ruler.patterns == model.get_pipe("attribute_ruler").patterns
    doc = nlp("He isn't gonna say that the troops aren't there.")
    assert [(t.text, t.pos_, t.lemma_) for t in doc if t.lower_ in {"is", "n't", "are"}] == [
        ("is", "AUX", "be"), ("n't", "PART", "not"), ("are", "AUX", "be"), ("n't", "PART", "not")]


def real_texts(limit: int) -> list[str]:
    corpus = shared_path("corpora", "bbc_news_2225", "articles")
    seeds = shared_path("seeds")
    docs = (d for d in read_corpora([Path(seeds), Path(corpus)], Settings()) if isinstance(d, Document))
    return [masked_text(clean_document(d)) for d in islice(docs, limit)]


def test_attribute_ruler_annotates_real_articles_exactly_as_the_model(nlp, model) -> None:
    """Seeds and BBC articles: every match and every token's POS, morphology, lemma, tag and label."""
    texts = real_texts(60)
    before_ruler = list(model.pipe(texts, disable=["attribute_ruler", "lemmatizer", "ner"]))
    fast = nlp.get_pipe("attribute_ruler")
    assert all(fast.match(d) == model.get_pipe("attribute_ruler").match(d) for d in before_ruler)
    ours = [annotations(d) for d in nlp.pipe(texts)]
    theirs = [annotations(d) for d in model.pipe(texts)]
    assert sum(len(a) for a in ours) > 15_000
    assert ours == theirs


@pytest.mark.parametrize("text", ["", " ", "\n\n", "ain't nothin' y'all gonna"])
def test_attribute_ruler_handles_edge_texts_like_the_model(nlp, model, text: str) -> None:
    assert annotations(nlp(text)) == annotations(model(text))
