"""English time rules: regex patterns over the text, each with a handler giving an inclusive interval.

``scan_times(text)`` finds the spans (no reference date needed, so quantities can avoid them);
``TimeSpan.resolve(context)`` turns one into ``(first, last, basis)`` against a reference date.
Relative expressions resolve to None without a reference. Rules cover what dateparser misses
(weekends, "a week ago" with slack, "in the past few days", decades, parts of months...).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from casus.resolve import datemath as dm
from casus.resolve import timelex as lx
from casus.resolve.timelex import EXPLICIT, RELATIVE

Interval = tuple[dt.date, dt.date, str]


@dataclass(frozen=True, slots=True)
class Context:
    """What a relative expression is resolved against."""

    reference: dt.date | None
    future: bool = False  # the clause speaks of something planned ("will meet on Tuesday")
    previous: tuple[dt.date, str] | None = None  # the sentence's last single day and its basis ("the next day")


Handler = Callable[[re.Match[str], Context], Interval | None]


@dataclass(frozen=True, slots=True)
class Rule:
    """A pattern and its handler, with the cue words that make scanning cheap.

    Every match contains one of ``anchors`` (lower-case cue words, or ``<digit>`` / ``<year>``) and
    lies within ``before`` characters before and ``after`` characters after that cue's start; the
    text must also hit each set of ``requires``. ``uses_future`` says the handler reads
    ``Context.future`` (computing that needs the parse).
    """

    name: str
    pattern: re.Pattern[str]
    handler: Handler
    anchors: frozenset[str]
    requires: tuple[frozenset[str], ...] = ()
    before: int = 48
    after: int = 64
    uses_future: bool = False

    def may_match(self, words: frozenset[str]) -> bool:
        return all(not words.isdisjoint(t) for t in (self.anchors, *self.requires))


@dataclass(frozen=True, slots=True)
class TimeSpan:
    """One matched expression; ``since`` marks "since X" (X up to the reference date)."""

    start: int
    end: int
    rule: Rule
    match: re.Match[str]
    since: bool = False

    def resolve(self, context: Context) -> Interval | None:
        got = self.rule.handler(self.match, context)
        if got is None or not self.since:
            return got
        if context.reference is None or got[0] > context.reference:
            return None
        return got[0], context.reference, RELATIVE


# --------------------------------------------------------------------------- explicit dates


def _explicit_or_inferred(m: re.Match[str], ctx: Context, month: int, days: tuple[int, int]) -> Interval | None:
    """Day range of a month, with the year written or inferred from the reference."""
    wd = lx.weekday_number(m["wd"]) if m.groupdict().get("wd") else None
    if m["year"]:
        year, basis = int(m["year"]), EXPLICIT
    elif ctx.reference is not None:
        inferred = dm.infer_year(month, days[0], ctx.reference, wd, ctx.future)
        if inferred is None:
            return None
        year, basis = inferred.year, RELATIVE
    else:
        return None
    first, last = dm.safe_date(year, month, days[0]), dm.safe_date(year, month, days[1])
    if first is None or last is None or last < first:
        return None
    return first, last, basis


def _days(m: re.Match[str]) -> tuple[int, int]:
    first = int(m["day"])
    return first, int(m["day2"]) if m["day2"] else first


def _h_month_day(m: re.Match[str], ctx: Context) -> Interval | None:
    return _explicit_or_inferred(m, ctx, lx.month_number(m["month"]), _days(m))


def _h_iso(m: re.Match[str], ctx: Context) -> Interval | None:
    d = dm.safe_date(int(m["year"]), int(m["mon"]), int(m["day"]))
    return (d, d, EXPLICIT) if d else None


def _h_numeric(m: re.Match[str], ctx: Context) -> Interval | None:
    """25.02.2019 is day-first; 02/25/2019 month-first unless the first number exceeds 12."""
    a, b = int(m["a"]), int(m["b"])
    day_first = m["sep"] == "." or a > 12
    d = dm.safe_date(int(m["year"]), b if day_first else a, a if day_first else b)
    return (d, d, EXPLICIT) if d else None


def _h_month_part(m: re.Match[str], ctx: Context) -> Interval | None:
    month = lx.month_number(m["month"])
    low, high = lx.parts("month_parts")[lx.part_key(m["part"]) or "mid"]
    if not m["year"] and ctx.reference is not None:
        year = dm.infer_month_year(month, ctx.reference, ctx.future)
        high = min(high, dm.month_bounds(year, month)[1].day)
        return dt.date(year, month, low), dt.date(year, month, high), RELATIVE
    if not m["year"]:
        return None
    high = min(high, dm.month_bounds(int(m["year"]), month)[1].day)
    return dt.date(int(m["year"]), month, low), dt.date(int(m["year"]), month, high), EXPLICIT


def _h_month_year(m: re.Match[str], ctx: Context) -> Interval | None:
    return (*dm.month_bounds(int(m["year"]), lx.month_number(m["month"])), EXPLICIT)


def _h_month_alone(m: re.Match[str], ctx: Context) -> Interval | None:
    """A bare month: its nearest occurrence, or the previous/next one after last/next."""
    if ctx.reference is None:
        return None
    month, ref = lx.month_number(m["month"]), ctx.reference
    rel = (m.groupdict().get("rel") or "").lower()
    if rel in ("last", "past"):
        year = ref.year if month < ref.month else ref.year - 1
    elif rel in ("next", "coming"):
        year = ref.year if month > ref.month else ref.year + 1
    else:
        year = dm.infer_month_year(month, ref, ctx.future)
    return (*dm.month_bounds(year, month), RELATIVE)


def _h_year(m: re.Match[str], ctx: Context) -> Interval | None:
    return (*dm.year_bounds(int(m["year"])), EXPLICIT)


def _h_year_range(m: re.Match[str], ctx: Context) -> Interval | None:
    """'2018-19', '1990–2001', '2005-6' (a single digit replaces the last one)."""
    y1, y2 = int(m["year"]), m["y2"]
    end = int(y2) if len(y2) == 4 else y1 // 10 ** len(y2) * 10 ** len(y2) + int(y2)
    if end <= y1:
        return None
    return dm.year_bounds(y1)[0], dm.year_bounds(end)[1], EXPLICIT


def _h_year_part(m: re.Match[str], ctx: Context) -> Interval | None:
    year = int(m["year"])
    low, high = lx.parts("year_parts")[lx.part_key(m["part"]) or "mid"]
    return dm.month_bounds(year, low)[0], dm.month_bounds(year, high)[1], EXPLICIT


def _h_decade(m: re.Match[str], ctx: Context) -> Interval | None:
    if m["dec"]:
        start = int(m["dec"])
    else:
        short = int(m["dec2"])
        start = (1900 if short >= 30 else 2000) + short
    key = lx.part_key(m["part"])
    low, high = lx.parts("decade_parts")[key] if key else (0, 9)
    return dm.year_bounds(start + low)[0], dm.year_bounds(start + high)[1], EXPLICIT


def _h_quarter(m: re.Match[str], ctx: Context) -> Interval | None:
    """'the fourth quarter of 2004', 'Q3 2019': three calendar months."""
    index = lx.data()["quarters"].get(m["q"].lower(), 4)
    year = int(m["year"])
    return dm.month_bounds(year, 3 * index - 2)[0], dm.month_bounds(year, 3 * index)[1], EXPLICIT


def _h_nth(m: re.Match[str], ctx: Context) -> Interval | None:
    """'on the 25th': this month's 25th if not after the reference, else last month's."""
    ref = ctx.reference
    if ref is None:
        return None
    number = int(m["day"])
    year, month = ref.year, ref.month
    ahead = number > ref.day
    if ahead != ctx.future:
        year, month = dm.add_months(year, month, 1 if ctx.future else -1)
    d = dm.safe_date(year, month, number)
    return (d, d, RELATIVE) if d else None


# --------------------------------------------------------------------------- ranges, holidays, seasons


def _h_date_range(m: re.Match[str], ctx: Context) -> Interval | None:
    """'Dec 28 - Jan 3', 'between 28 December and 3 January 2005': the end's year, the start's before it."""
    m1, m2 = lx.month_number(m["month"]), lx.month_number(m["month2"])
    d1, d2 = int(m["day"]), int(m["day2"])
    y1 = int(m["year"]) if m["year"] else None
    y2 = int(m["year2"]) if m["year2"] else None
    wrap = (m2, d2) < (m1, d1)
    if y2 is None and y1 is not None:
        y2 = y1 + 1 if wrap else y1
    if y2 is None:
        if ctx.reference is None:
            return None
        inferred = dm.infer_year(m2, d2, ctx.reference, None, ctx.future)
        if inferred is None:
            return None
        y2 = inferred.year
    first, last = dm.safe_date(y1 or (y2 - 1 if wrap else y2), m1, d1), dm.safe_date(y2, m2, d2)
    if first is None or last is None or last < first or (last - first).days > 366:
        return None
    return first, last, EXPLICIT if m["year"] or m["year2"] else RELATIVE


def _h_day_of_weekend(m: re.Match[str], ctx: Context) -> Interval | None:
    """A date, or 'the weekend of' a date: a single day widens to its Saturday-Sunday."""
    got = _h_month_day(m, ctx)
    if got is None or not m.groupdict().get("wkd") or got[0] != got[1]:
        return got
    day = got[0]
    if day.weekday() < 4:
        return got
    saturday = dm.shift(day, 5 - day.weekday())
    return min(day, saturday), dm.shift(saturday, 1), got[2]


@functools.cache
def holidays() -> Mapping[str, tuple[int | None, int | None, int | None, bool]]:
    """Holiday name (lower case, plain apostrophe) -> (month, day, easter offset, standalone)."""
    return MappingProxyType({h["name"]: (h.get("month"), h.get("day"), h.get("easter_offset"), h["standalone"])
                             for h in lx.data()["holidays"]})


def _holiday_date(name: str, year: int) -> dt.date | None:
    month, day, offset, _ = holidays()[name]
    if offset is not None:
        return dm.shift(lx.easter(year), offset) if 1583 <= year <= 9999 else None
    return dm.safe_date(year, month or 1, day or 1)


def _h_holiday(m: re.Match[str], ctx: Context) -> Interval | None:
    """'Christmas 2004', 'on New Year's Eve': a bare weak name ('Christmas') needs a year or a preposition."""
    name = " ".join(m["hol"].lower().replace("’", "'").split())
    if not (m["year"] or m["hprep"] or holidays()[name][3]):
        return None
    if m["year"]:
        day = _holiday_date(name, int(m["year"]))
        return (day, day, EXPLICIT) if day else None
    if ctx.reference is None:
        return None
    years = range(max(1583, ctx.reference.year - 1), min(9999, ctx.reference.year + 1) + 1)
    candidates = [d for y in years if (d := _holiday_date(name, y)) is not None]
    day = dm.nearest(candidates, ctx.reference, ctx.future)
    return (day, day, RELATIVE) if day else None


def season_bounds(name: str, year: int) -> tuple[dt.date, dt.date]:
    """A northern-hemisphere meteorological season of ``year`` (winter runs into the next year)."""
    first, last = lx.data()["seasons"][name.lower()]
    end_year = year + 1 if last < first else year
    return dm.month_bounds(year, first)[0], dm.month_bounds(end_year, last)[1]


def _h_season(m: re.Match[str], ctx: Context) -> Interval | None:
    return (*season_bounds(m["season"], int(m["year"])), EXPLICIT)


def _h_months_of(m: re.Match[str], ctx: Context) -> Interval | None:
    """'the first three months of 2004', 'the final six months of 2019'."""
    count = lx.count(m["n"])
    if count is None or not 1 <= count <= 12 or count != int(count):
        return None
    year, n = int(m["year"]), int(count)
    low, high = (1, n) if m["which"].lower() in ("first", "opening") else (13 - n, 12)
    return dm.month_bounds(year, low)[0], dm.month_bounds(year, high)[1], EXPLICIT
