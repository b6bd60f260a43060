"""Every entity mention of some documents, flat, for `casus annotate` and for debugging the language layer.

Public entry point: ``annotate_paths(paths, settings, nlp=None)`` yields one ``Mention`` per actor,
place and equipment mention (offsets into ``Document.text``), document by document.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language

from casus.annotate import load_pipeline, parse
from casus.clean import clean_document
from casus.ingest import read_corpora
from casus.records import Actor, Document, Equipment, InputError, Place
from casus.resolve import with_published
from casus.resolve.actors import resolve_actors
from casus.resolve.equipment import find_equipment
from casus.resolve.places import resolve_places
from casus.settings import Settings


@dataclass(frozen=True, slots=True)
class Mention:
    doc_id: str
    kind: str  # actor | place | equipment
    text: str
    start: int
    end: int
    resolution: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "kind": self.kind, "text": self.text, "start": self.start, "end": self.end,
                "resolution": self.resolution}

    def summary(self) -> str:
        """The resolution in a few words: 'Nicolás Maduro VEN GOV person'."""
        return " ".join(str(v) for k, v in self.resolution.items() if v is not None and k != "entity_id")


def _actor(doc_id: str, a: Actor) -> Mention:
    return Mention(doc_id, "actor", a.text, a.start, a.end,
                   {"name": a.name, "code": a.code, "sector": a.sector, "kind": a.kind, "entity_id": a.entity_id})


def _place(doc_id: str, p: Place) -> Mention:
    return Mention(doc_id, "place", p.text, p.start, p.end,
                   {"name": p.name, "country": p.country, "kind": p.kind, "lat": p.lat, "lon": p.lon})


def _equipment(doc_id: str, e: Equipment) -> Mention:
    return Mention(doc_id, "equipment", e.text, e.start, e.end,
                   {"name": e.name, "category": e.category, "origin": e.origin, "registration": e.registration})


def document_mentions(doc: Document, parsed: Any) -> list[Mention]:
    """Actors, places and equipment of one parsed document, in text order."""
    found = [*(_actor(doc.doc_id, a) for a in resolve_actors(doc, parsed)),
             *(_place(doc.doc_id, p) for p in resolve_places(doc, parsed)),
             *(_equipment(doc.doc_id, e) for e in find_equipment(doc, parsed))]
    return sorted(found, key=lambda m: (m.start, m.end, m.kind))


def annotate_paths(paths: list[Path], settings: Settings | None = None,
                   nlp: Language | None = None) -> Iterator[Document | InputError | Mention]:
    """For each input document: the Document itself, then its mentions; unreadable inputs as errors."""
    settings = settings or Settings()
    docs: list[Document] = []
    for item in read_corpora(paths, settings):
        if isinstance(item, InputError):
            yield item
        else:
            docs.append(clean_document(item))
    if not docs:
        return
    for doc, parsed in parse(nlp or load_pipeline(), docs, settings.batch_size):
        doc = with_published(doc, parsed)
        yield doc
        yield from document_mentions(doc, parsed)
