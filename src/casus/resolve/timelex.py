"""Lexical building blocks of the English time rules, from ``data/times.json``.

Month, weekday and holiday names are matched case-sensitively (Title or UPPER case) so that
"may", "march" and "sun" as ordinary words are not dates.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from typing import Any

from casus.resolve.lexicon import alternation, cased, load
from casus.resolve.numbers import number_pattern, parse_number

EXPLICIT = "explicit"
RELATIVE = "relative to published"
PUBLISHED = "published"

PART = (r"(?P<part>(?i:early|mid|late|the\s+(?:beginning|start|end|middle)\s+of"
        r"|the\s+(?:first|second|last)\s+half\s+of))")


def data() -> Mapping[str, Any]:
    return load("times")


@functools.cache
def month_numbers() -> Mapping[str, int]:
    """Every month name and abbreviation (lower case) -> 1..12."""
    out = {}
    for number, entry in enumerate(data()["months"], start=1):
        out[entry["name"]] = number
        out.update({a: number for a in entry["abbreviations"]})
    return out


@functools.cache
def month_words() -> frozenset[str]:
    return frozenset(month_numbers())


def weekday_words() -> tuple[str, ...]:
    return data()["weekdays"]


def month(group: str = "month", abbreviations: bool = True) -> str:
    """Regex fragment for a month name in a named group (abbreviations may end with a dot)."""
    full = [m["name"] for m in data()["months"]]
    names = rf"(?:{cased(full)})\b"
    if abbreviations:
        short = [a for m in data()["months"] for a in m["abbreviations"]]
        names = rf"{names}|(?:{cased(short)})\b\.?"
    return rf"\b(?P<{group}>{names})"


def weekday(group: str = "wd") -> str:
    return rf"\b(?P<{group}>{cased(weekday_words())})\b"


def day(group: str = "day") -> str:
    return rf"(?<![\d,.])(?P<{group}>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])"


def year(group: str = "year") -> str:
    """A year from 1600 to 2099: not part of a longer number, a percentage or a clock time ('1600 GMT';
    the clock suffixes match exactly as the data file writes them, zones in capitals)."""
    clock = alternation(data()["clock_suffixes"])
    return rf"(?<![\d,.])(?P<{group}>(?:1[6-9]|20)\d\d)(?![\d,]\d|\s*%|\s*(?:{clock})\b)"


def words(key: str) -> str:
    """Case-insensitive alternation of one word list of the data file ('year_prepositions' ...)."""
    return rf"(?i:{alternation(data()[key])})"


def numeric_count() -> str:
    return rf"(?i:{number_pattern()}|{alternation(data()['count_words'])})"


def parts(kind: str) -> Mapping[str, tuple[int, int]]:
    """'month_parts', 'year_parts' or 'decade_parts': part key -> (low, high)."""
    return data()[kind]


def month_number(name: str) -> int:
    name = name.lower().rstrip(".")
    return month_numbers().get(name) or month_numbers()[name[:3]]


def weekday_number(name: str) -> int:
    return [w[:3] for w in weekday_words()].index(name.lower()[:3])


def part_key(part: str | None) -> str | None:
    """'the beginning of' -> 'early', 'mid' -> 'mid', 'the second half of' -> 'h2'."""
    if not part:
        return None
    found = part.lower().replace("-", " ").split()
    if "half" in found:
        return "h1" if "first" in found else "h2"
    return next((key for word, key in data()["part_words"].items() if word in found), None)


def count(text: str | None) -> float | None:
    """How many units a count word gives: 'a' -> 1, 'a few' -> 3, 'couple of' -> 2, '24' -> 24."""
    if text is None:
        return None
    known = data()["count_words"].get(" ".join(text.lower().split()))
    return float(known) if known is not None else parse_number(text)


def easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday) // 451
    month_, day_ = divmod(h + weekday - 7 * m + 114, 31)
    return dt.date(year, month_, day_ + 1)
