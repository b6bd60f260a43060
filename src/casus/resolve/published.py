"""Infer a publication date: placeholder until the language layer lands."""

from __future__ import annotations

from spacy.tokens import Doc

from casus.records import Document, Published


def infer_published(doc: Document, parsed: Doc) -> Published | None:
    return None
