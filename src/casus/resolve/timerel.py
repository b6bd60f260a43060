"""Handlers of relative time expressions: resolved against the reference (publication) date.

Conventions (news usage): a bare weekday is the last such day on or before the reference; "last
week" is the previous Monday-Sunday week; "a week ago" is the reference minus 7 days with a day
of slack; "in the past few days" is the week up to the reference. All return None without one.
"""

from __future__ import annotations

import datetime as dt
import re

from casus.resolve import datemath as dm
from casus.resolve import timelex as lx
from casus.resolve.timelex import PUBLISHED, RELATIVE
from casus.resolve.timerules import Context, Interval, season_bounds

_UNIT_DAYS = {"hour": 1 / 24, "day": 1, "week": 7}
_UNIT_MONTHS = {"month": 1, "year": 12, "decade": 120}


def _unit(text: str) -> str:
    return text.lower().rstrip("s")


def _back(ref: dt.date, amount: float, unit: str) -> dt.date:
    """The reference moved back ``amount`` units (months by the calendar)."""
    if unit in _UNIT_MONTHS:
        return dm.months_before(ref, round(amount * _UNIT_MONTHS[unit]))
    return dm.shift(ref, -max(1, round(amount * _UNIT_DAYS[unit])))


def _forward(ref: dt.date, amount: float, unit: str) -> dt.date:
    if unit in _UNIT_MONTHS:
        return dm.months_before(ref, -round(amount * _UNIT_MONTHS[unit]))
    return dm.shift(ref, max(1, round(amount * _UNIT_DAYS[unit])))


def h_today(m: re.Match[str], ctx: Context) -> Interval | None:
    ref = ctx.reference
    return (ref, ref, PUBLISHED) if ref else None


def h_yesterday(m: re.Match[str], ctx: Context) -> Interval | None:
    if ctx.reference is None:
        return None
    d = dm.shift(ctx.reference, -2 if "before" in m[0].lower() else -1)
    return d, d, RELATIVE


def h_tomorrow(m: re.Match[str], ctx: Context) -> Interval | None:
    if ctx.reference is None:
        return None
    d = dm.shift(ctx.reference, 2 if "after" in m[0].lower() else 1)
    return d, d, RELATIVE


def _period(ref: dt.date, unit: str, offset: int) -> tuple[dt.date, dt.date]:
    """The week/month/year holding the reference, moved by ``offset`` periods."""
    if unit == "week":
        monday = dm.shift(dm.week_bounds(ref)[0], 7 * offset)
        return monday, dm.shift(monday, 6)
    if unit == "month":
        return dm.month_bounds(*dm.add_months(ref.year, ref.month, offset))
    return dm.year_bounds(ref.year + offset)


def _weekend(ref: dt.date, rel: str) -> tuple[dt.date, dt.date]:
    if rel == "last":
        return dm.previous_weekend(ref)
    if rel == "next":
        return dm.coming_weekend(dm.shift(dm.week_bounds(ref)[1], 1))
    return dm.coming_weekend(ref)


def h_rel_unit(m: re.Match[str], ctx: Context) -> Interval | None:
    """last/this/next week|weekend|month|year, optionally 'earlier'/'later' this one."""
    ref = ctx.reference
    if ref is None:
        return None
    rel, unit = m["rel"].lower(), _unit(m["unit"])
    if unit == "weekend":
        first, last = _weekend(ref, rel)
    else:
        first, last = _period(ref, unit, {"last": -1, "this": 0, "next": 1}[rel])
    pre = (m["pre"] or "").lower()
    if pre == "earlier" and first <= ref <= last:
        last = ref
    elif pre == "later" and first <= ref <= last:
        first = ref
    return first, last, RELATIVE


def h_weekend(m: re.Match[str], ctx: Context) -> Interval | None:
    """'over the weekend', 'this past weekend': the weekend we are in or the one before."""
    if ctx.reference is None:
        return None
    pick = dm.coming_weekend if ctx.future else dm.recent_weekend
    return (*pick(ctx.reference), RELATIVE)


def h_ago(m: re.Match[str], ctx: Context) -> Interval | None:
    """'N units ago': the point N units back, with slack growing with the unit."""
    amount, unit = lx.count(m["n"]), _unit(m["unit"])
    if ctx.reference is None or amount is None or amount > 10_000:
        return None
    centre = _back(ctx.reference, amount, unit)
    slack = {"day": 0, "week": max(1, round(amount)), "month": min(15, 7 * round(amount))}.get(unit, 30)
    if unit == "day" and m["n"].lower().split()[-1] in ("few", "several"):
        slack = 2
    return dm.shift(centre, -slack), dm.shift(centre, slack), RELATIVE


