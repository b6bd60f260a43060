"""Infer a publication date when neither manifest nor metadata gives one.

Evidence, strongest first: a date in the URL; otherwise a floor from the embedded posts' dates
(an article is published on or after what it embeds) and the latest explicit full date of the body
(dates in clauses about the future, and lone far-future outliers, set no floor); then the day in
the week after that floor on which the weekday mentions ("on Tuesday", "on Monday") fall closest
together before it. Nothing supports a date -> None.
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc

from casus.annotate import masked_text
from casus.records import Document, Published
from casus.resolve import datemath as dm
from casus.resolve import timelex as lx
from casus.resolve.embeddates import dated_embeds, foreign_dates
from casus.resolve.timerules import Context
from casus.resolve.times import future_context
from casus.resolve.timescan import scan_times

_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-]?([01]\d)[/-]?([0-3]\d)(?:/|[-_]|$)")
_OUTLIER_DAYS = 31
_INDEFINITE = re.compile(r"\b(?i:a|an|every|each|one)\s+$")  # 'a Sunday' names no particular day


def infer_published(doc: Document, parsed: Doc) -> Published | None:
    """The publication date with what it was inferred from, or None."""
    from_url = _url_date(doc.url)
    if from_url is not None:
        return Published(from_url.isoformat(), "inferred", f"date in the URL {doc.url}")
    text = masked_text(doc)  # what ``parsed`` was built from; Doc.text would rebuild it token by token
    has_dep = parsed.has_annotation("DEP")  # walks the doc: once
    floor, why = _floor(doc, parsed, text, has_dep)
    if floor is None:
        return None
    weekdays = _weekday_mentions(parsed, text, has_dep)
    day = _fit_weekdays(floor, weekdays)
    evidence = why
    if weekdays and day != floor:
        names = ", ".join(sorted({n for n, _ in weekdays}))
        evidence += f"; weekday mentions ({names}) fall closest together on or before {day.isoformat()}"
    return Published(day.isoformat(), "inferred", evidence)


def _url_date(url: str | None) -> dt.date | None:
    hit = _URL_DATE.search(url or "")
    return dm.safe_date(int(hit[1]), int(hit[2]), int(hit[3])) if hit else None


def _floor(doc: Document, parsed: Doc, text: str, has_dep: bool) -> tuple[dt.date | None, str]:
    """The earliest possible publication day and the evidence for it."""
    embedded = [d for e in dated_embeds(doc) if (d := _iso(e.date)) is not None]
    written = _latest_explicit(_explicit_days(parsed, text, has_dep))
    candidates = []
    if embedded:
        candidates.append((max(embedded), f"on or after its embedded posts dated up to {max(embedded).isoformat()}"))
    if written is not None:
        candidates.append((written, f"on or after the latest full date in its text, {written.isoformat()}"))
    if not candidates:
        return None, ""
    return max(candidates, key=lambda c: c[0])  # on a tie the embeds, listed first, are named


def _iso(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _explicit_days(parsed: Doc, text: str, has_dep: bool) -> list[dt.date]:
    """Single days written with their year, outside clauses about the future."""
    days = []
    for span in scan_times(text):
        got = span.resolve(Context(None))
        if got is not None and got[0] == got[1] and not future_context(parsed, span.start, has_dep):
            days.append(got[0])
    days += [d for s, _, d in foreign_dates(text) if not future_context(parsed, s, has_dep)]
    return days


def _latest_explicit(days: list[dt.date]) -> dt.date | None:
    """The latest day, unless it lies far beyond all the others (likely a planned date)."""
    ordered = sorted(set(days))
    while len(ordered) >= 2 and (ordered[-1] - ordered[-2]).days > _OUTLIER_DAYS:
        ordered.pop()
    return ordered[-1] if ordered else None


def _weekday_mentions(parsed: Doc, text: str, has_dep: bool) -> list[tuple[str, bool]]:
    """Bare or 'last' weekday mentions about the past: (weekday name, strictly before)."""
    out = []
    for span in scan_times(text):
        m = span.match
        indefinite = _INDEFINITE.search(text, max(0, span.start - 8), span.start)
        if span.rule.name != "weekday" or indefinite or future_context(parsed, span.start, has_dep):
            continue
        rel = (m["rel"] or "").lower()
        if rel in ("", "last", "past"):
            out.append((m["wd"].title(), rel != ""))
    return out


def _fit_weekdays(floor: dt.date, weekdays: list[tuple[str, bool]]) -> dt.date:
    """The day in [floor, floor + 6] on which the mentioned weekdays lie closest before it."""
    if not weekdays:
        return floor

    def spread(day: dt.date) -> int:
        dates = [(dm.weekday_before if strict else dm.weekday_on_or_before)(day, lx.weekday_number(name))
                 for name, strict in weekdays]
        return (day - min(dates)).days

    return min((dm.shift(floor, k) for k in range(7)), key=lambda d: (spread(d), d))
