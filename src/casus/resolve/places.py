"""Resolve places: placeholder until the language layer lands."""

from __future__ import annotations

from spacy.tokens import Doc

from casus.records import Document, Place


def resolve_places(doc: Document, parsed: Doc) -> list[Place]:
    return []
