"""Extract: PLOVER event mentions with status, certainty, attribution and provenance.

Public entry point: ``extract_events(doc, parsed, annotations) -> list[Event]``.
"""

from __future__ import annotations

from spacy.tokens import Doc

from casus.records import Annotations, Document, Event


def extract_events(doc: Document, parsed: Doc, annotations: Annotations) -> list[Event]:
    """Every event mention the document's text supports."""
    return []
