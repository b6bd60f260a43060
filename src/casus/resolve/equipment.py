"""Resolve equipment: placeholder until the language layer lands."""

from __future__ import annotations

from spacy.tokens import Doc

from casus.records import Document, Equipment


def find_equipment(doc: Document, parsed: Doc) -> list[Equipment]:
    return []
