"""Pairwise evidence that two event mentions report one happening.

A pair is either *incompatible* (a hard conflict: never in one cluster) or gets a score: type and
actor agreement give a small prior that can never reach the threshold alone, so two mentions merge
only on positive evidence — overlapping dates, the same place, the same equipment, shared words.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from casus.link.features import Mention, PlaceKey, country_wide
from casus.link.lexicon import type_table
from casus.link.within import same_document_conflict

PLANNED = frozenset({"planned", "hypothetical"})
HAPPENED = frozenset({"occurred", "ongoing"})


@dataclass(frozen=True, slots=True)
class Weights:
    """The similarity's weights and limits (docs/linking.md explains each)."""

    threshold: float = 0.45
    same_type: float = 0.2
    actor: float = 0.1
    blame_mismatch: float = -0.1
    date_tight: float = 0.2
    date_wide: float = 0.1
    date_weak: float = 0.05
    date_near: float = -0.1
    tight_days: int = 7
    granularity_clash: float = -0.3
    period_days: int = 31
    max_gap_days: int = 2
    weak_gap_days: int = 14
    same_place: float = 0.2
    near_place: float = 0.1
    same_country: float = 0.05
    place_clash: float = -0.15
    place_km: float = 50.0
    registration: float = 0.6
    equipment: float = 0.3
    category: float = 0.1
    equipment_clash: float = 0.0
    words: float = 0.6
    containment: float = 0.7
    trigger: float = 0.15
    stage_mismatch: float = -0.2
    denial_answers: float = 0.1
    same_plan: float = 0.1
    same_origin: float = 0.1
    same_figure: float = 0.1
    figure_clash: float = -0.1
    anchor_gap_days: int = 60
    unanchored_margin: float = 0.05
    undated_window: int = 30


DEFAULT = Weights()


def gap_days(a: Mention, b: Mention) -> int | None:
    """Days between two date intervals (0 when they overlap); None when either is undated."""
    if a.first is None or b.first is None or a.last is None or b.last is None:
        return None
    return max(a.first - b.last, b.first - a.last, 0)


def _codes_clash(x: str | None, y: str | None) -> bool:
    return x is not None and y is not None and x != y


def incompatible(a: Mention, b: Mention, w: Weights = DEFAULT) -> bool:
    """A hard conflict: different types, targets, countries, or dates too far apart; or two types the
    extractor read in one stretch of text (one sentence coded twice holds two events); or two mentions
    of one document that its text does not tie together (``within.same_document_conflict``)."""
    table = type_table()
    if table.compatibility(a.type, b.type) == 0.0 or _codes_clash(a.target, b.target):
        return True
    if same_document_conflict(a, b):
        return True
    if a.doc_id == b.doc_id and a.type != b.type and a.span[0] < b.span[1] and b.span[0] < a.span[1]:
        return True
    if _codes_clash(a.source, b.source) and not {a.type, b.type} <= table.soft_source:
        return True
    if a.place and b.place and _codes_clash(a.place.country, b.place.country):
        return True
    if _codes_clash(a.source, b.source) and "denied" not in (a.status, b.status) and not _pinned_together(a, b, w):
        return True
    gap = gap_days(a, b)
    limit = w.weak_gap_days if (a.weak_date or b.weak_date) else w.max_gap_days
    if gap is not None:
        return gap > limit
    return _anchor_gap(a, b, w) > w.anchor_gap_days


def _anchor(m: Mention, w: Weights) -> tuple[int, int] | None:
    if m.first is not None and m.last is not None:
        return m.first, m.last
    return (m.published - w.undated_window, m.published) if m.published is not None else None


def _anchor_gap(a: Mention, b: Mention, w: Weights) -> int:
    """Days between the times two mentions can be about (own dates, else their publication window)."""
    x, y = _anchor(a, w), _anchor(b, w)
    if x is None or y is None:
        return 0
    return max(x[0] - y[1], y[0] - x[1], 0)


def _pinned_together(a: Mention, b: Mention, w: Weights) -> bool:
    """Same place, same casualty figure or same equipment: what lets two blames be one attack."""
    return _place_score(a, b, w) >= w.near_place or bool(a.figures & b.figures) or \
        bool(a.equipment & b.equipment or a.registrations & b.registrations)


def _actor_score(a: Mention, b: Mention, w: Weights) -> float:
    score = 0.0
    for x, y in ((a.source, b.source), (a.target, b.target)):
        if x is not None and x == y:
            score += w.actor
    if _codes_clash(a.source, b.source):
        score += w.blame_mismatch
    return score


def _date_score(a: Mention, b: Mention, w: Weights) -> float:
    gap = gap_days(a, b)
    if gap is None:
        return 0.0
    if a.weak_date or b.weak_date:
        return w.date_weak if gap == 0 else 0.0
    if gap > 0:
        return w.date_near
    spans = sorted((a.last - a.first, b.last - b.first))  # type: ignore[operator]
    if spans[0] < w.tight_days and spans[1] > w.period_days:
        return w.granularity_clash  # one day's event inside a months-long campaign: a part, not the whole
    return w.date_tight if spans[1] < w.tight_days else w.date_wide


