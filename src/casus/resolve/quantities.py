"""Resolve quantities: placeholder until the language layer lands."""

from __future__ import annotations

from spacy.tokens import Doc

from casus.records import Document, Quantity


def find_quantities(doc: Document, parsed: Doc) -> list[Quantity]:
    return []
