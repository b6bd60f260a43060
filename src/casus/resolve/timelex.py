"""Lexical building blocks of the English time rules: month and weekday names, parts of periods.

Month and weekday names are matched case-sensitively (Title or UPPER case) so that "may",
"march" and "sun" as ordinary words are not dates.
"""

from __future__ import annotations

import calendar

from casus.resolve.numbers import NUMBER, parse_number

MONTH_NUMBERS: dict[str, int] = {name.lower()[:3]: i for i, name in enumerate(calendar.month_name) if name}
WEEKDAY_NUMBERS: dict[str, int] = {name.lower()[:3]: i for i, name in enumerate(calendar.day_name)}

EXPLICIT = "explicit"
RELATIVE = "relative to published"
PUBLISHED = "published"


def _cased(words: list[str]) -> str:
    """Alternation of each word in Title and UPPER case, longest first."""
    forms = {f for w in words for f in (w.title(), w.upper())}
    return "|".join(sorted(forms, key=len, reverse=True))


_FULL_MONTHS = [m for m in calendar.month_name if m]
_ABBR_MONTHS = [m[:3] for m in _FULL_MONTHS if len(m) > 3] + ["Sept"]


def month(group: str = "month", abbreviations: bool = True) -> str:
    """Regex fragment for a month name in a named group (abbreviations may end with a dot)."""
    names = rf"(?:{_cased(_FULL_MONTHS)})\b"
    if abbreviations:
        names = rf"{names}|(?:{_cased(_ABBR_MONTHS)})\b\.?"
    return rf"\b(?P<{group}>{names})"


def weekday(group: str = "wd") -> str:
    names = [d for d in calendar.day_name]
    return rf"\b(?P<{group}>{_cased(names)})\b"


def day(group: str = "day") -> str:
    return rf"(?<![\d,.])(?P<{group}>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])"


def year(group: str = "year") -> str:
    return rf"(?<![\d,.])(?P<{group}>(?:1[6-9]|20)\d\d)(?![\d,]\d|\s*%)"


PART = (r"(?P<part>(?i:early|mid|late|the\s+(?:beginning|start|end|middle)\s+of"
        r"|the\s+(?:first|second|last)\s+half\s+of))")
NUMERIC_COUNT = rf"(?i:{NUMBER}|an?|a\s+few|a\s+couple\s+of|several|few|couple\s+of)"

MONTH_PARTS: dict[str, tuple[int, int]] = {"early": (1, 10), "mid": (11, 20), "late": (21, 31), "h1": (1, 15),
                                          "h2": (16, 31)}
YEAR_PARTS: dict[str, tuple[int, int]] = {"early": (1, 4), "mid": (5, 8), "late": (9, 12), "h1": (1, 6),
                                         "h2": (7, 12)}
DECADE_PARTS: dict[str, tuple[int, int]] = {"early": (0, 3), "mid": (4, 6), "late": (7, 9), "h1": (0, 4),
                                           "h2": (5, 9)}


def month_number(name: str) -> int:
    return MONTH_NUMBERS[name.lower()[:3]]


def weekday_number(name: str) -> int:
    return WEEKDAY_NUMBERS[name.lower()[:3]]


def part_key(part: str | None) -> str | None:
    """'the beginning of' -> 'early', 'mid' -> 'mid', 'the second half of' -> 'h2'."""
    if not part:
        return None
    words = part.lower().split()
    if "half" in words:
        return "h1" if "first" in words else "h2"
    for word, key in (("early", "early"), ("beginning", "early"), ("start", "early"), ("mid", "mid"),
                      ("middle", "mid"), ("late", "late"), ("end", "late")):
        if word in words or part.lower().startswith(word):
            return key
    return None


def count(text: str | None) -> float | None:
    """How many units a count word gives: 'a' -> 1, 'a few' -> 3, 'couple of' -> 2, '24' -> 24."""
    if text is None:
        return None
    words = text.lower().split()
    if words in (["a"], ["an"]):
        return 1.0
    if "couple" in words:
        return 2.0
    if "few" in words or "several" in words:
        return 3.0
    return parse_number(text)
