"""Escalation index per directed dyad, per day and per ISO week, counted on clusters (happenings).

A cluster contributes ``-intensity * log2(1 + origins) * discount(status)``: conflict (negative
PLOVER intensity) raises the index, cooperation lowers it; a happening reported by more independent
origins weighs more; a planned one half, a hypothetical one a quarter, a denied one nothing. The
contribution is spread evenly over the days of the cluster's date interval (the last year of it at
most); an undated cluster sits on its earliest publication date. Weeks sum their days.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from casus.link.lexicon import intensities

MAX_DAYS = 366


@dataclass(frozen=True, slots=True)
class Happening:
    """What the index needs of one cluster."""

    cluster: str
    source: str | None
    target: str | None
    start: str | None
    end: str | None
    published: str | None
    intensity: float
    status: str
    origins: int


def weight(h: Happening) -> float:
    """The cluster's signed contribution: positive for conflict, negative for cooperation."""
    discount = intensities().status_discount.get(h.status, 1.0)
    return -h.intensity * math.log2(1 + max(h.origins, 1)) * discount


def days_of(h: Happening) -> list[date]:
    """The days the contribution is spread over."""
    if h.start and h.end:
        first, last = date.fromisoformat(h.start[:10]), date.fromisoformat(h.end[:10])
    elif h.published:
        first = last = date.fromisoformat(h.published[:10])
    else:
        return []
    first = max(first, last - timedelta(days=MAX_DAYS - 1))
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def _row(dyad: tuple[str, str], period: str, start: date, end: date, value: float, ids: set[str]) -> dict[str, Any]:
    return {"dyad": f"{dyad[0]}->{dyad[1]}", "source": dyad[0], "target": dyad[1], "period": period,
            "start": start.isoformat(), "end": end.isoformat(), "index": round(value, 4),
            "clusters": " ".join(sorted(ids))}


def escalation_rows(happenings: list[Happening]) -> list[dict[str, Any]]:
    """Rows of escalation.csv, sorted by dyad, period and start."""
    day_value: dict[tuple[tuple[str, str], date], float] = defaultdict(float)
    day_ids: dict[tuple[tuple[str, str], date], set[str]] = defaultdict(set)
    for h in sorted(happenings, key=lambda x: x.cluster):
        if not h.source or not h.target or h.source == h.target:
            continue
        days = days_of(h)
        for d in days:
            day_value[((h.source, h.target), d)] += weight(h) / len(days)
            day_ids[((h.source, h.target), d)].add(h.cluster)
    week_value: dict[tuple[tuple[str, str], date], float] = defaultdict(float)
    week_ids: dict[tuple[tuple[str, str], date], set[str]] = defaultdict(set)
    for (dyad, d), value in sorted(day_value.items()):
        monday = d - timedelta(days=d.weekday())
        week_value[(dyad, monday)] += value
        week_ids[(dyad, monday)] |= day_ids[(dyad, d)]
    rows = [_row(dyad, "day", d, d, v, day_ids[(dyad, d)]) for (dyad, d), v in sorted(day_value.items())]
    rows += [_row(dyad, "week", m, m + timedelta(days=6), v, week_ids[(dyad, m)])
             for (dyad, m), v in sorted(week_value.items())]
    return sorted(rows, key=lambda r: (r["dyad"], r["period"], r["start"]))
