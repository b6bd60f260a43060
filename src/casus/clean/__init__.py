"""Clean: mark what is not article body as removed spans and embeds, never deleting a character.

Public entry point: ``clean_document(doc) -> Document``. The text is never changed: later stages
skip ``removed`` spans and attribute what an ``Embed`` says to its author. Every span is one trimmed
line (no trailing newline); offsets are code-point indices into ``doc.text``. Order matters: embeds
first (a post's text must not be taken for residue), then single-line cues, then the checks that
depend on what is left around a line (trailing teasers, lists of related links, sub-headings).
Word lists: ``clean/data/boilerplate.json``.
"""

from __future__ import annotations

from dataclasses import replace

from casus.clean.boilerplate import classify_line
from casus.clean.embeds import find_embeds
from casus.clean.lexicon import load_lexicon
from casus.clean.lines import Line, split_lines
from casus.clean.structure import find_related_blocks, find_subheadings, find_teasers
from casus.records import Document, Embed, RemovedSpan

__all__ = ["clean_document", "clean_text"]


def clean_text(text: str) -> tuple[list[RemovedSpan], list[Embed]]:
    """The removed spans (sorted by offset) and embeds of one text."""
    lex = load_lexicon()
    lines = split_lines(text)
    embeds, removed, used = find_embeds(lines, lex)
    for line in lines:
        if line.index not in used and (found := classify_line(line.text, lex)):
            removed.append(RemovedSpan(line.start, line.end, *found))
    kept = _unremoved(lines, removed)
    removed += [_span(line, "teaser", why) for line, why in find_teasers(kept, lex, used)]
    kept = _unremoved(kept, removed)
    removed += [_span(line, "related_link", why) for line, why in find_related_blocks(kept, lex, used)]
    kept = _unremoved(kept, removed)
    removed += [_span(line, "subheading", why) for line, why in find_subheadings(kept, lex, used)]
    return sorted(removed, key=lambda r: r.start), embeds


def clean_document(doc: Document) -> Document:
    """A copy of the document with ``removed`` and ``embeds`` filled (the text is untouched)."""
    if doc.fmt == "track":  # a generated observation log: nothing in it is page residue
        return replace(doc, removed=[], embeds=[])
    removed, embeds = clean_text(doc.text)
    return replace(doc, removed=removed, embeds=embeds)


def _unremoved(lines: list[Line], removed: list[RemovedSpan]) -> list[Line]:
    taken = {r.start for r in removed}
    return [line for line in lines if line.start not in taken]


def _span(line: Line, kind: str, reason: str) -> RemovedSpan:
    return RemovedSpan(line.start, line.end, kind, reason)
