"""Resolve: spaCy mentions -> canonical actors, places, times, quantities and equipment.

Public entry points: ``resolve(doc, parsed) -> Annotations`` and
``with_published(doc, parsed) -> Document`` (publication date inferred when no manifest or
metadata gave one). Each kind of mention has its own module.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from spacy.tokens import Doc

from casus.records import Annotations, Document
from casus.resolve.actors import resolve_actors
from casus.resolve.equipment import find_equipment
from casus.resolve.places import resolve_places
from casus.resolve.published import infer_published
from casus.resolve.quantities import find_quantities
from casus.resolve.times import find_times


def with_published(doc: Document, parsed: Doc) -> Document:
    """The document with ``published`` inferred from its text when nothing else gave one."""
    if doc.published is not None:
        return doc
    return dataclasses.replace(doc, published=infer_published(doc, parsed))


def resolve(doc: Document, parsed: Doc) -> Annotations:
    """All resolved mentions of one document (removed spans are blank in ``parsed``)."""
    reference = dt.date.fromisoformat(doc.published.date) if doc.published else None
    return Annotations(
        doc_id=doc.doc_id,
        sentences=[(s.start_char, s.end_char) for s in parsed.sents],
        actors=resolve_actors(doc, parsed),
        places=resolve_places(doc, parsed),
        times=find_times(doc, parsed, reference),
        quantities=find_quantities(doc, parsed),
        equipment=find_equipment(doc, parsed),
    )
