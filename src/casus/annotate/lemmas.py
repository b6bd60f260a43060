"""The ``casus_lemmatizer`` component: the model's own rule lemmatizer, called once per distinct token.

spaCy's rule lemmatizer walks every token in Python, and its cache leaves out the commonest case: a
token in its base form (a singular noun, an infinitive, a plain adjective) is answered again each
time by parsing its morphology into a dict. Yet its answer is a function of the token's text, coarse
POS and morphology alone (and of the model's static tables). This component reads those three as one
array per Doc, asks the model's lemmatizer once per distinct combination (cached for the process),
and writes the lemmas back as one array: the same lemmas (``tests/test_annotate_lemmas.py`` checks
them against the model's own component on real articles and generated Docs), about a tenth of the
time. A token whose lemma is already set (by the attribute ruler) keeps it, as with the original.
"""

from __future__ import annotations

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

CACHE_LIMIT = 500_000  # distinct (text, POS, morphology) combinations kept; emptied past it


class CachedLemmatizer:
    """Wraps the model's lemmatizer (``use``); anything but its rule mode is left to it as it is."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.inner: Lemmatizer | None = None
        self.lemmas: dict[tuple[int, int, int], int] = {}

    def use(self, inner: Lemmatizer) -> None:
        self.inner = inner

    def __call__(self, doc: Doc) -> Doc:
        inner = self.inner
        if inner is None:
            raise ValueError(f"{self.name}: no lemmatizer to wrap (call use() first)")
        if inner.mode != "rule" or inner.overwrite or len(doc) == 0:
            return inner(doc)
        if not inner._validated:
            inner._validate_tables()
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        todo = numpy.flatnonzero(lemmas == 0)
        if len(self.lemmas) > CACHE_LIMIT:
            self.lemmas.clear()
        cache, strings = self.lemmas, doc.vocab.strings
        for i, key in zip(todo.tolist(), map(tuple, rows[todo, :3].tolist()), strict=True):
            lemma = cache.get(key)
            if lemma is None:
                lemma = cache[key] = strings.add(inner.rule_lemmatize(doc[i])[0])
            lemmas[i] = lemma
        doc.from_array([LEMMA], lemmas)
        return doc


@Language.factory("casus_lemmatizer", assigns=["token.lemma"])
def make_cached_lemmatizer(nlp: Language, name: str) -> CachedLemmatizer:
    return CachedLemmatizer(name)


def speed_up_lemmatizer(nlp: Language, name: str = "lemmatizer") -> None:
    """Put ``casus_lemmatizer`` in place of the model's lemmatizer, wrapping it."""
    if name not in nlp.pipe_names:
        return
    inner = nlp.get_pipe(name)
    if not isinstance(inner, Lemmatizer):
        return
    nlp.replace_pipe(name, "casus_lemmatizer").use(inner)
