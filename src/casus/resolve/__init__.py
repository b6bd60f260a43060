"""Resolve: spaCy mentions -> canonical actors, places, times, quantities and equipment.

Public entry point: ``resolve(doc, parsed) -> Annotations``.
"""

from __future__ import annotations

from spacy.tokens import Doc

from casus.records import Annotations, Document


def resolve(doc: Document, parsed: Doc) -> Annotations:
    """All resolved mentions of one document."""
    return Annotations(doc_id=doc.doc_id, sentences=[(s.start_char, s.end_char) for s in parsed.sents])
