"""Dates of embedded posts: from ``doc.embeds`` or, when the clean stage gave none, from credit lines.

An embed's text is dated by its credit ("— Name (@handle) 25 февраля 2019 г."), often in the
reader's locale, so non-English dates are parsed here with dateparser restricted to explicit
languages, and only on candidate spans.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import importlib
import re

from dateparser.date import DateDataParser

from casus.records import Document, Embed
from casus.resolve.lexicon import merged_windows
from casus.resolve.timelex import month_words
from casus.resolve.timerules import Context
from casus.resolve.timescan import YEAR, cues, scan_times

LANGUAGES = ("ru", "uk", "es", "pt", "fr", "de", "it", "tr", "pl", "nl", "ar", "fa", "id")
FOREIGN_DATE = re.compile(
    r"(?<![\w.])(?P<day>[0-3]?\d)\.?\s+(?:de\s+)?(?P<word>[^\W\d_]{3,}\.?)\s+(?:de\s+)?(?P<year>(?:19|20)\d\d)"
    r"(?:\s*г\.?)?(?!\d)|(?P<cjk>(?:19|20)\d\d年[01]?\d月[0-3]?\d日)")
CREDIT = re.compile(r"(?m)^[ \t]*[—–-][ \t]*(?P<author>[^\n(]{0,80}?)[ \t]*\(@(?P<handle>\w{1,30})\)"
                    r"[ \t]*(?P<date>[^\n]{4,40}?)[ \t]*$")


@functools.cache
def _parser() -> DateDataParser:
    return DateDataParser(languages=list(LANGUAGES), try_previous_locales=False,
                          settings={"REQUIRE_PARTS": ["day", "month", "year"]})


@functools.cache
def foreign_month_words() -> frozenset[str]:
    """Month names of ``LANGUAGES`` from dateparser's own locale data: the pre-check before parsing."""
    words: set[str] = set()
    for language in LANGUAGES:
        info = importlib.import_module(f"dateparser.data.date_translation_data.{language}").info
        for month in calendar.month_name[1:]:
            words.update(w.lower().rstrip(".") for w in info.get(month.lower(), []))
    return frozenset(words - month_words())


def parse_foreign_date(text: str) -> dt.date | None:
    """A full date in one of ``LANGUAGES`` ('25 февраля 2019 г.', '2019年2月25日'), else None."""
    cjk = re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日", text.strip())
    if cjk:
        try:
            return dt.date(*map(int, cjk.groups()))
        except ValueError:
            return None
    found = _parser().get_date_data(text).date_obj
    return found.date() if found is not None else None


def foreign_dates(text: str) -> list[tuple[int, int, dt.date]]:
    """(start, end, date) of every non-English full date in ``text``."""
    return list(_foreign_dates(text))


@functools.lru_cache(maxsize=4)
def _foreign_dates(text: str) -> tuple[tuple[int, int, dt.date], ...]:
    """Memoised (times, quantities and publication inference all ask); searched near year cues only."""
    out = []
    years = cues(text).get(YEAR, ())
    for lo, hi in merged_windows(years, 64, 16, len(text)):
        for m in FOREIGN_DATE.finditer(text, lo, hi):
            if m["word"] and m["word"].lower().rstrip(".") not in foreign_month_words():
                continue
            parsed = parse_foreign_date(m[0])
            if parsed is not None:
                out.append((m.start(), m.end(), parsed))
    return tuple(out)


def parse_any_date(text: str) -> dt.date | None:
    """A full date written in English rules' formats or a foreign language."""
    for span in scan_times(text):
        got = span.resolve(Context(None))
        if got is not None and got[0] == got[1]:
            return got[0]
    hits = foreign_dates(text)
    return hits[0][2] if hits else None


def credit_embeds(text: str) -> list[Embed]:
    """Embeds found from their credit lines: the post is the line before the credit."""
    out = []
    for m in CREDIT.finditer(text):
        date = parse_any_date(m["date"])
        if date is None:
            continue
        line_start = text.rfind("\n", 0, max(0, m.start() - 1)) + 1
        out.append(Embed(line_start, m.end(), "post", m["author"].strip() or None, m["handle"], date.isoformat()))
    return out


def dated_embeds(doc: Document) -> list[Embed]:
    """The document's embeds that carry a date, or those found from credit lines when none do."""
    given = [e for e in doc.embeds if e.date]
    return given if given else credit_embeds(doc.text)


def embed_date(embeds: list[Embed], offset: int) -> dt.date | None:
    """Date of the embed holding ``offset``, if any."""
    for embed in embeds:
        if embed.start <= offset < embed.end and embed.date:
            try:
                return dt.date.fromisoformat(embed.date)
            except ValueError:
                return None
    return None
