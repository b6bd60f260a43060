"""Resolve actors: placeholder until the language layer lands."""

from __future__ import annotations

from spacy.tokens import Doc

from casus.records import Document, Actor


def resolve_actors(doc: Document, parsed: Doc) -> list[Actor]:
    return []
