"""What a cluster says as one happening: its best date interval, type, actors, status and intensity.

The date is what all mentions allow (the intersection of their intervals); when they conflict it is
their hull, flagged. Mentions dated only by their publication date count only when no mention has a
date of its own. Type, actors and status are the majority of the mentions, ties broken by certainty.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from statistics import median
from typing import Any

from casus.link.lexicon import intensities
from casus.records import Event

CERTAINTY_RANK = {"asserted": 0, "reported": 1, "estimated": 2, "alleged": 3}
STATUS_ORDER = ("occurred", "ongoing", "planned", "hypothetical", "denied")


@dataclass(frozen=True, slots=True)
class Summary:
    """One cluster as one happening."""

    start: str | None
    end: str | None
    date_basis: str | None  # intersection | hull | published | None
    type: str
    source: tuple[str | None, str | None]  # (code, name)
    target: tuple[str | None, str | None]
    status: str
    certainty: str
    intensity: float


def best_interval(members: list[Event]) -> tuple[str | None, str | None, str | None]:
    """(start, end, basis): the intersection of the mentions' intervals, else their hull."""
    own = [e.date for e in members if e.date and e.date.basis != "published" and e.date.first and e.date.last]
    weak = [e.date for e in members if e.date and e.date.basis == "published" and e.date.first and e.date.last]
    dates = own or weak
    if not dates:
        return None, None, None
    lo, hi = max(d.first[:10] for d in dates), min(d.last[:10] for d in dates)
    if lo <= hi:
        return lo, hi, "intersection" if own else "published"
    return min(d.first[:10] for d in dates), max(d.last[:10] for d in dates), "hull"


def _majority(values: list[str], rank: dict[str, int] | None = None) -> str:
    counts = Counter(values)
    return min(counts, key=lambda v: (-counts[v], (rank or {}).get(v, 99), v))


def _actor(members: list[Event], role: str) -> tuple[str | None, str | None]:
    actors = [getattr(e, role) for e in members if getattr(e, role) is not None]
    codes = [a.code for a in actors if a.code]
    if not codes:
        names = [a.name for a in actors if a.name]
        return None, _majority(names) if names else None
    code = _majority(codes)
    return code, _majority([a.name for a in actors if a.code == code and a.name] or [code])


def _status(members: list[Event]) -> tuple[str, str]:
    """Majority status; a tie goes to the status asserted most firmly."""
    counts = Counter(e.status for e in members)
    best_certainty = {s: min(CERTAINTY_RANK.get(e.certainty, 9) for e in members if e.status == s) for s in counts}
    order = {s: i for i, s in enumerate(STATUS_ORDER)}
    status = min(counts, key=lambda s: (-counts[s], best_certainty[s], order.get(s, 9), s))
    certainty = _majority([e.certainty for e in members if e.status == status], CERTAINTY_RANK)
    return status, certainty


def summarise(members: list[Event]) -> Summary:
    type_ = _majority([e.type for e in members])
    given = [e.intensity for e in members if e.type == type_ and e.intensity is not None]
    intensity = float(median(given)) if given else intensities().by_type.get(type_, 0.0)
    start, end, basis = best_interval(members)
    status, certainty = _status(members)
    return Summary(start, end, basis, type_, _actor(members, "source"), _actor(members, "target"),
                   status, certainty, intensity)


def timeline_row(cluster: str, s: Summary, mentions: int, origins: int, kinds: list[str]) -> dict[str, Any]:
    """One timeline.jsonl line."""
    return {
        "cluster": cluster, "start": s.start, "end": s.end, "date_basis": s.date_basis,
        "date_conflict": s.date_basis == "hull" or "date" in kinds, "type": s.type,
        "source": {"code": s.source[0], "name": s.source[1]}, "target": {"code": s.target[0], "name": s.target[1]},
        "status": s.status, "certainty": s.certainty, "intensity": s.intensity, "mentions": mentions,
        "corroboration": origins, "contradictions": sorted(set(kinds)),
    }
