"""Observations of one aircraft's samples: ground phases, take-offs and landings at airports,
transponder gaps, and the flight (first to last airborne sample) with its detour ratio.

The ground state is the ``onground`` flag where the file has one; else ground speed below a taxi
speed; else unknown (airborne). Phases shorter than a few samples and seconds are noise (ADS-B
on-ground flags flicker) and are merged into their neighbours. Where a track starts or ends in the
air but low and near an airport, the take-off or landing is inferred (``basis=inferred``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from itertools import pairwise

from casus.tracks.geo import Airport, haversine_km, nearest_airport, touchdown_airport
from casus.tracks.samples import Sample


@dataclass(frozen=True, slots=True)
class TrackParams:
    """Detection thresholds (docs/tracks.md explains each)."""

    taxi_speed_kt: float = 40.0
    min_phase_samples: int = 3
    min_phase_s: float = 30.0
    airport_km: float = 6.0
    inferred_airport_km: float = 12.0
    low_alt_ft: float = 2500.0
    approach_s: float = 120.0
    gap_s: float = 600.0
    split_gap_s: float = 4 * 3600.0
    orbit_box_km: float = 60.0
    orbit_turn_deg: float = 720.0
    loiter_box_km: float = 150.0
    loiter_s: float = 45 * 60.0
    loiter_airport_km: float = 25.0
    detour_ratio: float = 1.5
    detour_min_km: float = 100.0
    route_points: int = 24


@dataclass(slots=True)
class Obs:
    """One observation before it becomes a log line: ``i0``/``i1`` index the aircraft's samples."""

    kind: str
    i0: int
    i1: int
    place: list[tuple[str, str | None]] = field(default_factory=list)
    details: list[tuple[str, str | None]] = field(default_factory=list)
    t0: float | None = None  # defaults to the samples' times
    t1: float | None = None


def ground_flags(samples: list[Sample], params: TrackParams) -> list[bool]:
    """Per sample: on the ground? Unknown states take the previous known one (airborne at first)."""
    flags: list[bool] = []
    for s in samples:
        state = s.ground if s.ground is not None else (s.gs < params.taxi_speed_kt if s.gs is not None else None)
        flags.append(state if state is not None else (flags[-1] if flags else False))
    return flags


def phases(samples: list[Sample], params: TrackParams) -> list[tuple[bool, int, int]]:
    """Runs of one ground state as (ground, first, last) indices; a run of few samples that lasts only seconds
    until the next run is a flicker, merged away (a run at the end is kept: the receiver lost the aircraft)."""
    runs: list[tuple[bool, int, int]] = []
    for i, g in enumerate(ground_flags(samples, params)):
        if runs and runs[-1][0] == g:
            runs[-1] = (g, runs[-1][1], i)
        else:
            runs.append((g, i, i))
    merged: list[tuple[bool, int, int]] = []
    for n, (g, a, b) in enumerate(runs):
        lasted = samples[runs[n + 1][1]].t - samples[a].t if n + 1 < len(runs) else math.inf
        short = b - a + 1 < params.min_phase_samples and lasted < params.min_phase_s
        if merged and (short or merged[-1][0] == g):
            merged[-1] = (merged[-1][0], merged[-1][1], b)
        else:
            merged.append((g, a, b))
    return merged


def segments(samples: list[Sample], params: TrackParams) -> list[tuple[int, int, bool, bool]]:
    """Airborne stretches as (first, last, after_ground, before_ground): a stretch is split where
    no sample came for ``split_gap_s`` (another flight may have happened unseen)."""
    out: list[tuple[int, int, bool, bool]] = []
    runs = phases(samples, params)
    for n, (g, a, b) in enumerate(runs):
        if g:
            continue
        cuts = [i for i in range(a, b) if samples[i + 1].t - samples[i].t > params.split_gap_s]
        bounds = list(zip([a, *(c + 1 for c in cuts)], [*cuts, b], strict=True))
        for k, (x, y) in enumerate(bounds):
            after = k == 0 and n > 0 and samples[x].t - samples[x - 1].t <= params.split_gap_s
            before = (k == len(bounds) - 1 and n + 1 < len(runs)
                      and samples[y + 1].t - samples[y].t <= params.split_gap_s)
            out.append((x, y, after, before))
    return out


def airport_fields(airport: Airport | None, lat: float, lon: float) -> list[tuple[str, str | None]]:
    base = [("airport", airport.icao), ("name", airport.name), ("city", airport.city or None),
            ("in", airport.country or None)] if airport else [("airport", "unknown")]
    return [*base, ("lat", f"{lat:.4f}"), ("lon", f"{lon:.4f}")]


def landing(samples: list[Sample], last_air: int, params: TrackParams) -> Obs:
    """Touchdown between the last airborne and the first ground sample; the airport holds that point."""
    td = samples[last_air + 1]
    airport = touchdown_airport(td.lat, td.lon, params.airport_km)
    first = last_air
    while first > 0 and td.t - samples[first - 1].t <= params.approach_s:
        first -= 1
    return Obs("LANDING", first, last_air + 1, airport_fields(airport, td.lat, td.lon), [("basis", "ground-state")])


def takeoff(samples: list[Sample], first_air: int, params: TrackParams) -> Obs:
    lift = samples[first_air - 1]
    airport = touchdown_airport(lift.lat, lift.lon, params.airport_km)
    last = first_air
    while last + 1 < len(samples) and samples[last + 1].t - lift.t <= params.approach_s:
        last += 1
    return Obs("TAKEOFF", first_air - 1, last, airport_fields(airport, lift.lat, lift.lon), [("basis", "ground-state")])