def km(p: PlaceKey, q: PlaceKey) -> float | None:
    """Great-circle distance in km, None when either place has no coordinates."""
    if p.lat is None or p.lon is None or q.lat is None or q.lon is None:
        return None
    la1, la2 = math.radians(p.lat), math.radians(q.lat)
    dlat, dlon = la2 - la1, math.radians(q.lon - p.lon)
    h = math.sin(dlat / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin(dlon / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _place_score(a: Mention, b: Mention, w: Weights) -> float:
    """Same place, nearby, same country (one side country-wide), or two different places."""
    p, q = a.place, b.place
    if p is None or q is None:
        return 0.0
    if p.name and p.name == q.name:
        return w.same_place
    dist = km(p, q)
    if dist is not None and dist <= w.place_km:
        return w.near_place
    if country_wide(p) or country_wide(q) or p.name in q.name or q.name in p.name:
        return w.same_country if p.country and p.country == q.country else 0.0
    return w.place_clash


def _equipment_score(a: Mention, b: Mention, w: Weights) -> float:
    if a.registrations & b.registrations:
        return w.registration
    if a.equipment & b.equipment:
        return w.equipment
    if a.categories & b.categories:
        return w.category
    return w.equipment_clash if a.equipment and b.equipment else 0.0


def word_overlap(a: Mention, b: Mention, idf: dict[str, float], w: Weights = DEFAULT) -> float:
    """idf-weighted Jaccard of the evidence words (concepts merged), or the discounted containment of
    the shorter evidence in the longer (a terse denial inside a full report) when two words or more meet."""
    mass_a = a.mass or sum(idf.get(t, 1.0) for t in a.tokens)
    mass_b = b.mass or sum(idf.get(t, 1.0) for t in b.tokens)
    return overlap(a.tokens & b.tokens, mass_a, mass_b, idf, w)


def overlap(common: frozenset[str], mass_a: float, mass_b: float, idf: dict[str, float], w: Weights = DEFAULT
            ) -> float:
    """``word_overlap`` from the common words and the two masses."""
    if not common:
        return 0.0
    inter = sum(idf.get(t, 1.0) for t in common)
    jaccard = inter / max(mass_a + mass_b - inter, 1e-9)
    if len(common) < 2:
        return jaccard
    return max(jaccard, w.containment * inter / max(min(mass_a, mass_b), 1e-9))


def _report_score(a: Mention, b: Mention, w: Weights) -> float:
    """One original source behind both, and agreeing or clashing casualty figures."""
    total = w.same_origin if a.origin is not None and a.origin == b.origin else 0.0
    if a.figures and b.figures:
        if a.figures & b.figures:
            total += w.same_figure
        elif max(a.figures | b.figures) > 2 * min(a.figures | b.figures):
            total += w.figure_clash
    return total


def _status_score(a: Mention, b: Mention, w: Weights) -> float:
    """Planned vs happened are likely two stages; a denial presupposes a report it answers."""
    stages = {a.status, b.status}
    if stages & PLANNED and stages & HAPPENED:
        return w.stage_mismatch
    if stages <= PLANNED:
        return w.same_plan
    return w.denial_answers if "denied" in stages and stages & HAPPENED else 0.0


def _anchored(a: Mention, b: Mention, parts: tuple[float, float, float, float]) -> bool:
    """Evidence beyond type, status and trigger: an overlapping date, the place, equipment, a figure or
    origin in common, a shared word other than the trigger's, or a known actor in common when both are
    plans. An actor in common does not anchor two reports of what happened: one armed group attacks
    ships every week, and 'the Houthis struck a ship' twice is no evidence of one strike."""
    if any(p > 0 for p in parts) or (a.status in PLANNED and b.status in PLANNED and _actor_score(a, b, DEFAULT) > 0):
        return True
    return bool((a.tokens & b.tokens) - {a.trigger, b.trigger})


def score(a: Mention, b: Mention, idf: dict[str, float], w: Weights = DEFAULT) -> float:
    """Evidence that a and b are one happening (compare with ``w.threshold``); call on compatible pairs.
    A pair with no anchoring evidence (see ``_anchored``) stays below the threshold whatever else agrees."""
    parts = (_date_score(a, b, w), _place_score(a, b, w), _equipment_score(a, b, w), _report_score(a, b, w))
    total = w.same_type * type_table().compatibility(a.type, b.type) + _actor_score(a, b, w) + sum(parts)
    total += _status_score(a, b, w) + w.words * word_overlap(a, b, idf, w)
    if a.trigger is not None and a.trigger == b.trigger:
        total += w.trigger
    if not _anchored(a, b, parts):
        total = min(total, w.threshold - w.unanchored_margin)
    return round(total, 6)
