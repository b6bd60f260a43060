"""Calendar arithmetic for time normalisation: weeks, months, weekdays and year inference.

Every function is pure and total over valid dates: out-of-range results are clamped to the
``datetime.date`` limits instead of raising, because expressions like "9999 years ago" are text.
"""

from __future__ import annotations

import calendar
import datetime as dt

DAY = dt.timedelta(days=1)


def shift(day: dt.date, days: int) -> dt.date:
    """``day`` plus ``days`` days, clamped to the representable range."""
    ordinal = day.toordinal() + days
    return dt.date.fromordinal(min(max(ordinal, dt.date.min.toordinal()), dt.date.max.toordinal()))


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when the triple is not a calendar day (Feb 30, month 13)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    """First and last day of a month (year clamped to 1..9999)."""
    year = min(max(year, 1), 9999)
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    year = min(max(year, 1), 9999)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    """(year, month) moved by ``delta`` months."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day of month ``months`` earlier (clamped to the month's end)."""
    year, month = add_months(day.year, day.month, -months)
    if year < 1:
        return dt.date.min
    last = month_bounds(year, month)[1].day
    return dt.date(year, month, min(day.day, last))


def week_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    """The Monday-to-Sunday week holding ``day``."""
    monday = shift(day, -day.weekday())
    return monday, shift(monday, 6)


def previous_weekend(day: dt.date) -> tuple[dt.date, dt.date]:
    """The Saturday-Sunday before the week of ``day`` ("last weekend")."""
    monday = week_bounds(day)[0]
    return shift(monday, -2), shift(monday, -1)


def recent_weekend(day: dt.date) -> tuple[dt.date, dt.date]:
    """The weekend ``day`` is in, else the one before it ("over the weekend")."""
    if day.weekday() >= 5:
        saturday = shift(day, 5 - day.weekday())
        return saturday, shift(saturday, 1)
    return previous_weekend(day)


def coming_weekend(day: dt.date) -> tuple[dt.date, dt.date]:
    """The weekend ``day`` is in, else the next one ("this weekend")."""
    saturday = shift(day, 5 - day.weekday())
    return saturday, shift(saturday, 1)


def weekday_on_or_before(day: dt.date, weekday: int) -> dt.date:
    """The last ``weekday`` (0 = Monday) on or before ``day``: news "on Tuesday"."""
    return shift(day, -((day.weekday() - weekday) % 7))


def weekday_on_or_after(day: dt.date, weekday: int) -> dt.date:
    return shift(day, (weekday - day.weekday()) % 7)


def weekday_before(day: dt.date, weekday: int) -> dt.date:
    """The ``weekday`` strictly before ``day`` ("last Sunday")."""
    return shift(day, -((day.weekday() - weekday - 1) % 7) - 1)


def weekday_after(day: dt.date, weekday: int) -> dt.date:
    """The ``weekday`` strictly after ``day`` ("next Sunday")."""
    return shift(day, (weekday - day.weekday() - 1) % 7 + 1)


def infer_year(month: int, day: int, reference: dt.date, weekday: int | None = None,
               future: bool = False) -> dt.date | None:
    """The date of a day/month without year, chosen among the years around ``reference``.

    A weekday given with it ("Sunday, October 26") must match; otherwise the nearest date wins,
    past dates preferred (news reports what happened) unless ``future`` (planned events).
    """
    candidates = [d for y in (reference.year - 1, reference.year, reference.year + 1)
                  if (d := safe_date(y, month, day)) is not None and (weekday is None or d.weekday() == weekday)]
    if not candidates:
        return None
    return min(candidates, key=lambda d: _distance(d, reference, future))


def infer_month_year(month: int, reference: dt.date, future: bool = False) -> int:
    """The year of a bare month name ("in September"): its nearest occurrence, past preferred."""
    dates = [dt.date(y, month, 15) for y in (reference.year - 1, reference.year, reference.year + 1)
             if 1 <= y <= 9999]
    if reference.month == month:
        return reference.year
    return min(dates, key=lambda d: _distance(d, reference, future)).year


def _distance(day: dt.date, reference: dt.date, future: bool) -> int:
    """Days between, with the unlikely direction counting double."""
    delta = (day - reference).days
    ahead = delta > 0
    return abs(delta) * (2 if ahead != future else 1)


def nearest(candidates: list[dt.date], reference: dt.date, future: bool = False) -> dt.date | None:
    """The candidate closest to ``reference``, past ones preferred unless ``future``."""
    return min(candidates, key=lambda d: _distance(d, reference, future)) if candidates else None
