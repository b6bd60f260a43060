"""Clean: mark what is not article body as removed spans and embeds, never deleting a character.

Public entry point: ``clean_document(doc) -> Document``.
"""

from __future__ import annotations

from casus.records import Document


def clean_document(doc: Document) -> Document:
    """Return the document with ``removed`` and ``embeds`` filled."""
    return doc