def low_near_airport(s: Sample, params: TrackParams) -> Airport | None:
    """The airport a low sample is near, when the aircraft is within ``low_alt_ft`` above it."""
    airport = touchdown_airport(s.lat, s.lon, params.inferred_airport_km)
    if airport is None or s.alt is None or s.alt - airport.elevation_ft > params.low_alt_ft:
        return None
    return airport


def vertical_trend(earlier: Sample, later: Sample) -> float:
    """Feet climbed (+) or descended (-) from one sample to a later one; 0 when unknown."""
    return later.alt - earlier.alt if later.alt is not None and earlier.alt is not None else 0.0


def inferred_end(samples: list[Sample], a: int, b: int, params: TrackParams, at_start: bool) -> Obs | None:
    """A take-off at a stretch's first sample (a landing at its last) when the aircraft is low near
    an airport and climbing (descending) there."""
    i = a if at_start else b
    s = samples[i]
    trend = vertical_trend(s, samples[min(b, a + 5)]) if at_start else vertical_trend(samples[max(a, b - 5)], s)
    rate = s.vr or 0.0
    moving = rate > 0 or trend > 0 if at_start else rate < 0 or trend < 0
    airport = low_near_airport(s, params)
    if airport is None or not moving:
        return None
    kind = "TAKEOFF" if at_start else "LANDING"
    return Obs(kind, i, i, airport_fields(airport, s.lat, s.lon), [("basis", "inferred")])


def ground_events(samples: list[Sample], seg: tuple[int, int, bool, bool], params: TrackParams) -> list[Obs]:
    """The take-off that starts an airborne stretch and the landing that ends it, where seen or inferred."""
    a, b, after, before = seg
    start = takeoff(samples, a, params) if after else inferred_end(samples, a, b, params, at_start=True)
    end = landing(samples, b, params) if before else inferred_end(samples, a, b, params, at_start=False)
    return [o for o in (start, end) if o is not None]


def gaps(samples: list[Sample], a: int, b: int, params: TrackParams) -> list[Obs]:
    """Stretches with no sample for ``gap_s`` while airborne: the transponder dark, or no coverage.
    Gaps separated by a single sample (a lone position over an ocean) are one gap."""
    spans: list[tuple[int, int]] = []
    for i in range(a, b):
        if samples[i + 1].t - samples[i].t > params.gap_s:
            spans[-1:] = [(spans[-1][0], i + 1)] if spans and spans[-1][1] == i else [*spans[-1:], (i, i + 1)]
    return [gap_obs(samples, i, j) for i, j in spans]


def gap_obs(samples: list[Sample], i: int, j: int) -> Obs:
    p, q = samples[i], samples[j]
    mid_lat, mid_lon = (p.lat + q.lat) / 2, (p.lon + q.lon) / 2
    return Obs("GAP", i, j, [("lat", f"{mid_lat:.4f}"), ("lon", f"{mid_lon:.4f}"), *near_fields(mid_lat, mid_lon)],
               [("gap_min", f"{(q.t - p.t) / 60:.1f}"), ("jump_km", f"{haversine_km(p.lat, p.lon, q.lat, q.lon):.1f}")])


def near_fields(lat: float, lon: float) -> list[tuple[str, str | None]]:
    """The nearest airport to a point off airports: where it is, said as 'near ICAO, distance'."""
    found = nearest_airport(lat, lon)
    if not found:
        return []
    dist, airport = found
    return [("near", airport.icao), ("name", airport.name), ("in", airport.country or None), ("dist_km", f"{dist:.1f}")]


def flown_km(samples: list[Sample], a: int, b: int) -> float:
    pts = samples[a:b + 1]
    return sum(haversine_km(p.lat, p.lon, q.lat, q.lon) for p, q in pairwise(pts))


def route(samples: list[Sample], a: int, b: int, points: int) -> str:
    """A thinned polyline of the stretch (evenly spaced samples) for maps: 'lat,lon;lat,lon;...'."""
    step = max(1, (b - a) // max(1, points - 1))
    idx = [*range(a, b, step), b]
    return ";".join(f"{samples[i].lat:.3f},{samples[i].lon:.3f}" for i in dict.fromkeys(idx))


def flight(samples: list[Sample], a: int, b: int, ends: list[Obs], params: TrackParams) -> list[Obs]:
    """The FLIGHT summary of an airborne stretch, and a DETOUR when it flew far more than the direct way."""
    frm = next((dict(o.place).get("airport") for o in ends if o.kind == "TAKEOFF"), None)
    to = next((dict(o.place).get("airport") for o in ends if o.kind == "LANDING"), None)
    p, q = samples[a], samples[b]
    flown, direct = flown_km(samples, a, b), haversine_km(p.lat, p.lon, q.lat, q.lon)
    ratio = flown / direct if direct >= params.detour_min_km else None
    details = [("from", frm or "first-seen"), ("to", to or "last-seen"), ("flown_km", f"{flown:.0f}"),
               ("direct_km", f"{direct:.0f}"), ("ratio", f"{ratio:.2f}" if ratio else None)]
    out = [Obs("FLIGHT", a, b, [], [*details, ("route", route(samples, a, b, params.route_points))])]
    if ratio and ratio > params.detour_ratio:
        out.append(Obs("DETOUR", a, b, [("lat", f"{q.lat:.4f}"), ("lon", f"{q.lon:.4f}")], details))
    return out
