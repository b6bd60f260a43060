"""Split a text into its non-blank lines with exact offsets.

Cleaning works on lines because page residue (links, credits, captions, headings) comes as whole
lines of scraped text. A line's span is trimmed of surrounding whitespace, so it never includes the
line's trailing newline (or a carriage return).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TERMINAL = frozenset(".!?…")
_CLOSERS = "\"'”’»)]}*_ "
_BULLET = re.compile(r"^(?:[*•·▪◦‣●■►–—-]|\d{1,3}[.)]|[a-z][.)])\s")


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank line: offsets of its trimmed text and whether a blank line precedes it."""

    index: int  # position among the non-blank lines
    start: int
    end: int
    text: str
    blank_before: bool


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text``, split on ``\\n`` only (what later stages call a paragraph)."""
    lines: list[Line] = []
    pos = 0
    blank = False
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = pos + (len(raw) - len(raw.lstrip()))
            lines.append(Line(len(lines), start, start + len(stripped), stripped, blank))
            blank = False
        else:
            blank = True
        pos += len(raw) + 1
    return lines


def word_count(text: str) -> int:
    return len(text.split())


def ends_sentence(text: str) -> bool:
    """Whether the line ends with sentence punctuation, looking through closing quotes and brackets."""
    core = text.rstrip(_CLOSERS)
    return bool(core) and core[-1] in _TERMINAL


def ends_open(text: str) -> bool:
    """Whether the line ends without any punctuation that would continue or close a sentence."""
    core = text.rstrip(_CLOSERS)
    return bool(core) and core[-1] not in ".!?…:;,"


def is_bullet(text: str) -> bool:
    return bool(_BULLET.match(text))


def starts_upper(text: str) -> bool:
    """Whether the first letter is upper case (or the script has no case), as headings start."""
    for char in text:
        if char.isalpha():
            return char.isupper() or not char.islower()
        if char.isdigit():
            return True
    return False
