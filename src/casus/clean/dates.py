"""Dates of embed credit lines, in whatever language the embedding page used.

A tweet's credit carries the date in the reader's locale ("25 февраля 2019 г.", "25 de febrero de
2019"), not the article's language, so the parser tries a fixed set of languages. Credit lines are
rare, so dateparser's cost is paid seldom; the parser and its answers are cached.
"""

from __future__ import annotations

import functools
import re

from dateparser.date import DateDataParser

_TIME = re.compile(r"\s*(?:\b(?:at|a las|às|à|um|alle|om|в)\s*)?\d{1,2}[:h]\d{2}.*$", re.IGNORECASE)
_HAS_DIGIT = re.compile(r"\d")
_MAX_LEN = 60
_SETTINGS = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first",
             "RETURN_AS_TIMEZONE_AWARE": False}


@functools.cache
def _parser(languages: tuple[str, ...]) -> DateDataParser:
    return DateDataParser(languages=list(languages), settings=_SETTINGS)


@functools.lru_cache(maxsize=4096)
def parse_credit_date(text: str, languages: tuple[str, ...]) -> str | None:
    """The ISO date (YYYY-MM-DD) a credit line's date text names, or None when it names no full date."""
    core = _TIME.sub("", text).strip(" \t.,;·|–—-")
    if not core or len(core) > _MAX_LEN or not _HAS_DIGIT.search(core):
        return None
    try:
        found = _parser(languages).get_date_data(core).date_obj
    except (ValueError, OverflowError, TypeError, LookupError):  # dateparser's errors on odd input
        return None
    return found.date().isoformat() if found else None
