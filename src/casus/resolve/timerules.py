"""English time rules: regex patterns over the text, each with a handler giving an inclusive interval.

``scan_times(text)`` finds the spans (no reference date needed, so quantities can avoid them);
``TimeSpan.resolve(context)`` turns one into ``(first, last, basis)`` against a reference date.
Relative expressions resolve to None without a reference. Rules cover what dateparser misses
(weekends, "a week ago" with slack, "in the past few days", decades, parts of months...).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from casus.resolve import datemath as dm
from casus.resolve import timelex as lx
from casus.resolve.timelex import EXPLICIT, RELATIVE

Interval = tuple[dt.date, dt.date, str]


@dataclass(frozen=True, slots=True)
class Context:
    """What a relative expression is resolved against."""

    reference: dt.date | None
    future: bool = False  # the clause speaks of something planned ("will meet on Tuesday")


Handler = Callable[[re.Match[str], Context], Interval | None]


@dataclass(frozen=True, slots=True)
class Rule:
    """A pattern, its handler, and word sets of which the text must hit each (a cheap pre-check)."""

    name: str
    pattern: re.Pattern[str]
    handler: Handler
    triggers: tuple[frozenset[str], ...] = ()

    def may_match(self, words: frozenset[str]) -> bool:
        return all(not words.isdisjoint(t) for t in self.triggers)


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
    low, high = lx.MONTH_PARTS[lx.part_key(m["part"]) or "mid"]
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
    y1, y2 = int(m["year"]), m["y2"]
    end = int(y2) if len(y2) == 4 else y1 // 100 * 100 + int(y2)
    if end <= y1:
        return None
    return dm.year_bounds(y1)[0], dm.year_bounds(end)[1], EXPLICIT


def _h_year_part(m: re.Match[str], ctx: Context) -> Interval | None:
    year = int(m["year"])
    low, high = lx.YEAR_PARTS[lx.part_key(m["part"]) or "mid"]
    return dm.month_bounds(year, low)[0], dm.month_bounds(year, high)[1], EXPLICIT


def _h_decade(m: re.Match[str], ctx: Context) -> Interval | None:
    if m["dec"]:
        start = int(m["dec"])
    else:
        short = int(m["dec2"])
        start = (1900 if short >= 30 else 2000) + short
    key = lx.part_key(m["part"])
    low, high = lx.DECADE_PARTS[key] if key else (0, 9)
    return dm.year_bounds(start + low)[0], dm.year_bounds(start + high)[1], EXPLICIT


def _h_quarter(m: re.Match[str], ctx: Context) -> Interval | None:
    """'the fourth quarter of 2004', 'Q3 2019': three calendar months."""
    q = m["q"].lower()
    index = {"first": 1, "1st": 1, "q1": 1, "second": 2, "2nd": 2, "q2": 2, "third": 3, "3rd": 3, "q3": 3}.get(q, 4)
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