def h_past_n(m: re.Match[str], ctx: Context) -> Interval | None:
    """'(in) the past/last/next/coming (N|few) units': from/to the reference."""
    unit = _unit(m["unit"])
    rel = m["rel"].lower()
    if ctx.reference is None or (unit == "day" and m["n"] is None and rel in ("next", "last")):
        return None  # 'the next day' narrates; it is not relative to publication
    amount = _past_amount(m["n"], unit, plural=m[0].lower().endswith("s"))
    if amount is None or amount > 10_000:
        return None
    ref = ctx.reference
    if rel in ("next", "coming"):
        return ref, _forward(ref, amount, unit), RELATIVE
    return _back(ref, amount, unit), ref, RELATIVE


def _past_amount(n: str | None, unit: str, plural: bool) -> float | None:
    """Units spanned: 'few days' and bare 'days' a week, 'few weeks' three weeks, none given one."""
    vague = n is None or n.lower().split()[-1] in ("few", "several")
    if vague and (plural or n is not None):
        return 7.0 if unit == "day" else 3.0
    return lx.count(n) if n else 1.0


def h_recent(m: re.Match[str], ctx: Context) -> Interval | None:
    """'recently' is the month before the reference; 'in recent weeks' four weeks, and so on."""
    ref = ctx.reference
    if ref is None:
        return None
    unit = _unit(m["unit"]) if m["unit"] else "recently"
    first = {"day": dm.shift(ref, -7), "week": dm.shift(ref, -28), "month": dm.months_before(ref, 4),
             "year": dm.months_before(ref, 48)}.get(unit, dm.shift(ref, -30))
    return first, ref, RELATIVE


def h_weekday(m: re.Match[str], ctx: Context) -> Interval | None:
    ref = ctx.reference
    if ref is None:
        return None
    wd, rel = lx.weekday_number(m["wd"]), (m["rel"] or "").lower()
    if rel in ("last", "past"):
        d = dm.weekday_before(ref, wd)
    elif rel in ("next", "coming"):
        d = dm.weekday_after(ref, wd)
    elif ctx.future:
        d = dm.weekday_on_or_after(ref, wd)
    else:
        d = dm.weekday_on_or_before(ref, wd)
    return d, d, RELATIVE


def h_period_part(m: re.Match[str], ctx: Context) -> Interval | None:
    """'the end of the month', 'the beginning of this year': part of the current period."""
    ref = ctx.reference
    if ref is None:
        return None
    unit, key = _unit(m["unit"]), lx.part_key(m["part"]) or "mid"
    first, last = _period(ref, unit, 0)
    if unit == "week":
        low, high = {"early": (0, 1), "mid": (2, 4), "late": (4, 6)}.get(key, (0, 6))
        return dm.shift(first, low), dm.shift(first, high), RELATIVE
    if unit == "month":
        low, high = lx.parts("month_parts")[key]
        return dm.shift(first, low - 1), min(last, dm.shift(first, high - 1)), RELATIVE
    low, high = lx.parts("year_parts")[key]
    return dm.month_bounds(first.year, low)[0], dm.month_bounds(first.year, high)[1], RELATIVE


def h_day_shift(m: re.Match[str], ctx: Context) -> Interval | None:
    """'the next day', 'two days later': counted from the sentence's previous single day, else None."""
    if ctx.previous is None:
        return None
    base, basis = ctx.previous
    if m["shift"]:
        days = lx.data()["day_shifts"][" ".join(m["shift"].lower().split())]
    else:
        amount = lx.count(m["n"])
        if amount is None or amount > 1000 or amount != int(amount):
            return None
        sign = 1 if m["dir"].lower() in ("later", "after") else -1
        days = sign * int(amount) * (7 if m["unit"].lower().startswith("week") else 1)
    d = dm.shift(base, days)
    return d, d, basis


def h_season_rel(m: re.Match[str], ctx: Context) -> Interval | None:
    """'last summer', 'this winter', 'next spring' against the reference."""
    ref = ctx.reference
    if ref is None:
        return None
    rel, name = m["rel"].lower(), m["season"]
    seasons = [season_bounds(name, y) for y in range(max(1, ref.year - 2), min(9998, ref.year + 1) + 1)]
    if rel in ("last", "past"):
        pick = [s for s in seasons if s[1] < ref][-1:]
    elif rel in ("next", "coming"):
        pick = [s for s in seasons if s[0] > ref][:1]
    else:
        pick = [s for s in seasons if s[0] <= ref <= s[1]] or [season_bounds(name, ref.year)]
    return (*pick[0], RELATIVE) if pick else None
