"""casus_lemmatizer: the same lemmas as the model's own rule lemmatizer, on generated Docs (every
combination of text, POS and morphology it caches on, lemmas already set or not) and real articles."""

from __future__ import annotations

import copy

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from casus.annotate import MODEL_NAME
from casus.annotate.lemmas import CachedLemmatizer
from tests.test_annotate_attributes import real_texts

pytestmark = pytest.mark.filterwarnings("ignore:.*W108")  # generated tokens without a POS, on purpose

WORDS = ["strikes", "struck", "ships", "was", "better", "Maduro", "running", "ran", "geese", "leaves", "axes",
         "data", "best", "is", "n't", "U.S.", "forces", "forced", "2019", " ", "."]
POS = ["NOUN", "VERB", "ADJ", "AUX", "PROPN", "ADV", "PART", "NUM", "SPACE", "PUNCT", "X", ""]
MORPHS = ["", "Number=Sing", "Number=Plur", "VerbForm=Inf", "Tense=Past|VerbForm=Fin",
          "Tense=Pres|VerbForm=Fin", "Number=Sing|Person=3|Tense=Pres|VerbForm=Fin", "Degree=Pos",
          "Degree=Cmp", "Degree=Sup", "VerbForm=Ger", "Aspect=Prog|Tense=Pres|VerbForm=Part"]


@pytest.fixture(scope="module")
def model():
    return spacy.load(MODEL_NAME)


@pytest.fixture(scope="module")
def lemmatizers(model):
    """The model's lemmatizer and one casus_lemmatizer wrapping a second copy (caches apart)."""
    cached = CachedLemmatizer("lemmatizer")
    cached.use(copy.deepcopy(model.get_pipe("lemmatizer")))
    return model.get_pipe("lemmatizer"), cached


@st.composite
def tagged_docs(draw) -> tuple[list[str], list[str], list[str], list[str | None]]:
    n = draw(st.integers(0, 10))
    words = draw(st.lists(st.sampled_from(WORDS), min_size=n, max_size=n))
    pos = draw(st.lists(st.sampled_from(POS), min_size=n, max_size=n))
    morphs = draw(st.lists(st.sampled_from(MORPHS), min_size=n, max_size=n))
    preset = draw(st.lists(st.sampled_from([None, None, None, "be", "not"]), min_size=n, max_size=n))
    return words, pos, morphs, preset


def make_doc(vocab, drawn) -> Doc:
    words, pos, morphs, preset = drawn
    doc = Doc(vocab, words=words, spaces=[True] * len(words), morphs=morphs)
    for token, tag, lemma in zip(doc, pos, preset, strict=True):
        if tag:
            token.pos_ = tag  # '' left unset: the model's lemmatizer warns and lowercases
        if lemma is not None:
            token.lemma_ = lemma  # what the attribute ruler sets: kept, as by the model's lemmatizer
    return doc


@settings(max_examples=300, deadline=None)
@given(tagged_docs())
def test_cached_lemmatizer_equals_the_models_on_generated_docs(lemmatizers, model, drawn) -> None:
    original, cached = lemmatizers
    ours, theirs = cached(make_doc(model.vocab, drawn)), original(make_doc(model.vocab, drawn))
    assert [t.lemma_ for t in ours] == [t.lemma_ for t in theirs]


def test_cached_lemmatizer_answers_base_forms_from_text_pos_and_morphology(lemmatizers, model) -> None:
    _, cached = lemmatizers
    doc = make_doc(model.vocab, (["ships", "ships", "Ships", "struck", "better", "is"],
                                 ["NOUN", "VERB", "NOUN", "VERB", "ADJ", "AUX"],
                                 ["Number=Plur", "Number=Sing|Person=3|Tense=Pres|VerbForm=Fin", "Number=Sing",
                                  "Tense=Past|VerbForm=Fin", "Degree=Cmp", ""],
                                 [None, None, None, None, None, "be"]))
    twice = [t.lemma_ for t in cached(doc)], [t.lemma_ for t in cached(doc)]
    assert twice[0] == twice[1] == ["ship", "ship", "ships", "strike", "well", "be"]


def test_pipeline_wraps_the_models_lemmatizer(nlp, model) -> None:
    wrapper = nlp.get_pipe("lemmatizer")
    assert isinstance(wrapper, CachedLemmatizer)
    assert wrapper.inner is not None and wrapper.inner.mode == "rule"
    texts = real_texts(40)
    ours = [[t.lemma_ for t in d] for d in nlp.pipe(texts)]
    theirs = [[t.lemma_ for t in d] for d in model.pipe(texts)]
    assert sum(map(len, ours)) > 10_000
    assert ours == theirs


def test_cached_lemmatizer_without_a_lemmatizer_says_so(model) -> None:
    with pytest.raises(ValueError, match="no lemmatizer to wrap"):
        CachedLemmatizer("lemmatizer")(model.make_doc("Troops fired."))
