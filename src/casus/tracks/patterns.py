"""Patterns flown over one place: orbits (holding, calibration, surveillance racetracks), long loiters
far from airports, and transits of named regions.

Orbits and loiters use one sliding window over an airborne stretch: the longest run of samples ending
at each sample that fits inside a box of a given side. An orbit is a window whose net heading change
reaches ``orbit_turn_deg`` (two full turns); a loiter one that lasts ``loiter_s`` while its centre
lies more than ``loiter_airport_km`` from any airport (without a land mask, the stand-in for "over
water": docs/tracks.md says what that misses).
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable

from casus.tracks.detect import Obs, TrackParams, near_fields
from casus.tracks.geo import Region, bearing_deg, haversine_km, nearest_airport, region_at, regions, turn_deg
from casus.tracks.samples import Sample

MAX_TURN_GAP_S = 120.0  # past this, a heading change between two samples is unknown (could be a full turn)


def headings(samples: list[Sample], a: int, b: int) -> list[float]:
    """Cumulative signed heading change from sample ``a`` (unwrapped degrees), one value per sample."""
    out = [0.0]
    for i in range(a + 1, b + 1):
        p, q = samples[i - 1], samples[i]
        if q.t - p.t > MAX_TURN_GAP_S:
            out.append(out[-1])
            continue
        h1 = p.trk if p.trk is not None else bearing_deg(p.lat, p.lon, q.lat, q.lon)
        h2 = q.trk if q.trk is not None else bearing_deg(p.lat, p.lon, q.lat, q.lon)
        out.append(out[-1] + turn_deg(h1, h2))
    return out


class SlidingBox:
    """Min and max of latitude and (unwrapped) longitude over a sliding window, in O(1) amortised."""

    def __init__(self) -> None:
        self.q: list[deque[tuple[int, float]]] = [deque() for _ in range(4)]

    def push(self, i: int, lat: float, lon: float) -> None:
        for n, (value, sign) in enumerate(((lat, 1), (lat, -1), (lon, 1), (lon, -1))):
            q = self.q[n]
            while q and q[-1][1] * sign >= value * sign:
                q.pop()
            q.append((i, value))

    def drop_before(self, i: int) -> None:
        for q in self.q:
            while q and q[0][0] < i:
                q.popleft()

    def side_km(self) -> float:
        """The larger side of the window's box."""
        lat_min, lat_max, lon_min, lon_max = (q[0][1] for q in self.q)
        cos = math.cos(math.radians((lat_min + lat_max) / 2))
        return max((lat_max - lat_min) * 111.2, (lon_max - lon_min) * 111.2 * cos)


def unwrapped_lons(samples: list[Sample], a: int, b: int) -> list[float]:
    out = [samples[a].lon]
    for i in range(a + 1, b + 1):
        out.append(out[-1] + turn_deg(samples[i - 1].lon, samples[i].lon))
    return out


def windows(samples: list[Sample], a: int, b: int, side_km: float,
            accept: Callable[[int, int], bool]) -> list[tuple[int, int]]:
    """Merged spans [s, e] where the longest window ending at ``e`` that fits in the box is accepted."""
    box, lons, spans, s = SlidingBox(), unwrapped_lons(samples, a, b), [], a
    for e in range(a, b + 1):
        box.push(e, samples[e].lat, lons[e - a])
        while box.side_km() > side_km:
            s += 1
            box.drop_before(s)
        if accept(s, e):
            if spans and s <= spans[-1][1]:
                spans[-1] = (spans[-1][0], e)
            else:
                spans.append((s, e))
    return spans


def centre(samples: list[Sample], s: int, e: int) -> tuple[float, float, float]:
    """Mean position of a span and the largest distance of a sample from it (km)."""
    lat = sum(samples[i].lat for i in range(s, e + 1)) / (e - s + 1)
    lon = sum(samples[i].lon for i in range(s, e + 1)) / (e - s + 1)
    return lat, lon, max(haversine_km(lat, lon, samples[i].lat, samples[i].lon) for i in range(s, e + 1))


def place_fields(samples: list[Sample], s: int, e: int) -> list[tuple[str, str | None]]:
    lat, lon, radius = centre(samples, s, e)
    region = region_name(lat, lon)
    return [("lat", f"{lat:.4f}"), ("lon", f"{lon:.4f}"), ("radius_km", f"{radius:.1f}"),
            *near_fields(lat, lon), ("region", region)]


def region_name(lat: float, lon: float) -> str | None:
    region = region_at(lat, lon)
    return region.name if region else None


def orbits(samples: list[Sample], a: int, b: int, params: TrackParams) -> list[Obs]:
    """Repeated turns over one place: net heading change of two full turns inside the orbit box."""
    turns = headings(samples, a, b)
    spans = windows(samples, a, b, params.orbit_box_km,
                    lambda s, e: abs(turns[e - a] - turns[s - a]) >= params.orbit_turn_deg)
    return [Obs("ORBIT", s, e, place_fields(samples, s, e),
                [("turns", f"{abs(turns[e - a] - turns[s - a]) / 360:.1f}"),
                 ("duration_min", f"{(samples[e].t - samples[s].t) / 60:.0f}")]) for s, e in spans]


def loiters(samples: list[Sample], a: int, b: int, params: TrackParams) -> list[Obs]:
    """Long stays inside the loiter box whose centre is far from every airport."""
    spans = windows(samples, a, b, params.loiter_box_km,
                    lambda s, e: samples[e].t - samples[s].t >= params.loiter_s)
    out: list[Obs] = []
    for s, e in spans:
        lat, lon, _ = centre(samples, s, e)
        near = nearest_airport(lat, lon)
        if near is None or near[0] > params.loiter_airport_km:
            out.append(Obs("LOITER", s, e, place_fields(samples, s, e),
                           [("duration_min", f"{(samples[e].t - samples[s].t) / 60:.0f}")]))
    return out


def transits(samples: list[Sample], a: int, b: int) -> list[Obs]:
    """Passages through a named region: entered from outside and left again within the stretch."""
    lat_lo, lat_hi = min(s.lat for s in samples[a:b + 1]), max(s.lat for s in samples[a:b + 1])
    lon_lo, lon_hi = min(s.lon for s in samples[a:b + 1]), max(s.lon for s in samples[a:b + 1])
    out: list[Obs] = []
    for region in regions():
        if region.lat_max < lat_lo or region.lat_min > lat_hi or region.lon_max < lon_lo or region.lon_min > lon_hi:
            continue
        inside = [region.contains(samples[i].lat, samples[i].lon) for i in range(a, b + 1)]
        out += [transit(samples, region, a + s, a + e) for s, e in passages(inside)]
    return out


def transit(samples: list[Sample], region: Region, s: int, e: int) -> Obs:
    entry, exit_ = samples[s], samples[e]
    return Obs("TRANSIT", s, e, [("region", region.name), ("kind", region.kind), ("lat", f"{entry.lat:.4f}"),
                                 ("lon", f"{entry.lon:.4f}")],
               [("exit_lat", f"{exit_.lat:.4f}"), ("exit_lon", f"{exit_.lon:.4f}")])


def passages(inside: list[bool]) -> list[tuple[int, int]]:
    """Runs of True that have a False on both sides."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for i, flag in enumerate(inside):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            if start > 0:
                runs.append((start, i - 1))
            start = None
    return runs
