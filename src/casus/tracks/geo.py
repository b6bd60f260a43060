"""Geography for tracks, offline: distances, the airports of ``airportsdata`` on a 1-degree grid,
ISO-3 codes, and the named regions (seas, straits, gulfs) of ``data/regions.yaml``."""

from __future__ import annotations

import csv
import functools
import io
import math
from dataclasses import dataclass
from importlib.resources import files

import airportsdata
import pycountry
import yaml

EARTH_KM = 6371.0088
DATA = files("casus.tracks") / "data"


@dataclass(frozen=True, slots=True)
class Airport:
    icao: str
    name: str
    city: str
    country: str  # ISO-3
    lat: float
    lon: float
    elevation_ft: float
    tz: str | None
    major: bool  # has an IATA code: served by scheduled traffic or large enough to be listed


@dataclass(frozen=True, slots=True)
class Region:
    name: str
    kind: str  # sea | strait | gulf | ...
    lat_min: float
    lat_max: float
    lon_min: float
    lon_max: float

    def contains(self, lat: float, lon: float) -> bool:
        return self.lat_min <= lat <= self.lat_max and self.lon_min <= lon <= self.lon_max


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


def bearing_deg(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Initial great-circle bearing from the first point to the second, 0-360."""
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    y = math.sin(dl) * math.cos(p2)
    x = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return math.degrees(math.atan2(y, x)) % 360.0


def turn_deg(h1: float, h2: float) -> float:
    """Signed smallest turn from heading h1 to heading h2, in (-180, 180]."""
    d = (h2 - h1) % 360.0
    return d - 360.0 if d > 180.0 else d


@functools.cache
def iso3(alpha2: str) -> str | None:
    """ISO-3 code of an ISO-2 code (airportsdata uses ISO-2); Kosovo's XK has no ISO entry."""
    country = pycountry.countries.get(alpha_2=alpha2.upper()) if alpha2 else None
    return country.alpha_3 if country else ("XKX" if alpha2.upper() == "XK" else None)


@functools.cache
def country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_3=code)
    return getattr(country, "common_name", None) or country.name if country else code


@functools.cache
def airports() -> dict[str, Airport]:
    """Every airport with an ICAO code, keyed by it."""
    out: dict[str, Airport] = {}
    fixes = airport_fixes()
    for icao, a in airportsdata.load("ICAO").items():
        a = {**a, **fixes.get(icao, {})}
        out[icao] = Airport(icao=icao, name=a["name"], city=a.get("city") or "", country=iso3(a["country"]) or "",
                            lat=float(a["lat"]), lon=float(a["lon"]), elevation_ft=float(a.get("elevation") or 0.0),
                            tz=a.get("tz") or None, major=bool(a.get("iata")))
    return out


@functools.cache
def airport_fixes() -> dict[str, dict[str, float]]:
    """Positions ``data/airport_fixes.csv`` corrects (airportsdata has a few wrong upstream)."""
    raw = (DATA / "airport_fixes.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(io.StringIO("\n".join(ln for ln in raw.splitlines() if not ln.startswith("#"))))
    return {r["icao"]: {"lat": float(r["lat"]), "lon": float(r["lon"])} for r in rows}


@functools.cache
def airport_grid() -> dict[tuple[int, int], tuple[Airport, ...]]:
    grid: dict[tuple[int, int], list[Airport]] = {}
    for airport in airports().values():
        grid.setdefault((math.floor(airport.lat), math.floor(airport.lon)), []).append(airport)
    return {k: tuple(v) for k, v in grid.items()}


def airports_near(lat: float, lon: float, radius_km: float) -> list[tuple[float, Airport]]:
    """Airports within ``radius_km`` (up to about 100 km), nearest first, with their distance."""
    grid = airport_grid()
    cells = max(1, math.ceil(radius_km / 111.0 / max(0.05, math.cos(math.radians(lat)))))
    found: list[tuple[float, Airport]] = []
    for dy in (-1, 0, 1):
        for dx in range(-cells, cells + 1):
            lon_cell = (math.floor(lon) + dx + 180) % 360 - 180
            for a in grid.get((math.floor(lat) + dy, lon_cell), ()):
                d = haversine_km(lat, lon, a.lat, a.lon)
                if d <= radius_km:
                    found.append((d, a))
    return sorted(found, key=lambda x: (x[0], x[1].icao))


def touchdown_airport(lat: float, lon: float, radius_km: float, major_bonus_km: float = 2.0) -> Airport | None:
    """The airport a touchdown or lift-off point belongs to: the nearest within the radius, where an
    airport with an IATA code counts ``major_bonus_km`` nearer (a heliport or strip sits beside many
    large airports, whose reference point can lie kilometres from the runway ends)."""
    near = airports_near(lat, lon, radius_km)
    if not near:
        return None
    return min(near, key=lambda x: (x[0] - (major_bonus_km if x[1].major else 0.0), x[1].icao))[1]


def nearest_airport(lat: float, lon: float, radius_km: float = 400.0) -> tuple[float, Airport] | None:
    """The nearest airport of any size, searching outwards up to ``radius_km``."""
    for r in (25.0, 100.0, radius_km):
        near = airports_near(lat, lon, r) if r <= 110.0 else _scan(lat, lon, r)
        if near:
            return near[0]
    return None


def _scan(lat: float, lon: float, radius_km: float) -> list[tuple[float, Airport]]:
    found = [(d, a) for a in airports().values() if (d := haversine_km(lat, lon, a.lat, a.lon)) <= radius_km]
    return sorted(found, key=lambda x: (x[0], x[1].icao))


@functools.cache
def regions() -> tuple[Region, ...]:
    """The named regions a transit is reported for (coarse boxes: see docs/tracks.md)."""
    raw = yaml.safe_load((DATA / "regions.yaml").read_text(encoding="utf-8"))
    return tuple(Region(r["name"], r["kind"], *(float(v) for v in r["box"])) for r in raw["regions"])


def region_at(lat: float, lon: float) -> Region | None:
    """The smallest named region that holds the point, if any."""
    inside = [r for r in regions() if r.contains(lat, lon)]
    return min(inside, key=lambda r: ((r.lat_max - r.lat_min) * (r.lon_max - r.lon_min), r.name), default=None)


def compass(deg: float) -> str:
    points = ("N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW")
    return points[round(deg / 22.5) % 16]
