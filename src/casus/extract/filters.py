"""What is not article body for extraction: removed spans, headings, teasers and link lines."""

from __future__ import annotations

from casus.extract.lexicon import cues
from casus.records import Document

TERMINAL = (".", "!", "?", "\"", "”", "’", "'", ")", ":")
MAX_HEADING_WORDS = 20


def removed_at(doc: Document, offset: int) -> bool:
    return any(r.start <= offset < r.end for r in doc.removed)


def in_embed(doc: Document, offset: int) -> bool:
    return any(e.start <= offset < e.end for e in doc.embeds)


def boilerplate_line(line: str) -> bool:
    """A heading (short, no closing punctuation), a teaser ('Learn...') or a 'READ MORE' link line."""
    s = line.strip()
    if not s:
        return True
    low = s.lower()
    if low.startswith(cues().teaser_prefixes):
        return True
    if s.endswith(("...", "…")):
        return True
    return not s.endswith(TERMINAL) and len(s.split()) <= MAX_HEADING_WORDS


def skip_offset(doc: Document, offset: int, line: str) -> bool:
    """No event from removed text or from a heading line, unless an embedded post holds it."""
    if in_embed(doc, offset):
        return False
    return removed_at(doc, offset) or boilerplate_line(line)
